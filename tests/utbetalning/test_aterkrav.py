"""Återkrav: proposed, decided or dropped by a person, its letter, plan and balance
(SoL (2025:400) 33 kap.; docs/regler.md: Återkrav)."""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from bistand.models import Bevakning
from utbetalning import services
from utbetalning.models import Aterkrav, Reglering

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("utan_stickprov")]
IDAG = dt.date(2026, 11, 30)
MOTIVERING = "Du fick lön i oktober som du inte berättade om när du ansökte."


@pytest.fixture
def forste(skapa_anvandare, enhet):
    return skapa_anvandare("forste", "Förste socialsekreterare", enhet)


@pytest.fixture
def forslag(akt, handlaggare):
    person = akt.hushall.medlemmar.get(roll="sokande").person
    return services.aterkrav_foresla(
        akt=akt,
        person=person,
        orsak=Aterkrav.Orsak.UPPGIFTER,
        belopp=Decimal("3000"),
        beskrivning="Lön i oktober som inte redovisades.",
        av=handlaggare,
        utbetalt_datum=dt.date(2026, 10, 23),
    )


def _besluta(forslag, forste, **kw):
    kw.setdefault("belopp", Decimal("3000"))
    kw.setdefault("grund", Aterkrav.Grund.OSANNA_UPPGIFTER)
    kw.setdefault("ond_tro", True)
    kw.setdefault("motivering", MOTIVERING)
    kw.setdefault(
        "plan", [(dt.date(2027, 1, 31), Decimal("1500")), (dt.date(2027, 2, 28), Decimal("1500"))]
    )
    return services.aterkrav_besluta(aterkrav=forslag, av=forste, idag=IDAG, **kw)


def test_a_proposed_claim_is_never_decided_without_a_person(forslag):
    assert forslag.status == Aterkrav.Status.FORESLAGET and forslag.belopp is None


def test_the_handlaggare_may_not_decide_a_claim(forslag, handlaggare):
    with pytest.raises(PermissionDenied):
        _besluta(forslag, handlaggare)


def test_a_decision_needs_ground_motivering_and_a_plan_that_adds_up(forslag, forste):
    with pytest.raises(ValidationError) as fel:
        _besluta(forslag, forste, grund="", motivering="")
    assert {"grund", "motivering"} <= set(fel.value.error_dict)
    with pytest.raises(ValidationError) as fel:
        _besluta(forslag, forste, plan=[(dt.date(2027, 1, 31), Decimal("1000"))])
    assert "plan" in fel.value.error_dict
    with pytest.raises(ValidationError) as fel:
        _besluta(forslag, forste, belopp=Decimal("5000"))
    assert "belopp" in fel.value.error_dict


def test_a_decided_claim_has_a_plan_bevakningar_and_its_own_letter(
    forslag, forste, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        krav = _besluta(forslag, forste)
    krav.refresh_from_db()
    assert krav.status == Aterkrav.Status.BESLUTAT and krav.plan.count() == 2
    avb = Bevakning.objects.get(typ="aterkrav_avbetalning")
    assert avb.forfaller == dt.date(2027, 2, 10)
    talan = Bevakning.objects.get(typ="aterkrav_preskription")
    assert talan.forfaller == dt.date(2029, 10, 23)
    fil = settings.FILE_STORAGE_DIR / krav.brev_sokvag
    assert subprocess.run(["qpdf", "--check", str(fil)], capture_output=True).returncode == 0
    xmp = PdfReader(fil).xmp_metadata.stream.get_data().decode("utf-8", "replace")
    assert "pdfaid" in xmp
    fonter = subprocess.run(["pdffonts", str(fil)], capture_output=True, text=True, check=True)
    assert all(r.split()[-5] == "yes" for r in fonter.stdout.splitlines()[2:])
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(fil).pages).split())
    assert "3000 kr" in text and MOTIVERING in text
    assert "33 kap." in text and "2027-01-31" in text
    assert "inom tre år" in text


