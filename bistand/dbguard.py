"""Append-only guards enforced by the database, not by `save()` (issue 2, point 8).

- The access log refuses every UPDATE and DELETE.
- A signed journal entry refuses every UPDATE and DELETE (DESIGN.md §5.10).

PostgreSQL: row triggers that raise. TRUNCATE (Django's `flush` on PostgreSQL) is a table-level
operation for the database owner and is not guarded.
SQLite: triggers that ABORT. Django's `flush` on SQLite deletes row by row, so the DELETE
triggers allow it only while `bistand_flush_pagar()` is true: a function this project
registers on each of its SQLite connections, true only inside the `flush` command. A connection
without the function (the sqlite3 shell) fails the trigger, so the guard holds there too.
"""

from __future__ import annotations

import contextvars

FLUSH_PAGAR: contextvars.ContextVar[bool] = contextvars.ContextVar("flush_pagar", default=False)

LOGG_FEL = "Åtkomstloggen går inte att ändra eller ta bort."
JOURNAL_FEL = "En signerad journalanteckning går inte att ändra eller ta bort."

POSTGRES_SKAPA = f"""
CREATE OR REPLACE FUNCTION bistand_atkomstlogg_skydd() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '{LOGG_FEL}' USING ERRCODE = 'integrity_constraint_violation';
END; $$ LANGUAGE plpgsql;
CREATE TRIGGER bistand_atkomstlogg_skydd BEFORE UPDATE OR DELETE ON bistand_atkomstlogg
  FOR EACH ROW EXECUTE FUNCTION bistand_atkomstlogg_skydd();

CREATE OR REPLACE FUNCTION bistand_journal_skydd() RETURNS trigger AS $$
BEGIN
  IF OLD.signerad IS NOT NULL THEN
    RAISE EXCEPTION '{JOURNAL_FEL}' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END; $$ LANGUAGE plpgsql;
CREATE TRIGGER bistand_journal_skydd BEFORE UPDATE OR DELETE ON bistand_journalanteckning
  FOR EACH ROW EXECUTE FUNCTION bistand_journal_skydd();
"""

POSTGRES_TA_BORT = """
DROP TRIGGER IF EXISTS bistand_atkomstlogg_skydd ON bistand_atkomstlogg;
DROP FUNCTION IF EXISTS bistand_atkomstlogg_skydd();
DROP TRIGGER IF EXISTS bistand_journal_skydd ON bistand_journalanteckning;
DROP FUNCTION IF EXISTS bistand_journal_skydd();
"""

SQLITE_SKAPA = [
    f"""CREATE TRIGGER bistand_atkomstlogg_ingen_andring BEFORE UPDATE ON bistand_atkomstlogg
    BEGIN SELECT RAISE(ABORT, '{LOGG_FEL}'); END;""",
    f"""CREATE TRIGGER bistand_atkomstlogg_ingen_radering BEFORE DELETE ON bistand_atkomstlogg
    WHEN NOT bistand_flush_pagar()
    BEGIN SELECT RAISE(ABORT, '{LOGG_FEL}'); END;""",
    f"""CREATE TRIGGER bistand_journal_ingen_andring BEFORE UPDATE ON bistand_journalanteckning
    WHEN OLD.signerad IS NOT NULL
    BEGIN SELECT RAISE(ABORT, '{JOURNAL_FEL}'); END;""",
    f"""CREATE TRIGGER bistand_journal_ingen_radering BEFORE DELETE ON bistand_journalanteckning
    WHEN OLD.signerad IS NOT NULL AND NOT bistand_flush_pagar()
    BEGIN SELECT RAISE(ABORT, '{JOURNAL_FEL}'); END;""",
]

SQLITE_TA_BORT = [
    "DROP TRIGGER IF EXISTS bistand_atkomstlogg_ingen_andring;",
    "DROP TRIGGER IF EXISTS bistand_atkomstlogg_ingen_radering;",
    "DROP TRIGGER IF EXISTS bistand_journal_ingen_andring;",
    "DROP TRIGGER IF EXISTS bistand_journal_ingen_radering;",
]


def skapa(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_SKAPA)
    elif vendor == "sqlite":
        for sql in SQLITE_SKAPA:
            schema_editor.execute(sql)
    else:
        raise RuntimeError(f"Databasen {vendor} stöds inte: skydden kan inte skapas.")


def ta_bort(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_TA_BORT)
    elif vendor == "sqlite":
        for sql in SQLITE_TA_BORT:
            schema_editor.execute(sql)


def registrera_sqlite_funktion(sender, connection, **kwargs) -> None:
    """connection_created handler: give SQLite connections the flush flag function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "bistand_flush_pagar", 0, lambda: int(FLUSH_PAGAR.get()), deterministic=False
        )
