"""Riksnorm 2025 and 2026 from the confirmed tables, replacing the estimates.

2025: socialtjänstförordning (2025:468) 12 kap. 2 § as first published. 2026: SFS 2025:1046,
amending the same paragraph from 2026-01-01. Every item is verified with its SFS as source.
2024 stays an estimate marked unverified.
"""

import datetime

from django.db import migrations

POSTER = [
    "barn_0", "barn_1_2", "barn_3", "barn_4_6", "barn_7_10", "barn_11_14", "barn_15_18",
    "barn_19_20", "barn_0_ej_lunch", "barn_1_2_ej_lunch", "barn_3_ej_lunch", "barn_4_6_ej_lunch",
    "ensamstaende", "sambor", "gemensam_1", "gemensam_2", "gemensam_3", "gemensam_4",
    "gemensam_5", "gemensam_6", "gemensam_7",
]

KALLA_2025 = "SFS 2025:468, socialtjänstförordningen 12 kap. 2 § (riksnorm 2025)"
KALLA_2026 = "SFS 2025:1046, socialtjänstförordningen (2025:468) 12 kap. 2 § (riksnorm 2026)"

RIKSNORM = {
    2025: (KALLA_2025, [2720, 3030, 2700, 3030, 3790, 4350, 4920, 4960, 2540, 2780, 2480, 2700,
                        3910, 7050, 1270, 1400, 1770, 2010, 2310, 2620, 2810]),
    2026: (KALLA_2026, [2740, 3060, 2720, 3060, 3820, 4390, 4960, 5000, 2560, 2800, 2500, 2720,
                        3940, 7100, 1280, 1410, 1790, 2030, 2330, 2640, 2830]),
}


def framat(apps, schema_editor):
    Riksnorm = apps.get_model("utredning", "Riksnorm")
    RiksnormBelopp = apps.get_model("utredning", "RiksnormBelopp")
    for ar, (kalla, belopp) in RIKSNORM.items():
        riksnorm, _ = Riksnorm.objects.update_or_create(
            giltig_fran=datetime.date(ar, 1, 1),
            defaults={"benamning": f"Riksnorm {ar}", "kalla": kalla},
        )
        for post, varde in zip(POSTER, belopp, strict=True):
            RiksnormBelopp.objects.update_or_create(
                riksnorm=riksnorm,
                post=post,
                defaults={"belopp": varde, "kalla": kalla, "verifierad": True},
            )


class Migration(migrations.Migration):
    dependencies = [("utredning", "0006_kopplingar_kontroller")]

    operations = [migrations.RunPython(framat, migrations.RunPython.noop)]
