"""The journal page is kept too (bistand.sidminne; docs/prestanda.md: Sidor i minnet): the case
events mark their Akt, and the kinds of event count with the grunddata."""

from django.db import migrations

from bistand.grunddataversion import bevaka
from bistand.sidminne import BEVAKADE, bevaka_akt


class Migration(migrations.Migration):
    dependencies = [
        ("beslut", "0018_aktandring_bevakas"),
    ]

    operations = [
        bevaka_akt({"bistand_handelse": BEVAKADE["bistand_handelse"]}),
        bevaka("bistand_handelsetyp"),
    ]
