from django.db import migrations


def framat(apps, schema_editor):
    from kvalitet.grunddata import grunddata_sakerstall

    grunddata_sakerstall(
        apps.get_model("kvalitet", "GranskningsPunkt"), apps.get_model("bistand", "Parameter")
    )


class Migration(migrations.Migration):
    dependencies = [("kvalitet", "0005_unika_utan_nulls_distinct")]

    operations = [migrations.RunPython(framat, migrations.RunPython.noop)]
