"""Riksnorm 2021–2026, prisbasbelopp 2021–2026 and the jobbstimulans figures (docs/regler.md: Riksnorm).

Every amount carries its source and a verified flag. Verified are only the figures read in the
named source: 2021 (SFS 2020:1013, complete), the confirmed 2026 figures for an ensamstående
(5 220 = personal 3 940 + common for one person 1 280), prisbasbelopp 2023 and jobbstimulans.
Everything else is loaded unverified until an administrator checks it against the SFS amending
socialtjänstförordningen 2 kap. 1 § for that year:

- 2022: Tranås kommun's published table (secondary). It gives no lower "lunch at preschool or
  school" amounts; those are estimated with 2021's ratio to the higher amount.
- 2023: Ängelholms kommun's published table (secondary). Its 2-person common figure looks
  misprinted; it and the lower amounts are estimated.
- 2024, 2025, 2026: 2023 raised by +8.7 %, +2.8 % and +0.7 % per item (regeringen.se, Nov 2023,
  Nov 2024, Nov 2025), rounded to whole tens of kronor. Such estimates land 10–20 kr from the
  real figures (the government raises each sub-item and rounds).
- 2026 couple: the confirmed total is 8 510 (personal for sambor + common for two persons); the
  split is not confirmed, so both parts are stored unverified, summing to 8 510.

Housing levels are the nämnd's own and are not loaded here (demo data has examples).
"""

import datetime

from django.db import migrations

POSTER = [
    "barn_0", "barn_1_2", "barn_3", "barn_4_6", "barn_7_10", "barn_11_14", "barn_15_18",
    "barn_19_20", "barn_0_ej_lunch", "barn_1_2_ej_lunch", "barn_3_ej_lunch", "barn_4_6_ej_lunch",
    "ensamstaende", "sambor", "gemensam_1", "gemensam_2", "gemensam_3", "gemensam_4",
    "gemensam_5", "gemensam_6", "gemensam_7",
]

SFS_2021 = "SFS 2020:1013 (socialtjänstförordningen 2 kap. 1 §, riksnorm 2021)"
TRANAS = "Tranås kommuns publicerade normtabell 2022 (sekundär källa); kontrollera mot SFS"
ANGELHOLM = "Ängelholms kommuns publicerade normtabell 2023 (sekundär källa); kontrollera mot SFS"
UPPSKATTAD_LUNCH = (
    "Uppskattat: beloppet med lunch hemma × 2021 års kvot (SFS 2020:1013), avrundat till tiotal; "
    "ej kontrollerat"
)
UPPSKATTAD_2023_2 = (
    "Uppskattat: källans belopp för 2 personer ser felskrivet ut; 2022 års belopp × ökningen "
    "för 1 och 3 personer, avrundat till tiotal; ej kontrollerat"
)


def okning(ar, procent, regeringen):
    return (
        f"Uppskattat: {ar - 1} års belopp + {procent} % per delpost ({regeringen}), avrundat "
        "till tiotal; ej kontrollerat mot SFS"
    )


OKNING_2024 = okning(2024, "8,7", "regeringen.se nov 2023")
OKNING_2025 = okning(2025, "2,8", "regeringen.se nov 2024")
OKNING_2026 = okning(2026, "0,7", "regeringen.se nov 2025")
BEKRAFTAD_2026 = (
    "regeringen.se, Riksnorm för 2026 fastställd (nov 2025); Lifecare, Riksnorm 2026: "
    "ensamstående 5 220 = 3 940 + 1 280"
)
PAR_2026 = (
    "Bekräftad summa för sammanboende 8 510 (personliga + gemensamma för 2 personer, "
    "regeringen.se nov 2025; Lifecare); fördelningen är uppskattad, ej kontrollerad"
)

def tabell(belopp, kalla, verifierad, undantag=None):
    rader = {post: (b, kalla, verifierad) for post, b in zip(POSTER, belopp, strict=True)}
    rader.update(undantag or {})
    return rader


# (år, källa för året, {post: (belopp, källa, verifierad)})
LUNCH = ["barn_0_ej_lunch", "barn_1_2_ej_lunch", "barn_3_ej_lunch", "barn_4_6_ej_lunch"]

