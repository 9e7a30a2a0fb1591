"""Done when (docs/arkitektur.md: E-tjänst): at phone width (390 px) an applicant logs in by
test-legitimation, completes a nyansökan with an upload, submits it incomplete, receives a
komplettering request made by handlaggare1, answers it, and sees the status timeline update. axe
reports zero violations on every e-tjänst page visited."""

from __future__ import annotations

import io
import random

import pytest
from django.core.management import call_command
from django.utils import timezone

from ansokan.models import Ansokan, Status
from bistand.demo import DemoPersonnummer

from .conftest import PDF

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demodata(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 390, "height": 844}}


def _fortsatt(page, axe, rubrik: str) -> None:
    assert page.get_by_role("heading", level=1).inner_text() == rubrik
    axe(page)
    page.get_by_role("button", name="Spara och fortsätt", exact=True).click()
    page.wait_for_load_state("domcontentloaded")


def test_an_applicant_applies_answers_a_komplettering_and_follows_the_timeline(
    page, browser, live_server, axe, logga_in, demodata, tmp_path
):
    import datetime

    nummer = DemoPersonnummer(random.Random(99)).nytt(datetime.date(1991, 3, 4), kvinna=True)
    page.goto(f"{live_server.url}/e-tjanst/")
    axe(page)
    page.get_by_label("Personnummer").fill(f"{nummer[:8]}-{nummer[8:]}")
    page.get_by_role("button", name="Logga in").click()

    page.get_by_role("link", name="Börja din första ansökan").click()
    axe(page)
    page.get_by_label("Förnamn").fill("Nora")
    page.get_by_label("Efternamn").fill("Nyström")
    page.get_by_role("button", name="Fortsätt").click()

    assert page.get_by_role("heading", name="Mina sidor").is_visible()
    axe(page)
    page.get_by_role("button", name="Ny ansökan").click()

    page.get_by_label("Postnummer").fill("123 45")
    page.get_by_label("E-post").fill("nora@exempel.se")
    _fortsatt(page, axe, "Kontaktuppgifter")
    _fortsatt(page, axe, "Ditt hushåll")
    page.get_by_label("Vad gör du just nu?").select_option("arbetssokande")
    _fortsatt(page, axe, "Din situation")
    page.get_by_label("Hyra").fill("6200")
    _fortsatt(page, axe, "Inkomster, kostnader och tillgångar")
    page.get_by_label("Försörjningsstöd", exact=True).check()
    _fortsatt(page, axe, "Vad söker du för?")
    page.get_by_label("Berätta om din situation med egna ord").fill("Jag har förlorat jobbet.")
    _fortsatt(page, axe, "Din berättelse")

    assert page.get_by_role("heading", name="Bilagor").is_visible()
    axe(page)
    page.get_by_label("Vad innehåller filen?").select_option("kontoutdrag")
    pdf = tmp_path / "kontoutdrag.pdf"
    pdf.write_bytes(PDF)
    page.get_by_label("Fil", exact=True).set_input_files(str(pdf))
    page.get_by_role("button", name="Ladda upp filen").click()
    page.wait_for_load_state("domcontentloaded")
    assert "kontoutdrag.pdf" in page.content()
    axe(page)
    page.get_by_role("link", name="Fortsätt").click()

    assert page.get_by_role("heading", name="Granska och skicka in").is_visible()
    assert "Inte ifyllt" in page.content()  # incomplete, and still submitted
    axe(page)
    page.get_by_label("Jag intygar").check()
    page.get_by_role("button", name="Skicka in ansökan").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.get_by_role("heading", name="Vi har tagit emot din ansökan").is_visible()
    ansokan = Ansokan.objects.get(sokande__identitet=nummer)
    assert ansokan.status == Status.INKOMMEN
    assert ansokan.referens in page.content()
    axe(page)

    # handlaggare1 requests a komplettering through the staff pages in another browser.
    personal = browser.new_context()
    sida = personal.new_page()
    logga_in(sida, "handlaggare1", "bistand-demo")
    sida.goto(f"{live_server.url}/ansokningar/")
    sida.get_by_role("link", name=ansokan.referens).click()
    sida.get_by_label("Vad behövs?").fill("Lönespecifikation")
    sida.get_by_label("Varför behövs det?").fill("För att se din senaste inkomst.")
    senast = timezone.localdate() + datetime.timedelta(days=7)
    sida.get_by_label("Senast").fill(senast.isoformat())
    sida.get_by_role("button", name="Begär komplettering").click()
    sida.wait_for_load_state("domcontentloaded")
    personal.close()

    page.goto(f"{live_server.url}/e-tjanst/ansokan/{ansokan.pk}/")
    assert f"Begärs senast {senast:%Y-%m-%d}" in page.content()
    tidslinje = page.get_by_role("region", name="Så här går det med din ansökan")
    assert "Komplettering begärd: Lönespecifikation" in tidslinje.inner_text()
    axe(page)
    page.get_by_role("link", name="Skicka in komplettering: Lönespecifikation").click()
    axe(page)
    page.get_by_label("Ditt svar").fill("Jag har ingen lön sedan i mars.")
    page.get_by_role("button", name="Skicka in", exact=True).click()
    page.wait_for_load_state("domcontentloaded")

    assert "Inskickad" in page.get_by_role("region", name="Underlag vi har bett om").inner_text()
    tidslinje = page.get_by_role("region", name="Så här går det med din ansökan").inner_text()
    assert "Ansökan mottagen" in tidslinje
    assert "Komplettering inkommen: Lönespecifikation" in tidslinje
    axe(page)
    ansokan.refresh_from_db()
    assert ansokan.status == Status.INKOMMEN


def test_a_demo_applicant_sees_every_state_and_a_bad_file_error_passes_axe(
    page, live_server, axe, demodata, tmp_path
):
    page.goto(f"{live_server.url}/e-tjanst/")
    page.get_by_label("Personnummer").fill("900101-2385")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state("domcontentloaded")
    html = page.content()
    assert "Inte inskickad (sparad)" in html and "Inkommen" in html
    axe(page)
    page.get_by_role("link", name="Akut ansökan").first.click()
    assert "Komplettering inkommen" in page.content()
    axe(page)
    page.goto(f"{live_server.url}/e-tjanst/")
    page.get_by_role("button", name="Akut ansökan – jag behöver hjälp i dag").click()
    page.get_by_role("link", name="Bilagor").click()
    page.get_by_label("Vad innehåller filen?").select_option("rakning")
    fel = tmp_path / "faktura.pdf"
    fel.write_bytes(b"MZ\x90\x00 not a pdf")
    page.get_by_label("Fil", exact=True).set_input_files(str(fel))
    page.get_by_role("button", name="Ladda upp filen").click()
    page.wait_for_load_state("domcontentloaded")
    assert "Filen går inte att ta emot" in page.content()
    assert page.get_by_label("Vad innehåller filen?").input_value() == "rakning"
    axe(page)
