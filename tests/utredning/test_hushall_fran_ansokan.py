"""The persons the applicant declared in the ansökan become a proposal on the utredning page
that the handläggare confirms in one action; the norm and the barnkonsekvens requirement then
count them, and a protected identity stays hidden (docs/regler.md: Utredning; docs/regler.md:
Behörighet och skyddade personuppgifter)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from barnkonsekvens.regler import barnkonsekvens_krav
from bistand import services as bistand_services
from bistand.models import Atkomstlogg, Handelse, Notis
from utredning import selectors, services

pytestmark = pytest.mark.django_db

IDAG = dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _tid():
    with time_machine.travel(IDAG, tick=False):
        yield


def _uppgifter(*barn):
    return {"hushall": {"har_medsokande": False, "barn": list(barn)}}


def _barn(pnr, fornamn, boende="bor", dagar=None):
    return {"fornamn": fornamn, "personnummer": pnr, "boende": boende, "umgangesdagar": dagar}


def test_declared_children_are_proposed_and_join_the_household_in_one_action(
    client, handlaggare, akt, registrera, nytt_personnummer
):
    alva = nytt_personnummer(dt.date(2018, 3, 4), kvinna=True)
    bo = nytt_personnummer(dt.date(2021, 6, 7))
    ansokan = registrera(
        akt,
        poster=("forsorjningsstod", "hyra", "umgangesresor"),
        uppgifter=_uppgifter(_barn(alva, "Alva"), _barn(bo, "Bo", "umgange", 8)),
    )
    services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    client.force_login(handlaggare)
    url = f"/ansokningar/{ansokan.pk}/utredning/"

    text = client.get(url).content.decode()
    assert "Sökanden har uppgett fler i hushållet" in text
    assert "Alva" in text and "Bo" in text
    assert "Lägg till 2 från ansökan och bekräfta hushållet" in text
    assert barnkonsekvens_krav(ansokan=ansokan).barn == []

    svar = client.post(url + "hushall/")
    assert svar.status_code == 302

    medlemmar = {m.person.fornamn: m for m in akt.hushall.medlemmar.select_related("person")}
    assert medlemmar["Alva"].roll == "barn" and medlemmar["Alva"].umgangesdagar is None
    assert medlemmar["Bo"].boende == "umgange" and medlemmar["Bo"].umgangesdagar == 8
    assert medlemmar["Alva"].fran == dt.date(2026, 11, 1)
    underlag = selectors.hushall_berakningsunderlag(akt.hushall, dt.date(2026, 11, 1))
    assert [p["roll"] for p in underlag["personer"]] == ["sokande", "barn", "barn"]
    assert [p.fornamn for p in barnkonsekvens_krav(ansokan=ansokan).barn] == ["Bo"]
    assert Handelse.objects.filter(typ_id="hushall.bekraftat", ansokan_id=ansokan.pk).exists()
    ansokan.utredning.refresh_from_db()
    assert ansokan.utredning.hushall_bekraftat == dt.date(2026, 11, 20)

    text = client.get(url).content.decode()
    assert "Sökanden har uppgett fler i hushållet" not in text
    assert "Bekräfta hushållets uppgifter" in text
    # confirming again adds no one twice
    client.post(url + "hushall/")
    assert akt.hushall.medlemmar.count() == 3


def test_a_child_already_in_the_household_is_not_proposed(
    client, handlaggare, skapa_akt, enhet, registrera
):
    akt = skapa_akt(enhet, handlaggare, barn=1)
    barn = akt.hushall.medlemmar.get(roll="barn").person
    ansokan = registrera(akt, uppgifter=_uppgifter(_barn(barn.identitet, "Barn0")))
    assert selectors.hushall_forslag(ansokan) == []


def test_a_declared_protected_child_joins_without_revealing_name_or_protection(
    client, handlaggare, enhetschef, akt, registrera, nytt_personnummer
):
    skyddad = bistand_services.person_registrera(
        identitet=nytt_personnummer(dt.date(2017, 2, 2)),
        fornamn="Hemliga",
        efternamn="Hemlighetsson",
        skydd="skyddad_folkbokforing",
    )
    ansokan = registrera(akt, uppgifter=_uppgifter(_barn(skyddad.identitet, "Skrivet")))
    services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    client.force_login(handlaggare)
    url = f"/ansokningar/{ansokan.pk}/utredning/"
    text = client.get(url).content.decode()
    assert "Hemlig" not in text and "Skyddad" not in text

    svar = client.post(url + "hushall/", follow=True)
    text = svar.content.decode()
    assert "Hemlig" not in text
    assert "Skyddad folkbokföring" not in text
    assert akt.hushall.medlemmar.filter(person=skyddad, roll="barn").exists()
    assert Atkomstlogg.objects.filter(
        sida="personnummer-uppslag", person_id=skyddad.pk, anvandarnamn="agare"
    ).exists()
    assert Notis.objects.filter(mottagare=enhetschef, lank__contains="medgivanden").exists()


def test_the_applicants_own_account_is_the_first_text_of_the_berattelse(
    client, handlaggare, akt, registrera
):
    ansokan = registrera(
        akt,
        uppgifter={"berattelse": {"berattelse": "Jag blev av med jobbet.", "planer": "Söka jobb."}},
    )
    client.force_login(handlaggare)
    client.post(f"/ansokningar/{ansokan.pk}/utredning/starta/")
    text = client.get(f"/ansokningar/{ansokan.pk}/utredning/").content.decode()
    assert "Jag blev av med jobbet." in text
    assert "Söka jobb." in text