RIKSNORM = [
    (2021, SFS_2021, tabell(
        [2180, 2440, 2170, 2440, 3060, 3520, 3970, 4000, 2050, 2240, 1990, 2170,
         3160, 5700, 1020, 1130, 1420, 1610, 1860, 2100, 2270], SFS_2021, True)),
    (2022, TRANAS, tabell(
        [2220, 2480, 2210, 2480, 3110, 3580, 4040, 4070, 2090, 2280, 2030, 2210,
         3210, 5800, 1040, 1150, 1450, 1640, 1890, 2140, 2310], TRANAS, False,
        {post: (b, UPPSKATTAD_LUNCH, False) for post, b in zip(
            LUNCH, [2090, 2280, 2030, 2210], strict=True)})),
    (2023, ANGELHOLM, tabell(
        [2420, 2700, 2410, 2700, 3380, 3890, 4390, 4430, 2280, 2480, 2210, 2400,
         3490, 6300, 1130, 1250, 1580, 1790, 2060, 2330, 2510], ANGELHOLM, False,
        {"gemensam_2": (1250, UPPSKATTAD_2023_2, False)}
        | {post: (b, UPPSKATTAD_LUNCH, False) for post, b in zip(
            LUNCH, [2280, 2480, 2210, 2400], strict=True)})),
    (2024, OKNING_2024, tabell(
        [2630, 2930, 2620, 2930, 3670, 4230, 4770, 4820, 2480, 2700, 2400, 2610,
         3790, 6850, 1230, 1360, 1720, 1950, 2240, 2530, 2730], OKNING_2024, False)),
    (2025, OKNING_2025, tabell(
        [2700, 3010, 2690, 3010, 3770, 4350, 4900, 4950, 2550, 2780, 2470, 2680,
         3900, 7040, 1260, 1400, 1770, 2000, 2300, 2600, 2810], OKNING_2025, False)),
    (2026, "regeringen.se nov 2025 (+0,7 %); bekräftade summor, övriga belopp uppskattade",
     tabell(
        [2720, 3030, 2710, 3030, 3800, 4380, 4930, 4980, 2570, 2800, 2490, 2700,
         3940, 7100, 1280, 1410, 1780, 2010, 2320, 2620, 2830], OKNING_2026, False,
        {"ensamstaende": (3940, BEKRAFTAD_2026, True),
         "gemensam_1": (1280, BEKRAFTAD_2026, True),
         "sambor": (7100, PAR_2026, False),
         "gemensam_2": (1410, PAR_2026, False)})),
]

EJ_KONTROLLERAT_PBB = "Ej kontrollerat mot regeringens beslut om prisbasbelopp; kontrollera"
PRISBASBELOPP = [
    (2021, 47600, EJ_KONTROLLERAT_PBB, False),
    (2022, 48300, EJ_KONTROLLERAT_PBB, False),
    (2023, 52500, "Regeringens beslut om prisbasbelopp för 2023 (bekräftat)", True),
    (2024, 57300, EJ_KONTROLLERAT_PBB, False),
    (2025, 58800, EJ_KONTROLLERAT_PBB, False),
    (2026, 59200, EJ_KONTROLLERAT_PBB, False),
]

JOBBSTIMULANS_KALLA = "prop. 2012/13:94; 4 kap. 1 b § SoL (2001:453)"
JOBBSTIMULANS_FRAN = datetime.date(2013, 7, 1)
JOBBSTIMULANS = [
    ("jobbstimulans-procent", 25,
     "Jobbstimulans: andel av inkomst av anställning som inte räknas (procent)"),
    ("jobbstimulans-efter-manader", 6,
     "Jobbstimulans: gäller efter så många månader i följd med försörjningsstöd"),
    ("jobbstimulans-antal-manader", 24, "Jobbstimulans: gäller i så många månader"),
]


def framat(apps, schema_editor):
    Riksnorm = apps.get_model("utredning", "Riksnorm")
    RiksnormBelopp = apps.get_model("utredning", "RiksnormBelopp")
    Parameter = apps.get_model("bistand", "Parameter")
    for ar, kalla, rader in RIKSNORM:
        riksnorm, _ = Riksnorm.objects.update_or_create(
            giltig_fran=datetime.date(ar, 1, 1),
            defaults={"benamning": f"Riksnorm {ar}", "kalla": kalla},
        )
        for post, (belopp, post_kalla, verifierad) in rader.items():
            RiksnormBelopp.objects.update_or_create(
                riksnorm=riksnorm, post=post,
                defaults={"belopp": belopp, "kalla": post_kalla, "verifierad": verifierad},
            )
    for ar, belopp, kalla, verifierad in PRISBASBELOPP:
        Parameter.objects.update_or_create(
            kod="prisbasbelopp", giltig_fran=datetime.date(ar, 1, 1),
            defaults={"varde": belopp, "beskrivning": f"Prisbasbelopp {ar}", "kalla": kalla,
                      "verifierad": verifierad},
        )
    for kod, varde, beskrivning in JOBBSTIMULANS:
        Parameter.objects.update_or_create(
            kod=kod, giltig_fran=JOBBSTIMULANS_FRAN,
            defaults={"varde": varde, "beskrivning": beskrivning, "kalla": JOBBSTIMULANS_KALLA,
                      "verifierad": True},
        )


def bakat(apps, schema_editor):
    apps.get_model("utredning", "Riksnorm").objects.filter(
        giltig_fran__year__in=[ar for ar, _, _ in RIKSNORM]
    ).delete()
    apps.get_model("bistand", "Parameter").objects.filter(
        kod__in=["prisbasbelopp", *[kod for kod, _, _ in JOBBSTIMULANS]]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("utredning", "0001_initial"),
        ("bistand", "0003_roller_och_lagrum"),
    ]

    operations = [migrations.RunPython(framat, bakat)]
