"""Reconciliation from the bank: camt.054 or CSV (docs/regler.md: Avstämning)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from bistand.models import Bevakning
from utbetalning import services
from utbetalning.models import Avstamning, Orderstatus
from utbetalning.models import Utbetalningsorder as Order

pytestmark = pytest.mark.django_db
OS = Orderstatus


@pytest.fixture
def skickade(kalender, besluta, namnd, ekonomi, ekonomi2, utan_stickprov):
    besluta({"forsorjningsstod": "3000"}, idag=dt.date(2026, 11, 2))
    besluta({"forsorjningsstod": "4000"}, idag=dt.date(2026, 11, 2))
    mottagare = Order.objects.first().mottagare
    andring = services.kontoandring_foresla(
        mottagare=mottagare,
        kontotyp="bankkonto",
        clearingnummer="5000",
        kontonummer="1000004",
        av=ekonomi,
    )
    services.kontoandring_besvara(andring=andring, av=ekonomi2, godkann=True)
    services.betalfil_skapa(namnd=namnd, dag=dt.date(2026, 11, 25))
    return list(Order.objects.order_by("pk"))


def camt054(betald, avvisad) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">
  <BkToCstmrDbtCdtNtfctn>
    <GrpHdr><MsgId>AVI1</MsgId><CreDtTm>2026-11-25T18:00:00</CreDtTm></GrpHdr>
    <Ntfctn>
      <Id>N1</Id>
      <Ntry>
        <Amt Ccy="SEK">3000.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2026-11-25</Dt></BookgDt>
        <NtryDtls><TxDtls><Refs><EndToEndId>BISTAND-{betald}</EndToEndId></Refs></TxDtls></NtryDtls>
      </Ntry>
      <Ntry>
        <Amt Ccy="SEK">4000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2026-11-26</Dt></BookgDt>
        <NtryDtls><TxDtls><Refs><EndToEndId>BISTAND-{avvisad}</EndToEndId></Refs>
          <RtrInf><Rsn><Cd>AC04</Cd></Rsn><AddtlInf>Kontot är avslutat</AddtlInf></RtrInf>
        </TxDtls></NtryDtls>
      </Ntry>
    </Ntfctn>
  </BkToCstmrDbtCdtNtfctn>
</Document>""".encode()


def test_a_camt054_marks_orders_paid_and_rejected_with_a_bevakning_for_the_handlaggare(
    skickade, ekonomi, handlaggare
):
    betald, avvisad = skickade
    imp = services.avstamning_importera(
        data=camt054(betald.pk, avvisad.pk), filnamn="camt.xml", av=ekonomi
    )
    assert (imp.betalda, imp.avvisade) == (1, 1)
    betald.refresh_from_db()
    avvisad.refresh_from_db()
    assert betald.status == OS.BETALD and betald.betald_datum == dt.date(2026, 11, 25)
    assert avvisad.status == OS.AVVISAD and "Kontot är avslutat" in avvisad.bankens_orsak
    bevakning = Bevakning.objects.get(typ="utbetalning_avvisad")
    assert bevakning.agare == handlaggare and "Kontot är avslutat" in bevakning.beskrivning


def test_the_same_file_is_not_imported_twice(skickade, ekonomi):
    betald, avvisad = skickade
    services.avstamning_importera(data=camt054(betald.pk, avvisad.pk), filnamn="a.xml")
    with pytest.raises(ValidationError) as fel:
        services.avstamning_importera(data=camt054(betald.pk, avvisad.pk), filnamn="a.xml")
    assert "redan inläst" in fel.value.messages[0]


def test_a_malformed_file_is_refused_whole_with_the_failing_line(skickade):
    betald, _ = skickade
    data = (
        "referens;status;datum;orsak\n"
        f"BISTAND-{betald.pk};betald;2026-11-25;\n"
        "BISTAND-x;betald;2026-11-25;\n"
    )
    with pytest.raises(ValidationError) as fel:
        services.avstamning_importera(data=data.encode(), filnamn="a.csv")
    assert fel.value.messages[0].startswith("Rad 3:")
    betald.refresh_from_db()
    assert betald.status == OS.I_FIL
    assert not Avstamning.objects.exists()


def test_a_broken_xml_file_names_its_line(skickade):
    with pytest.raises(ValidationError) as fel:
        services.avstamning_importera(data=b"<Document>\n<Ntry>\n</Document>", filnamn="x.xml")
    assert fel.value.messages[0].startswith("Rad ")


def test_a_csv_with_the_same_facts_works(skickade):
    betald, avvisad = skickade
    data = (
        "referens;status;datum;orsak\n"
        f"BISTAND-{betald.pk};betald;2026-11-25;\n"
        f"BISTAND-{avvisad.pk};avvisad;2026-11-26;Mottagarkontot saknas\n"
    )
    imp = services.avstamning_importera(data=data.encode(), filnamn="a.csv")
    assert (imp.format, imp.betalda, imp.avvisade) == ("csv", 1, 1)


def test_an_order_not_sent_cannot_be_marked_paid(kalender, besluta):
    besluta({"forsorjningsstod": "3000"}, idag=dt.date(2026, 11, 2))
    order = Order.objects.get()
    data = f"BISTAND-{order.pk};betald;2026-11-25;\n"
    with pytest.raises(ValidationError) as fel:
        services.avstamning_importera(data=data.encode(), filnamn="a.csv")
    assert "Rad 1:" in fel.value.messages[0]
