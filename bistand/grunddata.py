"""The reference data every installation needs: staff roles, legal references (docs/regler.md: Lagar
och källor; docs/regler.md: Förvaltningslagen) and the core's dated parameters (docs/arkitektur.md:
Periodiska jobb).

Loaded by migration 0003 and again, idempotently, by `grunddata_sakerstall` (seed_demo calls
it, so a database emptied with `flush` gets it back).
"""

import datetime
import importlib

from django.apps import apps
from django.db import connections

from .handelser import handelsetyper_sakerstall

ROLLER = [
    "Handläggare",
    "Förste socialsekreterare",
    "Enhetschef",
    "Kontaktcenter",
    "Kvalitet",
    "Administratör",
    "Ekonomiassistent",
    "Avdelningschef",
]

SOL_2025 = datetime.date(2025, 7, 1)
FL = datetime.date(2018, 7, 1)
KALLA_SOL = (
    "SFS 2025:400 i konsoliderad lydelse (Regeringskansliets rättsdatabas, uppdaterad 2025-12-15)"
)
KALLA_SOF = "SFS 2025:468, 12 kap. 2 § i ursprunglig lydelse (riksnorm 2025)"
KALLA_SOF_2026 = (
    "SFS 2025:1046 om ändring i socialtjänstförordningen (2025:468), i kraft 2026-01-01"
)
SOL = "socialtjänstlagen (2025:400)"


def _sol(kod: str, paragraf: str, beskrivning: str) -> tuple:
    return (kod, f"{paragraf} {SOL}", beskrivning, SOL_2025, KALLA_SOL, True)


