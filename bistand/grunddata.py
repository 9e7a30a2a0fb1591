"""The reference data every installation needs: staff roles, legal references (LAW.md §1, §3)
and the core's dated parameters (DESIGN.md §6).

Loaded by migration 0003 and again, idempotently, by `grunddata_sakerstall` (seed_demo calls
it, so a database emptied with `flush` gets it back).
"""

import datetime

ROLLER = [
    "Handläggare",
    "Förste socialsekreterare",
    "Enhetschef",
    "Kontaktcenter",
    "Kvalitet",
    "Administratör",
    "Ekonomiassistent",
]

SOL_2025 = datetime.date(2025, 7, 1)
FL = datetime.date(2018, 7, 1)
KALLA_SOL = "SFS 2025:400; regeringen.se, Ny socialtjänstlag (prop. 2024/25:89)"
EJ_FASTSTALLD = "ny paragraf ej fastställd i SFS 2025:400"

# (kod, text, beskrivning, giltig_fran, kalla, verifierad) — LAW.md §1 and §3.
LAGRUM = [
    (
        "sol-ratt-till-bistand",
        "12 kap. 1 § socialtjänstlagen (2025:400)",
        "Rätt till bistånd (försörjningsstöd och livsföring i övrigt)",
        SOL_2025,
        "Sundsvalls beslutsfraser 2026; kontrollera mot SFS 2025:400",
        False,
    ),
    (
        "sol-bistand-utover",
        "12 kap. 2 § socialtjänstlagen (2025:400)",
        "Bistånd utöver rätten enligt 12 kap. 1 §",
        SOL_2025,
        "Sundsvalls beslutsfraser 2026; kontrollera mot SFS 2025:400",
        False,
    ),
    (
        "sol-riksnorm",
        "12 kap. 7 § socialtjänstlagen (2025:400)",
        "Vad riksnormen omfattar",
        SOL_2025,
        "regeringen.se, Riksnorm för 2026 fastställd (nov 2025)",
        True,
    ),
    (
        "sol-forhandsbedomning",
        "20 kap. 2 § socialtjänstlagen (2025:400)",
        "Förhandsbedömning av anmälan om barn inom 14 dagar",
        SOL_2025,
        KALLA_SOL,
        True,
    ),
    (
        "sol-jobbstimulans",
        f"Socialtjänstlagen (2025:400), {EJ_FASTSTALLD} (tidigare 4 kap. 1 b § SoL 2001:453)",
        "Jobbstimulans",
        SOL_2025,
        "LAW.md §1: ej bekräftad",
        False,
    ),
    (
        "sol-praktik",
        f"Socialtjänstlagen (2025:400), {EJ_FASTSTALLD} (tidigare 4 kap. 4–6 §§ SoL 2001:453)",
        "Praktik och kompetenshöjande insats",
        SOL_2025,
        "LAW.md §1: ej bekräftad",
        False,
    ),
    (
        "sol-aterkrav",
        f"Socialtjänstlagen (2025:400), {EJ_FASTSTALLD} (tidigare 9 kap. 1–2 §§ SoL 2001:453)",
        "Återkrav",
        SOL_2025,
        "LAW.md §1: ej bekräftad",
        False,
    ),
    (
        "sol-barnets-basta",
        f"Socialtjänstlagen (2025:400), {EJ_FASTSTALLD} (tidigare 1 kap. 2 § SoL 2001:453)",
        "Barnets bästa",
        SOL_2025,
        "LAW.md §1: ej bekräftad",
        False,
    ),
    (
        "sol-barnets-ratt-att-horas",
        f"Socialtjänstlagen (2025:400), {EJ_FASTSTALLD} (tidigare 11 kap. 10 § SoL 2001:453)",
        "Barnets rätt att komma till tals",
        SOL_2025,
        "LAW.md §1: ej bekräftad",
        False,
    ),
    (
        "sol-orosanmalan",
        f"Socialtjänstlagen (2025:400), {EJ_FASTSTALLD} (tidigare 14 kap. 1 § SoL 2001:453)",
        "Anmälan om oro för barn",
        SOL_2025,
        "LAW.md §1: ej bekräftad",
        False,
    ),
    (
        "sol-dokumentation",
        f"Socialtjänstlagen (2025:400), {EJ_FASTSTALLD} (tidigare 11 kap. 5 § SoL 2001:453)",
        "Dokumentation",
        SOL_2025,
        "LAW.md §1: ej bekräftad",
        False,
    ),
    (
        "sol-gallring",
        f"Socialtjänstlagen (2025:400), {EJ_FASTSTALLD} (tidigare 12 kap. 1–2 §§ SoL 2001:453)",
        "Gallring av personakter",
        SOL_2025,
        "LAW.md §1: ej bekräftad",
        False,
    ),
    (
        "sol-forvaltningsbesvar",
        f"Socialtjänstlagen (2025:400), {EJ_FASTSTALLD} (tidigare 16 kap. 3 § SoL 2001:453)",
        "Beslut som får överklagas genom förvaltningsbesvär",
        SOL_2025,
        "LAW.md §1: ej bekräftad",
        False,
    ),
    (
        "sol-lex-sarah",
        f"Socialtjänstlagen (2025:400), {EJ_FASTSTALLD} (tidigare 14 kap. 3–7 §§ SoL 2001:453)",
        "Lex Sarah",
        SOL_2025,
        "LAW.md §1: ej bekräftad",
        False,
    ),
    (
        "sof-riksnorm-belopp",
        "2 kap. 1 § socialtjänstförordningen (2001:937)",
        "Riksnormens belopp",
        datetime.date(2026, 1, 1),
        "regeringen.se nov 2025",
        True,
    ),
    (
        "fl-serviceskyldighet",
        "6 § förvaltningslagen (2017:900)",
        "Serviceskyldighet",
        FL,
        "SFS 2017:900",
        True,
    ),
    (
        "fl-skyndsamhet",
        "9 § förvaltningslagen (2017:900)",
        "Enkel, snabb och kostnadseffektiv handläggning",
        FL,
        "SFS 2017:900",
        True,
    ),
    ("fl-partsinsyn", "10 § förvaltningslagen (2017:900)", "Partsinsyn", FL, "SFS 2017:900", True),
    (
        "fl-forsening",
        "11 § förvaltningslagen (2017:900)",
        "Underrättelse om väsentlig försening",
        FL,
        "SFS 2017:900",
        True,
    ),
    (
        "fl-drojsmalstalan",
        "12 § förvaltningslagen (2017:900)",
        "Begäran om avgörande efter sex månader",
        FL,
        "SFS 2017:900",
        True,
    ),
    (
        "fl-kommunicering",
        "25 § förvaltningslagen (2017:900)",
        "Kommunicering",
        FL,
        "SFS 2017:900",
        True,
    ),
    (
        "fl-motivering",
        "32 § förvaltningslagen (2017:900)",
        "Motivering av beslut",
        FL,
        "SFS 2017:900",
        True,
    ),
    (
        "fl-underrattelse",
        "33 § förvaltningslagen (2017:900)",
        "Underrättelse om beslut och hur man överklagar",
        FL,
        "SFS 2017:900",
        True,
    ),
    (
        "fl-andring",
        "38 § förvaltningslagen (2017:900)",
        "Ändring av beslut",
        FL,
        "SFS 2017:900",
        True,
    ),
    (
        "fl-overklagande-forfaller",
        "39 § förvaltningslagen (2017:900)",
        "Ändring av ett överklagat beslut innan överklagandet lämnas över",
        FL,
        "SFS 2017:900",
        True,
    ),
    (
        "fl-overklagande-form",
        "43 § förvaltningslagen (2017:900)",
        "Hur ett beslut överklagas",
        FL,
        "SFS 2017:900",
        True,
    ),
    (
        "fl-overklagandetid",
        "44 § förvaltningslagen (2017:900)",
        "Överklagande inom tre veckor från delfåendet",
        FL,
        "SFS 2017:900",
        True,
    ),
    (
        "fl-rattidsprovning",
        "45 § förvaltningslagen (2017:900)",
        "Rättidsprövning och avvisning",
        FL,
        "SFS 2017:900",
        True,
    ),
    (
        "fl-overlamnande",
        "46 § förvaltningslagen (2017:900)",
        "Överlämnande till domstol",
        FL,
        "SFS 2017:900",
        True,
    ),
    (
        "fl-overklagande-nytt-beslut",
        "46 § andra stycket förvaltningslagen (2017:900)",
        "Överklagandet anses omfatta det nya beslutet när beslutet ändras",
        FL,
        "SFS 2017:900",
        True,
    ),
    (
        "lag-1930-173",
        "2 § lagen (1930:173) om beräkning av lagstadgad tid",
        "Frist som slutar på lördag, söndag eller helgdag flyttas till nästa vardag",
        datetime.date(1931, 1, 1),
        "SFS 1930:173",
        True,
    ),
]

