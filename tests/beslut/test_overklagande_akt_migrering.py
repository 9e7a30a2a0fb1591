"""An appeal keeps the Akt of the decision it appeals (beslut/migrations/0014–0015), so the
worklist reaches a unit's open appeals from its Akter (docs/prestanda.md); appeals registered
before the column existed get it from the decision's chain."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from beslut import services
from beslut.models import Overklagande
from tests.beslut.conftest import post_beslut

FORE = [("beslut", "0013_andringsanledning")]


def _migrera(mal) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(mal)
    ContentType.objects.clear_cache()


def _overklagat(utredd, handlaggare) -> Overklagande:
    beslut = services.beslut_fatta(
        ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd, utfall="avslag")]
    ).beslut.get()
    return services.overklagande_registrera(
        beslut=beslut, text="Jag behöver pengarna.", inkommen=timezone.localdate(), av=handlaggare
    )


@pytest.mark.django_db
def test_a_registered_appeal_carries_the_akt_of_the_decision(utredd, handlaggare):
    assert _overklagat(utredd, handlaggare).akt_id == utredd.akt_id


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_older_appeal_gets_its_akt_from_the_decision_when_migrated(utredd, handlaggare):
    o = _overklagat(utredd, handlaggare)

    _migrera(FORE)  # the column goes
    _migrera(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert Overklagande.objects.get(pk=o.pk).akt_id == utredd.akt_id
