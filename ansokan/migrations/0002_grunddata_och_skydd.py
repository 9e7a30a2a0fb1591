"""Post types, the signature deadline parameter, and the database guard that makes timeline
events immutable (docs/arkitektur.md: Kodstil (händelser) — timeline events are written by the system and never changed)."""

from django.db import migrations

from bistand.dbguard import vakt


skydd, skydd_bort = vakt(
    namn="ansokan_handelse",
    tabell="ansokan_handelse",
    fel="En händelse i tidslinjen går inte att ändra eller ta bort.",
)


def grunddata(apps, schema_editor):
    from ansokan.grunddata import grunddata_sakerstall

    grunddata_sakerstall(apps.get_model("ansokan", "Posttyp"), apps.get_model("bistand", "Parameter"))


class Migration(migrations.Migration):
    dependencies = [
        ("ansokan", "0001_initial"),
        ("bistand", "0002_databasskydd"),
    ]

    operations = [
        migrations.RunPython(grunddata, migrations.RunPython.noop),
        migrations.RunPython(skydd, skydd_bort),
    ]
