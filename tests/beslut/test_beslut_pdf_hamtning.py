"""The PDF renderer fetches only the project's own fonts and images (docs/drift.md)."""

from __future__ import annotations

import http.server
import threading
from decimal import Decimal

import pytest

from beslut import pdf, services
from bistand.pdfhamtning import tillaten
from tests.beslut.conftest import post_beslut


@pytest.fixture
def lyssnare():
    """A local HTTP server that counts every request it gets."""
    traffar: list[str] = []

    class Hanterare(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            traffar.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hanterare)
    trad = threading.Thread(target=server.serve_forever, daemon=True)
    trad.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", traffar
    server.shutdown()
    server.server_close()


def test_a_stylesheet_url_an_import_and_an_image_fetch_nothing(lyssnare):
    adress, traffar = lyssnare
    html = (
        f'<style>@import url("{adress}/import.css");'
        f" body {{ background: url({adress}/bakgrund.png) }}</style>"
        f'<link rel="stylesheet" href="{adress}/lank.css">'
        f'<p>Text</p><img src="{adress}/bild.png" alt="">'
    )
    assert pdf._pdf(html).startswith(b"%PDF")
    assert traffar == []


@pytest.mark.django_db
def test_an_admin_typed_namnd_name_with_url_fetches_nothing(
    lyssnare, skapa_utredd, akt, handlaggare, django_capture_on_commit_callbacks
):
    adress, traffar = lyssnare
    namnd = akt.enhet.namnd
    # Within the column's 200 characters, as an administrator could type it.
    namnd.namn = (
        f'N"}}}}@import url({adress}/a.css);html{{background:url({adress}/b.png)}}'
        f"\n}}}}html{{background:url({adress}/c.png)}}@page{{@top-left{{content:'x"
    )
    assert len(namnd.namn) <= 200
    namnd.save()
    a = skapa_utredd(akt, handlaggare)
    with django_capture_on_commit_callbacks(execute=True):
        brev = services.beslut_fatta(
            ansokan=a, av=handlaggare, poster=[post_beslut(a, belopp=Decimal("9000"))]
        )
    brev.refresh_from_db()
    assert brev.sokvag
    assert traffar == []


def test_only_files_under_static_fonts_and_img_are_allowed(settings, tmp_path):
    fonter = settings.BASE_DIR / "static" / "fonts" / "DejaVuSans.ttf"
    assert tillaten(fonter.as_uri())
    assert not tillaten("http://127.0.0.1/x.css")
    assert not tillaten("https://exempel.se/x.png")
    assert not tillaten("data:text/css,body{}")
    assert not tillaten((settings.BASE_DIR / "bistand" / "settings.py").as_uri())
    assert not tillaten((fonter.parent / ".." / ".." / "manage.py").as_uri())
    assert not tillaten("file:///etc/passwd")
