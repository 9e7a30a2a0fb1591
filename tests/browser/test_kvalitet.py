"""End to end in Debian's Chromium: kvalitet1 draws the journalgranskning sample, reviews a
file, and the handläggare sees the feedback; axe-core reports zero violations on every quality
page."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command

from kvalitet.models import Granskning, GranskningsPunkt

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
AR = datetime.date.today().year  # noqa: DTZ011


@pytest.fixture
def demodata(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False
    # The demo's own sample is removed, so the journey draws the year's sample itself.
    Granskning.objects.all().delete()


def test_kvalitet1_draws_reviews_and_the_handlaggare_sees_the_feedback(
    page, live_server, logga_in, axe, demodata
):
    logga_in(page, "kvalitet1", "bistand-demo")
    page.goto(f"{live_server.url}/kvalitet/journalgranskning/")
    axe(page)
    page.get_by_label("Enhet", exact=True).select_option(label="Försörjningsstöd Norr")
    page.get_by_label("Antal akter per handläggare").fill("2")
    page.get_by_label("Slumpfrö").fill("2026")
    page.get_by_label("Jag").check()
    page.get_by_role("button", name="Dra stickprov").click()
    page.wait_for_load_state("domcontentloaded")
    assert "akter drogs till granskning" in page.get_by_text("drogs till granskning").inner_text()
    g = Granskning.objects.filter(handlaggare__username="handlaggare1").order_by("pk").first()
    assert g is not None and g.granskare.username == "kvalitet1"
    axe(page)

    page.get_by_role("link", name=f"Akt {g.akt.aktnummer} ({AR})").click()
    page.wait_for_load_state("domcontentloaded")
    axe(page)
    for p in GranskningsPunkt.objects.filter(aktiv=True):
        page.locator(f'input[name="punkt_{p.pk}"][value="uppfyllt"]').check()
    page.get_by_label("Återkoppling till handläggaren").fill(
        "Tydlig individuell bedömning. Skriv datum för kommuniceringen."
    )
    page.get_by_role("button", name="Skicka återkopplingen").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.get_by_text("Granskningen är sparad.").is_visible()
    axe(page)

    for url in (
        "/kvalitet/oversikt/",
        "/kvalitet/loggkontroll/",
        "/kvalitet/listor/",
        "/kvalitet/listor/overklaganden/",
        "/kvalitet/listor/langvarigt/",
        "/kvalitet/domar/",
        "/kvalitet/likvardighet/",
        "/kvalitet/arendedragning/",
        f"/kvalitet/rapport/{AR}/",
        f"/kvalitet/rapport/{AR}/redigera/",
        "/kvalitet/statistik/",
    ):
        svar = page.goto(f"{live_server.url}{url}")
        assert svar.status == 200, url
        axe(page)
    page.goto(f"{live_server.url}/kvalitet/loggkontroll/")
    page.get_by_role("button", name="Dra eller öppna stickprovet").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Stickprov i loggen")
    axe(page)

    page.context.clear_cookies()
    logga_in(page, "handlaggare1", "bistand-demo")
    page.goto(f"{live_server.url}/kvalitet/journalgranskning/")
    assert page.get_by_role("heading", name="Återkoppling på dina ärenden").is_visible()
    axe(page)
    page.get_by_role("link", name=f"Akt {g.akt.aktnummer} ({AR})").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.get_by_text("Tydlig individuell bedömning.").is_visible()
    axe(page)
    page.goto(f"{live_server.url}/kvalitet/arendedragning/ny/")
    axe(page)
