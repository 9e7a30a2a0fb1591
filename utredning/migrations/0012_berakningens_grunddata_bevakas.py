"""Writes to the riksnorm, its amounts and the housing levels bump the grunddata number
(bistand.grunddataversion; docs/prestanda.md: Grunddata i minnet): every beräkning's figures
are kept in the process while it is the same."""

from django.db import migrations

from bistand.grunddataversion import bevaka


class Migration(migrations.Migration):
    dependencies = [
        ("utredning", "0011_grunddata_bevakas"),
    ]

    operations = [bevaka("utredning_riksnorm", "utredning_riksnormbelopp", "utredning_boendeniva")]
