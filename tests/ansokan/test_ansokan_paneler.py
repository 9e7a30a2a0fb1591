"""Apps to the right add panels to the ansökan pages without ansokan importing them."""

from __future__ import annotations

import pytest
from django.utils.html import format_html

from ansokan import paneler

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel():
    def visa(request, ansokan):
        return format_html('<section class="testpanel">Panel för {}</section>', ansokan.referens)

    paneler.registrera_personal_panel(visa)
    yield visa
    paneler.PERSONAL_PANELER.remove(visa)


def test_a_registered_panel_shows_on_the_staff_page(client, handlaggare, akt, panel):
    import datetime as dt

    from ansokan import services

    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    ansokan, _ = services.ansokan_registrera(
        sokande=sokande,
        av=handlaggare,
        typ="nyansokan",
        kanal="telefon",
        mottagen=dt.date(2026, 11, 20),
    )
    client.force_login(handlaggare)
    text = client.get(f"/ansokningar/{ansokan.pk}/").content.decode()
    assert f"Panel för {ansokan.referens}" in text
