"""A payment the bank rejected or returned: the handläggare chooses to pay it again to a new
account or to propose an återkrav; nothing happens by itself (docs/regler.md: Avstämning)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from bistand.models import Bevakning, BevakningStatus, Handelse
from tests.utbetalning.test_avstamning import camt054, skickade  # noqa: F401
from utbetalning import services
from utbetalning.models import Aterkrav, Orderstatus
from utbetalning.models import Utbetalningsorder as Order

pytestmark = pytest.mark.django_db
OS = Orderstatus


@pytest.fixture
def avvisad(skickade, ekonomi):  # noqa: F811
    betald, avvisad = skickade
    services.avstamning_importera(data=camt054(betald.pk, avvisad.pk), filnamn="camt.xml")
    avvisad.refresh_from_db()
    assert avvisad.status == OS.AVVISAD
    return avvisad


def _val(order, val, beskrivning=""):
    return {
        "steg": "avvisad",
        "order": order.pk,
        f"avv{order.pk}-val": val,
        f"avv{order.pk}-beskrivning": beskrivning,
    }


def test_the_rejected_payment_is_paid_again_once_to_the_new_account_through_the_akts_page(
    client, avvisad, akt, handlaggare, ekonomi, ekonomi2, namnd
):
    bevakning = Bevakning.objects.get(typ="utbetalning_avvisad")
    assert "betala igen till nytt konto" in bevakning.beskrivning
    assert "föreslå återkrav" in bevakning.beskrivning
    client.force_login(handlaggare)
    url = f"/akter/{akt.pk}/utbetalning/"
    sida = client.get(url).content.decode()
    assert "Kontot är avslutat" in sida and "Betala igen till det nya kontot" in sida
    # The account the bank refused has not been replaced: nothing is paid.
    fel = client.post(url, _val(avvisad, "betala_igen")).content.decode()
    assert "inget nytt godkänt konto" in fel
    assert Order.objects.count() == 2
    andring = services.kontoandring_foresla(
        mottagare=avvisad.mottagare,
        kontotyp="bankkonto",
        clearingnummer="5000",
        kontonummer="2000008",
        av=ekonomi,
    )
    services.kontoandring_besvara(andring=andring, av=ekonomi2, godkann=True)
    assert client.post(url, _val(avvisad, "betala_igen")).status_code == 302
    ny = Order.objects.get(ersatter=avvisad)
    assert ny.belopp == avvisad.belopp and ny.beslut == avvisad.beslut
    assert ny.status == OS.KLAR and ny.betalningsdag >= dt.date.today()  # noqa: DTZ011
    bevakning.refresh_from_db()
    assert bevakning.status == BevakningStatus.UPPFYLLD
    h = Handelse.objects.get(typ__kod="utbetalning.betalas_igen")
    assert h.av == handlaggare and h.akt == akt
    # Chosen once: the choice is gone from the page and cannot be made again.
    assert "Betala igen till det nya kontot" not in client.get(url).content.decode()
    assert client.post(url, _val(avvisad, "betala_igen")).status_code == 404
    with pytest.raises(ValidationError):
        services.order_betala_igen(order=avvisad, av=handlaggare)
    assert Order.objects.filter(ersatter=avvisad).count() == 1
    # The new order goes out in the next payment file.
    fil = services.betalfil_skapa(namnd=namnd, dag=ny.betalningsdag)
    assert [o.pk for o in fil.ordrar.all()] == [ny.pk]


def test_where_the_money_went_wrong_the_handlaggare_proposes_an_aterkrav(
    client, avvisad, akt, handlaggare
):
    client.force_login(handlaggare)
    url = f"/akter/{akt.pk}/utbetalning/"
    fel = client.post(url, _val(avvisad, "aterkrav")).content.decode()
    assert "Beskriv vad som har gått fel med pengarna." in fel
    assert not Aterkrav.objects.exists()
    svar = client.post(
        url, _val(avvisad, "aterkrav", "Banken betalade halva beloppet till fel person.")
    )
    assert svar.status_code == 302
    krav = Aterkrav.objects.get()
    assert krav.status == Aterkrav.Status.FORESLAGET
    assert krav.orsak == Aterkrav.Orsak.AVVISAD_BETALNING and krav.order == avvisad
    assert krav.foreslaget_belopp == Decimal("4000")
    assert "Kontot är avslutat" in krav.beskrivning
    assert Bevakning.objects.get(typ="utbetalning_avvisad").status == BevakningStatus.UPPFYLLD
    assert Handelse.objects.filter(typ__kod="utbetalning.aterkrav_foreslaget", akt=akt).exists()
    assert Order.objects.count() == 2
    assert client.post(url, _val(avvisad, "betala_igen")).status_code == 404
