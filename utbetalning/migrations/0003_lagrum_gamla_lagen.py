"""The old law's återkrav reference, for bistånd paid before 2025-07-01 (transitional
provision 5 a of SoL (2025:400)): `lagrum_rad("sol-aterkrav", day)` then finds it."""

import datetime

from django.db import migrations


def framat(apps, schema_editor):
    apps.get_model("bistand", "Lagrum").objects.get_or_create(
        kod="sol-aterkrav",
        giltig_fran=datetime.date(2002, 1, 1),
        defaults={
            "text": "9 kap. 1–2 §§ socialtjänstlagen (2001:453)",
            "beskrivning": "Återkrav (äldre lagen, bistånd före 2025-07-01)",
            "kalla": "SFS 2001:453; övergångsbestämmelse 5 a i SFS 2025:400",
            "verifierad": False,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("utbetalning", "0002_parametrar"), ("bistand", "0007_lagrum_verifierade")]

    operations = [migrations.RunPython(framat, migrations.RunPython.noop)]
