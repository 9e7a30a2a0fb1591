"""The worklist is kept too (bistand.sidminne: `sparad_lista`; docs/prestanda.md: Sidor i
minnet): the kompletteringar, underrättelser om försening and överklaganden it marks each
ärende by mark their Akt."""

from django.db import migrations

from bistand.sidminne import BEVAKADE, bevaka_akt


class Migration(migrations.Migration):
    dependencies = [
        ("beslut", "0019_journalen_bevakas"),
    ]

    operations = [
        bevaka_akt(
            {
                tabell: BEVAKADE[tabell]
                for tabell in (
                    "ansokan_komplettering",
                    "ansokan_forsening",
                    "beslut_overklagande",
                )
            }
        ),
    ]
