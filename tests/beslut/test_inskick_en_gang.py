"""A single-shot form makes its object once: a double click or a resent POST of "fatta
beslut", "skicka kommunicering", "registrera överklagande" or a journal entry carries the same
key and makes one object (docs/regler.md: Ett inskick blir ett). The concurrent case runs on
PostgreSQL in tests/beslut/test_inskick_samtidigt.py."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.utils import timezone

from beslut import services
from beslut.models import Beslut, Overklagande
from bistand.models import Inskick, JournalAnteckning
from tests.beslut.conftest import post_beslut
from tests.beslut.test_beslut_vyer import _form
from utredning.models import Kommunicering

pytestmark = pytest.mark.django_db


def _tva_ganger(client, url: str, data: dict) -> tuple:
    """The same form sent twice, as a double click does: the same key both times."""
    data = {**data, "inskick": str(uuid.uuid4())}
    return client.post(url, data), client.post(url, data)


def test_the_pages_carry_a_fresh_key_in_each_single_shot_form(client, utredd, handlaggare):
    client.force_login(handlaggare)
    for url in (f"/ansokningar/{utredd.pk}/beslut/", f"/akter/{utredd.akt_id}/journal/"):
        sida = client.get(url).content.decode()
        assert 'name="inskick"' in sida, url


def test_a_double_clicked_decision_makes_one_decision(client, utredd, handlaggare):
    client.force_login(handlaggare)
    forsta, andra = _tva_ganger(
        client, f"/ansokningar/{utredd.pk}/beslut/", _form(utredd.poster.get())
    )
    assert forsta.status_code == 302 and andra.status_code == 302
    assert forsta["Location"] == andra["Location"]
    assert Beslut.objects.count() == 1
    assert Inskick.objects.get().typ == "beslut"


def test_a_resent_kommunicering_is_sent_once(client, utredd, handlaggare):
    client.force_login(handlaggare)
    forsta, andra = _tva_ganger(
        client,
        f"/ansokningar/{utredd.pk}/utredning/kommunicering/",
        {
            "komm-vad": "Uppgift från Försäkringskassan om sjukpenning.",
            "komm-svara_senast": f"{timezone.localdate() + dt.timedelta(days=10):%Y-%m-%d}",
        },
    )
    assert forsta.status_code == 302 and andra.status_code == 302
    assert Kommunicering.objects.count() == 1


def test_a_double_clicked_paper_appeal_is_registered_once(
    client, utredd, handlaggare, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        brev = services.beslut_fatta(
            ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd, utfall="avslag")]
        )
    beslut = brev.beslut.get()
    client.force_login(handlaggare)
    forsta, andra = _tva_ganger(
        client,
        f"/ansokningar/{utredd.pk}/overklagande/",
        {"beslut": beslut.pk, "text": "Jag behöver pengarna.", "inkommen": brev.beslutsdatum},
    )
    assert forsta.status_code == 302, re.findall(r"faltfel[^>]*>([^<]*)", forsta.content.decode())
    assert forsta["Location"] == andra["Location"]
    assert Overklagande.objects.count() == 1


def test_a_double_clicked_journal_entry_is_written_once(client, akt, handlaggare):
    client.force_login(handlaggare)
    fore = JournalAnteckning.objects.filter(akt=akt).count()
    forsta, andra = _tva_ganger(
        client,
        f"/akter/{akt.pk}/journal/",
        {
            "kontakttyp": "telefon",
            "handelse_datum": timezone.localdate().isoformat(),
            "text": "Sökande ringde om utbetalningen.",
            "signera": "on",
        },
    )
    assert forsta.status_code == 302 and andra.status_code == 302
    assert JournalAnteckning.objects.filter(akt=akt).count() == fore + 1


def test_a_refused_decision_leaves_the_key_free_for_the_corrected_form(client, utredd, handlaggare):
    client.force_login(handlaggare)
    url = f"/ansokningar/{utredd.pk}/beslut/"
    nyckel = str(uuid.uuid4())
    fel = client.post(url, {**_form(utredd.poster.get(), utfall="avslag"), "inskick": nyckel})
    assert fel.status_code in (200, 400) and not Beslut.objects.exists()
    assert not Inskick.objects.exists()
    ratt = client.post(url, {**_form(utredd.poster.get()), "inskick": nyckel})
    assert ratt.status_code == 302 and Beslut.objects.count() == 1


def test_without_a_key_the_form_still_works(client, utredd, handlaggare):
    client.force_login(handlaggare)
    svar = client.post(f"/ansokningar/{utredd.pk}/beslut/", _form(utredd.poster.get()))
    assert svar.status_code == 302 and Beslut.objects.count() == 1
