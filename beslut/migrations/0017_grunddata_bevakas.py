"""Writes to the riktlinjer's levels and the delegationsordning bump the grunddata number
(bistand.grunddataversion; docs/prestanda.md: Grunddata i minnet)."""

from django.db import migrations

from bistand.grunddataversion import bevaka


class Migration(migrations.Migration):
    dependencies = [
        ("beslut", "0016_overklagande_oppen_akt"),
        ("bistand", "0027_grunddataversion"),
    ]

    operations = [bevaka("beslut_riktlinjeniva", "beslut_delegation")]
