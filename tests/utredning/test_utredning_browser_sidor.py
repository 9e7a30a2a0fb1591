"""The handläggare's pages in Chromium with axe-core: the worklist, the utredning page with
the förslag, and the journal (docs/regler.md: Utredning; docs/arkitektur.md: Stack och körlägen:
WCAG 2.1 AA)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from utredning.models import Utredning

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demodata(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False


def test_handlaggare1_works_through_worklist_utredning_and_journal(
    page, live_server, logga_in, axe, demodata
):
    logga_in(page, "handlaggare1", "bistand-demo")
    assert page.url.endswith("/arbetslista/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Arbetslista")
    axe(page)

    utredning = (
        Utredning.objects.filter(ansokan__akt__enhet__kod="enhet-1", forslag__isnull=False)
        .order_by("pk")
        .first()
    )
    page.goto(f"{live_server.url}/ansokningar/{utredning.ansokan_id}/utredning/")
    assert page.get_by_role("button", name="Spara förslag").is_visible()
    axe(page)

    page.goto(f"{live_server.url}/akter/{utredning.ansokan.akt_id}/journal/")
    assert page.get_by_label("Anteckning", exact=True).is_visible()
    axe(page)
