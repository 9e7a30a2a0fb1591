"""The payment run: pain.001 validated against the XSD, each order in one file ever
(docs/regler.md: Betalfil)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from lxml import etree

from utbetalning import pain001, services
from utbetalning.models import Betalfil, Betalningsval, Mottagartyp, Ocrkrav, Orderstatus
from utbetalning.models import Utbetalningsorder as Order

pytestmark = pytest.mark.django_db
OS = Orderstatus
MANDAG = dt.date(2026, 11, 2)
DAG = dt.date(2026, 11, 25)
NS = {"p": pain001.NS}


def _godkant_konto(mottagare, ekonomi, ekonomi2, **konto):
    konto = konto or {"kontotyp": "bankkonto", "clearingnummer": "5000", "kontonummer": "1000004"}
    andring = services.kontoandring_foresla(mottagare=mottagare, av=ekonomi, **konto)
    services.kontoandring_besvara(andring=andring, av=ekonomi2, godkann=True)


@pytest.fixture
def tre_ordrar(kalender, besluta, akt, namnd, handlaggare, ekonomi, ekonomi2):
    """Applicant's account, a landlord by bankgiro with OCR, and one over the threshold.

    No order is drawn for the random sample here (the draw depends on order ids, which differ
    between databases); the sample has tests of its own in test_ordrar.py.
    """
    from ansokan.models import Posttyp
    from bistand.models import Parameter

    Parameter.objects.filter(kod="utbetalning-stickprov-procent").update(varde=0)

    vard = services.mottagare_skapa(
        namnd=namnd, typ=Mottagartyp.HYRESVARD, namn="Bostadsbolaget AB", ocrkrav=Ocrkrav.OCR
    )
    _godkant_konto(
        vard, ekonomi, ekonomi2, kontotyp="bankgiro", clearingnummer="", kontonummer="5050-1055"
    )
    Betalningsval.objects.create(
        akt=akt,
        posttyp=Posttyp.objects.get(kod="hyra"),
        mottagare=vard,
        referens="1234567897",
        skapad_av=handlaggare,
    )
    besluta({"forsorjningsstod": "8500", "hyra": "7200"}, idag=MANDAG)
    besluta({"forsorjningsstod": "12000"}, idag=MANDAG)
    sokande = Order.objects.filter(mottagare__typ="sokande").first().mottagare
    _godkant_konto(sokande, ekonomi, ekonomi2)
    return Order.objects.all()


def test_the_file_for_the_payment_day_validates_against_the_xsd_with_sum_and_count(
    tre_ordrar, namnd, ekonomi
):
    fil = services.betalfil_skapa(namnd=namnd, dag=DAG)
    pain001.validera(fil.xml.encode())  # raises if the XSD refuses it
    doc = etree.fromstring(fil.xml.encode())
    assert doc.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs", namespaces=NS) == "2"
    assert doc.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum", namespaces=NS) == "15700.00"
    assert doc.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:MsgId", namespaces=NS) == fil.meddelande_id
    assert (fil.antal, fil.kontrollsumma) == (2, Decimal("15700"))
    bg = doc.xpath(
        "//p:CdtTrfTxInf[p:CdtrAcct/p:Id/p:Othr/p:SchmeNm/p:Prtry='BGNR']", namespaces=NS
    )
    assert len(bg) == 1
    assert bg[0].findtext("p:CdtrAcct/p:Id/p:Othr/p:Id", namespaces=NS) == "50501055"
    assert bg[0].findtext(".//p:ClrSysMmbId/p:MmbId", namespaces=NS) == "9900"
    assert bg[0].findtext(".//p:CdtrRefInf/p:Tp/p:CdOrPrtry/p:Cd", namespaces=NS) == "SCOR"
    assert bg[0].findtext(".//p:CdtrRefInf/p:Ref", namespaces=NS) == "1234567897"
    # The order over the threshold is not attested and stays out.
    assert Order.objects.get(status=OS.VANTAR_ATTEST).betalfil is None


def test_a_second_run_the_same_day_pays_nothing_twice_and_takes_only_newly_attested(
    tre_ordrar, namnd, ekonomi
):
    forsta = services.betalfil_skapa(namnd=namnd, dag=DAG)
    assert services.betalfil_skapa(namnd=namnd, dag=DAG) is None
    vantar = Order.objects.get(status=OS.VANTAR_ATTEST)
    services.order_attestera(order=vantar, av=ekonomi)
    andra = services.betalfil_skapa(namnd=namnd, dag=DAG)
    assert andra.meddelande_id != forsta.meddelande_id
    assert list(andra.ordrar.values_list("pk", flat=True)) == [vantar.pk]
    assert andra.antal == 1 and andra.kontrollsumma == Decimal("12000")
    assert Order.objects.filter(status=OS.I_FIL).count() == 3
    assert Betalfil.objects.count() == 2


def test_a_document_the_xsd_refuses_is_never_stored(tre_ordrar, namnd, monkeypatch):
    monkeypatch.setattr("django.conf.settings.UTBETALNING_BIC", "inte en bic")
    with pytest.raises(pain001.OgiltigBetalfil):
        services.betalfil_skapa(namnd=namnd, dag=DAG)
    assert not Betalfil.objects.exists()
    assert not Order.objects.filter(status=OS.I_FIL).exists()


def test_the_command_writes_the_next_days_file(tre_ordrar, tmp_path, capsys):
    import time_machine

    ut = tmp_path / "betalfil.xml"
    with time_machine.travel(dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC)):
        call_command("betalfil", "--nasta", "--ut", str(ut))
    pain001.validera(ut.read_bytes())
    assert "2 betalningar" in capsys.readouterr().out
    call_command("betalfil", "--datum", "2026-11-25")
    assert "Inga nya utbetalningar" in capsys.readouterr().out


def test_each_order_sent_is_an_event_in_the_case_history(tre_ordrar, namnd):
    from bistand.models import Handelse

    services.betalfil_skapa(namnd=namnd, dag=DAG)
    skickade = Handelse.objects.filter(typ_id="utbetalning.skickad")
    assert skickade.count() == 2
    assert all(h.ansokan_id is not None for h in skickade)
