"""Default figures of utbetalning: the attest threshold and the sample check's rate and seed
(docs/regler.md: Attest, Stickprov). The nämnd changes them in admin."""

import datetime

from django.db import migrations

PARAMETRAR = [
    (
        "utbetalning-stickprov-procent",
        5,
        "Andel utbetalningar (procent) som hålls för stickprovskontroll",
    ),
    (
        "utbetalning-stickprov-fro",
        2026,
        "Frö för stickprovet: samma frö ger samma urval (reproducerbart)",
    ),
]


def framat(apps, schema_editor):
    Parameter = apps.get_model("bistand", "Parameter")
    for kod, varde, beskrivning in PARAMETRAR:
        Parameter.objects.get_or_create(
            kod=kod,
            giltig_fran=datetime.date(2020, 1, 1),
            defaults={
                "varde": varde,
                "beskrivning": beskrivning,
                "kalla": "Nämndens attestreglemente (standardvärde, ändras i admin)",
                "verifierad": False,
            },
        )
    apps.get_model("utbetalning", "Attestgrans").objects.get_or_create(
        posttyp=None, giltig_fran=datetime.date(2020, 1, 1), defaults={"belopp": 10000}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("utbetalning", "0001_initial"),
        ("bistand", "0006_utbetalningskalender"),
    ]

    operations = [migrations.RunPython(framat, migrations.RunPython.noop)]
