"""A signed Barnkonsekvensanalys refuses every UPDATE and DELETE, in the database (issue 6,
point 2: "signed, then immutable like journal entries"). The same pattern as bistand.dbguard:
PostgreSQL row triggers that raise; SQLite triggers that ABORT, with DELETE allowed only while
`bistand_flush_pagar()` is true (Django's `flush`, registered by the core on each connection).
"""

from __future__ import annotations

ANALYS_FEL = "En signerad barnkonsekvensanalys går inte att ändra eller ta bort."
TABELL = "barnkonsekvens_barnkonsekvensanalys"

POSTGRES_SKAPA = f"""
CREATE OR REPLACE FUNCTION barnkonsekvens_analys_skydd() RETURNS trigger AS $$
BEGIN
  IF OLD.signerad IS NOT NULL THEN
    RAISE EXCEPTION '{ANALYS_FEL}' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END; $$ LANGUAGE plpgsql;
CREATE TRIGGER barnkonsekvens_analys_skydd BEFORE UPDATE OR DELETE ON {TABELL}
  FOR EACH ROW EXECUTE FUNCTION barnkonsekvens_analys_skydd();
"""

POSTGRES_TA_BORT = f"""
DROP TRIGGER IF EXISTS barnkonsekvens_analys_skydd ON {TABELL};
DROP FUNCTION IF EXISTS barnkonsekvens_analys_skydd();
"""

SQLITE_SKAPA = [
    f"""CREATE TRIGGER barnkonsekvens_analys_ingen_andring BEFORE UPDATE ON {TABELL}
    WHEN OLD.signerad IS NOT NULL
    BEGIN SELECT RAISE(ABORT, '{ANALYS_FEL}'); END;""",
    f"""CREATE TRIGGER barnkonsekvens_analys_ingen_radering BEFORE DELETE ON {TABELL}
    WHEN OLD.signerad IS NOT NULL AND NOT bistand_flush_pagar()
    BEGIN SELECT RAISE(ABORT, '{ANALYS_FEL}'); END;""",
]

SQLITE_TA_BORT = [
    "DROP TRIGGER IF EXISTS barnkonsekvens_analys_ingen_andring;",
    "DROP TRIGGER IF EXISTS barnkonsekvens_analys_ingen_radering;",
]


def skapa(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_SKAPA)
    elif vendor == "sqlite":
        for sql in SQLITE_SKAPA:
            schema_editor.execute(sql)
    else:
        raise RuntimeError(f"Databasen {vendor} stöds inte: skyddet kan inte skapas.")


def ta_bort(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_TA_BORT)
    elif vendor == "sqlite":
        for sql in SQLITE_TA_BORT:
            schema_editor.execute(sql)