# Dated figures the core needs (DESIGN.md §6). Local targets are set by the nämnd.
PARAMETRAR = [
    (
        "handlaggningsmal-arbetsdagar",
        datetime.date(2020, 1, 1),
        10,
        "Mål för handläggningstid i arbetsdagar från komplett ansökan",
        "Nämndens mål (exempel)",
        True,
    ),
    (
        "nybesok-inom-dagar",
        datetime.date(2020, 1, 1),
        14,
        "Nybesök inom så många kalenderdagar från första kontakt",
        "Seed 003: KPMG, Alingsås (två veckor)",
        True,
    ),
    (
        "overklagande-tid-dagar",
        datetime.date(2018, 7, 1),
        21,
        "Tid för överklagande i kalenderdagar från delfåendet (tre veckor)",
        "44 § förvaltningslagen (2017:900)",
        True,
    ),
    (
        "overlamnande-inom-dagar",
        datetime.date(2018, 7, 1),
        7,
        "Överlämna överklagande till förvaltningsrätten inom så många dagar",
        "46 § FL; JO: normalt inom en vecka",
        True,
    ),
]


def grunddata_sakerstall(group_model=None, lagrum_model=None, parameter_model=None) -> None:
    """Create the roles, Lagrum and parameters that are missing; never overwrite an admin's edit.

    The model arguments let a migration pass its historical models.
    """
    if group_model is None:
        from django.contrib.auth.models import Group as group_model

        from .models import Lagrum as lagrum_model
        from .models import Parameter as parameter_model
    for namn in ROLLER:
        group_model.objects.get_or_create(name=namn)
    for kod, text, beskrivning, fran, kalla, verifierad in LAGRUM:
        lagrum_model.objects.get_or_create(
            kod=kod,
            giltig_fran=fran,
            defaults={
                "text": text,
                "beskrivning": beskrivning,
                "kalla": kalla,
                "verifierad": verifierad,
            },
        )
    for kod, fran, varde, beskrivning, kalla, verifierad in PARAMETRAR:
        parameter_model.objects.get_or_create(
            kod=kod,
            giltig_fran=fran,
            defaults={
                "varde": varde,
                "beskrivning": beskrivning,
                "kalla": kalla,
                "verifierad": verifierad,
            },
        )
