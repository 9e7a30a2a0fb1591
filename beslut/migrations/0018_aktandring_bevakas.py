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

    # The tables watched from the start, by name: a table added to BEVAKADE later comes with
    # its own migration (beslut 0019: the case events).
    operations = [
        bevaka_akt(
            {
                tabell: BEVAKADE[tabell]
                for tabell in (
                    "bistand_akt",
                    "bistand_hushall",
                    "bistand_hushallmedlem",
                    "bistand_person",
                    "bistand_journalanteckning",
                    "bistand_bevakning",
                    "ansokan_ansokan",
                    "ansokan_ansokanpost",
                    "ansokan_bilaga",
                    "barnkonsekvens_barnkonsekvensanalys",
                    "beslut_beslutsbrev",
                    "beslut_beslut",
                    "beslut_beslutsmanad",
                    "beslut_samrad",
                    "utredning_utredning",
                    "utredning_berakning",
                    "utredning_publicering",
                    "utredning_utkast",
                    "utredning_narvaro",
                    "utredning_kommunicering_bilagor",
                    "utredning_forslagpost",
                    "utredning_forsorjningshinder",
                    "utredning_handlingsplan",
                    "utredning_kommunicering",
                    "utredning_kontroll",
                    "utredning_mote",
                    "utredning_remiss",
                    "utredning_varning",
                )
            }
        )
    ]
