"""Every list and case page costs the same number of queries with 5 and with 50 rows of what it
shows (docs/prestanda.md; a page that reads per row would grow): the utredning and beslut
pages of an ansökan, the Akt page, the journal, the worklist of a handläggare and a förste
socialsekreterare, the start page's Akter and the applicant's Mina sidor. Each test fills 5,
measures, fills up to 50 and measures again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ansokan import services as ansokan_services
from ansokan.inloggning import PERSON, SENAST
from ansokan.models import Posttyp
from bistand import services as kart
from utredning import services as utredning_services
from utredning.models import Kommunicering, Kontroll, Varning

pytestmark = pytest.mark.django_db

IDAG = dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)
FA, MANGA = 5, 50


@pytest.fixture(autouse=True)
def _tid():
    with time_machine.travel(IDAG, tick=False):
        yield


@pytest.fixture(autouse=True)
def _ritas_varje_gang(settings):
    """The pages drawn on every request: a page kept while its Akt is unchanged
    (bistand.sidminne) reads nothing of what it shows, and this counts what drawing it reads."""
    settings.SIDMINNE = False


@pytest.fixture
def forste(skapa_anvandare, enhet):
    return skapa_anvandare("forste", "Förste socialsekreterare", enhet)


def _fragor(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as fangade:
        svar = client.get(url)
    assert svar.status_code == 200, url
    return [q["sql"] for q in fangade.captured_queries]


def _lika_manga(client, url: str, fyll: Callable[[int, int], None], *, rakningar: int = 0) -> None:
    """Fill rows 0–4, measure, fill rows 5–49, measure: the counts must be equal (the first
    request of a session, and the first after a change to grunddata (bistand.grunddataversion),
    does more, so the page is opened once before each), but for the
    `rakningar` COUNT queries of a paged list that has grown longer than its first page
    (`bistand.sidindelning.sida_av` reads a list that fits without them)."""
    fyll(0, FA)
    client.get(url)
    fa = _fragor(client, url)
    fyll(FA, MANGA)
    client.get(url)  # grunddata written by `fyll` (post kinds) are read once anew
    manga = _fragor(client, url)
    assert len(manga) == len(fa) + rakningar, "\n".join(manga)


def _posttyper(antal: int) -> list[Posttyp]:
    """`antal` kinds of post, löpande and one-off alternately, so an ansökan can hold 50
    posts (one per kind)."""
    return [
        Posttyp.objects.get_or_create(
            kod=f"provpost-{i}", defaults={"namn": f"Provpost {i}", "lopande": i % 2 == 0}
        )[0]
        for i in range(antal)
    ]


def _ansokan(akt, handlaggare, poster: list[Posttyp]):
    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    ansokan, _ = ansokan_services.ansokan_registrera(
        sokande=sokande,
        av=handlaggare,
        typ="nyansokan",
        kanal="papper",
        mottagen=dt.date(2026, 11, 2),
        poster=[(p, Decimal(1000 + i), "") for i, p in enumerate(poster)],
    )
    return ansokan


def _lagg_till_poster(ansokan, fran: int, till: int, *, forslag: bool, av) -> None:
    """Posts `fran`..`till` of the test's kinds on the ansökan, each with a förslag."""
    typer = _posttyper(till)[fran:till]
    for i, typ in enumerate(typer, start=fran):
        post = ansokan.poster.create(posttyp=typ, belopp=Decimal(1000 + i))
        if forslag:
            utredning_services.forslag_spara(
                utredning=ansokan.utredning,
                post=post,
                utfall="bifall",
                av=av,
                belopp=Decimal(900 + i),
                motivering="",
            )


def _barn(akt, fran: int, till: int, nytt_personnummer) -> None:
    for i in range(fran, till):
        barn = kart.person_registrera(
            identitet=nytt_personnummer(dt.date(2012, 1, 1) + dt.timedelta(days=40 * i)),
            fornamn=f"Barn{i}",
            efternamn="Sökande",
        )
        kart.hushall_medlem_lagg_till(
            hushall=akt.hushall, person=barn, roll="barn", fran=dt.date(2026, 1, 1)
        )


def test_the_utredning_page_reads_the_same_with_5_and_50_posts_controls_and_members(
    client, handlaggare, akt, nytt_personnummer
):
    ansokan = _ansokan(akt, handlaggare, [])
    utredning = utredning_services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    ansokan.refresh_from_db()

    def fyll(fran: int, till: int) -> None:
        _lagg_till_poster(ansokan, fran, till, forslag=True, av=handlaggare)
        Kontroll.objects.bulk_create(
            Kontroll(utredning=utredning, namn=f"Kontroll {i}") for i in range(fran, till)
        )
        Varning.objects.bulk_create(
            Varning(utredning=utredning, typ="ny_inkomst", nyckel=f"v{i}", text=f"Varning {i}")
            for i in range(fran, till)
        )
        Kommunicering.objects.bulk_create(
            Kommunicering(
                utredning=utredning,
                vad=f"Uppgift {i}",
                skickad=dt.date(2026, 11, 3),
                svara_senast=dt.date(2026, 11, 30),
                skickad_av=handlaggare,
                # Every other one answered: an answer shows the files that came with it.
                besvarad=dt.date(2026, 11, 10) if i % 2 else None,
                svar=f"Svar {i}" if i % 2 else "",
            )
            for i in range(fran, till)
        )
        _barn(akt, fran, till, nytt_personnummer)

    client.force_login(handlaggare)
    _lika_manga(client, f"/ansokningar/{ansokan.pk}/utredning/", fyll)


