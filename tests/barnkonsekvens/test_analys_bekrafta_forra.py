"""Where umgängesresor make a barnkonsekvensanalys required every month, last month's signed
analysis is confirmed as still valid in one action with a note (docs/regler.md:
Barnkonsekvensanalys)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from barnkonsekvens import services
from barnkonsekvens.guard import barnkonsekvens_vakt
from barnkonsekvens.models import Barnkonsekvensanalys
from bistand.models import Handelse

pytestmark = pytest.mark.django_db


@pytest.fixture
def manader(familj, lagg_till_barn, ny_ansokan, foresla, handlaggare, fullstandig):
    """Last month's ansökan for umgängesresor with a signed analysis, and this month's."""
    barn = lagg_till_barn(familj, umgangesdagar=8)
    with time_machine.travel(dt.datetime(2026, 10, 5, 9, tzinfo=dt.UTC), tick=False):
        forra = ny_ansokan(familj, "umgangesresor")
        foresla(forra, "umgangesresor", "bifall", belopp=600)
        fullstandig["samtal_datum"] = dt.date(2026, 10, 1)
        analys = services.analys_spara(ansokan=forra, barn=barn, av=handlaggare, **fullstandig)
        services.analys_signera(analys=analys, av=handlaggare)
    with time_machine.travel(dt.datetime(2026, 11, 4, 9, tzinfo=dt.UTC), tick=False):
        ansokan = ny_ansokan(familj, "umgangesresor", typ="ateransokan")
        foresla(ansokan, "umgangesresor", "bifall", belopp=600)
    return ansokan, barn, analys


def test_last_months_analysis_is_confirmed_in_one_action_and_meets_the_guard(
    client, handlaggare, manader
):
    ansokan, barn, forra = manader
    assert barnkonsekvens_vakt(ansokan=ansokan).uppfyllt is False
    client.force_login(handlaggare)
    url = f"/ansokningar/{ansokan.pk}/barnkonsekvens/barn/{barn.pk}/"
    assert "Bekräfta att analysen gäller" in client.get(url).content.decode()

    svar = client.post(url, {"bekrafta_forra": "1", "bekraftelse": ""})
    assert svar.status_code == 200
    assert "Skriv varför analysen fortfarande gäller." in svar.content.decode()
    assert not Barnkonsekvensanalys.objects.filter(ansokan=ansokan).exists()

    svar = client.post(
        url, {"bekrafta_forra": "1", "bekraftelse": "Umgänget är oförändrat, samma resor."}
    )
    assert svar.status_code == 302
    analys = Barnkonsekvensanalys.objects.get(ansokan=ansokan, barn=barn)
    assert analys.signerad is not None and analys.bekraftad_fran_id == forra.pk
    assert analys.slutsats == forra.slutsats
    assert barnkonsekvens_vakt(ansokan=ansokan).uppfyllt is True
    handelse = Handelse.objects.get(typ_id="barnkonsekvensanalys.bekraftad")
    assert handelse.ansokan_id == ansokan.pk
    assert "Umgänget är oförändrat" in handelse.text


def test_a_reader_cannot_confirm_last_months_analysis(client, kvalitet, manader):
    ansokan, barn, _ = manader
    client.force_login(kvalitet)
    url = f"/ansokningar/{ansokan.pk}/barnkonsekvens/barn/{barn.pk}/"
    svar = client.post(url, {"bekrafta_forra": "1", "bekraftelse": "Gäller."})
    assert svar.status_code == 404
    assert not Barnkonsekvensanalys.objects.filter(ansokan=ansokan).exists()
