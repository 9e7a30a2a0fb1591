"""Decisions made before the month rows existed get them (beslut/migrations/0012), so they
block a second decision for their months like any other; where two old decisions overlap, the
later keeps the month and nothing is removed (docs/regler.md, Beslut och beslutsbrev)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from beslut import services
from beslut.models import Beslut, Beslutsmanad
from tests.beslut.conftest import manad_for, post_beslut

FORE = [("beslut", "0011_delegation_exempel_bort")]


def _senaste():
    """Every app at its newest migration, as the rest of the suite expects the database."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _migrera(mal) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(mal)
    ContentType.objects.clear_cache()


def _gammalt_beslut(skapa_utredd, akt, handlaggare, belopp="6000"):
    """A decision as made before the month rows existed: the decision, without its rows."""
    ansokan = skapa_utredd(akt, handlaggare, {"hyra": (belopp, "bifall", belopp)})
    brev = services.beslut_fatta(
        ansokan=ansokan,
        av=handlaggare,
        poster=[post_beslut(ansokan, "hyra", belopp=Decimal(belopp))],
    )
    beslut = brev.beslut.get()
    Beslutsmanad.objects.filter(beslut=beslut).delete()
    return beslut


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_old_decision_gets_its_month_and_a_second_decision_for_it_becomes_a_tillagg(
    skapa_utredd, akt, handlaggare
):
    # Made with today's code (it needs today's columns), then the database goes back to before
    # the month rows' migration, which keeps the decision.
    gammalt = _gammalt_beslut(skapa_utredd, akt, handlaggare)
    manad = manad_for(gammalt.brev.ansokan)
    _migrera(FORE)

    _migrera(_senaste())

    assert list(Beslutsmanad.objects.values_list("beslut_id", "manad", "star_fast")) == [
        (gammalt.pk, manad, True)
    ]
    senare = skapa_utredd(akt, handlaggare, {"hyra": ("800", "bifall", "800")})
    brev = services.beslut_fatta(
        ansokan=senare,
        av=handlaggare,
        poster=[post_beslut(senare, "hyra", belopp=Decimal("800"), period_fran=manad)],
    )
    nytt = brev.beslut.get()
    assert (nytt.typ, nytt.tillagg_till_id) == ("tillagg", gammalt.pk)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_when_two_old_decisions_overlap_the_later_keeps_the_month_and_both_stay(
    skapa_utredd, akt, handlaggare
):
    forst = _gammalt_beslut(skapa_utredd, akt, handlaggare, "6000")
    sedan = _gammalt_beslut(skapa_utredd, akt, handlaggare, "6200")
    assert manad_for(forst.brev.ansokan) == manad_for(sedan.brev.ansokan)
    fore = list(Beslut.objects.order_by("pk").values())
    _migrera(FORE)

    _migrera(_senaste())

    assert list(Beslutsmanad.objects.values_list("beslut_id", "star_fast")) == [(sedan.pk, True)]
    assert list(Beslut.objects.order_by("pk").values()) == fore
