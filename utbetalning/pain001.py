"""ISO 20022 pain.001.001.03 credit-transfer files with the Swedish usage
(docs/regler.md: Betalfil; Svenska Bankföreningen / Bankgirot, "ISO 20022 Payments — Swedish
implementation guidelines").

- The debtor is the nämnd's bankgiro (`Othr/Id` with scheme `BGNR`).
- A bankgiro payee: creditor agent clearing system `SESBA` member `9900`, creditor account
  `Othr/Id` with scheme `BGNR`. A plusgiro payee: member `9960`, scheme `BBAN`. A bank account:
  member = the clearing number, account `Othr/Id` = clearing + account, scheme `BBAN`.
- An OCR reference goes as a structured creditor reference (`Strd/CdtrRefInf`, type `SCOR`);
  any other text as unstructured remittance (`Ustrd`).
- Akut orders are a separate payment information block with service level `URGP` (same-day).

The document is validated against the official XSD in `utbetalning/xsd/` before anything is
written; an invalid document raises and nothing is stored.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from lxml import etree

NS = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"
XSD = Path(__file__).resolve().parent / "xsd" / "pain.001.001.03.xsd"


class OgiltigBetalfil(Exception):
    """The built document does not validate against the XSD."""


@lru_cache(maxsize=1)
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


@dataclass(frozen=True)
class Betalning:
    end_to_end: str
    belopp: Decimal
    namn: str
    kontotyp: str  # bankkonto | bankgiro | plusgiro
    clearing: str
    konto: str
    referens: str
    ocr: bool
    akut: bool


def _el(parent, namn: str, text: str | None = None, **attr):
    el = etree.SubElement(parent, f"{{{NS}}}{namn}", **attr)
    if text is not None:
        el.text = text
    return el


def _belopp(b: Decimal) -> str:
    return f"{b.quantize(Decimal('0.01'))}"


def _text(s: str, n: int) -> str:
    return (s or "-")[:n]


def _kontrollsumma(betalningar: list[Betalning]) -> Decimal:
    return sum((b.belopp for b in betalningar), Decimal(0))


def bygg(
    *,
    meddelande_id: str,
    skapad: datetime.datetime,
    betalningsdag: datetime.date,
    avsandare_namn: str,
    avsandare_orgnr: str,
    avsandare_bankgiro: str,
    avsandare_bic: str,
    betalningar: list[Betalning],
) -> bytes:
    """The pain.001 document as bytes, validated against the XSD."""
    rot = etree.Element(f"{{{NS}}}Document", nsmap={None: NS})
    init = _el(rot, "CstmrCdtTrfInitn")
    grp = _el(init, "GrpHdr")
    _el(grp, "MsgId", meddelande_id)
    _el(grp, "CreDtTm", skapad.strftime("%Y-%m-%dT%H:%M:%S"))
    _el(grp, "NbOfTxs", str(len(betalningar)))
    _el(grp, "CtrlSum", _belopp(_kontrollsumma(betalningar)))
    initg = _el(grp, "InitgPty")
    _el(initg, "Nm", _text(avsandare_namn, 70))
    org = _el(_el(_el(initg, "Id"), "OrgId"), "Othr")
    _el(org, "Id", avsandare_orgnr)
    _el(_el(org, "SchmeNm"), "Cd", "BANK")

    grupper = [
        (False, [b for b in betalningar if not b.akut]),
        (True, [b for b in betalningar if b.akut]),
    ]
    for nummer, (akut, lista) in enumerate(grupper, start=1):
        if not lista:
            continue
        pmt = _el(init, "PmtInf")
        _el(pmt, "PmtInfId", f"{meddelande_id[:30]}-{nummer}")
        _el(pmt, "PmtMtd", "TRF")
        _el(pmt, "NbOfTxs", str(len(lista)))
        _el(pmt, "CtrlSum", _belopp(_kontrollsumma(lista)))
        _el(_el(_el(pmt, "PmtTpInf"), "SvcLvl"), "Cd", "URGP" if akut else "NURG")
        _el(pmt, "ReqdExctnDt", betalningsdag.isoformat())
        _el(_el(pmt, "Dbtr"), "Nm", _text(avsandare_namn, 70))
        dbtr_konto = _el(_el(_el(pmt, "DbtrAcct"), "Id"), "Othr")
        _el(dbtr_konto, "Id", avsandare_bankgiro)
        _el(_el(dbtr_konto, "SchmeNm"), "Prtry", "BGNR")
        _el(_el(_el(pmt, "DbtrAgt"), "FinInstnId"), "BIC", avsandare_bic)
        for b in lista:
            tx = _el(pmt, "CdtTrfTxInf")
            _el(_el(tx, "PmtId"), "EndToEndId", b.end_to_end)
            _el(_el(tx, "Amt"), "InstdAmt", _belopp(b.belopp), Ccy="SEK")
            clr = _el(_el(_el(_el(tx, "CdtrAgt"), "FinInstnId"), "ClrSysMmbId"), "ClrSysId")
            _el(clr, "Cd", "SESBA")
            medlem = {"bankgiro": "9900", "plusgiro": "9960"}.get(b.kontotyp, b.clearing[:4])
            _el(clr.getparent(), "MmbId", medlem)
            _el(_el(tx, "Cdtr"), "Nm", _text(b.namn, 70))
            konto = _el(_el(_el(tx, "CdtrAcct"), "Id"), "Othr")
            if b.kontotyp == "bankgiro":
                _el(konto, "Id", b.konto)
                _el(_el(konto, "SchmeNm"), "Prtry", "BGNR")
            else:
                _el(konto, "Id", (b.clearing + b.konto) if b.kontotyp == "bankkonto" else b.konto)
                _el(_el(konto, "SchmeNm"), "Cd", "BBAN")
            rmt = _el(tx, "RmtInf")
            if b.ocr:
                ref = _el(_el(rmt, "Strd"), "CdtrRefInf")
                _el(_el(_el(ref, "Tp"), "CdOrPrtry"), "Cd", "SCOR")
                _el(ref, "Ref", b.referens)
            else:
                _el(rmt, "Ustrd", _text(b.referens, 140))
    data = etree.tostring(rot, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    validera(data)
    return data


def validera(data: bytes) -> None:
    """Validate a pain.001.001.03 document against the official XSD; raise with the
    schema's first error and its line."""
    try:
        doc = etree.fromstring(data)
    except etree.XMLSyntaxError as fel:
        raise OgiltigBetalfil(f"Filen är inte giltig XML: {fel}") from None
    schema = _schema()
    if not schema.validate(doc):
        fel = schema.error_log.filter_from_errors()[0]
        raise OgiltigBetalfil(f"Rad {fel.line}: {fel.message}")
