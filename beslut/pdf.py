"""PDF rendering with WeasyPrint (issue 7, point 4): the decision letter as PDF/A with the
fonts embedded, and the bundle forwarded to förvaltningsrätten (pypdf merges the parts).

Fonts are the DejaVu files vendored in static/fonts (from Debian's fonts-dejavu-core), so the
same letter renders the same way on every machine.
"""

from __future__ import annotations

import io
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from bistand.selectors import lagrum_rad, parameter_varde

from . import hooks

PDF_VARIANT = "pdf/a-3b"
TYPSNITT = Path(settings.BASE_DIR) / "static" / "fonts"


def _pdf(html: str) -> bytes:
    from weasyprint import HTML

    from bistand.pdfhamtning import url_hamtare

    dokument = HTML(string=html, base_url=str(TYPSNITT) + "/", url_fetcher=url_hamtare())
    return dokument.write_pdf(pdf_variant=PDF_VARIANT)


def _lagrum(kod: str, dag):
    try:
        return lagrum_rad(kod, dag)
    except LookupError:
        return None


def brev_kontext(brev) -> dict:
    """Everything the letter prints, from the database and the Lagrum table (never literal)."""
    from .selectors import brev_beslut

    ansokan = brev.ansokan
    dag = brev.beslutsdatum
    namnd = ansokan.akt.enhet.namnd
    beslut = brev_beslut(brev)
    berakningar = []
    for b in beslut:
        if b.berakning and b.berakning not in berakningar:
            berakningar.append(b.berakning)
    return {
        "brev": brev,
        "ansokan": ansokan,
        "sokande": ansokan.sokande,
        "namnd": namnd,
        "enhet": ansokan.akt.enhet,
        "handlaggare": brev.fattat_av,
        "beslut": beslut,
        "berakningar": berakningar,
        "negativt": any(b.ar_negativt for b in beslut),
        # The payment section (date, payee, how), filled by the apps to the right through
        # beslut.hooks (docs/arkitektur.md: Utbetalning).
        "utbetalningar": hooks.utbetalningsavsnitt(brev),
        "overklagandetid": int(parameter_varde("overklagande-tid-dagar", dag)),
        "lag_overklagandetid": _lagrum("fl-overklagandetid", dag),
        "lag_overklagande_form": _lagrum("fl-overklagande-form", dag),
        "lag_frist": _lagrum("lag-1930-173", dag),
        "lag_forvaltningsbesvar": _lagrum("sol-forvaltningsbesvar", dag),
        "lag_motivering": _lagrum("fl-motivering", dag),
        "fonts": TYPSNITT.as_uri(),
    }


def rendera_beslutsbrev(brev) -> bytes:
    html = render_to_string("pdf/beslutsbrev.html", brev_kontext(brev))
    return _pdf(html)


def rendera_overlamnande(overklagande) -> bytes:
    """One PDF: the nämnd's cover letter and yttrande, the appeal, then the case documents
    (the decision letter and the calculation) merged with pypdf."""
    from pypdf import PdfWriter

    from .services import beslutsbrev_rendera

    beslut = overklagande.beslut
    brev = beslutsbrev_rendera(brev_id=beslut.brev_id)
    ansokan = brev.ansokan
    html = render_to_string(
        "pdf/overlamnande.html",
        {
            "o": overklagande,
            "beslut": beslut,
            "ansokan": ansokan,
            "namnd": ansokan.akt.enhet.namnd,
            "idag": timezone.localdate(),
            "lag_overlamnande": _lagrum("fl-overlamnande", timezone.localdate()),
            "fonts": TYPSNITT.as_uri(),
        },
    )
    delar = [io.BytesIO(_pdf(html))]
    with (Path(settings.FILE_STORAGE_DIR) / brev.sokvag).open("rb") as fil:
        delar.append(io.BytesIO(fil.read()))
    skrivare = PdfWriter()
    for del_ in delar:
        skrivare.append(del_)
    ut = io.BytesIO()
    skrivare.write(ut)
    return ut.getvalue()
