"""PDF helpers shared by every app that makes a document (WeasyPrint for HTML, pypdf to merge):
the decision letter, the bundle to förvaltningsrätten, the kommunicering letter.

Fonts are the DejaVu files vendored in static/fonts, so a document renders the same way on
every machine; documents are PDF/A-3b.
"""

from __future__ import annotations

import hashlib
import io
import uuid
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from .pdfhamtning import url_hamtare

PDF_VARIANT = "pdf/a-3b"
TYPSNITT = Path(settings.BASE_DIR) / "static" / "fonts"


def html_till_pdf(html: str, *, ocksa: tuple[Path, ...] = ()) -> bytes:
    """Render HTML to PDF/A. WeasyPrint fetches only the project's fonts and images
    (bistand.pdfhamtning) and, named in `ocksa`, stored files the caller has already checked
    (an uploaded image that is part of the document)."""
    # WeasyPrint loads Pango only when a document is rendered.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    hamtare = url_hamtare()
    if ocksa:
        extra = {p.resolve().as_uri() for p in ocksa}
        vanlig = hamtare

        class MedFiler(URLFetcher):
            def fetch(self, url, headers=None):
                if url in extra:
                    return super().fetch(url, headers)
                return vanlig.fetch(url, headers)

        hamtare = MedFiler(allowed_protocols=["file"], allow_redirects=False)
    dokument = HTML(string=html, base_url=str(TYPSNITT) + "/", url_fetcher=hamtare)
    return dokument.write_pdf(pdf_variant=PDF_VARIANT)


def sla_ihop(delar: list[bytes]) -> bytes:
    """Merge PDFs with pypdf, keeping the first part's PDF/A identification (its XMP metadata
    and output intent) so the merged document declares itself as the letters do."""
    skrivare = PdfWriter()
    for del_ in delar:
        skrivare.append(io.BytesIO(del_))
    forsta = PdfReader(io.BytesIO(delar[0])).trailer["/Root"]
    for nyckel in ("/Metadata", "/OutputIntents"):
        if nyckel in forsta:
            skrivare._root_object[NameObject(nyckel)] = forsta.raw_get(nyckel).clone(skrivare)
    ut = io.BytesIO()
    skrivare.write(ut)
    return ut.getvalue()


def lagra_pdf(data: bytes, mapp: str) -> tuple[str, str]:
    """Store a rendered PDF under FILE_STORAGE_DIR/<mapp>/; returns (path, SHA-256)."""
    relativ = f"{mapp}/{uuid.uuid4().hex}.pdf"
    mal = Path(settings.FILE_STORAGE_DIR) / relativ
    mal.parent.mkdir(parents=True, exist_ok=True)
    with mal.open("xb") as ut:
        ut.write(data)
    return relativ, hashlib.sha256(data).hexdigest()


def pdf_rendera(mall: str, kontext: dict) -> bytes:
    """Render a template under templates/pdf/ to PDF/A bytes (the Akt's history, for one)."""
    return html_till_pdf(render_to_string(mall, {**kontext, "fonts": TYPSNITT.as_uri()}))
