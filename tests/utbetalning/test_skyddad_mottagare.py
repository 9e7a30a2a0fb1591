"""A payee with a protected identity (skyddade personuppgifter) is named only to staff with a
grant: on the Akt's payment page, the ansökan's payment panel, the account page, the letter's
payment rows and the payment views and file (docs/regler.md: Behörighet och skyddade
personuppgifter)."""

from __future__ import annotations

import datetime as dt

import pytest
from guardian.shortcuts import assign_perm

from bistand import services as bistand_services
from utbetalning import services
from utbetalning.models import Betalningsval, Utbetalningsorder
from utbetalning.selectors import utbetalningsavsnitt

pytestmark = pytest.mark.django_db
MANDAG = dt.date(2026, 11, 2)
NAMN = "Sara Sökande"


@pytest.fixture
def akt(skapa_akt, enhet, handlaggare):
    """The decided Akt: its applicant has a protected identity, the handläggare no grant."""
    return skapa_akt(enhet, handlaggare, skydd="skyddad_folkbokforing")


@pytest.fixture
def beslutad(kalender, besluta, akt, handlaggare, utan_stickprov):
    """The handläggare decides with a grant (a write needs one), which then ends."""
    from guardian.shortcuts import remove_perm

    assign_perm("bistand.visa_skyddad_akt", handlaggare, akt)
    brev = besluta({"forsorjningsstod": "9000"}, idag=MANDAG)
    remove_perm("bistand.visa_skyddad_akt", handlaggare, akt)
    order = Utbetalningsorder.objects.get()
    assert order.mottagare.person.skyddad and order.mottagare.namn == NAMN
    return brev


def _sidor(brev):
    return [
        f"/akter/{brev.ansokan.akt_id}/utbetalning/",
        f"/ansokningar/{brev.ansokan_id}/",
        f"/beslut/brev/{brev.pk}/",
    ]


def test_a_handlaggare_without_a_grant_sees_neither_the_pages_nor_the_name(
    client, beslutad, handlaggare
):
    client.force_login(handlaggare)
    for url in _sidor(beslutad):
        svar = client.get(url)
        assert svar.status_code == 404, url
        assert NAMN not in svar.content.decode()


def test_a_handlaggare_with_a_grant_sees_the_name_on_the_payment_page_and_panel(
    client, beslutad, handlaggare, akt
):
    assign_perm("bistand.visa_skyddad_akt", handlaggare, akt)
    client.force_login(handlaggare)
    akt_sida, ansokan_sida, brev_sida = _sidor(beslutad)
    assert NAMN in client.get(akt_sida).content.decode()
    panel = client.get(ansokan_sida).content.decode()
    assert "Utbetalningar" in panel and NAMN in panel
    assert client.get(brev_sida).status_code == 200


def test_the_ekonomiassistent_without_a_grant_never_sees_the_name(
    client, beslutad, namnd, handlaggare, ekonomi, ekonomi2
):
    order = Utbetalningsorder.objects.get()
    andring = services.kontoandring_foresla(
        mottagare=order.mottagare,
        kontotyp="bankkonto",
        clearingnummer="5000",
        kontonummer="1000004",
        av=handlaggare,
    )
    client.force_login(ekonomi)
    oversikt = client.get("/utbetalning/").content.decode()
    assert "Skyddad identitet" in oversikt and NAMN not in oversikt
    assert client.get(f"/utbetalning/mottagare/{order.mottagare_id}/konto/").status_code == 404
    services.kontoandring_besvara(andring=andring, av=ekonomi2, godkann=True)
    assert NAMN not in client.get("/utbetalning/").content.decode()
    fil = services.betalfil_skapa(namnd=namnd, dag=dt.date(2026, 11, 25), av=ekonomi)
    xml = client.get(f"/utbetalning/betalfil/{fil.pk}/").content.decode()
    assert "<Nm>Skyddad identitet</Nm>" in xml and NAMN not in xml


def test_the_letter_names_the_applicant_but_not_a_protected_co_applicant(
    kalender, skapa_akt, enhet, handlaggare, nytt_personnummer
):
    akt = skapa_akt(enhet, handlaggare)
    assign_perm("bistand.visa_skyddad_akt", handlaggare, akt)
    make = bistand_services.person_registrera(
        identitet=nytt_personnummer(),
        fornamn="Hemliga",
        efternamn="Hemlighetsson",
        skydd="skyddad_folkbokforing",
    )
    bistand_services.hushall_medlem_lagg_till(
        hushall=akt.hushall, person=make, roll="medsokande", fran=dt.date(2026, 1, 1)
    )
    namnd = akt.enhet.namnd
    for person in (akt.hushall.medlemmar.get(roll="sokande").person, make):
        Betalningsval.objects.create(
            akt=akt,
            mottagare=services.mottagare_for_person(namnd=namnd, person=person),
            andel=50,
            skapad_av=handlaggare,
        )
    # The module's `akt` is protected as a whole; this Akt's ansökan is decided directly.
    from ansokan import services as ansokan_services
    from ansokan.models import Posttyp
    from beslut.services import PostBeslut, beslut_fatta
    from tests.utbetalning.conftest import period_for
    from utredning import services as utredning_services

    a, _ = ansokan_services.ansokan_registrera(
        sokande=akt.hushall.medlemmar.get(roll="sokande").person,
        av=handlaggare,
        typ="nyansokan",
        kanal="papper",
        mottagen=MANDAG,
        poster=[(Posttyp.objects.get(kod="forsorjningsstod"), 9000, "")],
    )
    u = utredning_services.utredning_starta(ansokan=a, av=handlaggare)
    utredning_services.forslag_spara(
        utredning=u, post=a.poster.get(), utfall="bifall", av=handlaggare, belopp=9000
    )
    brev = beslut_fatta(
        ansokan=a,
        av=handlaggare,
        poster=[
            PostBeslut(
                post=a.poster.get(),
                utfall="bifall",
                lagrum_kod="sol-ratt-till-bistand",
                belopp=9000,
                **period_for(a, MANDAG),
            )
        ],
        idag=MANDAG,
    )
    namn = sorted(r["mottagare"] for r in utbetalningsavsnitt(brev))
    assert namn == [NAMN, "Skyddad identitet"]
