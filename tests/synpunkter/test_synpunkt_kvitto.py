"""Staff who register a synpunkt get a receipt they may see; the synpunkt itself, with the
investigation, is for the managers who handle and read it (docs/regler.md: Synpunkter;
bistand/behorighet.py: synpunkter:visa and synpunkter:kvitto)."""

from __future__ import annotations

import pytest

from bistand.behorighet import HANDLAGGARE, KONTAKTCENTER, MATRIS
from synpunkter.models import Synpunkt

pytestmark = pytest.mark.django_db


def _post(**extra) -> dict:
    return {
        "kanal": "brev",
        "inkom": "2026-11-27",
        "slag": "klagomal",
        "text": "Jag fick inget svar på mitt brev.",
        "namn": "Sven Svensson",
        **extra,
    }


@pytest.mark.parametrize("vem", ["handlaggare", "kontaktcenter"])
def test_a_registrar_who_does_not_handle_it_lands_on_a_receipt_not_a_404(
    client, request, vem, enhet, enhetschef
):
    user = request.getfixturevalue(vem)
    client.force_login(user)
    svar = client.post("/synpunkter/ny/", _post(enhet=enhet.pk))
    s = Synpunkt.objects.get()
    assert svar.status_code == 302 and svar["Location"] == f"/synpunkter/{s.pk}/kvitto/"
    kvitto = client.get(svar["Location"])
    assert kvitto.status_code == 200
    html = kvitto.content.decode()
    assert f"Synpunkt {s.nummer} är registrerad" in html and str(enhetschef) in html
    # The synpunkt itself is the managers' (the matrix says so, and the view agrees).
    assert client.get(f"/synpunkter/{s.pk}/").status_code == 404
    assert HANDLAGGARE not in MATRIS["synpunkter:visa"].get
    assert KONTAKTCENTER not in MATRIS["synpunkter:visa"].get
    # The registrar finds the receipt again from the list.
    assert f"/synpunkter/{s.pk}/kvitto/" in client.get("/synpunkter/").content.decode()


def test_the_receipt_is_nobody_elses(client, handlaggare, kollega, enhet):
    client.force_login(handlaggare)
    client.post("/synpunkter/ny/", _post(enhet=enhet.pk))
    s = Synpunkt.objects.get()
    client.force_login(kollega)
    assert client.get(f"/synpunkter/{s.pk}/kvitto/").status_code == 404


def test_the_handling_manager_who_registers_goes_straight_to_the_synpunkt(
    client, enhetschef, enhet
):
    client.force_login(enhetschef)
    svar = client.post("/synpunkter/ny/", _post(enhet=enhet.pk))
    s = Synpunkt.objects.get()
    assert s.handlaggs_av == enhetschef
    assert svar["Location"] == f"/synpunkter/{s.pk}/"
    assert client.get(svar["Location"]).status_code == 200
    assert client.get(f"/synpunkter/{s.pk}/kvitto/").status_code == 200
