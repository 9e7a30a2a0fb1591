"""Registerutdrag (GDPR art. 15): asked in the e-tjänst, reviewed by staff, released as a PDF
without a co-member's data or internal notes (docs/regler.md: Registerutdrag)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from bistand import services
from bistand.models import Bevakning, Notis, Registerutdrag

from .ansokan.conftest import logga_in_sokande

pytestmark = pytest.mark.django_db


@pytest.fixture
def hushall_med_medsokande(akt, nytt_personnummer, handlaggare):
    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    medsokande = services.person_registrera(
        identitet=nytt_personnummer(), fornamn="Maja", efternamn="Medsökandesson"
    )
    services.hushall_medlem_lagg_till(
        hushall=akt.hushall, person=medsokande, roll="medsokande", fran=datetime.date(2026, 1, 1)
    )
    for text, typ in (("Samtal om hyran med Sara.", "telefon"), ("Intern bedömning.", "intern")):
        anteckning = services.journal_skriv(akt=akt, av=handlaggare, kontakttyp=typ, text=text)
        services.journal_signera(anteckning=anteckning, av=handlaggare)
    return sokande, medsokande


def test_the_request_gets_a_one_month_bevakning_and_a_notice(
    client, hushall_med_medsokande, akt, handlaggare
):
    sokande, _ = hushall_med_medsokande
    logga_in_sokande(client, sokande)
    assert "Begär registerutdrag" in client.get("/e-tjanst/registerutdrag/").content.decode()
    svar = client.post("/e-tjanst/registerutdrag/")
    assert svar.status_code == 302
    utdrag = Registerutdrag.objects.get(person=sokande)
    bevakning = Bevakning.objects.get(typ="registerutdrag", akt=akt)
    # The month is counted from the request's local day (after midnight in Sweden it is the
    # next day while UTC is still on the previous one).
    begard = timezone.localtime(utdrag.begard).date()
    assert (bevakning.forfaller - begard).days in range(28, 32)
    assert Notis.objects.filter(mottagare=handlaggare, lank=f"/registerutdrag/{utdrag.pk}/")


def test_nothing_is_released_before_a_person_has_reviewed_it(
    client, hushall_med_medsokande, utomstaende, handlaggare
):
    sokande, _ = hushall_med_medsokande
    logga_in_sokande(client, sokande)
    client.post("/e-tjanst/registerutdrag/")
    utdrag = Registerutdrag.objects.get()
    assert client.get(f"/e-tjanst/registerutdrag/{utdrag.pk}/pdf/").status_code == 404
    client.force_login(utomstaende)
    assert client.get(f"/registerutdrag/{utdrag.pk}/").status_code == 404
    assert client.post(f"/registerutdrag/{utdrag.pk}/").status_code == 404
    utdrag.refresh_from_db()
    assert utdrag.status == "begard"


def test_the_released_pdf_leaves_out_the_co_member_and_internal_notes(
    client, hushall_med_medsokande, handlaggare, akt
):
    sokande, medsokande = hushall_med_medsokande
    logga_in_sokande(client, sokande)
    client.post("/e-tjanst/registerutdrag/")
    utdrag = Registerutdrag.objects.get()

    client.force_login(handlaggare)
    granskning = client.get(f"/registerutdrag/{utdrag.pk}/").content.decode()
    assert sokande.identitet in granskning and medsokande.identitet not in granskning
    assert client.post(f"/registerutdrag/{utdrag.pk}/").status_code == 302
    utdrag.refresh_from_db()
    assert utdrag.status == "utlamnat" and utdrag.granskad_av == handlaggare
    assert not Bevakning.objects.filter(typ="registerutdrag", status="aktiv").exists()

    logga_in_sokande(client, sokande)
    svar = client.get(f"/e-tjanst/registerutdrag/{utdrag.pk}/pdf/")
    assert svar.status_code == 200
    text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(b"".join(svar.streaming_content))).pages
    )
    assert sokande.identitet in text and "Samtal om hyran" in text
    assert medsokande.identitet not in text and "Medsökandesson" not in text
    assert "Intern bedömning" not in text


def test_another_applicant_cannot_fetch_her_extract(client, hushall_med_medsokande, handlaggare):
    sokande, medsokande = hushall_med_medsokande
    logga_in_sokande(client, sokande)
    client.post("/e-tjanst/registerutdrag/")
    utdrag = Registerutdrag.objects.get()
    client.force_login(handlaggare)
    client.post(f"/registerutdrag/{utdrag.pk}/")
    client.logout()
    logga_in_sokande(client, medsokande)
    assert client.get(f"/e-tjanst/registerutdrag/{utdrag.pk}/pdf/").status_code == 404


def _text(client, utdrag) -> str:
    svar = client.get(f"/e-tjanst/registerutdrag/{utdrag.pk}/pdf/")
    assert svar.status_code == 200
    return "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(b"".join(svar.streaming_content))).pages
    )


def test_the_reviewer_leaves_out_an_entry_with_a_reason_and_the_extract_says_so(
    client, hushall_med_medsokande, handlaggare, kvalitet, akt
):
    """An entry about another person (here a journal note naming a third party) or secret
    towards her (OSL 26 kap. 5 §) is struck before release; the PDF says "Uppgift utelämnad"
    with the reason, and the struck text is nowhere in it or in what is stored."""
    from bistand import registerutdrag
    from bistand.models import Utelamning

    sokande, _ = hushall_med_medsokande
    anteckning = services.journal_skriv(
        akt=akt,
        av=handlaggare,
        kontakttyp="telefon",
        text="Grannen Kalle Andersson ringde och oroade sig.",
    )
    services.journal_signera(anteckning=anteckning, av=handlaggare)
    logga_in_sokande(client, sokande)
    client.post("/e-tjanst/registerutdrag/")
    utdrag = Registerutdrag.objects.get()

    client.force_login(handlaggare)
    rader = [r for d in registerutdrag.granskningsdelar(utdrag) for r in d["rader"]]
    rad = next(r for r in rader if "Kalle Andersson" in r["varde"])
    url = f"/registerutdrag/{utdrag.pk}/"
    svar = client.post(url, {"atgard": "utelamna", "nyckel": rad["nyckel"], "skal": ""})
    assert svar.status_code == 400 and "Välj varför uppgiften inte lämnas ut." in svar.text
    data = {"atgard": "utelamna", "nyckel": rad["nyckel"], "skal": "annan_person"}
    data["motivering"] = "Uppgiftslämnarens identitet."
    assert client.post(url, data).status_code == 302
    sida = client.get(url).content.decode()
    assert "Utelämnas:" in sida and "Uppgift om en annan person" in sida
    # Kvalitet reads but may not strike or release (404, nothing changed).
    client.force_login(kvalitet)
    assert client.post(url, {**data, "skal": "sekretess"}).status_code == 404
    assert Utelamning.objects.get().skal == "annan_person"
    assert "Kalle Andersson" not in str(Utelamning.objects.values().get())

    client.force_login(handlaggare)
    assert client.post(url, {"atgard": "lamna_ut"}).status_code == 302
    utdrag.refresh_from_db()
    assert utdrag.status == "utlamnat"
    # Released: nothing more can be struck or put back.
    svar = client.post(url, {"atgard": "ta_med", "nyckel": rad["nyckel"]})
    assert svar.status_code == 400
    assert Utelamning.objects.count() == 1

    logga_in_sokande(client, sokande)
    text = _text(client, utdrag)
    assert "Kalle Andersson" not in text
    assert "Uppgift utelämnad" in text and "annan person" in text
    assert "Samtal om hyran" in text  # the other entries stay


def test_a_struck_entry_can_be_put_back_before_release(client, hushall_med_medsokande, handlaggare):
    from bistand import registerutdrag

    sokande, _ = hushall_med_medsokande
    logga_in_sokande(client, sokande)
    client.post("/e-tjanst/registerutdrag/")
    utdrag = Registerutdrag.objects.get()
    client.force_login(handlaggare)
    rad = next(
        r
        for d in registerutdrag.granskningsdelar(utdrag)
        for r in d["rader"]
        if "Samtal om hyran" in r["varde"]
    )
    url = f"/registerutdrag/{utdrag.pk}/"
    client.post(url, {"atgard": "utelamna", "nyckel": rad["nyckel"], "skal": "sekretess"})
    assert utdrag.utelamningar.count() == 1
    client.post(url, {"atgard": "ta_med", "nyckel": rad["nyckel"]})
    assert utdrag.utelamningar.count() == 0
    svar = client.post(url, {"atgard": "utelamna", "nyckel": "0" * 64, "skal": "sekretess"})
    assert svar.status_code == 400 and "Raden finns inte längre" in svar.text
