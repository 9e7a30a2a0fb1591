"""National reference data of utredning: riksnorm per year, prisbasbelopp, the jobbstimulans
figures and the table from parts of the calculation to requested posts.

This is the one home of these figures. `grunddata_sakerstall` inserts what is missing and never
changes a row that exists (an administrator may have corrected it); `migrate` runs it
(bistand.grunddata, docs/arkitektur.md: Händelser och grunddata). A new year's riksnorm is
added here as a new entry of RIKSNORM; the next `migrate` loads it.

Sources: socialtjänstförordningen (SFS 2020:1013 for 2021, SFS 2025:468 12 kap. 2 § for 2025,
SFS 2025:1046 for 2026); 2022–2024 are secondary or estimated and marked unverified (`False`)
until an administrator has checked them against the SFS.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from bistand.grunddata import parametrar_sakerstall

POSTER = [
    "barn_0",
    "barn_1_2",
    "barn_3",
    "barn_4_6",
    "barn_7_10",
    "barn_11_14",
    "barn_15_18",
    "barn_19_20",
    "barn_0_ej_lunch",
    "barn_1_2_ej_lunch",
    "barn_3_ej_lunch",
    "barn_4_6_ej_lunch",
    "ensamstaende",
    "sambor",
    "gemensam_1",
    "gemensam_2",
    "gemensam_3",
    "gemensam_4",
    "gemensam_5",
    "gemensam_6",
    "gemensam_7",
]

# Sources, as stored with each figure.
K1 = "SFS 2020:1013 (socialtjänstförordningen 2 kap. 1 §, riksnorm 2021)"
K2 = "Tranås kommuns publicerade normtabell 2022 (sekundär källa); kontrollera mot SFS"
K3 = (
    "Uppskattat: beloppet med lunch hemma × 2021 års kvot (SFS 2020:1013), avrundat "
    "till tiotal; ej kontrollerat"
)
K4 = "Ängelholms kommuns publicerade normtabell 2023 (sekundär källa); kontrollera mot SFS"
K5 = (
    "Uppskattat: källans belopp för 2 personer ser felskrivet ut; 2022 års belopp × "
    "ökningen för 1 och 3 personer, avrundat till tiotal; ej kontrollerat"
)
K6 = (
    "Uppskattat: 2023 års belopp + 8,7 % per delpost (regeringen.se nov 2023), "
    "avrundat till tiotal; ej kontrollerat mot SFS"
)
K7 = "SFS 2025:468, socialtjänstförordningen 12 kap. 2 § (riksnorm 2025)"
K8 = "SFS 2025:1046, socialtjänstförordningen (2025:468) 12 kap. 2 § (riksnorm 2026)"
K9 = "prop. 2012/13:94; 4 kap. 1 b § SoL (2001:453)"
K10 = "Ej kontrollerat mot regeringens beslut om prisbasbelopp; kontrollera"
K11 = "Regeringens beslut om prisbasbelopp för 2023 (bekräftat)"

# year: (benämning, källa, anteckning, [(belopp, källa, verifierad) per post in POSTER order])
RIKSNORM: dict[int, tuple[str, str, str, list[tuple[int, str, bool]]]] = {
    2021: (
        "Riksnorm 2021",
        K1,
        "",
        [
            (2180, K1, True),
            (2440, K1, True),
            (2170, K1, True),
            (2440, K1, True),
            (3060, K1, True),
            (3520, K1, True),
            (3970, K1, True),
            (4000, K1, True),
            (2050, K1, True),
            (2240, K1, True),
            (1990, K1, True),
            (2170, K1, True),
            (3160, K1, True),
            (5700, K1, True),
            (1020, K1, True),
            (1130, K1, True),
            (1420, K1, True),
            (1610, K1, True),
            (1860, K1, True),
            (2100, K1, True),
            (2270, K1, True),
        ],
    ),
    2022: (
        "Riksnorm 2022",
        K2,
        "",
        [
            (2220, K2, False),
            (2480, K2, False),
            (2210, K2, False),
            (2480, K2, False),
            (3110, K2, False),
            (3580, K2, False),
            (4040, K2, False),
            (4070, K2, False),
            (2090, K3, False),
            (2280, K3, False),
            (2030, K3, False),
            (2210, K3, False),
            (3210, K2, False),
            (5800, K2, False),
            (1040, K2, False),
            (1150, K2, False),
            (1450, K2, False),
            (1640, K2, False),
            (1890, K2, False),
            (2140, K2, False),
            (2310, K2, False),
        ],
    ),
    2023: (
        "Riksnorm 2023",
        K4,
        "",
        [
            (2420, K4, False),
            (2700, K4, False),
            (2410, K4, False),
            (2700, K4, False),
            (3380, K4, False),
            (3890, K4, False),
            (4390, K4, False),
            (4430, K4, False),
            (2280, K3, False),
            (2480, K3, False),
            (2210, K3, False),
            (2400, K3, False),
            (3490, K4, False),
            (6300, K4, False),
            (1130, K4, False),
            (1250, K5, False),
            (1580, K4, False),
            (1790, K4, False),
            (2060, K4, False),
            (2330, K4, False),
            (2510, K4, False),
        ],
    ),
    2024: (
        "Riksnorm 2024",
        K6,
        "",
        [
            (2630, K6, False),
            (2930, K6, False),
            (2620, K6, False),
            (2930, K6, False),
            (3670, K6, False),
            (4230, K6, False),
            (4770, K6, False),
            (4820, K6, False),
            (2480, K6, False),
            (2700, K6, False),
            (2400, K6, False),
            (2610, K6, False),
            (3790, K6, False),
            (6850, K6, False),
            (1230, K6, False),
            (1360, K6, False),
            (1720, K6, False),
            (1950, K6, False),
            (2240, K6, False),
            (2530, K6, False),
            (2730, K6, False),
        ],
    ),
    2025: (
        "Riksnorm 2025",
        K7,
        "",
        [
            (2720, K7, True),
            (3030, K7, True),
            (2700, K7, True),
            (3030, K7, True),
            (3790, K7, True),
            (4350, K7, True),
            (4920, K7, True),
            (4960, K7, True),
            (2540, K7, True),
            (2780, K7, True),
            (2480, K7, True),
            (2700, K7, True),
            (3910, K7, True),
            (7050, K7, True),
            (1270, K7, True),
            (1400, K7, True),
            (1770, K7, True),
            (2010, K7, True),
            (2310, K7, True),
            (2620, K7, True),
            (2810, K7, True),
        ],
    ),
    2026: (
        "Riksnorm 2026",
        K8,
        "",
        [
            (2740, K8, True),
            (3060, K8, True),
            (2720, K8, True),
            (3060, K8, True),
            (3820, K8, True),
            (4390, K8, True),
            (4960, K8, True),
            (5000, K8, True),
            (2560, K8, True),
            (2800, K8, True),
            (2500, K8, True),
            (2720, K8, True),
            (3940, K8, True),
            (7100, K8, True),
            (1280, K8, True),
            (1410, K8, True),
            (1790, K8, True),
            (2030, K8, True),
            (2330, K8, True),
            (2640, K8, True),
            (2830, K8, True),
        ],
    ),
}

# (kod, giltig_fran, värde, beskrivning, källa, verifierad)
PARAMETRAR = [
    (
        "riksnorm-bevakas-dagar-fore",
        datetime.date(2020, 1, 1),
        Decimal("31.00"),
        "Riksnorm: nästa års belopp bevakas från så många dagar före årsskiftet",
        "Nämndens rutin; socialtjänstförordningen (2025:468) 12 kap. 2 §",
        True,
    ),
    (
        "jobbstimulans-antal-manader",
        datetime.date(2013, 7, 1),
        Decimal("24.00"),
        "Jobbstimulans: gäller i så många månader",
        K9,
        True,
    ),
    (
        "jobbstimulans-efter-manader",
        datetime.date(2013, 7, 1),
        Decimal("6.00"),
        "Jobbstimulans: gäller efter så många månader i följd med försörjningsstöd",
        K9,
        True,
    ),
    (
        "jobbstimulans-procent",
        datetime.date(2013, 7, 1),
        Decimal("25.00"),
        "Jobbstimulans: andel av inkomst av anställning som inte räknas (procent)",
        K9,
        True,
    ),
    (
        "prisbasbelopp",
        datetime.date(2021, 1, 1),
        Decimal("47600.00"),
        "Prisbasbelopp 2021",
        K10,
        False,
    ),
    (
        "prisbasbelopp",
        datetime.date(2022, 1, 1),
        Decimal("48300.00"),
        "Prisbasbelopp 2022",
        K10,
        False,
    ),
    (
        "prisbasbelopp",
        datetime.date(2023, 1, 1),
        Decimal("52500.00"),
        "Prisbasbelopp 2023",
        K11,
        True,
    ),
    (
        "prisbasbelopp",
        datetime.date(2024, 1, 1),
        Decimal("57300.00"),
        "Prisbasbelopp 2024",
        K10,
        False,
    ),
    (
        "prisbasbelopp",
        datetime.date(2025, 1, 1),
        Decimal("58800.00"),
        "Prisbasbelopp 2025",
        K10,
        False,
    ),
    (
        "prisbasbelopp",
        datetime.date(2026, 1, 1),
        Decimal("59200.00"),
        "Prisbasbelopp 2026",
        K10,
        False,
    ),
]

# A part of the calculation → the requested post it answers (the administrator keeps it).
KOPPLINGAR = {
    "riksnorm": "forsorjningsstod",
    "boende": "hyra",
    "hushallsel": "hushallsel",
    "hemforsakring": "forsorjningsstod",
    "arbetsresor": "forsorjningsstod",
    "fackavgift_akassa": "forsorjningsstod",
    "barnomsorg": "forsorjningsstod",
}


def grunddata_sakerstall() -> None:
    """Insert the missing riksnorm years and items, parameters and calculation links; change
    nothing that exists."""
    # Here, not at the top: migrations import this module, which must not load the models.
    from ansokan.models import Posttyp

    from .models import BerakningKoppling, Riksnorm, RiksnormBelopp

    for ar, (benamning, kalla, anteckning, belopp) in RIKSNORM.items():
        riksnorm, _ = Riksnorm.objects.get_or_create(
            giltig_fran=datetime.date(ar, 1, 1),
            defaults={"benamning": benamning, "kalla": kalla, "anteckning": anteckning},
        )
        finns = set(riksnorm.belopp.values_list("post", flat=True))
        RiksnormBelopp.objects.bulk_create(
            RiksnormBelopp(riksnorm=riksnorm, post=post, belopp=b, kalla=k, verifierad=v)
            for post, (b, k, v) in zip(POSTER, belopp, strict=True)
            if post not in finns
        )
    parametrar_sakerstall(PARAMETRAR)
    for berakningsdel, kod in KOPPLINGAR.items():
        posttyp = Posttyp.objects.filter(kod=kod).first()
        if posttyp is not None:
            BerakningKoppling.objects.get_or_create(
                berakningsdel=berakningsdel, defaults={"posttyp": posttyp}
            )
