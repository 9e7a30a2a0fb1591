"""The Akt page links each of its ansökningar (docs/regler.md "Handläggarens arbete")."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.django_db


def test_the_akt_page_links_each_ansokan(client, handlaggare, akt, registrera):
    forsta = registrera(akt, mottagen=dt.date(2026, 10, 2))
    andra = registrera(akt, typ="ateransokan", mottagen=dt.date(2026, 11, 2))
    client.force_login(handlaggare)
    html = client.get(f"/akter/{akt.pk}/").content.decode()
    for a in (forsta, andra):
        assert f'<a href="/ansokningar/{a.pk}/">{a.referens}</a>' in html
    assert "Återansökan" in html and "Nyansökan" in html
