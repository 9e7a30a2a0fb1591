"""Gallring on a constructed data set (docs/regler.md: Gallring och registerutdrag)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from bistand import gallring, services
from bistand.models import Akt, Gallringsforslag, Notis

pytestmark = pytest.mark.django_db

IDAG = datetime.date(2027, 3, 1)
GAMMAL = datetime.datetime(2020, 6, 1, 12, tzinfo=datetime.UTC)
NY = datetime.datetime(2024, 1, 10, 12, tzinfo=datetime.UTC)


@pytest.fixture
def avdelningschef(skapa_anvandare):
    return skapa_anvandare("avdchef", "Avdelningschef")


@pytest.fixture
def hushall(enhet, nytt_personnummer):
    """Build an Akt whose last entry is `senast`, with members (roll, birth date)."""

    def bygg(senast, *medlemmar, aldrig: str = "") -> tuple[Akt, list]:
        personer = [
            services.person_registrera(
                identitet=nytt_personnummer(fodd), fornamn=f"P{fodd:%d}", efternamn="Test"
            )
            for _, fodd in medlemmar
        ]
        akt = services.akt_skapa(enhet=enhet, sokande=personer[0], fran=datetime.date(2019, 1, 1))
        for (roll, _), person in zip(medlemmar[1:], personer[1:], strict=True):
            services.hushall_medlem_lagg_till(
                hushall=akt.hushall, person=person, roll=roll, fran=datetime.date(2019, 1, 1)
            )
        Akt.objects.filter(pk=akt.pk).update(skapad=senast, gallras_aldrig=aldrig)
        return akt, personer

    return bygg


@pytest.fixture
def dataset(hushall):
    return {
        "gallras": hushall(GAMMAL, ("sokande", datetime.date(1980, 3, 10))),
        "forskning": hushall(GAMMAL, ("sokande", datetime.date(1980, 3, 15))),
        "aldrig": hushall(GAMMAL, ("sokande", datetime.date(1979, 4, 2)), aldrig="placering"),
        "barn": hushall(
            GAMMAL, ("sokande", datetime.date(1975, 2, 11)), ("barn", datetime.date(2005, 6, 1))
        ),
        "barn_over_30": hushall(
            GAMMAL, ("sokande", datetime.date(1950, 2, 11)), ("barn", datetime.date(1990, 6, 1))
        ),
        "ny": hushall(NY, ("sokande", datetime.date(1981, 8, 8))),
        "blandat": hushall(
            GAMMAL,
            ("sokande", datetime.date(1970, 1, 12)),
            ("medsokande", datetime.date(1972, 5, 25)),
        ),
    }


def atgarder(forslag) -> dict[int, tuple[str, str]]:
    return {r.person_id: (r.atgard, r.lagrum) for r in forslag.rader.all()}


def test_the_proposal_culls_exactly_the_persons_without_an_exception(
    dataset, namnd, avdelningschef
):
    forslag = gallring.gallringsforslag_skapa(namnd=namnd, idag=IDAG)
    rader = atgarder(forslag)
    p = {k: v[1] for k, v in dataset.items()}
    assert {pid for pid, (atgard, _) in rader.items() if atgard == "gallras"} == {
        p["gallras"][0].pk,
        p["barn_over_30"][0].pk,
        p["barn_over_30"][1].pk,
    }
    assert rader[p["forskning"][0].pk] == ("bevaras", "SoF 13 kap. 1 §")
    assert rader[p["aldrig"][0].pk] == ("bevaras", "SoL 16 kap. 2 §")
    assert rader[p["barn"][1].pk] == ("bevaras", "SoL 16 kap. 2 a §")
    assert rader[p["ny"][0].pk] == ("bevaras", "SoL 16 kap. 1 §")
    # Every person is in the report, once.
    assert forslag.rader.count() == sum(len(v[1]) for v in dataset.values())
    rad = forslag.rader.get(person=p["gallras"][0])
    assert rad.senaste_anteckning == datetime.date(2020, 6, 1)
    assert rad.gallras_senast_ar == 2026


def test_a_household_akt_is_kept_whole_while_one_member_is_kept(dataset, namnd):
    forslag = gallring.gallringsforslag_skapa(namnd=namnd, idag=IDAG)
    rader = atgarder(forslag)
    vuxen_med_barn = dataset["barn"][1][0]
    sokande, medsokande_forskning = dataset["blandat"][1]
    assert rader[vuxen_med_barn.pk] == ("bevaras", "SoL 16 kap. 2 a §")
    assert rader[medsokande_forskning.pk] == ("bevaras", "SoF 13 kap. 1 §")
    assert rader[sokande.pk] == ("bevaras", "SoF 13 kap. 1 §")
    assert "hushållsakt som bevaras" in forslag.rader.get(person=sokande).skal


def test_a_research_municipality_keeps_everyone_and_no_proposal_is_made(dataset, namnd):
    namnd.gallring_forskningskommun = True
    namnd.save()
    assert gallring.gallringsforslag_skapa(namnd=namnd, idag=IDAG) is None


def test_the_last_entry_counts_from_the_journal_and_the_applications(
    dataset, namnd, handlaggare, skicka_in_ansokan
):
    _, (person,) = dataset["gallras"]
    skicka_in_ansokan(person, datetime.date(2023, 5, 2))
    forslag = gallring.gallringsforslag_skapa(namnd=namnd, idag=IDAG)
    assert atgarder(forslag)[person.pk] == ("bevaras", "SoL 16 kap. 1 §")


@pytest.fixture
def skicka_in_ansokan(handlaggare):
    from ansokan import services as ansokan_services
    from ansokan.models import Posttyp

    def skicka(person, mottagen):
        ansokan_services.ansokan_registrera(
            sokande=person,
            av=handlaggare,
            typ="nyansokan",
            kanal="papper",
            mottagen=mottagen,
            poster=[(Posttyp.objects.get(kod="forsorjningsstod"), None, "")],
        )

    return skicka


def test_the_job_is_never_silent_and_waits_for_a_person(dataset, namnd, avdelningschef):
    assert gallring.gallring_jobb(IDAG) == 1
    forslag = Gallringsforslag.objects.get()
    assert forslag.status == "foreslagen"
    notis = Notis.objects.get(mottagare=avdelningschef)
    assert "Gallringsförslag" in notis.text and notis.lank == f"/gallring/{forslag.pk}/"
    # Idempotent: the same year gives no second proposal.
    assert gallring.gallring_jobb(IDAG) == 0
    assert Gallringsforslag.objects.count() == 1


def test_the_avdelningschef_reviews_and_the_report_is_kept(
    dataset, namnd, avdelningschef, handlaggare, client
):
    forslag = gallring.gallringsforslag_skapa(namnd=namnd, idag=IDAG)
    client.force_login(handlaggare)
    assert client.get(f"/gallring/{forslag.pk}/").status_code == 404
    client.force_login(avdelningschef)
    sida = client.get(f"/gallring/{forslag.pk}/").content.decode()
    assert "Gallras (3)" in sida and "SoL 16 kap. 2 a §" in sida
    svar = client.post(f"/gallring/{forslag.pk}/", {"beslut": "avbryt", "kommentar": ""})
    assert "Skriv varför gallringen avbryts" in svar.content.decode()
    svar = client.post(f"/gallring/{forslag.pk}/", {"beslut": "godkann"})
    assert svar.status_code == 302
    forslag.refresh_from_db()
    assert forslag.status == "godkand" and forslag.granskad_av == avdelningschef
    assert forslag.granskad <= timezone.now()
    assert forslag.rader.count() == 10
    assert "Godkänd" in client.get("/gallring/").content.decode()


def test_a_journal_entry_is_a_last_entry(dataset, namnd, handlaggare):
    from bistand.models import JournalAnteckning

    akt, (person,) = dataset["gallras"]
    anteckning = services.journal_skriv(
        akt=akt, av=handlaggare, kontakttyp="telefon", text="Samtal om hyran."
    )
    JournalAnteckning.objects.filter(pk=anteckning.pk).update(
        skapad=datetime.datetime(2023, 9, 1, 9, tzinfo=datetime.UTC),
        handelse_datum=datetime.date(2023, 9, 1),
    )
    forslag = gallring.gallringsforslag_skapa(namnd=namnd, idag=IDAG)
    rad = forslag.rader.get(person=person)
    assert (rad.atgard, rad.senaste_anteckning) == ("bevaras", datetime.date(2023, 9, 1))


def test_the_menu_links_to_gallring_for_the_roles_the_matrix_lets_in(
    client, avdelningschef, handlaggare, kvalitet
):
    from bistand.behorighet import MATRIS

    assert MATRIS["gallring-lista"].get == {"Avdelningschef"}
    client.force_login(avdelningschef)
    sida = client.get("/gallring/")
    assert '<a href="/gallring/" aria-current="page">Gallring</a>' in sida.content.decode()
    for annan in (handlaggare, kvalitet):
        client.force_login(annan)
        assert 'href="/gallring/"' not in client.get("/").content.decode()
