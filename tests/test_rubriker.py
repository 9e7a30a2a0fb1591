"""Headers: Content-Security-Policy without unsafe-inline, no-store on pages with case data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_a_case_page_has_a_strict_csp_and_no_store(client, handlaggare, akt):
    client.force_login(handlaggare)
    svar = client.get(f"/akter/{akt.pk}/")
    assert svar.status_code == 200
    csp = svar["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "no-store" in svar["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("sida", ["/arbetslista/", "/ansokningar/", "/notiser/", "/"])
def test_every_staff_list_is_not_stored(client, handlaggare, sida):
    client.force_login(handlaggare)
    svar = client.get(sida)
    assert svar.status_code == 200
    assert "no-store" in svar["Cache-Control"]


@pytest.mark.django_db
def test_the_login_page_also_has_the_policy(client):
    svar = client.get("/login/")
    assert "unsafe-inline" not in svar["Content-Security-Policy"]
    assert "no-store" in svar["Cache-Control"]


def test_no_template_has_inline_script_or_style():
    """The policy forbids inline code, so none may be written (PDF templates are rendered by
    WeasyPrint on the server and never sent to a browser)."""
    fel = []
    for fil in (ROT / "templates").rglob("*.html"):
        if "pdf" in fil.relative_to(ROT / "templates").parts:
            continue
        text = fil.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            fel.append(f"{fil}: inline <script>")
        if re.search(r"<style\b|\sstyle=\"|\son[a-z]+=\"", text):
            fel.append(f"{fil}: inline style or event handler")
    assert not fel, "\n".join(fel)
