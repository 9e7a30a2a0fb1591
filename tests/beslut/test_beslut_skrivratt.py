"""Reading and writing are different rights: Kvalitet reads every Enhet's cases but changes
none of them (docs/regler.md: Behörighet och skyddade personuppgifter)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from ansokan import services as ansokan_services
from ansokan.models import Komplettering, Meddelande
from beslut import services
from beslut.models import Overklagande
from tests.beslut.conftest import post_beslut

pytestmark = pytest.mark.django_db


@pytest.fixture
def avslag(utredd, handlaggare, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        brev = services.beslut_fatta(
            ansokan=utredd,
            av=handlaggare,
            poster=[post_beslut(utredd, utfall="delvis_bifall", belopp=Decimal("6000"))],
        )
    return brev.beslut.get()


@pytest.fixture
def overklagande(avslag, handlaggare):
    return services.overklagande_registrera(
        beslut=avslag,
        text="Jag behöver hela beloppet.",
        inkommen=timezone.localdate(),
        av=handlaggare,
    )


def test_kvalitet_reads_an_ansokan_but_cannot_message_mark_complete_or_ask_for_more(
    client, kvalitet, utredd
):
    client.force_login(kvalitet)
    assert client.get(f"/ansokningar/{utredd.pk}/").status_code == 200
    status = utredd.status
    assert client.post(f"/ansokningar/{utredd.pk}/komplett/").status_code == 404
    svar = client.post(f"/ansokningar/{utredd.pk}/meddelande/", {"medd-text": "Hej"})
    assert svar.status_code == 404
    svar = client.post(
        f"/ansokningar/{utredd.pk}/komplettering/",
        {
            "begar-vad": "Kontoutdrag",
            "begar-varfor": "Inkomsterna",
            "begar-senast": (timezone.localdate() + dt.timedelta(days=7)).isoformat(),
        },
    )
    assert svar.status_code == 404
    utredd.refresh_from_db()
    assert utredd.status == status
    assert not Meddelande.objects.filter(ansokan=utredd).exists()
    assert not Komplettering.objects.filter(ansokan=utredd).exists()


def test_kvalitet_cannot_register_an_answer_to_a_komplettering(
    client, kvalitet, utredd, handlaggare
):
    k = ansokan_services.komplettering_begar(
        ansokan=utredd,
        av=handlaggare,
        vad="Kontoutdrag",
        varfor="För att se inkomsterna.",
        senast=timezone.localdate() + dt.timedelta(days=7),
    )
    client.force_login(kvalitet)
    svar = client.post(
        f"/ansokningar/komplettering/{k.pk}/registrera/",
        {f"k{k.pk}-text": "Kom på papper", f"k{k.pk}-kanal": "papper"},
    )
    assert svar.status_code == 404
    k.refresh_from_db()
    assert k.besvarad is None


@pytest.mark.parametrize("steg", ["rattidsprova", "ompova", "overlamna", "dom"])
def test_kvalitet_cannot_take_an_appeal_through_any_step(client, kvalitet, overklagande, steg):
    client.force_login(kvalitet)
    assert client.get(f"/overklagande/{overklagande.pk}/").status_code == 200
    svar = client.post(f"/overklagande/{overklagande.pk}/{steg}/", {})
    assert svar.status_code == 404
    overklagande.refresh_from_db()
    assert overklagande.status == Overklagande.Status.INKOMMEN


def test_kvalitet_cannot_register_a_paper_appeal_or_decide(client, kvalitet, avslag):
    ansokan = avslag.brev.ansokan
    client.force_login(kvalitet)
    assert client.get(f"/ansokningar/{ansokan.pk}/overklagande/").status_code == 200
    svar = client.post(
        f"/ansokningar/{ansokan.pk}/overklagande/",
        {"beslut": avslag.pk, "text": "Fel", "inkommen": timezone.localdate().isoformat()},
    )
    assert svar.status_code == 404
    assert not Overklagande.objects.exists()
    assert client.post(f"/ansokningar/{ansokan.pk}/beslut/", {}).status_code == 404


def test_the_handlaggare_of_the_enhet_still_takes_the_appeal_step(
    client, handlaggare, overklagande
):
    client.force_login(handlaggare)
    svar = client.post(f"/overklagande/{overklagande.pk}/rattidsprova/", {})
    assert svar.status_code == 302
    overklagande.refresh_from_db()
    assert overklagande.status != Overklagande.Status.INKOMMEN
