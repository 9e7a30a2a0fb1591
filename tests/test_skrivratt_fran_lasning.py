"""A page that found an Akt, or an ansökan in it, by the read rule knows the write right
without asking the rule again: a case-working role of the Akt's own Enhet may change what it
may open, every other role changes nothing (docs/regler.md: Behörighet och skyddade
personuppgifter)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def _atkomstfragor(client, url: str) -> tuple[list[str], str]:
    client.get(url)
    with CaptureQueriesContext(connection) as fangade:
        svar = client.get(url)
    assert svar.status_code == 200
    # The access rule's question: the Akt (or ansökan) joined with the protected-member check.
    fragor = [q["sql"] for q in fangade.captured_queries if "bistand_hushallmedlem" in q["sql"]]
    return fragor, svar.content.decode()


# What only a writer is offered: the Akt page's link to change the household, the journal's
# form for a new entry.
SKRIVARE = {"": "Ändra hushållet", "journal/": "Spara anteckning"}


@pytest.mark.parametrize("sida", list(SKRIVARE))
def test_a_handlaggare_is_asked_the_access_rule_once_and_may_write(client, handlaggare, akt, sida):
    client.force_login(handlaggare)
    fragor, html = _atkomstfragor(client, f"/akter/{akt.pk}/{sida}")
    assert len([f for f in fragor if 'FROM "bistand_akt"' in f]) == 1, fragor
    assert SKRIVARE[sida] in html


@pytest.mark.parametrize("sida", list(SKRIVARE))
def test_kvalitet_reads_the_akt_and_is_offered_nothing_to_change(client, kvalitet, akt, sida):
    client.force_login(kvalitet)
    svar = client.get(f"/akter/{akt.pk}/{sida}")
    assert svar.status_code == 200
    assert SKRIVARE[sida] not in svar.content.decode()
