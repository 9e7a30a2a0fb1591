"""A tillägg pays its own, added amount and never the standing decision again
(docs/regler.md: Utbetalningsorder), through the service and through the decision form."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from beslut.models import Beslut
from utbetalning.models import Utbetalningsorder
from utbetalning.selectors import utbetalningsavsnitt
from utbetalning.services import ordrar_for_beslutsbrev

pytestmark = pytest.mark.django_db
MANDAG = dt.date(2026, 11, 2)


def test_a_tillagg_creates_an_order_for_the_added_amount_only(
    kalender, besluta, handlaggare, utan_stickprov
):
    forsta = besluta({"forsorjningsstod": "9000"}, idag=MANDAG)
    original = Utbetalningsorder.objects.get()
    status_fore = original.status
    andra = besluta({"forsorjningsstod": "2000"}, idag=MANDAG)
    tillagg = andra.beslut.get()
    assert tillagg.typ == "tillagg" and tillagg.tillagg_till == forsta.beslut.get()
    ny = Utbetalningsorder.objects.get(beslut=tillagg)
    assert ny.belopp == Decimal("2000") and ny.betalningsdag == dt.date(2026, 11, 25)
    assert "tillägg" in ny.referens
    assert list(Utbetalningsorder.objects.values_list("beslut", "belopp").order_by("pk")) == [
        (original.beslut_id, Decimal("9000")),
        (tillagg.pk, Decimal("2000")),
    ]
    original.refresh_from_db()
    assert original.status == status_fore and original.belopp == Decimal("9000")
    assert [r["belopp"] for r in utbetalningsavsnitt(andra)] == [Decimal("2000")]
    # The hook running again for the same letter pays nothing twice.
    ordrar_for_beslutsbrev(brev=andra, av=handlaggare)
    ordrar_for_beslutsbrev(brev=forsta, av=handlaggare)
    assert Utbetalningsorder.objects.count() == 2


def test_a_tillagg_decided_through_the_form_gets_its_own_order(
    client, kalender, besluta, skapa_utredd, akt, handlaggare
):
    besluta({"forsorjningsstod": "9000"}, idag=dt.date.today())  # noqa: DTZ011
    andra = skapa_utredd(akt, handlaggare, {"forsorjningsstod": ("1500", "bifall", "1500")})
    post = andra.poster.get()
    client.force_login(handlaggare)
    url = f"/ansokningar/{andra.pk}/beslut/"
    sida = client.get(url).content.decode()
    assert "ange bara det belopp som kommer till utöver det tidigare beslutet" in sida
    fran = andra.mottagen.replace(day=1)
    from beslut.regler import manadens_slut

    svar = client.post(
        url,
        {
            f"p{post.pk}-period_fran": fran.isoformat(),
            f"p{post.pk}-period_till": manadens_slut(fran).isoformat(),
            f"p{post.pk}-utfall": "bifall",
            f"p{post.pk}-belopp": "1500",
            f"p{post.pk}-lagrum": "sol-ratt-till-bistand",
            f"p{post.pk}-motivering": "",
        },
    )
    assert svar.status_code == 302
    tillagg = Beslut.objects.get(post=post)
    assert tillagg.typ == "tillagg"
    assert list(
        Utbetalningsorder.objects.filter(beslut=tillagg).values_list("belopp", flat=True)
    ) == [Decimal("1500")]
    assert (
        Utbetalningsorder.objects.get(beslut=tillagg).referens == "Bistånd tillägg Försörjningsstöd"
    )
    assert Utbetalningsorder.objects.count() == 2
    assert Utbetalningsorder.objects.filter(belopp=Decimal("9000")).count() == 1
