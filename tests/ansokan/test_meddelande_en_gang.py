"""A message form sent twice — a double click or a resent POST — makes one message, from
staff and from the applicant alike (docs/regler.md: Ett inskick blir ett)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from ansokan.models import Meddelande
from tests.ansokan.conftest import logga_in_sokande

pytestmark = pytest.mark.django_db


def _nyckel(html: str) -> str:
    return re.search(r'name="inskick" value="([0-9a-f-]{36})"', html).group(1)


def test_a_staff_message_sent_twice_is_sent_once(handlaggare, inkommen):
    c = Client()
    c.force_login(handlaggare)
    nyckel = _nyckel(c.get(f"/ansokningar/{inkommen.pk}/").content.decode())
    for _ in range(2):
        svar = c.post(
            f"/ansokningar/{inkommen.pk}/meddelande/", {"medd-text": "Hej", "inskick": nyckel}
        )
        assert svar.status_code == 302
    assert Meddelande.objects.filter(ansokan=inkommen).count() == 1
    svar = c.post(f"/ansokningar/{inkommen.pk}/meddelande/", {"medd-text": "Hej igen"})
    assert Meddelande.objects.filter(ansokan=inkommen).count() == 2  # a new form, a new message


def test_an_applicants_message_sent_twice_is_sent_once(sokande, inkommen):
    c = Client()
    logga_in_sokande(c, sokande)
    url = f"/e-tjanst/ansokan/{inkommen.pk}/meddelande/"
    nyckel = _nyckel(c.get(url).content.decode())
    for _ in range(2):
        assert c.post(url, {"text": "Fråga om hyran", "inskick": nyckel}).status_code == 302
    assert Meddelande.objects.filter(ansokan=inkommen).count() == 1
