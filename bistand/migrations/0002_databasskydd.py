from django.db import migrations

from bistand.dbguard import skapa, ta_bort


class Migration(migrations.Migration):
    dependencies = [("bistand", "0001_initial")]

    operations = [migrations.RunPython(skapa, ta_bort)]
