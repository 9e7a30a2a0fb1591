"""What WeasyPrint may fetch while it renders a PDF: the project's own fonts and images only.

A letter's HTML and CSS hold texts typed by administrators and staff (the nämnd's name, letter
templates, motiveringar). Whatever such a text names — `url(http://…)`, `@import`, an `<img>` —
the renderer fetches nothing but files under static/fonts and static/img (docs/drift.md:
PDF-rendering). Everything else is refused before any connection is made.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings

logg = logging.getLogger(__name__)


def tillatna_kataloger() -> list[Path]:
    statisk = Path(settings.BASE_DIR) / "static"
    return [(statisk / "fonts").resolve(), (statisk / "img").resolve()]


def tillaten(url: str) -> bool:
    delar = urlparse(url)
    if delar.scheme != "file" or delar.netloc not in ("", "localhost"):
        return False
    sokvag = Path(unquote(delar.path)).resolve()
    return any(sokvag.is_relative_to(k) and sokvag.is_file() for k in tillatna_kataloger())


def url_hamtare():
    """WeasyPrint's url_fetcher: its own fetcher, for allowed files only."""
    # WeasyPrint loads Pango only when a document is rendered.
    from weasyprint.urls import URLFetcher

    class EgnaFiler(URLFetcher):
        def fetch(self, url, headers=None):
            if not tillaten(url):
                logg.warning("PDF: hämtning av %s nekad", url[:200])
                raise ValueError("Bara projektets egna typsnitt och bilder får hämtas.")
            return super().fetch(url, headers)

    return EgnaFiler(allowed_protocols=["file"], allow_redirects=False)
