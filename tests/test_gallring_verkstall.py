"""An approved gallring proposal is executed (SoL 2025:400 16 kap. 1 §; docs/regler.md: Gallring
och registerutdrag): each app removes its own rows of the culled personakt, past the append-only
guards only on this path; the record of what was removed is kept, without case data; other
cases are untouched."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from ansokan.models import Ansokan
from beslut import services as beslut_services
from beslut.models import Beslut, Beslutsbrev, Overklagande
from bistand import gallring, services
from bistand.models import Akt, Gallringsforslag, Handelse, JournalAnteckning, Person
from tests.beslut.conftest import post_beslut, skapa_utredd  # noqa: F401 - fixture
from utredning.models import Utredning

pytestmark = pytest.mark.django_db

# Everything is made today; the gallring runs as if six years had passed.
SEDAN = timezone.localdate() + datetime.timedelta(days=6 * 366)


@pytest.fixture
def avdelningschef(skapa_anvandare):
    return skapa_anvandare("avdchef", "Avdelningschef")


@pytest.fixture
def fall(enhet, handlaggare, nytt_personnummer, skapa_utredd):  # noqa: F811
    """An Akt with an application, utredning, decision (a sent letter, its PDF stored), a signed
    journal entry and events, for one person born on `dag`."""

    def bygg(dag: int) -> tuple[Akt, Person]:
        person = services.person_registrera(
            identitet=nytt_personnummer(datetime.date(1980, 3, dag)),
            fornamn=f"Person{dag}",
            efternamn="Gallringsson",
        )
        akt = services.akt_skapa(enhet=enhet, sokande=person, fran=datetime.date(2020, 1, 1))
        ansokan = skapa_utredd(akt, handlaggare)
        brev = beslut_services.beslut_fatta(
            ansokan=ansokan, av=handlaggare, poster=[post_beslut(ansokan)]
        )
        fil = Path(settings.FILE_STORAGE_DIR) / "beslut" / f"gallring-{dag}.pdf"
        fil.parent.mkdir(parents=True, exist_ok=True)
        fil.write_bytes(b"%PDF-1.7 test")
        # As the renderer leaves it: sent, so the database guard protects it.
        Beslutsbrev.objects.filter(pk=brev.pk).update(
            sokvag=f"beslut/gallring-{dag}.pdf", sha256="a" * 64
        )
        anteckning = services.journal_skriv(
            akt=akt, av=handlaggare, kontakttyp="telefon", text="Samtal om hyran."
        )
        services.journal_signera(anteckning=anteckning, av=handlaggare)
        return akt, person

    return bygg


def _godkant(namnd, avdelningschef) -> Gallringsforslag:
    forslag = gallring.gallringsforslag_skapa(namnd=namnd, idag=SEDAN)
    return gallring.gallringsforslag_granska(forslag=forslag, av=avdelningschef, godkann=True)


def _rader(akt: Akt) -> dict[str, int]:
    ansokningar = Ansokan.objects.filter(akt=akt)
    return {
        "akt": Akt.objects.filter(pk=akt.pk).count(),
        "ansokan": ansokningar.count(),
        "utredning": Utredning.objects.filter(ansokan__in=ansokningar).count(),
        "beslut": Beslut.objects.filter(brev__ansokan__in=ansokningar).count(),
        "brev": Beslutsbrev.objects.filter(ansokan__in=ansokningar).count(),
        "journal": JournalAnteckning.objects.filter(akt=akt).count(),
        "handelser": Handelse.objects.filter(akt=akt).count(),
    }


def test_an_approved_proposal_removes_the_culled_personakt_and_keeps_the_record(
    fall, namnd, avdelningschef, django_capture_on_commit_callbacks
):
    gallras, person = fall(10)
    bevaras, forskning = fall(15)  # born on the 15th: kept for research (SoF 13 kap. 1 §)
    fore = _rader(bevaras)
    assert all(fore.values()) and all(_rader(gallras).values())
    forslag = _godkant(namnd, avdelningschef)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("gallra", f"--datum={SEDAN}")

    forslag.refresh_from_db()
    assert forslag.verkstalld is not None
    assert not any(_rader(gallras).values())
    assert not Person.objects.filter(pk=person.pk).exists()
    assert not (Path(settings.FILE_STORAGE_DIR) / "beslut" / "gallring-10.pdf").exists()
    # Other cases untouched, their letter's file too.
    assert _rader(bevaras) == fore and Person.objects.filter(pk=forskning.pk).exists()
    assert (Path(settings.FILE_STORAGE_DIR) / "beslut" / "gallring-15.pdf").exists()
    # The record: counts per kind and the report rows, with no case data.
    assert forslag.raderat["bistand.Akt"] == 1
    assert forslag.raderat["ansokan.Ansokan"] == 1
    assert forslag.raderat["beslut.Beslutsbrev"] == 1
    assert forslag.raderat["bistand.Handelse"] >= 3
    assert forslag.raderat["bistand.JournalAnteckning"] == 1
    rad = forslag.rader.get(atgard="gallras")
    assert rad.person_id is None and rad.aktnummer == gallras.aktnummer
    assert rad.fodelsedatum == datetime.date(1980, 3, 10)
    assert "Gallringsson" not in str(forslag.raderat) + str(list(forslag.rader.values()))
    # Idempotent.
    call_command("gallra", f"--datum={SEDAN}")
    forslag.refresh_from_db()
    assert forslag.raderat["bistand.Akt"] == 1


def test_a_new_entry_after_the_proposal_keeps_the_person_at_execution(
    fall, namnd, avdelningschef, handlaggare
):
    akt, person = fall(10)
    forslag = _godkant(namnd, avdelningschef)
    services.journal_skriv(
        akt=akt,
        av=handlaggare,
        kontakttyp="telefon",
        text="Ringde igen.",
        handelse_datum=SEDAN - datetime.timedelta(days=1),
    )
    forslag = gallring.gallringsforslag_verkstall(forslag=forslag, idag=SEDAN)
    assert Akt.objects.filter(pk=akt.pk).exists() and Person.objects.filter(pk=person.pk).exists()
    rad = forslag.rader.get(person=person)
    assert rad.atgard == "bevaras" and "Bevaras vid verkställandet" in rad.skal
    assert "bistand.Akt" not in forslag.raderat


def test_only_an_approved_proposal_is_executed(fall, namnd, avdelningschef):
    from django.core.exceptions import ValidationError

    fall(10)
    forslag = gallring.gallringsforslag_skapa(namnd=namnd, idag=SEDAN)
    with pytest.raises(ValidationError, match="godkänt"):
        gallring.gallringsforslag_verkstall(forslag=forslag, idag=SEDAN)
    assert Akt.objects.count() == 1


def test_outside_the_gallring_the_guards_still_refuse_deletion(fall):
    akt, _ = fall(10)
    for qs in (
        Handelse.objects.filter(akt=akt),
        JournalAnteckning.objects.filter(akt=akt, signerad__isnull=False),
        Beslutsbrev.objects.filter(ansokan__akt=akt),
    ):
        assert qs.exists()
        with pytest.raises(IntegrityError), transaction.atomic():
            qs._raw_delete(qs.db)
        assert qs.exists()


def test_the_page_shows_what_was_removed(client, fall, namnd, avdelningschef):
    fall(10)
    forslag = _godkant(namnd, avdelningschef)
    client.force_login(avdelningschef)
    assert "manage.py gallra" in client.get(f"/gallring/{forslag.pk}/").content.decode()
    gallring.gallringsforslag_verkstall(forslag=forslag, idag=SEDAN)
    sida = client.get(f"/gallring/{forslag.pk}/").content.decode()
    assert "Verkställd" in sida and "ansokan.Ansokan" in sida


def test_a_culled_personakt_with_an_appeal_is_removed_with_it(
    fall, namnd, avdelningschef, handlaggare, django_capture_on_commit_callbacks
):
    # The appeal points at its Akt as well as at its decision (both protected foreign keys):
    # the gallring must remove it before the decision and the Akt.
    gallras, _ = fall(12)
    beslut = Beslut.objects.filter(brev__ansokan__akt=gallras).first()
    beslut_services.overklagande_registrera(
        beslut=beslut, text="Jag överklagar.", inkommen=timezone.localdate(), av=handlaggare
    )
    assert Overklagande.objects.filter(akt=gallras).count() == 1
    _godkant(namnd, avdelningschef)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("gallra", f"--datum={SEDAN}")

    assert not Akt.objects.filter(pk=gallras.pk).exists()
    assert not Overklagande.objects.filter(beslut=beslut).exists()
