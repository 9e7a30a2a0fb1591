"""`make run`'s demo: 19900101-2385 has a kommunicering waiting for her answer in Mina sidor,
and an appeal stands in handlaggare1's worklist."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from tests.beslut.conftest import logga_in_sokande

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_kommunicering_to_answer_and_an_appeal_in_the_worklist(client, settings):
    from bistand.models import Person, User

    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False

    sara = Person.objects.get(identitet="199001012385")
    logga_in_sokande(client, sara)
    mina = client.get("/e-tjanst/").content.decode()
    assert "Att göra" in mina and "Svara på underlag till ansökan" in mina

    # The staff have titles, printed with their names where an official signs.
    assert User.objects.get(username="handlaggare1").befattning == "Socialsekreterare"
    assert User.objects.get(username="enhetschef1").befattning == "Enhetschef"
    client.force_login(User.objects.get(username="handlaggare1"))
    slag = [u.slag for u in client.get("/arbetslista/").context["uppgifter"]]
    assert "Nytt överklagande" in slag
