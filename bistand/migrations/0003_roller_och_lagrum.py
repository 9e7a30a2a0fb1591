"""Staff roles as groups, the legal references of docs/regler.md: Lagar och källor, and the core's dated parameters."""

from django.db import migrations

from bistand.grunddata import grunddata_sakerstall


def framat(apps, schema_editor):
    grunddata_sakerstall(
        apps.get_model("auth", "Group"),
        apps.get_model("bistand", "Lagrum"),
        apps.get_model("bistand", "Parameter"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("bistand", "0002_databasskydd"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(framat, migrations.RunPython.noop)]
