from django.db import migrations

import bistand.falt

# "Who saw this Akt in a list": a GIN index on the list rows' Akter. Made on the partitioned
# parent, so every month's partition has its own (and those created later inherit it).
INDEX = "bistand_atkomstlogg_akt_ids_gin"


def index_skapa(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {INDEX} ON bistand_atkomstlogg USING gin (akt_ids) "
            "WHERE akt_ids IS NOT NULL"
        )


def index_ta_bort(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    """A staff list page's view becomes one access-log row with its Akter as a list
    (docs/regler.md: Åtkomst; docs/prestanda.md: Listans loggrader)."""

    dependencies = [
        ("bistand", "0028_aktandring"),
    ]

    operations = [
        migrations.AddField(
            model_name="atkomstlogg",
            name="akt_ids",
            field=bistand.falt.AktIdLista(blank=True, null=True, verbose_name="akter i listan"),
        ),
        migrations.RunPython(index_skapa, index_ta_bort),
    ]
