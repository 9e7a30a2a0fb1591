"""Fixtures of the synpunkter tests: the managers above and beside the Enhet, and an applicant
logged in to the e-tjänst. Staff personas come from tests/conftest.py."""

from __future__ import annotations

import time

import pytest

from tests.beslut.conftest import skapa_utredd  # noqa: F401 - the beslut tests' fixture


@pytest.fixture
def avdelningschef(skapa_anvandare):
    return skapa_anvandare("avdchef", "Avdelningschef")


@pytest.fixture
def annan_enhetschef(skapa_anvandare, annan_enhet):
    return skapa_anvandare("chefen2", "Enhetschef", annan_enhet)


@pytest.fixture
def sokande(akt):
    return akt.hushall.medlemmar.get(roll="sokande").person


def logga_in_sokande(client, person) -> None:
    from ansokan.inloggning import PERSON, SENAST

    session = client.session
    session[PERSON] = person.pk
    session[SENAST] = int(time.time())
    session.save()


@pytest.fixture
def registrera(namnd):
    """A synpunkt registered through the real service, with sensible defaults."""
    from synpunkter import services

    def skapa(**kwargs):
        kwargs.setdefault("kanal", "brev")
        kwargs.setdefault("slag", "klagomal")
        kwargs.setdefault("text", "Jag fick vänta länge på svar.")
        kwargs.setdefault("namn", "Sven Svensson")
        return services.synpunkt_registrera(namnd=namnd, **kwargs)

    return skapa
