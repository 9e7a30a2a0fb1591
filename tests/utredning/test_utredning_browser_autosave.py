"""Done when (docs/regler.md: Utredning): a browser test types a journal draft, lets the session
expire, logs in again and finds every character; another closes the tab mid-text and finds it
offered and restored."""

from __future__ import annotations

import re
import time

import pytest

from bistand.models import JournalAnteckning, Session
from utredning.models import Utkast

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _roller(transactional_db):
    """A flushed database after an earlier transactional test lacks the role groups and the
    ground data of the migrations; put back what these tests need."""
    from django.contrib.auth.models import Group

    from bistand.models import Roll

    for roll in Roll.values:
        Group.objects.get_or_create(name=roll)


FORSTA = "Besök på kontoret. Sökanden berättar om sin situation: å, ä, ö – 100 % säkert!\n"
ANDRA = "Efter att sessionen tagit slut skrev jag detta; inget får försvinna."


def test_a_draft_survives_an_ended_session_and_is_sent_after_login(
    page, live_server, logga_in, handlaggare, akt, axe
):
    logga_in(page, handlaggare.username)
    page.goto(f"{live_server.url}/akter/{akt.pk}/journal/")
    axe(page)
    falt = page.get_by_label("Anteckning", exact=True)
    falt.press_sequentially(FORSTA, delay=5)
    page.get_by_text(re.compile("Utkast sparat")).wait_for()

    Session.objects.all().delete()  # the session ends on the server (timeout, logout elsewhere)

    falt.press_sequentially(ANDRA, delay=5)
    dialog = page.get_by_role("alertdialog")
    dialog.wait_for()
    assert falt.input_value() == FORSTA + ANDRA  # the unsent text stays in the page
    dialog.get_by_label("Lösenord").fill("test-losenord-1")
    dialog.get_by_role("button", name="Logga in och spara").click()
    page.get_by_text(re.compile("Utkast sparat")).wait_for()
    assert dialog.is_hidden()
    assert Utkast.objects.get(nyckel__startswith=f"journal:{akt.pk}:").text == FORSTA + ANDRA

    page.reload()  # the page's own draft key stays in the address: the same draft comes back
    assert page.get_by_label("Anteckning", exact=True).input_value() == FORSTA + ANDRA
    page.get_by_role("button", name="Spara anteckning").click()
    page.get_by_text("Anteckningen är sparad.").wait_for()
    assert JournalAnteckning.objects.get(akt=akt).text == (FORSTA + ANDRA).strip()
    assert not Utkast.objects.exists()


def test_a_submit_into_an_ended_session_waits_for_login_and_loses_nothing(
    page, live_server, logga_in, handlaggare, akt
):
    logga_in(page, handlaggare.username)
    page.goto(f"{live_server.url}/akter/{akt.pk}/journal/")
    page.get_by_label("Anteckning", exact=True).fill(FORSTA)
    Session.objects.all().delete()
    page.get_by_role("button", name="Spara anteckning").click()
    dialog = page.get_by_role("alertdialog")
    dialog.wait_for()
    dialog.get_by_label("Lösenord").fill("test-losenord-1")
    dialog.get_by_role("button", name="Logga in och spara").click()
    page.get_by_text("Anteckningen är sparad.").wait_for()
    assert JournalAnteckning.objects.get(akt=akt).text == FORSTA.strip()


def test_a_closed_tab_mid_text_is_restored(page, live_server, logga_in, handlaggare, akt):
    logga_in(page, handlaggare.username)
    page.goto(f"{live_server.url}/akter/{akt.pk}/journal/")
    page.get_by_label("Anteckning", exact=True).press_sequentially(FORSTA + ANDRA, delay=2)
    page.close(run_before_unload=True)  # no pause: the last characters go with the tab closing
    # The beacon sent as the tab closes arrives when it arrives: wait for the server to have it
    # (on a loaded machine that can take a moment), then open the page again.
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if Utkast.objects.filter(text=FORSTA + ANDRA).exists():
            break
        time.sleep(0.2)

    ny = page.context.new_page()
    ny.goto(f"{live_server.url}/akter/{akt.pk}/journal/")
    # A new page has its own draft and offers the closed tab's to continue.
    ny.get_by_role("link", name=re.compile("Fortsätt skriva på utkastet")).click()
    ny.get_by_text("Återställt osparat utkast").wait_for()
    assert ny.get_by_label("Anteckning", exact=True).input_value() == FORSTA + ANDRA
