"""A kept database connection is checked with `SELECT 1` only after it has rested
(bistand/databas/base.py; docs/drift.md: Databasen): a connection that served a request a
moment ago is used as it is, one that rested longer is checked first, and one the server has
closed while it rested is replaced, so the next request works."""

from __future__ import annotations

import time

import psycopg
import pytest
from django.db import close_old_connections, connection

from bistand.models import Enhet

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the project's backend is PostgreSQL's; SQLite has no kept connections")


@pytest.fixture
def kontroller(monkeypatch):
    """How many times the connection was checked (Django's `is_usable`, run for real)."""
    antal = []
    riktig = connection.is_usable

    def raknad():
        antal.append(1)
        return riktig()

    monkeypatch.setattr(connection, "is_usable", raknad)
    return antal


def _en_begaran():
    """What Django does around a request: its start and end signals, one query between."""
    close_old_connections()
    Enhet.objects.count()
    close_old_connections()


def test_the_project_runs_on_its_own_postgresql_backend_with_health_checks_on():
    assert connection.settings_dict["ENGINE"] == "bistand.databas"
    assert connection.health_check_enabled


def test_a_connection_used_a_moment_ago_is_not_checked_again(kontroller, settings):
    settings.DATABASE_HALSOKONTROLL_EFTER = 10
    _en_begaran()
    kontroller.clear()
    for _ in range(3):
        _en_begaran()
    assert kontroller == []


def test_a_connection_that_rested_longer_than_the_setting_is_checked_first(kontroller, settings):
    settings.DATABASE_HALSOKONTROLL_EFTER = 0.2
    _en_begaran()
    kontroller.clear()
    time.sleep(0.3)
    _en_begaran()
    assert kontroller == [1]


def test_with_the_setting_at_zero_every_request_is_checked_as_in_django(kontroller, settings):
    settings.DATABASE_HALSOKONTROLL_EFTER = 0
    _en_begaran()
    kontroller.clear()
    _en_begaran()
    _en_begaran()
    assert kontroller == [1, 1]


def test_a_connection_the_server_closed_while_it_rested_is_replaced(settings):
    settings.DATABASE_HALSOKONTROLL_EFTER = 0.2
    _en_begaran()
    pid = connection.connection.info.backend_pid
    time.sleep(0.3)
    # The server ends the connection, as a restart or an idle timeout does.
    with psycopg.connect(
        host=connection.settings_dict["HOST"] or "127.0.0.1",
        port=connection.settings_dict["PORT"] or 5432,
        user=connection.settings_dict["USER"],
        dbname=connection.settings_dict["NAME"],
        autocommit=True,
    ) as annan:
        annan.execute("SELECT pg_terminate_backend(%s)", [pid])
    close_old_connections()
    assert Enhet.objects.count() >= 0
    assert connection.connection.info.backend_pid != pid
