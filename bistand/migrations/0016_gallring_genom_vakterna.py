"""The case history and signed journal entries may be removed by the approved gallring, and
only by it (bistand.dbguard: `gallring=True`; SoL 2025:400 16 kap.)."""

from django.db import migrations

from bistand.dbguard import (
    _journal,
    handelse_gallring,
    handelse_skapa,
    handelse_ta_bort,
    journal_gallring,
)


def framat(apps, schema_editor):
    for ta_bort, skapa in (
        (_journal[1], journal_gallring[0]),
        (handelse_ta_bort, handelse_gallring[0]),
    ):
        ta_bort(apps, schema_editor)
        skapa(apps, schema_editor)


def bakat(apps, schema_editor):
    for ta_bort, skapa in (
        (journal_gallring[1], _journal[0]),
        (handelse_gallring[1], handelse_skapa),
    ):
        ta_bort(apps, schema_editor)
        skapa(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("bistand", "0015_registerutdrag_utelamning")]

    operations = [migrations.RunPython(framat, bakat)]
