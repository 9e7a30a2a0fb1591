"""End to end in Debian's Chromium: a handläggare logs in, opens an Akt and sees its journal.

axe-core must report zero violations on every page visited (WCAG 2.1 AA is required of public
services; docs/arkitektur.md: Stack och körlägen).
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from bistand.models import Akt

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demodata(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False


def test_handlaggare1_opens_an_akt_and_sees_its_journal(page, live_server, logga_in, axe, demodata):
    page.goto(f"{live_server.url}/login/")
    axe(page)
    logga_in(page, "handlaggare1", "bistand-demo")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Arbetslista")
    axe(page)
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Akter").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Akter i")
    axe(page)

    akt = Akt.objects.filter(enhet__kod="enhet-1").exclude(journal=None).order_by("pk").first()
    page.get_by_role("link", name=akt.aktnummer).click()
    page.wait_for_load_state("domcontentloaded")
    assert page.get_by_role("heading", name=f"Akt {akt.aktnummer}").is_visible()
    journal = page.get_by_role("region", name="Journal")
    forsta = akt.journal.order_by("-handelse_datum").first()
    assert forsta.text[:40] in journal.inner_text()
    axe(page)


def test_the_skip_link_moves_focus_to_the_main_content(page, live_server, logga_in, demodata):
    logga_in(page, "handlaggare1", "bistand-demo")
    page.keyboard.press("Tab")
    lank = page.get_by_role("link", name="Hoppa till innehållet")
    assert lank.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "huvudinnehall"


def test_kontaktcenter1_looks_up_a_status_without_seeing_the_case(
    page, live_server, logga_in, axe, demodata
):
    logga_in(page, "kontaktcenter1", "bistand-demo")
    assert page.url.endswith("/kontaktcenter/")
    axe(page)
    page.get_by_label("Personnummer eller samordningsnummer").fill("19900101-2385")
    page.get_by_role("button", name="Sök").click()
    page.wait_for_load_state("domcontentloaded")
    assert "Ärende finns hos" in page.get_by_role("status").inner_text()
    axe(page)


def test_an_outsider_gets_the_not_found_page(page, live_server, logga_in, axe, demodata):
    akt = Akt.objects.filter(enhet__kod="enhet-1").order_by("pk").first()
    logga_in(page, "handlaggare2", "bistand-demo")
    svar = page.goto(f"{live_server.url}/akter/{akt.pk}/")
    assert svar.status == 404
    assert page.get_by_role("heading", name="Sidan finns inte").is_visible()
    axe(page)


def test_enhetschef1_sees_the_dashboard_with_a_chart(page, live_server, logga_in, axe, demodata):
    logga_in(page, "enhetschef1", "bistand-demo")
    page.get_by_role("link", name="Översikt").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.get_by_role("img", name="Akter per handläggare").is_visible()
    axe(page)


def test_handlaggare1_opens_the_household_page(page, live_server, logga_in, axe, demodata):
    akt = Akt.objects.filter(enhet__kod="enhet-1", handlaggare__username="handlaggare1").first()
    logga_in(page, "handlaggare1", "bistand-demo")
    page.goto(f"{live_server.url}/akter/{akt.pk}/")
    page.get_by_role("link", name="Ändra hushållet").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.get_by_role("heading", name="Lägg till en person").is_visible()
    axe(page)


def test_the_case_history_page_has_no_accessibility_violations(
    page, live_server, logga_in, axe, demodata
):
    from bistand.models import Handelse

    akt = (
        Akt.objects.filter(enhet__kod="enhet-1", handelser__typ_id="beslut.fattat")
        .exclude(journal=None)
        .order_by("pk")
        .first()
    )
    assert Handelse.objects.filter(akt=akt).count() >= 3
    logga_in(page, "handlaggare1", "bistand-demo")
    page.goto(f"{live_server.url}/akter/{akt.pk}/historik/")
    assert page.get_by_role("heading", level=1).inner_text() == f"Historik för akt {akt.aktnummer}"
    rader = page.get_by_role("table").get_by_role("row")
    assert rader.count() > 3
    axe(page)
    page.get_by_label("Visa").select_option("beslut.fattat")
    page.get_by_role("button", name="Filtrera").click()
    page.wait_for_load_state("domcontentloaded")
    assert "typ=beslut.fattat" in page.url
    assert page.get_by_role("cell", name="Beslut fattat om en post").first.is_visible()
    axe(page)
