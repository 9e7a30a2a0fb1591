"""Take Exempelkommun's example checklists of controls out of databases that never took them
over.

Until now migration 0006 inserted example checklists into every new database, production
included. The checklists are the nämnd's own (docs/regler.md: Bakgrund); the example now comes
with the demo only (utredning/demo.py).

A checklist (one application type) is removed only where the nämnd plainly has not adopted it:
its rows are exactly the ones 0006 inserted, each unchanged (name, order, in use), and no
utredning's control was copied from any of them. A checklist an administrator changed in any
way, or that an utredning used, stays whole.

EXEMPEL is the frozen record of what 0006 inserted; it must not follow the demo's example.
"""

from django.db import migrations

EXEMPEL = {
    "nyansokan": [
        "Identitet",
        "Medborgarskap och uppehållstillstånd respektive uppehållsrätt",
        "Boende och vistelse (hyreskontrakt eller inneboendeavtal)",
        "Folkbokföring",
        "Vårdnadshavare för barn som bor i hushållet",
        "Inkomstuppgifter",
        "Deklarationsunderlag eller kontrolluppgift från Skatteverket (SSBTEK)",
        "Ekonomisk översikt",
        "Kontoutdrag senaste 3 månaderna från samtliga konton",
        "Kontoutdrag och ekonomisk översikt för barn senaste 3 månaderna",
        "Utdrag ur Transportstyrelsens fordonsregister",
        "Arbetssökande (handlingsplan och daganteckningar)",
        "Läkarintyg vid sjukskrivning",
    ],
    "ateransokan": [
        "Kontoutdrag från samtliga konton en månad tillbaka",
        "Daganteckningar från Arbetsförmedlingen en månad tillbaka",
        "Läkarintyg vid sjukskrivning",
        "Närvarolistor från arbetsmarknadsenhetens verksamheter",
    ],
    "akut": ["Identitet", "Inkomstuppgifter", "Boende och vistelse"],
}


def ta_bort_exemplet(apps, schema_editor):
    KontrollMall = apps.get_model("utredning", "KontrollMall")
    for typ, namn in EXEMPEL.items():
        rader = list(KontrollMall.objects.filter(ansokningstyp=typ))
        som_infort = {(n, i, True) for i, n in enumerate(namn, start=1)}
        if {(r.namn, r.ordning, r.aktiv) for r in rader} != som_infort or len(rader) != len(namn):
            continue
        pks = [r.pk for r in rader]
        if not any(
            rel.related_model._default_manager.filter(**{f"{rel.field.name}__in": pks}).exists()
            for rel in KontrollMall._meta.get_fields(include_hidden=True)
            if rel.auto_created and not rel.concrete
        ):
            KontrollMall.objects.filter(pk__in=pks).delete()


class Migration(migrations.Migration):
    dependencies = [("utredning", "0008_kommunicering_etjanst")]

    operations = [migrations.RunPython(ta_bort_exemplet, migrations.RunPython.noop)]
