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
