"""Dated parameters and an example delegationsordning for beslut, and the database guard that
keeps a rendered decision letter immutable (docs/regler.md: Beslut och beslutsbrev)."""

import datetime

from django.db import migrations

from bistand.dbguard import vakt

FEL = "Ett skickat beslutsbrev går inte att ändra eller ta bort."

skydd_skapa, skydd_ta_bort = vakt(
    namn="beslut_brev",
    tabell="beslut_beslutsbrev",
    fel=FEL,
    skyddad="OLD.sha256 <> ''",
    andring=(
        "NEW.sha256 <> OLD.sha256 OR NEW.sokvag <> OLD.sokvag "
        "OR NEW.beslutsdatum <> OLD.beslutsdatum OR NEW.ansokan_id <> OLD.ansokan_id"
    ),
)

PARAMETRAR = [
    (
        "avsteg-max-manader",
        datetime.date(2020, 1, 1),
        6,
        "Ett avsteg från riktlinjerna gäller högst så många månader efter samrådet",
        "Norrköpings arbetsmarknads- och vuxenutbildningsnämnd (yttrande): högst sex månader",
        True,
    ),
    (
        "avsteg-paminnelse-dagar",
        datetime.date(2020, 1, 1),
        14,
        "Påminnelse så många dagar innan ett avsteg upphör",
        "Lokal rutin",
        True,
    ),
    (
        "delgivning-presumerad-dagar",
        datetime.date(2020, 1, 1),
        7,
        "Beslutsbrevet anses ha nått den sökande så många dagar efter att det skickats",
        "Nämndens rutin (exempel) – kontrollera",
        False,
    ),
]

# An example delegationsordning so that a new installation can decide at all; the nämnd's own
# replaces it in admin. (roll, utfall, max_belopp)
DELEGATION = [
    ("Handläggare", "bifall", 15000),
    ("Handläggare", "delvis_bifall", 15000),
    ("Handläggare", "avslag", None),
    ("Handläggare", "avvisning", None),
    ("Förste socialsekreterare", "", 50000),
    ("Enhetschef", "", None),
]


def skapa(apps, schema_editor):
    Parameter = apps.get_model("bistand", "Parameter")
    Delegation = apps.get_model("beslut", "Delegation")
    for kod, fran, varde, beskrivning, kalla, verifierad in PARAMETRAR:
        Parameter.objects.get_or_create(
            kod=kod,
            giltig_fran=fran,
            defaults={
                "varde": varde,
                "beskrivning": beskrivning,
                "kalla": kalla,
                "verifierad": verifierad,
            },
        )
    if not Delegation.objects.exists():
        for roll, utfall, belopp in DELEGATION:
            Delegation.objects.create(
                roll=roll,
                utfall=utfall,
                max_belopp=belopp,
                giltig_fran=datetime.date(2020, 1, 1),
                kalla="Exempel – ersätt med nämndens delegationsordning",
            )
    skydd_skapa(apps, schema_editor)


def ta_bort(apps, schema_editor):
    skydd_ta_bort(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("beslut", "0001_initial"),
        ("bistand", "0003_roller_och_lagrum"),
    ]

    operations = [migrations.RunPython(skapa, ta_bort)]
