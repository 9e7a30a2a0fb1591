"""The SoL (2025:400) references read in the SFS text are verified, with their source; new rows
for 12 kap. 5 §, FL 37 §, laglighetsprövning and the riksnorm's ordinance (2025:468)."""

from django.db import migrations

from bistand.grunddata import grunddata_sakerstall, lagrum_bekrafta


def framat(apps, schema_editor):
    lagrum = apps.get_model("bistand", "Lagrum")
    lagrum_bekrafta(lagrum)
    grunddata_sakerstall(
        apps.get_model("auth", "Group"), lagrum, apps.get_model("bistand", "Parameter")
    )


class Migration(migrations.Migration):
    dependencies = [("bistand", "0006_utbetalningskalender")]

    operations = [migrations.RunPython(framat, migrations.RunPython.noop)]
