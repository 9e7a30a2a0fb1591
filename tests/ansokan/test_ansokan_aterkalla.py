"""The applicant withdraws an application (docs/arkitektur.md: Flöde: återkallad from any open
state)."""

from __future__ import annotations

import datetime as dt

import pytest

from ansokan import services
from bistand.models import Bevakning, Handelse

from .conftest import logga_in_sokande

pytestmark = pytest.mark.django_db


@pytest.fixture
def inkommen(sokande, handlaggare):
    ansokan, _ = services.ansokan_registrera(
        sokande=sokande,
        av=handlaggare,
        typ="nyansokan",
        kanal="papper",
        mottagen=dt.date(2026, 11, 20),
    )
    return ansokan


def test_the_applicant_withdraws_and_the_deadlines_close(sokande_klient, inkommen):
    sida = sokande_klient.get(f"/e-tjanst/ansokan/{inkommen.pk}/").content.decode()
    assert "Ja, återkalla ansökan" in sida
    svar = sokande_klient.post(f"/e-tjanst/ansokan/{inkommen.pk}/aterkalla/", follow=True)
    inkommen.refresh_from_db()
    assert inkommen.status == "aterkallad"
    assert "Din ansökan är återkallad" in svar.content.decode()
    assert not Bevakning.objects.filter(objekt_id=inkommen.pk, status="aktiv").exists()
    assert Handelse.objects.filter(
        ansokan_id=inkommen.pk, typ="ansokan.aterkallad", av_person=inkommen.sokande
    ).exists()


def test_a_decided_application_cannot_be_withdrawn(sokande_klient, inkommen, handlaggare):
    services.ansokan_overgang(ansokan=inkommen, till="under_utredning", av=handlaggare)
    services.ansokan_overgang(ansokan=inkommen, till="beslutad", av=handlaggare)
    svar = sokande_klient.post(f"/e-tjanst/ansokan/{inkommen.pk}/aterkalla/", follow=True)
    inkommen.refresh_from_db()
    assert inkommen.status == "beslutad"
    assert "redan avgjord" in svar.content.decode()


def test_another_applicant_cannot_withdraw_it(client, annan_sokande, inkommen):
    logga_in_sokande(client, annan_sokande)
    assert client.post(f"/e-tjanst/ansokan/{inkommen.pk}/aterkalla/").status_code == 404
    inkommen.refresh_from_db()
    assert inkommen.status == "inkommen"
