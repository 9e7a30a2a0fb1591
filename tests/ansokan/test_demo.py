"""seed_demo gives the demo applicants ansökningar in every state of docs/arkitektur.md: E-tjänst,
idempotently."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from ansokan.models import Ansokan, Kanal, Status

pytestmark = pytest.mark.django_db


def test_demo_applicants_get_every_state_and_a_second_run_adds_nothing(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    demo = Ansokan.objects.filter(sokande__identitet__in=["199001012385", "199001162396"])
    assert {a.status for a in demo} >= {Status.UTKAST, Status.INKOMMEN, Status.KOMPLETTERING_BEGARD}
    assert demo.filter(kompletteringar__besvarad__isnull=False).exists()
    assert demo.filter(kompletteringar__besvarad__isnull=True).exists()
    assert {a.kanal for a in Ansokan.objects.all()} >= {Kanal.ETJANST, Kanal.PAPPER, Kanal.TELEFON}
    antal = Ansokan.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Ansokan.objects.count() == antal