def test_the_beslut_page_reads_the_same_with_5_and_50_undecided_posts(client, handlaggare, akt):
    ansokan = _ansokan(akt, handlaggare, [])
    utredning_services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    ansokan.refresh_from_db()
    client.force_login(handlaggare)
    _lika_manga(
        client,
        f"/ansokningar/{ansokan.pk}/beslut/",
        lambda fran, till: _lagg_till_poster(ansokan, fran, till, forslag=True, av=handlaggare),
    )


def test_the_akt_page_reads_the_same_with_5_and_50_ansokningar_entries_and_deadlines(
    client, handlaggare, akt, nytt_personnummer
):
    typ = Posttyp.objects.get(kod="forsorjningsstod")

    def fyll(fran: int, till: int) -> None:
        for i in range(fran, till):
            _ansokan(akt, handlaggare, [typ])
            kart.journal_skriv(
                akt=akt, av=handlaggare, kontakttyp="telefon", text=f"Samtal nummer {i}."
            )
            kart.bevakning_skapa(
                typ="handlaggningsmal",
                akt=akt,
                objekt=kart.journal_skriv(
                    akt=akt, av=handlaggare, kontakttyp="telefon", text=f"Bevakat {i}."
                ),
                forfaller=dt.date(2026, 12, 1) + dt.timedelta(days=i),
                agare=handlaggare,
            )
        _barn(akt, fran, till, nytt_personnummer)

    client.force_login(handlaggare)
    _lika_manga(client, f"/akter/{akt.pk}/", fyll)


def test_the_journal_reads_the_same_with_5_and_50_entries_and_events(client, handlaggare, akt):
    typ = Posttyp.objects.get(kod="forsorjningsstod")

    def fyll(fran: int, till: int) -> None:
        for i in range(fran, till):
            kart.journal_skriv(
                akt=akt, av=handlaggare, kontakttyp="telefon", text=f"Samtal nummer {i}."
            )
            _ansokan(akt, handlaggare, [typ])  # events in the Akt's history

    client.force_login(handlaggare)
    # 100 rows overflow the page of 50: the COUNTs of the entries and of the events.
    _lika_manga(client, f"/akter/{akt.pk}/journal/", fyll, rakningar=2)


def _arenden(enhet, skapa_akt, handlaggare, registrera_av):
    """Open ärenden in the Enhet, half of them the handläggare's, each with an answered
    kommunicering not yet read (a worklist task)."""
    typ = Posttyp.objects.get(kod="forsorjningsstod")

    def fyll(fran: int, till: int) -> None:
        for i in range(fran, till):
            akt = skapa_akt(enhet, handlaggare if i % 2 else None)
            ansokan = _ansokan(akt, registrera_av, [typ])
            utredning = utredning_services.utredning_oppna(ansokan=ansokan, av=registrera_av)
            Kommunicering.objects.create(
                utredning=utredning,
                vad="Uppgifter från Försäkringskassan",
                skickad=dt.date(2026, 11, 3),
                svara_senast=dt.date(2026, 11, 17),
                skickad_av=registrera_av,
                besvarad=dt.date(2026, 11, 10),
                svar=f"Svar {i}",
                svar_kanal="etjanst",
            )

    return fyll


def test_the_handlaggares_worklist_reads_the_same_with_5_and_50_arenden(
    client, handlaggare, enhet, skapa_akt
):
    client.force_login(handlaggare)
    _lika_manga(client, "/arbetslista/", _arenden(enhet, skapa_akt, handlaggare, handlaggare))


def test_the_forstes_worklist_of_the_whole_enhet_reads_the_same_with_5_and_50_arenden(
    client, forste, handlaggare, enhet, skapa_akt
):
    client.force_login(forste)
    _lika_manga(
        client, "/arbetslista/?visa=alla", _arenden(enhet, skapa_akt, handlaggare, handlaggare)
    )


def test_the_start_page_reads_the_same_with_5_and_50_akter(
    client, skapa_anvandare, enhet, skapa_akt
):
    """Kvalitet's start page: the Akter of every Enhet of the nämnd, a page of 50 at a time,
    each with its applicant and household size (`bistand.selectors.akter_lista`)."""
    kvalitet = skapa_anvandare("kvalitet", "Kvalitet")

    def fyll(fran: int, till: int) -> None:
        for i in range(fran, till):
            skapa_akt(enhet, barn=1 if i < 3 else 0)

    client.force_login(kvalitet)
    _lika_manga(client, "/", fyll)  # 50 fill the page of 50 exactly: no COUNT either time


def test_mina_sidor_reads_the_same_with_5_and_50_ansokningar(client, handlaggare, akt):
    """The applicant's Mina sidor: a page of her ansökningar (12), each with its open
    kompletteringar, and what she has to do."""
    typ = Posttyp.objects.get(kod="forsorjningsstod")
    sokande = akt.hushall.medlemmar.get(roll="sokande").person

    def fyll(fran: int, till: int) -> None:
        for _ in range(fran, till):
            _ansokan(akt, handlaggare, [typ])

    session = client.session
    session[PERSON] = sokande.pk
    session[SENAST] = int(IDAG.timestamp())
    session.save()
    # 5 fit on the page of 12, 50 do not: the COUNT.
    _lika_manga(client, "/e-tjanst/", fyll, rakningar=1)
