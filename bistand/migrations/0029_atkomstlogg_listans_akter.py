from django.db import migrations

import bistand.falt

# "Who saw this Akt in a list": a GIN index on the list rows' Akter; and the list rows newest
# first, for the log review's page. Made on the partitioned parent, so every month's partition
# has its own (and those created later inherit them).
INDEX = {
    "bistand_atkomstlogg_akt_ids_gin": "USING gin (akt_ids)",
    "bistand_atkomstlogg_lista_tid": "(tidpunkt)",
}


def index_skapa(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for namn, form in INDEX.items():
            schema_editor.execute(
                f"CREATE INDEX {namn} ON bistand_atkomstlogg {form} WHERE akt_ids IS NOT NULL"
            )


def index_ta_bort(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for namn in INDEX:
            schema_editor.execute(f"DROP INDEX IF EXISTS {namn}")


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
