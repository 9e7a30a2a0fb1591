"""The utredning page follows the work: sections in the order the work is done with whether each
is done, "Fatta beslut" at the end, every control in one form, and no form for a viewer who may
not write (docs/regler.md: Utredning; docs/regler.md: Behörighet och skyddade personuppgifter)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine

from utredning import services
from utredning.models import Kontroll

pytestmark = pytest.mark.django_db

IDAG = dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _tid():
    with time_machine.travel(IDAG, tick=False):
        yield


def _url(a):
    return f"/ansokningar/{a.pk}/utredning/"


def test_the_sections_follow_the_work_and_the_decision_comes_last(
    client, handlaggare, akt, registrera
):
    ansokan = registrera(akt)
    services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    client.force_login(handlaggare)
    html = client.get(_url(ansokan)).content.decode()
    ordning = [
        'id="delaktighet"',
        'id="hushall"',
        'id="berakning"',
        'id="kontroller"',
        'id="kommunicering"',
        'id="forslag"',
        "Fatta beslut",
    ]
    platser = [html.index(t) for t in ordning]
    assert platser == sorted(platser)
    assert "Utredningens delar" in html
    assert html.count("<form") < 25


def test_every_control_is_answered_in_one_form_with_exceptions(
    client, handlaggare, akt, registrera
):
    ansokan = registrera(akt)
    u = services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    kontroller = list(Kontroll.objects.filter(utredning=u).order_by("ordning", "id"))
    assert len(kontroller) >= 3
    client.force_login(handlaggare)
    html = client.get(_url(ansokan)).content.decode()
    assert html.count(f'action="{_url(ansokan)}kontroller/"') == 1
    undantag, ej_aktuell = kontroller[0], kontroller[1]
    data = {"alla_gjorda": "1"}
    for k in kontroller:
        data |= {f"status_{k.pk}": k.status, f"datum_{k.pk}": "", f"anteckning_{k.pk}": ""}
    data |= {
        f"status_{undantag.pk}": "avvikelse",
        f"anteckning_{undantag.pk}": "Inkomst som inte uppgetts.",
        f"status_{ej_aktuell.pk}": "ej_aktuell",
    }
    svar = client.post(_url(ansokan) + "kontroller/", data)
    assert svar.status_code == 302
    status = dict(Kontroll.objects.filter(utredning=u).values_list("pk", "status"))
    assert status.pop(undantag.pk) == "avvikelse"
    assert status.pop(ej_aktuell.pk) == "ej_aktuell"
    assert set(status.values()) == {"gjord"}
    assert set(Kontroll.objects.filter(utredning=u).values_list("datum", flat=True)) == {
        dt.date(2026, 11, 20)
    }


def test_a_deviation_without_a_note_is_refused_beside_the_field_and_nothing_is_lost(
    client, handlaggare, akt, registrera
):
    ansokan = registrera(akt)
    u = services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    kontroller = list(Kontroll.objects.filter(utredning=u).order_by("ordning", "id"))
    client.force_login(handlaggare)
    data = {}
    for k in kontroller:
        data |= {f"status_{k.pk}": "gjord", f"datum_{k.pk}": "2026-11-19"}
    data |= {f"status_{kontroller[0].pk}": "avvikelse", f"anteckning_{kontroller[1].pk}": "Sett"}
    svar = client.post(_url(ansokan) + "kontroller/", data)
    html = svar.content.decode()
    assert svar.status_code == 400
    assert "Skriv vad avvikelsen gäller." in html
    assert 'value="Sett"' in html
    assert not Kontroll.objects.filter(utredning=u, status="gjord").exists()


def test_kvalitet_reads_the_page_without_any_form(client, handlaggare, kvalitet, akt, registrera):
    ansokan = registrera(akt, uppgifter={"ekonomi": {"hyra": "5000"}})
    services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    client.force_login(kvalitet)
    svar = client.get(_url(ansokan))
    html = svar.content.decode()
    assert svar.status_code == 200
    utredningsdel = html[html.index("<main") : html.index('<div id="beslut"')]
    assert not re.search(r'<form[^>]*method="post"', utredningsdel)
    assert "Kontroller" in html and "Beräkning" in html


def _med_barn(akt, nytt_personnummer):
    from bistand import services as bistand_services

    barn = bistand_services.person_registrera(
        identitet=nytt_personnummer(dt.date(2015, 5, 5)), fornamn="Olle", efternamn="Barn"
    )
    bistand_services.hushall_medlem_lagg_till(
        hushall=akt.hushall, person=barn, roll="barn", fran=dt.date(2025, 1, 1), umgangesdagar=4
    )


def test_the_decision_and_barnkonsekvens_panels_offer_no_action_to_a_reader(
    client, handlaggare, kvalitet, akt, registrera, nytt_personnummer
):
    _med_barn(akt, nytt_personnummer)
    ansokan = registrera(akt)
    services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    client.force_login(kvalitet)
    html = client.get(_url(ansokan)).content.decode()
    sidan = html[html.index("<main") : html.index("</main>")]
    assert "Barnkonsekvensanalys" in sidan and "saknar beslut" in sidan
    assert not re.search(r'<form[^>]*method="post"', sidan)
    assert f"/ansokningar/{ansokan.pk}/beslut/" not in sidan
    assert "Skriv och signera" not in sidan and 'id="autosave"' not in sidan


def test_the_handlaggare_gets_the_panels_actions(
    client, handlaggare, akt, registrera, nytt_personnummer
):
    _med_barn(akt, nytt_personnummer)
    ansokan = registrera(akt)
    services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    client.force_login(handlaggare)
    html = client.get(_url(ansokan)).content.decode()
    sidan = html[html.index("<main") : html.index("</main>")]
    assert re.search(r'<form[^>]*method="post"', sidan)
    assert f'href="/ansokningar/{ansokan.pk}/beslut/"' in sidan
    assert 'id="autosave"' in sidan
