"""Writes to the riktlinjer, their sections and the beräkning's mapping to post kinds bump the
grunddata number (bistand.grunddataversion; docs/prestanda.md: Grunddata i minnet)."""

from django.db import migrations

from bistand.grunddataversion import bevaka


class Migration(migrations.Migration):
    dependencies = [
        ("utredning", "0010_kontroll_giltighet"),
        ("bistand", "0027_grunddataversion"),
    ]

    operations = [
        bevaka("utredning_riktlinje", "utredning_riktlinjeavsnitt", "utredning_berakningkoppling")
    ]
