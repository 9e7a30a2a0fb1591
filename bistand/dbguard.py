"""Append-only guards enforced by the database, not by `save()` (docs/arkitektur.md: Appar).

- The access log refuses every UPDATE and DELETE.
- A signed journal entry refuses every UPDATE and DELETE (docs/regler.md: Journal).
- An event of the case history (`Handelse`) refuses every UPDATE and DELETE (migration 0012).

PostgreSQL: row triggers that raise. The access log and the case history are partitioned
tables there (bistand.partitioner): the trigger on the parent is cloned onto every partition.
TRUNCATE (Django's `flush` on PostgreSQL) is a table-level operation for the database owner
and is not guarded.
SQLite: triggers that ABORT. Django's `flush` on SQLite deletes row by row, so the DELETE
triggers allow it only while `bistand_flush_pagar()` is true: a function this project
registers on each of its SQLite connections, true only inside the `flush` command. A connection
without the function (the sqlite3 shell) fails the trigger, so the guard holds there too.

Gallring (SoL 2025:400 16 kap.; docs/regler.md: Gallring och registerutdrag) is the one lawful
removal of protected rows. A guard made with `gallring=True` lets a DELETE through only inside
`gallring_pagar()`: on PostgreSQL the transaction sets `bistand.gallring` to 'pa' (SET LOCAL)
AND the connected role owns the table, so the application role (which owns nothing) is refused
even if it sets the flag; on SQLite `bistand_gallring_pagar()` is true only inside it. UPDATE
stays refused on every path. The access log is not culled with the personakt (no gallring).
"""

from __future__ import annotations

import contextlib
import contextvars

FLUSH_PAGAR: contextvars.ContextVar[bool] = contextvars.ContextVar("flush_pagar", default=False)
GALLRING_PAGAR: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "gallring_pagar", default=False
)

# PostgreSQL: the flag is set for the transaction and only the table's owner may use it.
_PG_GALLRING = (
    "(TG_OP = 'DELETE' AND coalesce(current_setting('bistand.gallring', true), '') = 'pa' "
    "AND pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), "
    "'MEMBER'))"
)


@contextlib.contextmanager
def gallring_pagar(connection):
    """Inside an atomic block: let the gallring's DELETEs past the guards (see the module
    docstring). The flag ends with the transaction on PostgreSQL and with the block here."""
    if not connection.in_atomic_block:
        raise RuntimeError("Gallring måste köras i en transaktion.")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL bistand.gallring = 'pa'")
    token = GALLRING_PAGAR.set(True)
    try:
        yield
    finally:
        GALLRING_PAGAR.reset(token)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL bistand.gallring = ''")


LOGG_FEL = "Åtkomstloggen går inte att ändra eller ta bort."
JOURNAL_FEL = "En signerad journalanteckning går inte att ändra eller ta bort."
HANDELSE_FEL = "En händelse i akten går inte att ändra eller ta bort."


def vakt(
    *,
    namn: str,
    tabell: str,
    fel: str,
    skyddad: str = "TRUE",
    andring: str = "TRUE",
    gallring: bool = False,
):
    """The (create, remove) pair of RunPython functions for one append-only guard.

    `skyddad` is SQL over OLD that says the row is protected (e.g. `OLD.signerad IS NOT NULL`);
    `andring` is SQL over OLD and NEW that says which UPDATE of a protected row is refused
    (default: every one). A protected row is never deleted, except by Django's `flush` on
    SQLite and, with `gallring=True`, by the approved gallring (see the module docstring).
    Trigger names: `<namn>_skydd` on PostgreSQL, `<namn>_ingen_andring` and
    `<namn>_ingen_radering` on SQLite.
    """
    undantag_pg = f" AND NOT {_PG_GALLRING}" if gallring else ""
    undantag_sqlite = " AND NOT bistand_gallring_pagar()" if gallring else ""
    postgres_skapa = f"""
CREATE OR REPLACE FUNCTION {namn}_skydd() RETURNS trigger AS $$
BEGIN
  IF ({skyddad}) AND (TG_OP = 'DELETE' OR ({andring})){undantag_pg} THEN
    RAISE EXCEPTION '{fel}' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END; $$ LANGUAGE plpgsql;
CREATE TRIGGER {namn}_skydd BEFORE UPDATE OR DELETE ON {tabell}
  FOR EACH ROW EXECUTE FUNCTION {namn}_skydd();
"""
    postgres_ta_bort = f"""
DROP TRIGGER IF EXISTS {namn}_skydd ON {tabell};
DROP FUNCTION IF EXISTS {namn}_skydd();
"""
    sqlite_skapa = [
        f"""CREATE TRIGGER {namn}_ingen_andring BEFORE UPDATE ON {tabell}
        WHEN ({skyddad}) AND ({andring})
        BEGIN SELECT RAISE(ABORT, '{fel}'); END;""",
        f"""CREATE TRIGGER {namn}_ingen_radering BEFORE DELETE ON {tabell}
        WHEN ({skyddad}) AND NOT bistand_flush_pagar(){undantag_sqlite}
        BEGIN SELECT RAISE(ABORT, '{fel}'); END;""",
    ]
    sqlite_ta_bort = [
        f"DROP TRIGGER IF EXISTS {namn}_ingen_andring;",
        f"DROP TRIGGER IF EXISTS {namn}_ingen_radering;",
    ]

    def skapa(apps, schema_editor) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(postgres_skapa)
        elif vendor == "sqlite":
            for sql in sqlite_skapa:
                schema_editor.execute(sql)
        else:
            raise RuntimeError(f"Databasen {vendor} stöds inte: skyddet kan inte skapas.")

    def ta_bort(apps, schema_editor) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(postgres_ta_bort)
        elif vendor == "sqlite":
            for sql in sqlite_ta_bort:
                schema_editor.execute(sql)

    return skapa, ta_bort


_logg = vakt(namn="bistand_atkomstlogg", tabell="bistand_atkomstlogg", fel=LOGG_FEL)
# The access log's guard alone, for re-creating it on the partitioned table (migration 0021).
atkomstlogg_vakt = _logg
_journal = vakt(
    namn="bistand_journal",
    tabell="bistand_journalanteckning",
    fel=JOURNAL_FEL,
    skyddad="OLD.signerad IS NOT NULL",
)

handelse_skapa, handelse_ta_bort = vakt(
    namn="bistand_handelse", tabell="bistand_handelse", fel=HANDELSE_FEL
)

# The guards as they are since gallring may remove culled rows (migration 0016).
journal_gallring = vakt(
    namn="bistand_journal",
    tabell="bistand_journalanteckning",
    fel=JOURNAL_FEL,
    skyddad="OLD.signerad IS NOT NULL",
    gallring=True,
)
handelse_gallring = vakt(
    namn="bistand_handelse", tabell="bistand_handelse", fel=HANDELSE_FEL, gallring=True
)


def skapa(apps, schema_editor) -> None:
    """The core's guards: the access log and signed journal entries (migration 0002)."""
    for vakten in (_logg, _journal):
        vakten[0](apps, schema_editor)


def ta_bort(apps, schema_editor) -> None:
    for vakten in (_logg, _journal):
        vakten[1](apps, schema_editor)


def registrera_sqlite_funktion(sender, connection, **kwargs) -> None:
    """connection_created handler: give SQLite connections the flush flag function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "bistand_flush_pagar", 0, lambda: int(FLUSH_PAGAR.get()), deterministic=False
        )
        connection.connection.create_function(
            "bistand_gallring_pagar", 0, lambda: int(GALLRING_PAGAR.get()), deterministic=False
        )
