"""A sent decision letter may be removed by the approved gallring, and only by it
(bistand.dbguard: `gallring=True`; SoL 2025:400 16 kap.)."""

from django.db import migrations

from bistand.dbguard import vakt

FEL = "Ett skickat beslutsbrev går inte att ändra eller ta bort."


def _vakt(gallring: bool):
    return vakt(
        namn="beslut_brev",
        tabell="beslut_beslutsbrev",
        fel=FEL,
        skyddad="OLD.sha256 <> ''",
        andring=(
            "NEW.sha256 <> OLD.sha256 OR NEW.sokvag <> OLD.sokvag "
            "OR NEW.beslutsdatum <> OLD.beslutsdatum OR NEW.ansokan_id <> OLD.ansokan_id"
        ),
        gallring=gallring,
    )


def framat(apps, schema_editor):
    _vakt(False)[1](apps, schema_editor)
    _vakt(True)[0](apps, schema_editor)


def bakat(apps, schema_editor):
    _vakt(True)[1](apps, schema_editor)
    _vakt(False)[0](apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("beslut", "0009_handelser_till_akten"),
        ("bistand", "0016_gallring_genom_vakterna"),
    ]

    operations = [migrations.RunPython(framat, bakat)]
