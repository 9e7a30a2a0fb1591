"""The handläggare's day in Chromium: an unchanged återansökan goes from the worklist to a
decision in at most five page actions with last month's amounts, a changed one shows what changed
since last month, and what the applicant declared in the e-tjänst reaches the beräkning row by row
once the handläggare confirms the household (docs/regler.md: Utredning; docs/regler.md:
Beräkning; docs/arkitektur.md: Stack och körlägen: WCAG 2.1 AA).

A page action is a click that loads a page or submits a form; typing does not count.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from ansokan.models import Ansokan
from beslut.models import Beslut
from tests.utredning.conftest import (
    ateransokan_efter_beslut,
    ateransokan_med_uppgifter,
    kontrollera_nya_arets_riksnorm,
    registrera,  # noqa: F401 (fixture)
)
from tests.utredning.test_ateransokan_fem_steg import STORSTA_ANTAL_SIDHANDLINGAR
from utredning import selectors

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class Sidhandlingar:
    """Counts the page actions of a walk: each click that loads a page or submits a form."""

    def __init__(self, page):
        self.page = page
        self.antal = 0

    def klicka(self, element) -> None:
        self.antal += 1
        element.click()
        self.page.wait_for_load_state("domcontentloaded")


def _en_dag(settings, request, nar: dt.datetime) -> None:
    """The server lives on the given day for the rest of the test, whatever today's date is.

    The browser keeps its own clock, so the session cookie must not carry an expiry date that
    the browser would find passed.
    """
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    dagen = time_machine.travel(nar, tick=True)
    dagen.start()
    request.addfinalizer(dagen.stop)


def _gang(page, logga_in, axe, handlaggare, ansokan, forra_blad) -> Sidhandlingar:
    """The walk: worklist → utredning → "Gör som förra månaden" → "Fatta beslut" → decide."""
    logga_in(page, handlaggare.username)
    assert page.url.endswith("/arbetslista/")
    steg = Sidhandlingar(page)
    rad = page.get_by_role("row").filter(
        has=page.get_by_role("link", name=ansokan.referens, exact=True)
    )
    assert "Återansökan" in rad.inner_text()
    steg.klicka(rad.get_by_role("link", name="Utredning", exact=True))
    assert page.url.endswith(f"/ansokningar/{ansokan.pk}/utredning/")
    som_forra = page.get_by_role("region", name="Som förra månaden?")
    assert f"försörjningsstöd {forra_blad.bistand} kr" in som_forra.inner_text()
    axe(page)
    steg.klicka(som_forra.get_by_role("button", name="Gör som förra månaden"))
    axe(page)
    steg.klicka(page.get_by_role("link", name="Fatta beslut").first)
    steg.klicka(page.get_by_role("button", name="Fatta beslut"))

    assert "Beslutet är fattat" in page.content()
    return steg


def test_an_unchanged_ateransokan_is_decided_from_the_worklist_in_five_page_actions(
    page,
    live_server,
    logga_in,
    axe,
    enhet,
    handlaggare,
    nytt_personnummer,
    registrera,  # noqa: F811
    settings,
    request,
):
    forra, forra_blad, ansokan = ateransokan_efter_beslut(
        enhet,
        handlaggare,
        nytt_personnummer,
        registrera,
        dt.date(2026, 10, 2),
        dt.date(2026, 11, 3),
    )

    _en_dag(settings, request, dt.datetime(2026, 11, 4, 9, tzinfo=dt.UTC))
    steg = _gang(page, logga_in, axe, handlaggare, ansokan, forra_blad)

    assert "Beslutet är fattat" in page.content()
    assert steg.antal <= STORSTA_ANTAL_SIDHANDLINGAR
    nu = {b.post.posttyp.kod: b.belopp for b in Beslut.objects.filter(post__ansokan=ansokan)}
    da = {b.post.posttyp.kod: b.belopp for b in Beslut.objects.filter(post__ansokan=forra)}
    assert nu == da and nu
    blad = selectors.berakning_senaste(ansokan)
    assert blad.manad == dt.date(2026, 11, 1)
    assert blad.bistand == forra_blad.bistand


def test_a_changed_ateransokan_shows_the_handlaggare_what_changed_since_last_month(
    page,
    live_server,
    logga_in,
    axe,
    akt,
    handlaggare,
    registrera,  # noqa: F811
    settings,
    request,
):
    ansokan = ateransokan_med_uppgifter(
        akt,
        registrera,
        {"ekonomi": {"hyra": "7000", "lon": "5000"}},
        {"ekonomi": {"hyra": "7000", "lon": "6200"}},
    )

    _en_dag(settings, request, dt.datetime(2026, 11, 4, 9, tzinfo=dt.UTC))
    logga_in(page, handlaggare.username)
    page.get_by_role("link", name=ansokan.referens, exact=True).click()
    page.wait_for_load_state("domcontentloaded")
    assert page.url.endswith(f"/ansokningar/{ansokan.pk}/")
    andrat = page.locator("dd.andrad")
    assert andrat.count() == 1
    text = andrat.inner_text()
    assert "6" in text and "200" in text
    assert "Ändrat sedan förra månaden (då: 5" in text
    hyra = page.locator("dt", has_text="Hyra").first.locator("xpath=following-sibling::dd[1]")
    assert "Ändrat sedan förra månaden" not in hyra.inner_text()
    axe(page)


def _fortsatt(page, rubrik: str) -> None:
    assert page.get_by_role("heading", level=1).inner_text() == rubrik
    page.get_by_role("button", name="Spara och fortsätt", exact=True).click()
    page.wait_for_load_state("domcontentloaded")


def test_children_and_incomes_declared_in_the_etjanst_reach_the_berakning_row_by_row(
    page,
    browser,
    live_server,
    logga_in,
    axe,
    akt,
    handlaggare,
    nytt_personnummer,
    settings,
    request,
):
    settings.ETJANST_TESTLEGITIMATION = True
    _en_dag(settings, request, dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC))
    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    nummer = sokande.identitet
    page.goto(f"{live_server.url}/e-tjanst/")
    page.get_by_label("Personnummer").fill(f"{nummer[:8]}-{nummer[8:]}")
    page.get_by_role("button", name="Logga in").click()
    page.get_by_role("button", name="Ny ansökan").click()
    page.wait_for_load_state("domcontentloaded")

    _fortsatt(page, "Kontaktuppgifter")
    barn = [("Alva", dt.date(2018, 3, 4)), ("Bo", dt.date(2022, 6, 7))]
    for i, (namn, fodd) in enumerate(barn):
        if i:
            page.get_by_role("button", name="Lägg till ett barn till").click()
            page.wait_for_load_state("domcontentloaded")
        page.get_by_label("Barnets förnamn").nth(i).fill(namn)
        page.get_by_label("Barnets personnummer").nth(i).fill(nytt_personnummer(fodd))
        page.get_by_label("Var bor barnet?").nth(i).select_option("bor")
    _fortsatt(page, "Ditt hushåll")
    _fortsatt(page, "Din situation")
    page.get_by_label("A-kassa, sjukpenning, aktivitetsstöd eller annan ersättning").fill(
        "9 800 kr"
    )
    page.get_by_label("Barnbidrag").fill("2 500")
    page.get_by_label("Hyra").fill("7 800")
    _fortsatt(page, "Inkomster, kostnader och tillgångar")
    page.get_by_label("Försörjningsstöd", exact=True).check()
    _fortsatt(page, "Vad söker du för?")
    _fortsatt(page, "Din berättelse")
    page.get_by_role("link", name="Fortsätt").click()
    page.get_by_label("Jag intygar").check()
    page.get_by_role("button", name="Skicka in ansökan").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.get_by_role("heading", name="Vi har tagit emot din ansökan").is_visible()
    ansokan = Ansokan.objects.get(sokande=sokande, status="inkommen")

    personal = browser.new_context()
    sida = personal.new_page()
    logga_in(sida, handlaggare.username)
    rad = sida.get_by_role("row").filter(
        has=sida.get_by_role("link", name=ansokan.referens, exact=True)
    )
    rad.get_by_role("link", name="Utredning", exact=True).click()
    sida.get_by_role("button", name="Starta utredning").click()
    sida.wait_for_load_state("domcontentloaded")
    bekrafta = sida.get_by_role("button", name="Lägg till 2 från ansökan och bekräfta hushållet")
    assert "Alva" in sida.content()
    axe(sida)
    bekrafta.click()  # the one action that confirms the household
    sida.wait_for_load_state("domcontentloaded")
    assert list(
        akt.hushall.medlemmar.filter(roll="barn")
        .values_list("person__fornamn", flat=True)
        .order_by("person__fornamn")
    ) == ["Alva", "Bo"]
    sida.get_by_role("button", name="Spara beräkning").click()
    sida.wait_for_load_state("domcontentloaded")

    tabell = sida.locator(".berakning-tabell").first.inner_text()
    assert "Personliga kostnader, barn 1" in tabell
    assert "Personliga kostnader, barn 2" in tabell
    assert "Ersättning från a-kassa" in tabell and "Barnbidrag" in tabell
    blad = selectors.berakning_senaste(ansokan)
    assert {i["typ"]: i["belopp"] for i in blad.underlag["inkomster"]} == {
        "a_kassa": 9800,
        "barnbidrag": 2500,
    }
    axe(sida)
    personal.close()


def test_across_a_new_year_the_walk_decides_with_the_new_riksnorm(
    page,
    live_server,
    logga_in,
    axe,
    enhet,
    handlaggare,
    nytt_personnummer,
    registrera,  # noqa: F811
    settings,
    request,
):
    _, forra_blad, ansokan = ateransokan_efter_beslut(
        enhet, handlaggare, nytt_personnummer, registrera, dt.date(2025, 12, 2), dt.date(2026, 1, 5)
    )

    _en_dag(settings, request, dt.datetime(2026, 1, 7, 9, tzinfo=dt.UTC))
    steg = _gang(page, logga_in, axe, handlaggare, ansokan, forra_blad)

    assert steg.antal <= STORSTA_ANTAL_SIDHANDLINGAR
    kontrollera_nya_arets_riksnorm(ansokan, forra_blad, 2026)
