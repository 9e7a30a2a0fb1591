"""A staff member's title (befattning) is kept on the user, edited in admin and printed with
the name where an official signs: the bundle to förvaltningsrätten (docs/regler.md:
Överklagande: när det kommer in, och handlingarna till förvaltningsrätten)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_administrator_sees_and_edits_the_title_in_admin(client, administrator, handlaggare):
    handlaggare.befattning = "Socialsekreterare"
    handlaggare.save()
    client.force_login(administrator)
    lista = client.get("/admin/bistand/user/").content.decode()
    assert "Socialsekreterare" in lista
    sida = client.get(f"/admin/bistand/user/{handlaggare.pk}/change/").content.decode()
    assert 'name="befattning"' in sida and 'value="Socialsekreterare"' in sida


def test_the_name_is_printed_with_the_title_or_alone():
    from bistand.models import User

    assert User(
        first_name="Hanna", last_name="Lind", befattning="Socialsekreterare"
    ).namn_och_befattning == ("Hanna Lind, Socialsekreterare")
    assert User(first_name="Hanna", last_name="Lind").namn_och_befattning == "Hanna Lind"
