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


# The policy written once per process (bistand.sakerhet.InnehallspolicyMiddleware).


@pytest.fixture
def byggen(monkeypatch):
    """Counts how often django-csp's own middleware builds a header."""
    import csp.middleware

    anrop = []
    bygg = csp.middleware.build_policy

    def raknad(*args, **kwargs):
        anrop.append(kwargs)
        return bygg(*args, **kwargs)

    monkeypatch.setattr(csp.middleware, "build_policy", raknad)
    return anrop


@pytest.mark.django_db
def test_a_page_gets_the_settings_policy_without_building_it_again(client, handlaggare, byggen):
    from csp.utils import build_policy

    client.force_login(handlaggare)
    for _ in range(3):
        svar = client.get("/arbetslista/")
        assert svar["Content-Security-Policy"] == build_policy()
    assert byggen == []


@pytest.mark.django_db
def test_a_view_that_changes_its_policy_or_uses_a_nonce_gets_django_csps_own_header(
    byggen, settings
):
    from csp.constants import NONCE, SELF
    from django.http import HttpResponse
    from django.test import RequestFactory

    from bistand.sakerhet import InnehallspolicyMiddleware

    def vy(request):
        svar = HttpResponse("x")
        svar._csp_update = {"img-src": ["https://karta.example"]}
        return svar

    mw = InnehallspolicyMiddleware(vy)
    svar = mw(RequestFactory().get("/karta/"))
    assert "https://karta.example" in svar["Content-Security-Policy"]

    def med_nonce(request):
        return HttpResponse(str(request.csp_nonce))

    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"script-src": [SELF, NONCE]}}
    mw = InnehallspolicyMiddleware(med_nonce)
    svar = mw(RequestFactory().get("/"))
    assert f"'nonce-{svar.content.decode()}'" in svar["Content-Security-Policy"]
    assert len(byggen) == 4  # both headers, for each of the two responses


@pytest.mark.django_db
def test_a_changed_setting_changes_the_written_policy(client, settings):
    client.get("/login/")
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert client.get("/login/")["Content-Security-Policy"] == "default-src 'none'"
