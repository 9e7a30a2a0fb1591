"""Periodic jobs under Celery: one batch at a time across workers (a cache lock with an
expiry), beat messages that expire, and a dispatcher that does not pretend to retry
(docs/arkitektur.md: Periodiska jobb)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache

from bistand.periodiskt import jobblas
from bistand.tasks import kor_periodiska

pytestmark = pytest.mark.django_db


def test_a_second_batch_does_nothing_while_another_worker_holds_the_lock(akt):
    with jobblas("periodiska-tata", sekunder=60) as fatt:
        assert fatt
        assert kor_periodiska.apply(kwargs={"urval": "tata"}).get() == {}
    korda = kor_periodiska.apply(kwargs={"urval": "tata"}).get()
    assert "bevakningar" in korda


def test_the_lock_expires_so_a_dead_worker_does_not_block_the_jobs_for_ever():
    with jobblas("prov", sekunder=60) as fatt:
        assert fatt
        with jobblas("prov", sekunder=60) as andra:
            assert not andra
        # A worker that died holding it: the key carries the expiry given.
        nyckel = "bistand:las:prov"
        assert cache.get(nyckel)
        if hasattr(cache, "ttl"):
            assert 0 < cache.ttl(nyckel) <= 60
        cache.delete(nyckel)
        with jobblas("prov", sekunder=60) as efter:
            assert efter
    with jobblas("prov", sekunder=60) as igen:
        assert igen


def test_only_the_holder_releases_the_lock():
    with jobblas("prov2", sekunder=60):
        cache.set("bistand:las:prov2", "en annan workers token", 60)
    assert cache.get("bistand:las:prov2") == "en annan workers token"
    cache.delete("bistand:las:prov2")


def test_every_beat_entry_expires_before_it_could_pile_up():
    for namn, post in settings.CELERY_BEAT_SCHEDULE.items():
        assert post.get("options", {}).get("expires"), f"{namn} saknar expires"
    tata = settings.CELERY_BEAT_SCHEDULE["periodiska-jobb"]
    assert tata["options"]["expires"] <= tata["schedule"]


def test_the_dispatcher_has_no_retry_that_could_never_fire():
    assert not getattr(kor_periodiska, "autoretry_for", ())
