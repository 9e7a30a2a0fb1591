"""A signed analysis may be removed by the approved gallring, and only by it
(bistand.dbguard: `gallring=True`; SoL 2025:400 16 kap.)."""

from django.db import migrations

from barnkonsekvens.dbguard import gallring_skapa, gallring_ta_bort, skapa, ta_bort


def framat(apps, schema_editor):
    ta_bort(apps, schema_editor)
    gallring_skapa(apps, schema_editor)


def bakat(apps, schema_editor):
    gallring_ta_bort(apps, schema_editor)
    skapa(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("barnkonsekvens", "0002_grunddata_och_skydd"),
        ("bistand", "0016_gallring_genom_vakterna"),
    ]

    operations = [migrations.RunPython(framat, bakat)]
