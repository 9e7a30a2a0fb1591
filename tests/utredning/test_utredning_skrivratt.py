"""The utredning page finds its ansökan by the Akt's rule and knows from it whether the user
may change it: the rule is asked once (docs/regler.md: Behörighet och skyddade
personuppgifter)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_the_utredning_page_asks_the_access_rule_once_and_offers_its_forms(
    client, handlaggare, akt, registrera
):
    ansokan = registrera(akt)
    url = f"/ansokningar/{ansokan.pk}/utredning/"
    client.force_login(handlaggare)
    client.get(url)
    with CaptureQueriesContext(connection) as fangade:
        html = client.get(url).content.decode()
    # The access rule's question joins the protected-member check.
    regeln = [q["sql"] for q in fangade.captured_queries if "bistand_hushallmedlem" in q["sql"]]
    regeln = [q for q in regeln if "NOT" in q and "skydd" in q]
    assert len(regeln) == 1, regeln
    assert "utredning-autosave.js" in html  # the forms save drafts: only a writer gets them


def test_kvalitet_reads_the_utredning_and_is_offered_no_form(client, kvalitet, akt, registrera):
    ansokan = registrera(akt)
    client.force_login(kvalitet)
    svar = client.get(f"/ansokningar/{ansokan.pk}/utredning/")
    assert svar.status_code == 200
    assert "utredning-autosave.js" not in svar.content.decode()
