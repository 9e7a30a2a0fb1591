"""Where umgängesresor make a barnkonsekvensanalys required every month, last month's signed
analysis is confirmed as still valid in one action with a note (docs/regler.md:
Barnkonsekvensanalys)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

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


def _utredningssidan(client, ansokan) -> str:
    return client.get(f"/ansokningar/{ansokan.pk}/utredning/").content.decode()


def test_the_utredning_page_confirms_last_months_analysis_where_the_work_is_done(
    client, handlaggare, manader
):
    ansokan, barn, forra = manader
    client.force_login(handlaggare)
    url = f"/ansokningar/{ansokan.pk}/barnkonsekvens/barn/{barn.pk}/"
    html = _utredningssidan(client, ansokan)
    assert f'action="{url}"' in html
    assert f"Bekräfta att analysen för {barn.fornamn} gäller" in html

    svar = client.post(
        url,
        {"tillbaka": "utredning", "bekrafta_forra": "1", "bekraftelse": "Samma umgänge."},
    )
    assert svar.status_code == 302
    assert svar["Location"] == f"/ansokningar/{ansokan.pk}/utredning/#barnkonsekvens"
    assert Barnkonsekvensanalys.objects.get(ansokan=ansokan, barn=barn).bekraftad_fran == forra
    assert barnkonsekvens_vakt(ansokan=ansokan).uppfyllt is True
    assert f'action="{url}"' not in _utredningssidan(client, ansokan)


def test_the_utredning_page_offers_no_confirmation_to_a_reader(client, kvalitet, manader):
    ansokan, barn, _ = manader
    client.force_login(kvalitet)
    html = _utredningssidan(client, ansokan)
    assert "Barnkonsekvensanalys" in html
    assert "Bekräfta att analysen" not in html


def test_no_confirmation_is_offered_without_a_signed_analysis_last_month(
    client, handlaggare, familj, lagg_till_barn, ny_ansokan, foresla
):
    lagg_till_barn(familj, umgangesdagar=8)
    with time_machine.travel(dt.datetime(2026, 10, 5, 9, tzinfo=dt.UTC), tick=False):
        foresla(ny_ansokan(familj, "umgangesresor"), "umgangesresor", "bifall", belopp=600)
    with time_machine.travel(dt.datetime(2026, 11, 4, 9, tzinfo=dt.UTC), tick=False):
        ansokan = ny_ansokan(familj, "umgangesresor", typ="ateransokan")
        foresla(ansokan, "umgangesresor", "bifall", belopp=600)
    client.force_login(handlaggare)
    html = _utredningssidan(client, ansokan)
    assert "En barnkonsekvensanalys krävs innan beslut kan fattas" in html
    assert "Bekräfta att analysen" not in html


def test_a_confirmation_is_signed_in_the_journal_like_any_analysis(handlaggare, manader):
    ansokan, barn, _ = manader
    services.analys_bekrafta_forra(
        ansokan=ansokan, barn=barn, av=handlaggare, bekraftelse="Samma umgänge som förut."
    )
    anteckning = ansokan.akt.journal.filter(text__startswith="Barnkonsekvensanalys för").last()
    assert anteckning is not None and anteckning.signerad is not None
    assert str(ansokan) in anteckning.text


def test_an_akut_ansokan_needs_a_new_analysis_not_last_months(
    familj, ny_ansokan, foresla, handlaggare, manader
):
    _, barn, _ = manader
    with time_machine.travel(dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC), tick=False):
        akut = ny_ansokan(familj, "umgangesresor", typ="akut")
        foresla(akut, "umgangesresor", "bifall", belopp=600)
        with pytest.raises(ValidationError, match="kräver en ny analys"):
            services.analys_bekrafta_forra(
                ansokan=akut, barn=barn, av=handlaggare, bekraftelse="Samma umgänge."
            )
    assert not Barnkonsekvensanalys.objects.filter(ansokan=akut).exists()


def test_the_child_page_of_an_akut_ansokan_offers_no_confirmation(
    client, familj, ny_ansokan, foresla, handlaggare, manader
):
    ansokan, barn, _ = manader
    services.analys_bekrafta_forra(
        ansokan=ansokan, barn=barn, av=handlaggare, bekraftelse="Samma umgänge."
    )
    with time_machine.travel(dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC), tick=False):
        akut = ny_ansokan(familj, "umgangesresor", typ="akut")
        foresla(akut, "umgangesresor", "bifall", belopp=600)
        client.force_login(handlaggare)
        sida = client.get(f"/ansokningar/{akut.pk}/barnkonsekvens/barn/{barn.pk}/")
    assert sida.status_code == 200
    assert "Bekräfta att analysen gäller" not in sida.content.decode()
