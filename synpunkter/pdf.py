"""The återkoppling as a letter (PDF/A), rendered with WeasyPrint and the vendored fonts, as
the decision letters are."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from bistand.pdfhamtning import url_hamtare

from .models import Aterkoppling

TYPSNITT = Path(settings.BASE_DIR) / "static" / "fonts"


def aterkoppling_brev(aterkoppling: Aterkoppling) -> bytes:
    """The answer to a synpunkt as a letter; a synpunkt about a decision says how to appeal
    (FL 44 §: within three weeks of taking part of the decision)."""
    # WeasyPrint loads Pango only when a document is rendered.
    from weasyprint import HTML

    s = aterkoppling.synpunkt
    html = render_to_string(
        "pdf/synpunkt_svar.html",
        {
            "a": aterkoppling,
            "s": s,
            "namnd": s.namnd,
            "mottagare": s.person,
            "namn": s.person.namn if s.person_id else s.namn,
            "adress": "" if (s.person_id and s.person.skyddad) else s.adress,
        },
    )
    dokument = HTML(string=html, base_url=str(TYPSNITT) + "/", url_fetcher=url_hamtare())
    return dokument.write_pdf(pdf_variant="pdf/a-3b")
