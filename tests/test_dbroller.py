"""The database protects its own history: the application role cannot TRUNCATE or switch off
a trigger (docs/drift.md: Databasroller). PostgreSQL only; skipped with a reason elsewhere."""

from __future__ import annotations

import secrets

import psycopg
import pytest
from django.db import connection

from bistand.dbroller import agare_kommando, ge_app_rattigheter

from .conftest import krav_tjanst

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def app_roll():
    """A fresh login role with exactly the application's grants, on the test database."""
    krav_tjanst("PostgreSQL (DATABASE_URL)", connection.vendor == "postgresql")
    roll = f"bistand_app_test_{secrets.token_hex(4)}"
    losen = secrets.token_hex(16)
    with connection.cursor() as c:
        c.execute(f"CREATE ROLE {roll} LOGIN PASSWORD '{losen}'")
        ge_app_rattigheter(c, roll)
    p = connection.settings_dict
    dsn = psycopg.conninfo.make_conninfo(
        host=p["HOST"] or "127.0.0.1",
        port=p["PORT"] or 5432,
        dbname=p["NAME"],
        user=roll,
        password=losen,
    )
    try:
        yield dsn
    finally:
        with connection.cursor() as c:
            c.execute(f"DROP OWNED BY {roll}")
            c.execute(f"DROP ROLE {roll}")


def fel(dsn: str, sql: str) -> str:
    with psycopg.connect(dsn, autocommit=True) as k:
        try:
            k.execute(sql)
        except psycopg.Error as e:
            return type(e).__name__
    return "inget fel"


def test_the_app_role_cannot_truncate_the_access_log_or_the_journal(app_roll):
    assert fel(app_roll, "TRUNCATE bistand_atkomstlogg") == "InsufficientPrivilege"
    assert fel(app_roll, "TRUNCATE bistand_journalanteckning CASCADE") == "InsufficientPrivilege"


def test_the_app_role_cannot_disable_a_trigger(app_roll):
    for tabell in ("bistand_atkomstlogg", "bistand_journalanteckning"):
        assert fel(app_roll, f"ALTER TABLE {tabell} DISABLE TRIGGER ALL") == "InsufficientPrivilege"
    assert fel(app_roll, "SET session_replication_role = replica") == "InsufficientPrivilege"


def test_the_app_role_cannot_update_or_delete_the_access_log(app_roll):
    assert fel(app_roll, "DELETE FROM bistand_atkomstlogg") == "InsufficientPrivilege"


def test_the_app_role_can_still_do_its_work(app_roll):
    with psycopg.connect(app_roll, autocommit=True) as k:
        k.execute(
            "INSERT INTO bistand_session (session_key, session_data, expire_date) "
            "VALUES ('provnyckel', 'x', now())"
        )
        k.execute("UPDATE bistand_session SET session_data = 'y' WHERE session_key = 'provnyckel'")
        k.execute("DELETE FROM bistand_session WHERE session_key = 'provnyckel'")
        assert k.execute("SELECT count(*) FROM bistand_namnd").fetchone()[0] >= 0
        k.execute("SELECT count(*) FROM bistand_atkomstlogg")


def test_the_app_role_cannot_take_the_gallring_path_past_the_guards(app_roll, akt, handlaggare):
    """Only the owner may remove protected rows, and only inside the gallring: the flag alone
    does not let the application role through (bistand.dbguard)."""
    from bistand import services

    anteckning = services.journal_skriv(akt=akt, av=handlaggare, kontakttyp="telefon", text="x")
    services.journal_signera(anteckning=anteckning, av=handlaggare)
    with psycopg.connect(app_roll) as k:
        k.execute("SET LOCAL bistand.gallring = 'pa'")
        with pytest.raises(psycopg.errors.IntegrityConstraintViolation):
            k.execute("DELETE FROM bistand_journalanteckning WHERE id = %s", [anteckning.pk])
    with psycopg.connect(app_roll) as k:
        k.execute("SET LOCAL bistand.gallring = 'pa'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            k.execute("DELETE FROM bistand_handelse WHERE akt_id = %s", [akt.pk])
    assert type(anteckning)._default_manager.filter(pk=anteckning.pk).exists()


def test_the_app_role_cannot_delete_from_a_partition_of_the_access_log(app_roll):
    """Partitions exist on PostgreSQL (bistand.partitioner); each refuses like its parent."""
    with connection.cursor() as c:
        c.execute("SELECT bistand_partition_skapa('bistand_atkomstlogg', current_date)")
        c.execute("SELECT 'bistand_atkomstlogg_p' || to_char(current_date, 'YYYY_MM')")
        (partition,) = c.fetchone()
    assert fel(app_roll, f"DELETE FROM {partition}") == "InsufficientPrivilege"  # noqa: S608
    assert fel(app_roll, f"UPDATE {partition} SET sida = 'x'") == "InsufficientPrivilege"  # noqa: S608


def test_the_app_role_creates_the_coming_partitions_owned_by_the_owner(app_roll):
    """The nightly job runs as the application role, which may run no DDL of its own: it
    creates a month through the owner's function, and the month belongs to the owner."""
    assert fel(app_roll, "CREATE TABLE egen (id int)") == "InsufficientPrivilege"
    try:
        with psycopg.connect(app_roll, autocommit=True) as k:
            svar = k.execute(
                "SELECT bistand_partition_skapa('bistand_atkomstlogg', '2045-03-10')"
            ).fetchone()[0]
        assert svar == "skapad"
        with connection.cursor() as c:
            c.execute(
                "SELECT pg_get_userbyid(relowner) = current_user FROM pg_class "
                "WHERE relname = 'bistand_atkomstlogg_p2045_03'"
            )
            assert c.fetchone() == (True,)
        assert (
            fel(
                app_roll,
                "SELECT bistand_partition_skapa('bistand_journalanteckning', '2045-03-10')",
            )
            == "RaiseException"
        )
    finally:
        with connection.cursor() as c:
            c.execute("DROP TABLE IF EXISTS bistand_atkomstlogg_p2045_03")


@pytest.mark.parametrize(
    ("argv", "agare"),
    [
        (["manage.py", "migrate"], True),
        (["manage.py", "flush", "--noinput"], True),
        (["manage.py", "gallra"], True),
        (["manage.py", "arkivera_atkomstlogg"], True),
        (["manage.py", "runserver"], False),
        (["manage.py", "run_periodic"], False),
        (["gunicorn", "migrate"], False),
        (["manage.py"], False),
    ],
)
def test_only_schema_commands_connect_as_the_owner(argv, agare):
    assert agare_kommando(argv) is agare
