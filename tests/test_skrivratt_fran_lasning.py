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


ROLLER = [
    "Handläggare",
    "Förste socialsekreterare",
    "Enhetschef",
    "Avdelningschef",
    "Kvalitet",
    "Kontaktcenter",
    "Ekonomiassistent",
    "Administratör",
]


@pytest.mark.parametrize("roll", ROLLER)
@pytest.mark.parametrize("egen_enhet", [True, False])
@pytest.mark.parametrize("skyddad", [False, True])
def test_the_write_right_known_from_a_read_is_the_write_rule_itself(
    skapa_anvandare, enhet, annan_enhet, namnd, akt, skyddad_akt, roll, egen_enhet, skyddad
):
    # Read and write are different rights (docs/regler.md: Behörighet och skyddade
    # personuppgifter): whatever a read access function records must be what the write rule,
    # `akter_for_write`, answers — for every role, in and outside its Enhet, protected or not.
    from django.http import Http404
    from guardian.shortcuts import assign_perm

    from bistand.access import SKYDDAD_AKT_PERM, akt_for_user, akter_for_write, far_skriva_i_akt
    from bistand.models import User

    user = skapa_anvandare("provad", roll, enhet if egen_enhet else annan_enhet)
    user.namnd = namnd
    user.save()
    mal = skyddad_akt if skyddad else akt
    if skyddad:
        assign_perm(SKYDDAD_AKT_PERM, user, mal)
    user = User.objects.get(pk=user.pk)  # no right read before
    skriva = akter_for_write(user).filter(pk=mal.pk).exists()
    try:
        akt_for_user(user, mal.pk, sida="prov")
    except Http404:
        assert not skriva
        return
    assert far_skriva_i_akt(user, mal.pk) is skriva
