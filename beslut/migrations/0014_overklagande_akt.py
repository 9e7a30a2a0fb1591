"""The appeal keeps the Akt of the appealed decision (beslut → brev → ansökan → akt), so the
worklist reaches a unit's open appeals from its Akter through an index (docs/prestanda.md).
Existing appeals get theirs from the chain before the column becomes required."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def akt_fran_beslutet(apps, schema_editor):
    Overklagande = apps.get_model("beslut", "Overklagande")
    Beslut = apps.get_model("beslut", "Beslut")
    Overklagande.objects.update(
        akt_id=Subquery(
            Beslut.objects.filter(pk=OuterRef("beslut_id")).values("brev__ansokan__akt_id")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("beslut", "0013_andringsanledning"),
        ("bistand", "0022_bevakning_objekt_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="overklagande",
            name="akt",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="bistand.akt",
            ),
        ),
        migrations.RunPython(akt_fran_beslutet, migrations.RunPython.noop),
    ]
