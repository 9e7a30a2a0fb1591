"""The areas, time targets and lex Sarah references of synpunkter (synpunkter/grunddata.py)."""

from django.db import migrations

from synpunkter.grunddata import grunddata_sakerstall


def framat(apps, schema_editor):
    grunddata_sakerstall(
        apps.get_model("synpunkter", "Omrade"),
        apps.get_model("bistand", "Parameter"),
        apps.get_model("bistand", "Lagrum"),
    )


class Migration(migrations.Migration):
    dependencies = [("synpunkter", "0001_synpunkter"), ("bistand", "0008_avdelningschef")]

    operations = [migrations.RunPython(framat, migrations.RunPython.noop)]
