"""Every table the kept case pages show marks the Akter its writes touch (bistand.sidminne;
docs/prestanda.md: Sidor i minnet). Here, in the app that comes last, because the ways from a
row to its Akt run through the other apps' tables."""

from django.db import migrations

from bistand.sidminne import BEVAKADE, bevaka_akt


class Migration(migrations.Migration):
    dependencies = [
        ("beslut", "0017_grunddata_bevakas"),
        ("bistand", "0028_aktandring"),
        ("ansokan", "0011_grunddata_bevakas"),
        ("utredning", "0011_grunddata_bevakas"),
        ("barnkonsekvens", "0004_analys_bekraftad"),
    ]

    operations = [bevaka_akt(BEVAKADE)]
