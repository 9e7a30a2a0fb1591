"""The database guard that keeps a rendered decision letter immutable (docs/regler.md: Beslut och
beslutsbrev).

This migration used to insert beslut's dated parameters and an example delegationsordning too.
The parameters' one home is beslut/grunddata.py, loaded by the core's loader after every
`migrate` and `flush`; the delegationsordning is the nämnd's own and comes with the demo only
(beslut/demo.py). Migration 0011 removes the example from databases that never took it over.
"""

from django.db import migrations

from bistand.dbguard import vakt

FEL = "Ett skickat beslutsbrev går inte att ändra eller ta bort."

skydd_skapa, skydd_ta_bort = vakt(
    namn="beslut_brev",
    tabell="beslut_beslutsbrev",
    fel=FEL,
    skyddad="OLD.sha256 <> ''",
    andring=(
        "NEW.sha256 <> OLD.sha256 OR NEW.sokvag <> OLD.sokvag "
        "OR NEW.beslutsdatum <> OLD.beslutsdatum OR NEW.ansokan_id <> OLD.ansokan_id"
    ),
)


class Migration(migrations.Migration):
    dependencies = [
        ("beslut", "0001_initial"),
        ("bistand", "0003_roller_och_lagrum"),
    ]

    operations = [migrations.RunPython(skydd_skapa, skydd_ta_bort)]
