"""The guidance texts, the förhandsbedömning days, and the database guard that makes a signed
analysis immutable (barnkonsekvens.dbguard)."""

from django.db import migrations


def grunddata(apps, schema_editor):
    from barnkonsekvens.grunddata import grunddata_sakerstall

    grunddata_sakerstall(
        apps.get_model("barnkonsekvens", "Handlaggningsstod"),
        apps.get_model("bistand", "Parameter"),
    )


def skydd(apps, schema_editor):
    from barnkonsekvens.dbguard import skapa

    skapa(apps, schema_editor)


def skydd_bort(apps, schema_editor):
    from barnkonsekvens.dbguard import ta_bort

    ta_bort(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("barnkonsekvens", "0001_analys_orosanmalan"),
        ("bistand", "0004_notis"),
    ]

    operations = [
        migrations.RunPython(grunddata, migrations.RunPython.noop),
        migrations.RunPython(skydd, skydd_bort),
    ]