def test_bistand_paid_before_july_2025_is_claimed_under_the_old_law(akt, handlaggare, forste):
    person = akt.hushall.medlemmar.get(roll="sokande").person
    krav = services.aterkrav_foresla(
        akt=akt,
        person=person,
        orsak=Aterkrav.Orsak.UPPGIFTER,
        belopp=Decimal("1000"),
        beskrivning="Gammal utbetalning.",
        av=handlaggare,
        utbetalt_datum=dt.date(2025, 3, 25),
    )
    assert "9 kap." in services._aterkrav_lagrum(krav)
    krav.utbetalt_datum = dt.date(2025, 7, 1)
    assert "33 kap." in services._aterkrav_lagrum(krav)


def test_payments_and_a_waiver_bring_the_balance_to_zero(forslag, forste, handlaggare):
    krav = _besluta(forslag, forste)
    services.reglering_registrera(
        aterkrav=krav,
        av=handlaggare,
        typ=Reglering.Typ.INBETALNING,
        belopp=Decimal("1500"),
        datum=dt.date(2027, 1, 30),
    )
    assert services.aterkrav_saldo(krav) == Decimal("1500")
    avb = Bevakning.objects.get(typ="aterkrav_avbetalning", status="aktiv")
    assert avb.forfaller == dt.date(2027, 3, 10)
    with pytest.raises(PermissionDenied):
        services.reglering_registrera(
            aterkrav=krav,
            av=handlaggare,
            typ=Reglering.Typ.EFTERGIFT,
            belopp=Decimal("1500"),
            datum=dt.date(2027, 2, 1),
        )
    services.reglering_registrera(
        aterkrav=krav,
        av=forste,
        typ=Reglering.Typ.EFTERGIFT,
        belopp=Decimal("1500"),
        datum=dt.date(2027, 2, 1),
    )
    krav.refresh_from_db()
    assert krav.status == Aterkrav.Status.REGLERAT
    assert not Bevakning.objects.filter(typ__startswith="aterkrav", status="aktiv").exists()


def test_a_deduction_needs_written_consent(forslag, forste, handlaggare):
    krav = _besluta(forslag, forste)
    with pytest.raises(ValidationError) as fel:
        services.reglering_registrera(
            aterkrav=krav,
            av=handlaggare,
            typ=Reglering.Typ.AVDRAG,
            belopp=Decimal("500"),
            datum=dt.date(2027, 1, 5),
        )
    assert "skriftliga samtycke" in fel.value.error_dict["samtycke"][0].messages[0]


def test_a_person_may_drop_the_proposal_with_a_reason(forslag, forste):
    with pytest.raises(ValidationError):
        services.aterkrav_lagg_ned(aterkrav=forslag, av=forste, motivering="")
    krav = services.aterkrav_lagg_ned(
        aterkrav=forslag, av=forste, motivering="Beloppet är litet och felet var nämndens."
    )
    assert krav.status == Aterkrav.Status.NEDLAGT
    with pytest.raises(ValidationError):
        _besluta(krav, forste)


def test_the_forste_decides_a_claim_on_its_page_and_the_handlaggare_cannot(
    client, forslag, forste, handlaggare
):
    client.force_login(handlaggare)
    sida = client.get(f"/aterkrav/{forslag.pk}/").content.decode()
    assert "Systemet beslutar aldrig om återkrav" in sida and "Besluta om återkrav" not in sida
    data = {
        "steg": "besluta",
        "belopp": "3000",
        "grund": "1_oriktiga",
        "ond_tro": "ja",
        "motivering": MOTIVERING,
        "antal": "3",
        "forsta": "2027-01-31",
    }
    assert client.post(f"/aterkrav/{forslag.pk}/", data).status_code == 404
    client.force_login(forste)
    fel = client.post(f"/aterkrav/{forslag.pk}/", {**data, "motivering": ""})
    assert "Skriv motiveringen" in fel.content.decode()
    assert client.post(f"/aterkrav/{forslag.pk}/", data).status_code == 302
    forslag.refresh_from_db()
    assert forslag.status == Aterkrav.Status.BESLUTAT
    assert [(a.forfaller, a.belopp) for a in forslag.plan.all()] == [
        (dt.date(2027, 1, 31), 1000),
        (dt.date(2027, 2, 28), 1000),
        (dt.date(2027, 3, 31), 1000),
    ]


def test_an_outsider_cannot_open_the_claim(client, forslag, utomstaende):
    client.force_login(utomstaende)
    assert client.get(f"/aterkrav/{forslag.pk}/").status_code == 404
