"""The utredning's förslag till beslut and kommunicering (docs/regler.md: Utredning; FL 25 §)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ansokan.models import AnsokanPost, Posttyp
from bistand.models import Bevakning
from utredning import selectors, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def inkommen(akt, handlaggare):
    from ansokan import services as ansokan_services

    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    ansokan, _ = ansokan_services.ansokan_registrera(
        sokande=sokande,
        typ="nyansokan",
        kanal="papper",
        av=handlaggare,
        mottagen=dt.date(2026, 11, 2),
    )
    return ansokan


def _post(ansokan, kod="forsorjningsstod"):
    return AnsokanPost.objects.get_or_create(ansokan=ansokan, posttyp=Posttyp.objects.get(kod=kod))[
        0
    ]


def test_starting_the_utredning_moves_the_ansokan_once(inkommen, handlaggare):
    u1 = services.utredning_starta(ansokan=inkommen, av=handlaggare)
    u2 = services.utredning_starta(ansokan=inkommen, av=handlaggare)
    inkommen.refresh_from_db()
    assert u1.pk == u2.pk
    assert inkommen.status == "under_utredning"


def test_a_partial_grant_needs_an_amount(inkommen, handlaggare):
    u = services.utredning_starta(ansokan=inkommen, av=handlaggare)
    with pytest.raises(ValidationError) as fel:
        services.forslag_spara(
            utredning=u, post=_post(inkommen), utfall="delvis_bifall", av=handlaggare
        )
    assert "belopp" in fel.value.message_dict


def test_a_radrum_needs_its_end_date(inkommen, handlaggare):
    u = services.utredning_starta(ansokan=inkommen, av=handlaggare)
    with pytest.raises(ValidationError) as fel:
        services.forslag_spara(
            utredning=u,
            post=_post(inkommen, "hyra"),
            utfall="bifall",
            radrum="sanka_boendekostnad",
            av=handlaggare,
        )
    assert "radrum_slut" in fel.value.message_dict


def test_saving_a_forslag_twice_updates_it(inkommen, handlaggare):
    u = services.utredning_starta(ansokan=inkommen, av=handlaggare)
    post = _post(inkommen)
    services.forslag_spara(utredning=u, post=post, utfall="bifall", av=handlaggare)
    services.forslag_spara(
        utredning=u, post=post, utfall="avslag", motivering="Har inkomst.", av=handlaggare
    )
    [forslag] = selectors.forslag_for_ansokan(inkommen)
    assert forslag.utfall == "avslag"


def test_kommunicering_registers_a_bevakning_met_by_the_answer(inkommen, handlaggare):
    u = services.utredning_starta(ansokan=inkommen, av=handlaggare)
    k = services.kommunicering_skicka(
        utredning=u,
        av=handlaggare,
        vad="Uppgift från hyresvärd",
        svara_senast=dt.date(2026, 12, 10),
        skickad=dt.date(2026, 11, 26),
    )
    assert selectors.kommunicering_vantar_svar(inkommen, dt.date(2026, 12, 1)) == [k]
    assert selectors.kommunicering_vantar_svar(inkommen, dt.date(2026, 12, 11)) == []
    b = Bevakning.objects.get(typ="kommunicering")
    assert b.forfaller == dt.date(2026, 12, 10)
    services.kommunicering_besvara(
        kommunicering=k, svar="Stämmer inte.", kanal="telefon", av=handlaggare
    )
    b.refresh_from_db()
    assert b.status == "uppfylld"
    assert selectors.kommunicering_vantar_svar(inkommen, dt.date(2026, 12, 1)) == []
