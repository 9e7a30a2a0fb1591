"""Writes to the post kinds bump the grunddata number (bistand.grunddataversion;
docs/prestanda.md: Grunddata i minnet)."""

from django.db import migrations

from bistand.grunddataversion import bevaka


class Migration(migrations.Migration):
    dependencies = [
        ("ansokan", "0010_oppen_akt_index"),
        ("bistand", "0027_grunddataversion"),
    ]

    operations = [bevaka("ansokan_posttyp")]
