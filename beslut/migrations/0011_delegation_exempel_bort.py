"""Take Exempelkommun's example delegationsordning out of databases that never took it over.

Until now migration 0002 inserted an example delegationsordning into every new database,
production included. The delegationsordning is the nämnd's own decision (docs/regler.md:
Delegation); the example now comes with the demo only (beslut/demo.py).

The example is removed only where the nämnd plainly has not adopted it: the table holds
exactly the six rows 0002 inserted, each unchanged field by field, and nothing (a decision)
refers to any of them. If an administrator changed, added or removed a line, or a decision
was made under one, the whole delegationsordning stays as it is: removing only the untouched
lines would leave half an ordning, in which perhaps nobody may decide above 15 000 kr.

EXEMPEL is the frozen record of what 0002 inserted; it must not follow the demo's example.
"""

import datetime

from django.db import migrations

KALLA = "Exempel – ersätt med nämndens delegationsordning"
FRAN = datetime.date(2020, 1, 1)
# (roll, utfall, max_belopp); posttyp, giltig_till and punkt were empty.
EXEMPEL = {
    ("Handläggare", "bifall", 15000),
    ("Handläggare", "delvis_bifall", 15000),
    ("Handläggare", "avslag", None),
    ("Handläggare", "avvisning", None),
    ("Förste socialsekreterare", "", 50000),
    ("Enhetschef", "", None),
}


def _oandrad(rad) -> bool:
    return (
        rad.posttyp_id is None
        and rad.giltig_fran == FRAN
        and rad.giltig_till is None
        and rad.kalla == KALLA
        and rad.punkt == ""
    )


def _nyckel(rad) -> tuple:
    belopp = None if rad.max_belopp is None else int(rad.max_belopp)
    return (rad.roll, rad.utfall, belopp)


def refererad(modell, pks) -> bool:
    """Whether any row of another table refers to one of these rows."""
    return any(
        rel.related_model._default_manager.filter(**{f"{rel.field.name}__in": pks}).exists()
        for rel in modell._meta.get_fields(include_hidden=True)
        if rel.auto_created and not rel.concrete
    )


def ta_bort_exemplet(apps, schema_editor):
    Delegation = apps.get_model("beslut", "Delegation")
    rader = list(Delegation.objects.all())
    if len(rader) != len(EXEMPEL) or not all(_oandrad(r) for r in rader):
        return
    if {_nyckel(r) for r in rader} != EXEMPEL:
        return
    pks = [r.pk for r in rader]
    if refererad(Delegation, pks):
        return
    Delegation.objects.filter(pk__in=pks).delete()


class Migration(migrations.Migration):
    dependencies = [("beslut", "0010_brev_gallring")]

    operations = [migrations.RunPython(ta_bort_exemplet, migrations.RunPython.noop)]
