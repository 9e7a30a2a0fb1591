"""Ändringsbeslut made before the reason was stored on the decision get it from the case
history (beslut/migrations/0013): FL 37 § första stycket, why the nämnd changed its decision."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from beslut import services
from beslut.models import Beslut
from tests.beslut.conftest import post_beslut

FORE = [("beslut", "0012_manader_for_aldre_beslut")]


def _migrera(mal) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(mal)
    ContentType.objects.clear_cache()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_older_andringsbeslut_gets_its_reason_from_the_case_history(utredd, handlaggare):
    gammalt = services.beslut_fatta(
        ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd)]
    ).beslut.get()
    pb = post_beslut(utredd, motivering="Hyran var fel.")
    nytt = services.beslut_andra(
        beslut=gammalt, av=handlaggare, nytt=pb, anledning="nya_omstandigheter"
    ).beslut.get()

    _migrera(FORE)  # the column goes; the reason stays only in the event
    _migrera(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert Beslut.objects.get(pk=nytt.pk).andringsanledning == "nya_omstandigheter"
    assert Beslut.objects.get(pk=gammalt.pk).andringsanledning == ""
