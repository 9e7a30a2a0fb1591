"""Append-only guards enforced by the database, not by `save()` (docs/arkitektur.md: Appar).

- The access log refuses every UPDATE and DELETE.
- A signed journal entry refuses every UPDATE and DELETE (docs/regler.md: Journal).
- An event of the case history (`Handelse`) refuses every UPDATE and DELETE (migration 0012).

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
HANDELSE_FEL = "En händelse i akten går inte att ändra eller ta bort."


def vakt(*, namn: str, tabell: str, fel: str, skyddad: str = "TRUE", andring: str = "TRUE"):
    """The (create, remove) pair of RunPython functions for one append-only guard.

    `skyddad` is SQL over OLD that says the row is protected (e.g. `OLD.signerad IS NOT NULL`);
    `andring` is SQL over OLD and NEW that says which UPDATE of a protected row is refused
    (default: every one). A protected row is never deleted, except by Django's `flush` on
    SQLite (see the module docstring). Trigger names: `<namn>_skydd` on PostgreSQL,
    `<namn>_ingen_andring` and `<namn>_ingen_radering` on SQLite.
    """
    postgres_skapa = f"""
CREATE OR REPLACE FUNCTION {namn}_skydd() RETURNS trigger AS $$
BEGIN
  IF ({skyddad}) AND (TG_OP = 'DELETE' OR ({andring})) THEN
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
        WHEN ({skyddad}) AND NOT bistand_flush_pagar()
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
_journal = vakt(
    namn="bistand_journal",
    tabell="bistand_journalanteckning",
    fel=JOURNAL_FEL,
    skyddad="OLD.signerad IS NOT NULL",
)

handelse_skapa, handelse_ta_bort = vakt(
    namn="bistand_handelse", tabell="bistand_handelse", fel=HANDELSE_FEL
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
