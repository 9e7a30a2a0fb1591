from django.db import migrations, models

from bistand.dbguard import _journal

skapa_vakt, ta_bort_vakt = _journal


def vakt_igen(apps, schema_editor) -> None:
    """SQLite rebuilds the table to add a column and loses its triggers: put the guard of
    signed entries back (a no-op change on PostgreSQL)."""
    ta_bort_vakt(apps, schema_editor)
    skapa_vakt(apps, schema_editor)


class Migration(migrations.Migration):
    """Every existing entry becomes internal: nothing already written is shared by default
    (docs/regler.md: intern anteckning). Shares made before stay as they are."""

    dependencies = [("bistand", "0004_notis")]

    operations = [
        migrations.AddField(
            model_name="journalanteckning",
            name="till_enskilde",
            field=models.BooleanField(
                default=False,
                help_text="Bara en anteckning till den enskilde kan visas på Mina sidor; "
                "en intern anteckning stannar i akten (docs/regler.md: intern anteckning).",
                verbose_name="till den enskilde",
            ),
        ),
        migrations.AddConstraint(
            model_name="journalanteckning",
            constraint=models.CheckConstraint(
                condition=~models.Q(kontakttyp="intern", till_enskilde=True),
                name="journal_intern_ej_till_enskilde",
            ),
        ),
        migrations.RunPython(vakt_igen, migrations.RunPython.noop),
    ]
