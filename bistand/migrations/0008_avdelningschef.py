"""The Avdelningschef role (above the units) as an auth group."""

from django.db import migrations


def framat(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="Avdelningschef")


class Migration(migrations.Migration):
    dependencies = [("bistand", "0007_lagrum_verifierade")]

    operations = [migrations.RunPython(framat, migrations.RunPython.noop)]