# (kod, text, beskrivning, giltig_fran, kalla, verifierad) — the references read in their SFS
# text are verified; the rest stay editable and unverified until an administrator checks them.
LAGRUM = [
    _sol(
        "sol-ratt-till-bistand",
        "12 kap. 1 §",
        "Rätt till bistånd (försörjningsstöd och levnadskostnader i övrigt)",
    ),
    _sol("sol-bistand-utover", "12 kap. 2 §", "Bistånd utöver rätten enligt 12 kap. 1 §"),
    _sol("sol-arbetsmarknad", "12 kap. 3 §", "Att stå till arbetsmarknadens förfogande"),
    _sol("sol-praktik", "12 kap. 4–6 §§", "Praktik och kompetenshöjande verksamhet"),
    _sol(
        "sol-praktik-vagran",
        "12 kap. 5 §",
        "Vägran eller nedsättning av försörjningsstöd när praktik eller kompetenshöjande "
        "verksamhet vägras",
    ),
    _sol("sol-riksnorm", "12 kap. 7 §", "Vad riksnormen omfattar; högre eller lägre nivå"),
    _sol("sol-jobbstimulans", "12 kap. 8 §", "Jobbstimulans"),
    _sol("sol-barns-inkomst", "12 kap. 9 §", "Barns och skolungdomars inkomster"),
    _sol("sol-barnets-basta", "3 kap. 1 §", "Barnets bästa"),
    _sol("sol-barnets-ratt-att-horas", "3 kap. 2 §", "Barnets rätt att komma till tals"),
    _sol("sol-dokumentation", "14 kap. 3 §", "Dokumentation"),
    _sol("sol-gallring", "16 kap. 1 §", "Gallring av personakter"),
    _sol("sol-orosanmalan", "19 kap. 1 §", "Anmälan om oro för barn"),
    _sol(
        "sol-forhandsbedomning",
        "20 kap. 2 §",
        "Förhandsbedömning av anmälan om barn inom 14 dagar",
    ),
    _sol("sol-lex-sarah", "27 kap. 1–6 §§", "Lex Sarah"),
    _sol("sol-aterkrav", "33 kap. 1–3 §§", "Återkrav"),
    _sol(
        "sol-forvaltningsbesvar",
        "35 kap. 1 §",
        "Beslut som får överklagas till allmän förvaltningsdomstol",
    ),
    (
        "sof-riksnorm-belopp",
        "12 kap. 2 § socialtjänstförordningen (2025:468)",
        "Riksnormens belopp",
        SOL_2025,
        KALLA_SOF,
        True,
    ),
    (
        "sof-riksnorm-belopp",
        "12 kap. 2 § socialtjänstförordningen (2025:468)",
        "Riksnormens belopp",
        datetime.date(2026, 1, 1),
        KALLA_SOF_2026,
        True,
    ),
    (
        "kl-laglighetsprovning",
        "13 kap. kommunallagen (2017:725)",
        "Laglighetsprövning av kommunala beslut",
        datetime.date(2018, 1, 1),
        "SFS 2017:725; SFS 2025:400 35 kap. 1 § (12 kap. 2 § finns inte i uppräkningen)",
        True,
    ),
    (
        "sol-aktivitetskrav",
        "12 kap. 4 a–6 a §§ socialtjänstlagen (2025:400)",
        "Aktivitetskrav",
        datetime.date(2026, 7, 1),
        "Föreslagen ändring (SFS 2026:730); inte funnen i lagtexten – kontrollera",
        False,
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
        "fl-andring-forsta-instans",
        "37 § förvaltningslagen (2017:900)",
        "Ändring av beslut som första instans",
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

# Dated figures the core needs (docs/arkitektur.md: Periodiska jobb). Local targets are set by the
# nämnd.
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
        "KPMG:s granskning av försörjningsstödet, Alingsås kommun (två veckor)",
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
        "overklagande-tid-veckor",
        datetime.date(2018, 7, 1),
        3,
        "Tid för överklagande i veckor från delfåendet; brevet skriver den i ord och "
        "sista dagen räknas från samma värde",
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


def parametrar_sakerstall(rader, parameter_model=None) -> None:
    """Insert the missing dated parameters, given as (kod, giltig_fran, värde, beskrivning,
    källa, verifierad); never change an existing one (an administrator may have). Every app's
    `grunddata` module loads its parameters through this; a migration passes its historical
    model."""
    if parameter_model is None:
        # Only on this path: migrations pass their own (historical) models.
        from .models import Parameter as parameter_model
    for kod, fran, varde, beskrivning, kalla, verifierad in rader:
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


def grunddata_sakerstall(group_model=None, lagrum_model=None, parameter_model=None) -> None:
    """Create the roles, Lagrum and parameters that are missing; never overwrite an admin's edit.

    The model arguments let a migration pass its historical models.
    """
    if group_model is None:
        # Only on this path: migrations pass their own (historical) models.
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
    parametrar_sakerstall(PARAMETRAR, parameter_model)


def lagrum_bekrafta(lagrum_model) -> None:
    """Bring older rows up to the verified references above (SFS 2025:400, SFS 2025:468).

    Only rows that are not yet verified are changed, plus the riksnorm reference that named the
    replaced ordinance (2001:937); an administrator's own verified edit is kept.
    """
    for kod, text, beskrivning, fran, kalla, verifierad in LAGRUM:
        if not verifierad:
            continue
        rader = lagrum_model.objects.filter(kod=kod, giltig_fran=fran)
        if kod != "sof-riksnorm-belopp":
            rader = rader.filter(verifierad=False)
        rader.update(text=text, beskrivning=beskrivning, kalla=kalla, verifierad=True)


def nationell_grunddata_ladda(using: str = "default") -> None:
    """The one loader of national reference data (docs/arkitektur.md: Händelser och grunddata).

    Calls `grunddata_sakerstall()` of every installed app's `grunddata` module, in the order of
    INSTALLED_APPS (the flow), then loads the kinds of events. Each inserts what is missing and
    never changes an existing row, so an administrator's edit stays. `migrate` and `flush` run
    it (bistand.apps); running it again changes nothing. Does nothing while a table is missing
    (a partial `migrate`).
    """
    tabeller = set(connections[using].introspection.table_names())
    if any(m._meta.db_table not in tabeller for m in apps.get_models() if m._meta.managed):
        return
    for config in apps.get_app_configs():
        namn = f"{config.name}.grunddata"
        try:
            modul = importlib.import_module(namn)
        except ModuleNotFoundError as fel:
            if fel.name != namn:
                raise
            continue
        sakerstall = getattr(modul, "grunddata_sakerstall", None)
        if sakerstall is not None:
            sakerstall()
    handelsetyper_sakerstall()
