"""Fixtures of utredning's tests: a clean cache (the rate limit's counters) and helpers."""

from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def tom_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def berakna(db):
    """Calculate from an API-shaped dict with the figures loaded by the migrations."""
    from utredning.selectors import berakning_utfor

    def berakna(**data):
        return berakning_utfor(data).resultat

    return berakna


@pytest.fixture
def registrera(handlaggare):
    """Register an ansökan on paper through the real service, with requested posts."""
    import datetime as dt

    from ansokan import services as ansokan_services
    from ansokan.models import Posttyp

    def registrera(
        akt,
        *,
        typ="nyansokan",
        poster=("forsorjningsstod", "hyra"),
        uppgifter=None,
        mottagen=dt.date(2026, 11, 2),
        av=None,
    ):
        sokande = akt.hushall.medlemmar.get(roll="sokande").person
        ansokan, _ = ansokan_services.ansokan_registrera(
            sokande=sokande,
            typ=typ,
            kanal="papper",
            av=av or handlaggare,
            mottagen=mottagen,
            uppgifter=uppgifter,
            poster=[(Posttyp.objects.get(kod=k), None, "") for k in poster],
        )
        return ansokan

    return registrera
