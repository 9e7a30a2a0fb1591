"""`manage.py seed_scale`: storstad benchmark data in bulk (docs/prestanda.md)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count
from django.utils import timezone

from ansokan.models import Ansokan, Status
from bistand.models import (
    Akt,
    Atkomstlogg,
    Bevakning,
    Enhet,
    Handelse,
    Hushall,
    HushallMedlem,
    JournalAnteckning,
    MedlemsRoll,
    Roll,
    User,
)
from bistand.skala import ALDERSBAND

pytestmark = pytest.mark.django_db


def _kor(n: int) -> str:
    ut = io.StringIO()
    call_command("seed_scale", "--hushall", str(n), stdout=ut, stderr=io.StringIO())
    return ut.getvalue()


def test_seed_scale_fills_every_table_in_proportion_to_the_households():
    _kor(20)
    assert Enhet.objects.filter(kod__startswith="storstad-").count() == 10
    assert (
        User.objects.filter(username__startswith="skala", groups__name=Roll.HANDLAGGARE).count()
        == 180
    )
    assert User.objects.filter(username__startswith="skala").count() == 200
    assert Hushall.objects.count() == 20
    assert Akt.objects.filter(aktnummer__startswith="S-").count() == 20
    assert HushallMedlem.objects.filter(roll=MedlemsRoll.SOKANDE).count() == 20
    # A year of monthly applications: between one and twelve per household.
    per_akt = Ansokan.objects.values("akt").annotate(n=Count("pk"))
    assert len(per_akt) == 20
    assert all(1 <= rad["n"] <= 12 for rad in per_akt)
    assert Ansokan.objects.filter(status=Status.AVSLUTAD).exists()
    assert Ansokan.objects.exclude(status__in=[Status.AVSLUTAD, Status.BESLUTAD]).exists()
    # Every application has its "received" event, written as inserts into the history.
    assert Handelse.objects.filter(typ_id="ansokan.inkommen").count() == Ansokan.objects.count()
    assert JournalAnteckning.objects.count() >= 20 * 20
    assert Atkomstlogg.objects.count() >= 20 * 10
    assert Bevakning.objects.exists()


def test_seed_scale_gives_children_in_every_age_band_with_enough_households():
    _kor(40)
    idag = timezone.localdate()
    aldrar = [
        (idag - fodd).days // 365
        for fodd in HushallMedlem.objects.filter(roll=MedlemsRoll.BARN).values_list(
            "person__fodelsedatum", flat=True
        )
    ]
    for lag, hog in ALDERSBAND:
        assert any(lag <= a <= hog for a in aldrar), (lag, hog)


def test_seed_scale_keeps_the_readme_demo_users_with_the_demo_password():
    _kor(2)
    for namn in ("handlaggare1", "enhetschef1", "skala01-05"):
        assert User.objects.get(username=namn).check_password("bistand-demo"), namn


def test_seed_scale_refuses_a_large_size_on_sqlite(settings):
    from django.db import connection

    if connection.vendor == "postgresql":
        pytest.skip("the limit applies to SQLite only")
    with pytest.raises(CommandError, match="kräver PostgreSQL"):
        _kor(10000)
