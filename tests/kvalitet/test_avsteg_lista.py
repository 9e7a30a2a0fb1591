"""Kvalitet's list of granted avsteg (docs/regler.md: Avsteg och samråd) lists the decisions
made as avsteg with the samråd that approved them; an approved samråd that no decision has used
is not a granted avsteg and is marked as not used."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from ansokan.models import Posttyp
from beslut import services
from beslut.models import Riktlinjeniva
from tests.beslut.conftest import post_beslut, skapa_utredd  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db


def _godkant_samrad(ansokan, handlaggare, enhetschef, skal):
    samrad = services.samrad_begar(
        ansokan=ansokan,
        post=ansokan.poster.get(),
        av=handlaggare,
        avser="riktlinje",
        skal=skal,
    )
    return services.samrad_besvara(samrad=samrad, av=enhetschef, godkand=True)


def test_the_list_shows_decisions_made_as_avsteg_and_marks_an_unused_samrad(
    client,
    skapa_utredd,  # noqa: F811  (the fixture imported above)
    akt,
    skapa_akt,
    enhet,
    handlaggare,
    enhetschef,
    kvalitet,  # noqa: F811
):
    Riktlinjeniva.objects.create(
        posttyp=Posttyp.objects.get(kod="forsorjningsstod"),
        giltig_fran=datetime.date(2020, 1, 1),
        max_belopp=Decimal("8000"),
    )
    anvand = skapa_utredd(akt, handlaggare)
    samrad = _godkant_samrad(anvand, handlaggare, enhetschef, "Barnets medicin.")
    beslut = services.beslut_fatta(
        ansokan=anvand, av=handlaggare, poster=[post_beslut(anvand)]
    ).beslut.get()
    assert (beslut.avsteg, beslut.samrad_id) == (True, samrad.pk)

    annan_akt = skapa_akt(enhet, handlaggare)
    oanvand = _godkant_samrad(
        skapa_utredd(annan_akt, handlaggare), handlaggare, enhetschef, "Ännu inte beslutat."
    )

    client.force_login(kvalitet)
    sida = client.get("/kvalitet/listor/avsteg/").content.decode()
    rader = sida.split("<tr")
    (beslutsrad,) = [r for r in rader if f'href="/akter/{akt.pk}/"' in r]
    (samradsrad,) = [r for r in rader if f'href="/akter/{annan_akt.pk}/"' in r]
    assert f"{beslut.brev.beslutsdatum:%Y-%m-%d}: Bifall 9000 kr" in beslutsrad
    assert str(enhetschef) in beslutsrad and samrad.giltig_till.isoformat() in beslutsrad
    assert "Inte använt i något beslut" in samradsrad
    assert oanvand.giltig_till.isoformat() in samradsrad
    assert sida.index(beslutsrad) < sida.index(samradsrad)

    bara_oanvanda = client.get("/kvalitet/listor/avsteg/?urval=oanvanda").content.decode()
    assert f'href="/akter/{annan_akt.pk}/"' in bara_oanvanda
    assert f'href="/akter/{akt.pk}/"' not in bara_oanvanda
