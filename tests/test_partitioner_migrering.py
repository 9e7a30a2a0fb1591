"""The migration that partitions the access log and the case history keeps every row and its
id both ways, and the ids go on from where they were (bistand 0021). PostgreSQL only: on
SQLite the migration does nothing."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from bistand.access import logga
from bistand.handelser import handelse_registrera
from bistand.models import Atkomstlogg, Handelse

FORE = [("bistand", "0020_inskick")]
EFTER = [("bistand", "0021_partitionerad_logg_och_historik")]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _migrera(mal) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(mal)


@pytest.fixture(autouse=True)
def _tillbaka_till_senaste():
    """Every app back at its newest migration afterwards, pass or fail: the tests after this one
    (and the rows a serialized rollback restores) expect every table of the newest schema."""
    yield
    _migrera(MigrationExecutor(connection).loader.graph.leaf_nodes())


def _slag(tabell: str) -> str:
    with connection.cursor() as c:
        c.execute("SELECT relkind FROM pg_class WHERE oid = %s::regclass", [tabell])
        return c.fetchone()[0]


def _rader(tabell: str) -> list[tuple]:
    with connection.cursor() as c:
        c.execute(f"SELECT id, tidpunkt FROM {tabell} ORDER BY id")  # noqa: S608 - fixed names
        return c.fetchall()


def test_the_rows_and_their_ids_survive_the_migration_both_ways(handlaggare, akt):
    if connection.vendor != "postgresql":
        pytest.skip("the migration partitions tables on PostgreSQL only")
    logga(handlaggare, sida="akt", beviljad=True, akt_id=akt.pk)
    with transaction.atomic():
        handelse_registrera(typ="ansokan.inkommen", akt=akt, av=handlaggare)
    logg, historik = _rader("bistand_atkomstlogg"), _rader("bistand_handelse")
    assert logg and historik

    _migrera(FORE)
    assert (_slag("bistand_atkomstlogg"), _slag("bistand_handelse")) == ("r", "r")
    assert (_rader("bistand_atkomstlogg"), _rader("bistand_handelse")) == (logg, historik)

    _migrera(EFTER)
    assert (_slag("bistand_atkomstlogg"), _slag("bistand_handelse")) == ("p", "p")
    assert (_rader("bistand_atkomstlogg"), _rader("bistand_handelse")) == (logg, historik)
    logga(handlaggare, sida="akt", beviljad=True, akt_id=akt.pk)
    # Only the id read: later migrations add columns the model already has.
    assert Atkomstlogg.objects.order_by("-pk").values_list("pk", flat=True)[0] > logg[-1][0]
    assert Handelse.objects.count() == len(historik)
