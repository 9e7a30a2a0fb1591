"""Letters a unit would sign, asserted from the PDF text: per post outcome, amount and period,
the total, the payment day, the decision-maker on delegation, barnets bästa, the appeal route
by legal ground, the appeal period from its parameter, the personnummer only in the reference
line, and only verified law (docs/regler.md, Beslut och beslutsbrev)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from beslut import pdf, services
from beslut.models import Beslut, Delegation
from bistand.kalender import utbetalningsdag
from bistand.models import Lagrum, Parameter
from tests.beslut.conftest import post_beslut, signera_analyser

pytestmark = pytest.mark.django_db

DOMSTOL = "Förvaltningsrätten i Testlund"


@pytest.fixture(autouse=True)
def _namnd_och_delegation(namnd):
    namnd.forvaltningsratt = DOMSTOL
    namnd.save()
    Delegation.objects.filter(roll="Handläggare").update(punkt="3.1")


def _text(data: bytes) -> str:
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


def _brev(ansokan, av, *poster) -> tuple[str, object]:
    brev = services.beslut_fatta(ansokan=ansokan, av=av, poster=list(poster))
    return _text(pdf.rendera_beslutsbrev(brev)), brev


def _gemensamt(text: str, brev) -> None:
    """What every decision letter holds."""
    sokande = brev.ansokan.sokande
    assert "på delegation från socialnämnden (punkt 3.1 i delegationsordningen)" in text
    assert "Socialsekreterare" in text
    # The personnummer only in the reference line, never in the window envelope's address.
    assert text.count(sokande.identitet_visning) == 1
    assert f"Sökande: {sokande.namn}, {sokande.identitet_visning}" in text
    for rad in Lagrum.objects.filter(verifierad=False):
        assert rad.text not in text
    assert "ej fastställd" not in text


def test_bifall_names_the_court_the_total_and_the_payment_day(utredd, handlaggare):
    text, brev = _brev(utredd, handlaggare, post_beslut(utredd))
    _gemensamt(text, brev)
    assert "Bifall – beviljat belopp: 9 000 kr" in text
    assert "Totalt beviljat i det här beslutet: 9 000 kr" in text
    dag = utbetalningsdag(namnd=brev.ansokan.akt.enhet.namnd, beslutsdatum=brev.beslutsdatum)
    betalning = text.split("Totalt beviljat")[1].split("Vem har fattat")[0]
    assert f"{dag:%Y-%m-%d}" in betalning
    assert f"överklaga det till {DOMSTOL}" in text
    assert "tre veckor" in text
    assert "12 kap. 1 § socialtjänstlagen (2025:400)" in text
    assert "35 kap. 1 § socialtjänstlagen (2025:400)" in text
    assert "Beslutet gäller" in text


def test_delvis_bifall_states_amount_period_and_motivering(utredd, handlaggare):
    pb = post_beslut(utredd, utfall="delvis_bifall", belopp=Decimal("7728"), motivering="Skäl X.")
    text, brev = _brev(utredd, handlaggare, pb)
    _gemensamt(text, brev)
    assert "Delvis bifall – beviljat belopp: 7 728 kr (du sökte 9 000 kr)" in text
    assert f"Beslutet gäller {pb.period_fran:%Y-%m-%d} – {pb.period_till:%Y-%m-%d}" in text
    assert "Motivering: Skäl X." in text


def test_avslag_has_no_total_and_no_calculation_that_contradicts_it(utredd, handlaggare):
    text, brev = _brev(utredd, handlaggare, post_beslut(utredd, utfall="avslag"))
    _gemensamt(text, brev)
    assert "Avslag" in text and "Totalt beviljat" not in text
    assert "Behov efter inkomster" not in text
    assert DOMSTOL in text


def test_avvisning_states_its_ground(utredd, handlaggare):
    pb = post_beslut(utredd, utfall="avvisning", avvisningsgrund="annan_kommun")
    text, brev = _brev(utredd, handlaggare, pb)
    _gemensamt(text, brev)
    assert "Grund för avvisningen: En annan kommun ansvarar för att pröva ansökan." in text


def test_a_tillagg_names_the_earlier_decision(utredd, skapa_utredd, akt, handlaggare):
    services.beslut_fatta(ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd)])
    andra = skapa_utredd(akt, handlaggare, {"forsorjningsstod": ("1500", "bifall", "1500")})
    text, brev = _brev(andra, handlaggare, post_beslut(andra, belopp=Decimal("1500")))
    _gemensamt(text, brev)
    forsta = Beslut.objects.order_by("pk").first()
    assert (
        f"tillägg till beslut {forsta.brev.beslutsdatum:%Y-%m-%d} om försörjningsstöd "
        "(bifall 9 000 kr)" in text
    )
    assert "Totalt beviljat i det här beslutet: 1 500 kr" in text


def test_an_andringsbeslut_names_what_it_replaces_and_its_fl_37_ground(utredd, handlaggare):
    services.beslut_fatta(ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd)])
    gammalt = Beslut.objects.get()
    pb = services.PostBeslut(
        post=gammalt.post,
        utfall="delvis_bifall",
        belopp=Decimal("5000"),
        lagrum_kod="sol-ratt-till-bistand",
        andrar=gammalt,
        andringsgrund="oriktiga_uppgifter",
        motivering="Du hade inkomster som du inte uppgav.",
    )
    text, brev = _brev(utredd, handlaggare, pb)
    _gemensamt(text, brev)
    assert "Beslutet ändrar beslut" in text and "finns kvar i din akt" in text
    assert "37 § andra stycket 3 förvaltningslagen (2017:900)" in text


def test_an_andringsbeslut_on_the_namnds_initiative_says_why_in_the_letter(utredd, handlaggare):
    gammalt = services.beslut_fatta(
        ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd)]
    ).beslut.get()
    pb = services.PostBeslut(
        post=gammalt.post,
        utfall="bifall",
        belopp=gammalt.belopp,
        lagrum_kod="sol-ratt-till-bistand",
        motivering="Beslutet byggde på fel hyra.",
        period_fran=gammalt.period_fran,
        period_till=gammalt.period_till,
    )
    brev = services.beslut_andra(
        beslut=gammalt, av=handlaggare, nytt=pb, anledning="annan_anledning"
    )
    assert brev.beslut.get().andringsanledning == "annan_anledning"
    text = _text(pdf.rendera_beslutsbrev(brev))
    _gemensamt(text, brev)
    assert (
        f"Vi ändrar beslutet från {gammalt.brev.beslutsdatum:%Y-%m-%d} eftersom det var "
        "felaktigt av någon annan anledning." in text
    )


def test_a_12_kap_2_decision_explains_laglighetsprovning_not_forvaltningsbesvar(
    utredd, handlaggare
):
    pb = post_beslut(utredd, lagrum_kod="sol-bistand-utover")
    text, brev = _brev(utredd, handlaggare, pb)
    _gemensamt(text, brev)
    assert "Det här beslutet kan inte överklagas till förvaltningsrätten" in text
    assert "laglighetsprövning enligt 13 kap. kommunallagen (2017:725)" in text
    assert "Om du vill överklaga" not in text


def test_a_signed_barnkonsekvensanalys_gives_a_paragraph_on_barnets_basta(
    skapa_utredd, skapa_akt, enhet, handlaggare
):
    akt = skapa_akt(enhet, handlaggare, barn=1)
    a = skapa_utredd(akt, handlaggare, {"forsorjningsstod": ("9000", "avslag", "")})
    signera_analyser(a, handlaggare)
    text, brev = _brev(a, handlaggare, post_beslut(a, utfall="avslag"))
    _gemensamt(text, brev)
    assert "Barnets bästa" in text
    assert "Beslutet påverkar barnet men är förenligt med barnets bästa." in text
    assert "3 kap. 1 § socialtjänstlagen (2025:400)" in text


def test_without_an_analysis_there_is_no_barnets_basta_paragraph(utredd, handlaggare):
    text, _ = _brev(utredd, handlaggare, post_beslut(utredd))
    assert "Barnets bästa" not in text


def test_the_appeal_period_in_weeks_drives_both_text_and_deadline(utredd, handlaggare):
    Parameter.objects.filter(kod="overklagande-tid-veckor").update(varde=4)
    text, brev = _brev(utredd, handlaggare, post_beslut(utredd, utfall="avslag"))
    assert "fyra veckor" in text and "tre veckor" not in text
    services.beslutsbrev_oppnat(brev=brev, idag=dt.date(2026, 3, 2))  # not yet sent: no-op
    from beslut.models import Beslutsbrev

    Beslutsbrev.objects.filter(pk=brev.pk).update(skickad=dt.date(2026, 3, 1))
    brev.refresh_from_db()
    services.beslutsbrev_oppnat(brev=brev, idag=dt.date(2026, 3, 2))
    assert brev.beslut.get().besvarstid_slut == dt.date(2026, 3, 30)  # 28 days, a Monday


def test_a_decision_citing_unverified_law_is_refused_before_commit(utredd, handlaggare):
    Lagrum.objects.filter(kod="sol-ratt-till-bistand").update(verifierad=False)
    with pytest.raises(ValidationError) as fel:
        services.beslut_fatta(ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd)])
    falt = f"p{utredd.poster.get().pk}-lagrum"
    assert "12 kap. 1 § socialtjänstlagen (2025:400)" in " ".join(
        e for f in fel.value.error_dict[falt] for e in f.messages
    )
    assert not Beslut.objects.exists()


def test_the_letter_is_pdf_a_at_the_accessible_level_and_tagged(utredd, handlaggare):
    brev = services.beslut_fatta(ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd)])
    lasare = PdfReader(io.BytesIO(pdf.rendera_beslutsbrev(brev)))
    assert "/StructTreeRoot" in lasare.trailer["/Root"]
    xmp = lasare.xmp_metadata.stream.get_data().decode("utf-8", "replace")
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp
