"""Post types, the signature deadline parameter, and the database guard that makes timeline
events immutable (STYLE.md §3: timeline events are written by the system and never changed)."""

from django.db import migrations


SQLITE_SKAPA = [
    """CREATE TRIGGER ansokan_handelse_ingen_andring BEFORE UPDATE ON ansokan_handelse
    BEGIN SELECT RAISE(ABORT, 'En händelse i tidslinjen går inte att ändra.'); END;""",
    """CREATE TRIGGER ansokan_handelse_ingen_radering BEFORE DELETE ON ansokan_handelse
    WHEN NOT bistand_flush_pagar()
    BEGIN SELECT RAISE(ABORT, 'En händelse i tidslinjen går inte att ta bort.'); END;""",
]
SQLITE_TA_BORT = [
    "DROP TRIGGER IF EXISTS ansokan_handelse_ingen_andring;",
    "DROP TRIGGER IF EXISTS ansokan_handelse_ingen_radering;",
]
POSTGRES_SKAPA = """
CREATE OR REPLACE FUNCTION ansokan_handelse_skydd() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'En händelse i tidslinjen går inte att ändra eller ta bort.'
    USING ERRCODE = 'integrity_constraint_violation';
END; $$ LANGUAGE plpgsql;
CREATE TRIGGER ansokan_handelse_skydd BEFORE UPDATE OR DELETE ON ansokan_handelse
  FOR EACH ROW EXECUTE FUNCTION ansokan_handelse_skydd();
"""
POSTGRES_TA_BORT = """
DROP TRIGGER IF EXISTS ansokan_handelse_skydd ON ansokan_handelse;
DROP FUNCTION IF EXISTS ansokan_handelse_skydd();
"""


def grunddata(apps, schema_editor):
    from ansokan.grunddata import grunddata_sakerstall

    grunddata_sakerstall(apps.get_model("ansokan", "Posttyp"), apps.get_model("bistand", "Parameter"))


def skydd(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_SKAPA)
    elif vendor == "sqlite":
        for sql in SQLITE_SKAPA:
            schema_editor.execute(sql)


def skydd_bort(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_TA_BORT)
    elif vendor == "sqlite":
        for sql in SQLITE_TA_BORT:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("ansokan", "0001_initial"),
        ("bistand", "0002_databasskydd"),
    ]

    operations = [
        migrations.RunPython(grunddata, migrations.RunPython.noop),
        migrations.RunPython(skydd, skydd_bort),
    ]
