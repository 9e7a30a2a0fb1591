"""After an ändring the appeal goes on unless the appellant withdraws it (FL 46 § 2 st.;
docs/regler.md: återkallat överklagande)."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

import pytest
from django.utils import timezone

from beslut import services
from beslut.models import Overklagande
from bistand.models import Bevakning, BevakningStatus, Handelse
from tests.beslut.conftest import post_beslut

pytestmark = pytest.mark.django_db
OS = Overklagande.Status


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
def sokande(akt):
    return akt.hushall.medlemmar.get(roll="sokande").person


def _logga_in(client, person):
    from ansokan.inloggning import PERSON, SENAST

    session = client.session
    session[PERSON] = person.pk
    session[SENAST] = int(time.time())
    session.save()


def _andrat(avslag, handlaggare, sokande):
    o = services.overklagande_registrera(
        beslut=avslag,
        text="Jag behöver 9 000 kr.",
        inkommen=timezone.localdate(),
        av_person=sokande,
    )
    o = services.overklagande_rattidsprova(overklagande=o, av=handlaggare)
    return services.overklagande_omprova(
        overklagande=o,
        av=handlaggare,
        andras=True,
        motivering="Nya uppgifter.",
        nytt=services.PostBeslut(
            post=avslag.post,
            utfall="bifall",
            belopp=Decimal("9000"),
            lagrum_kod="sol-ratt-till-bistand",
        ),
    )


def test_a_changed_decision_keeps_the_appeal_going_and_it_can_be_forwarded(
    avslag, handlaggare, sokande
):
    o = _andrat(avslag, handlaggare, sokande)
    assert o.status == OS.OMPROVAD
    o = services.overklagande_overlamna(
        overklagande=o, av=handlaggare, yttrande="Nämnden har ändrat beslutet till bifall."
    )
    assert o.status == OS.OVERLAMNAD


def test_the_applicant_withdraws_the_appeal_in_the_etjanst_after_an_andring(
    client, avslag, handlaggare, sokande
):
    o = _andrat(avslag, handlaggare, sokande)
    _logga_in(client, sokande)
    sida = client.get(f"/e-tjanst/ansokan/{avslag.brev.ansokan_id}/").content.decode()
    assert "Ditt överklagande gäller nu det nya beslutet" in sida
    svar = client.post(f"/e-tjanst/overklagande/{o.pk}/aterkalla/", follow=True)
    assert "Du har återkallat ditt överklagande." in svar.content.decode()
    o.refresh_from_db()
    assert o.status == OS.ATERKALLAD
    assert "i e-tjänsten" in _sista(o).text
    assert Bevakning.objects.get(typ="overlamnande").status == BevakningStatus.MAKULERAD
    with pytest.raises(services.BeslutNekat):
        services.overklagande_overlamna(overklagande=o, av=handlaggare, yttrande="x")


def test_staff_register_a_withdrawal_from_another_channel_with_how_it_came_in(
    client, avslag, handlaggare, sokande
):
    o = services.overklagande_registrera(
        beslut=avslag, text="Fel.", inkommen=timezone.localdate(), av=handlaggare
    )
    client.force_login(handlaggare)
    tomt = client.post(f"/overklagande/{o.pk}/aterkalla/", {"aterkalla-text": ""})
    assert tomt.status_code == 400
    assert "Skriv hur och när den sökande återkallade överklagandet." in tomt.content.decode()
    client.post(
        f"/overklagande/{o.pk}/aterkalla/",
        {"aterkalla-text": "Ringde 2026-11-30 och återkallade."},
    )
    o.refresh_from_db()
    assert o.status == OS.ATERKALLAD
    assert "Ringde 2026-11-30" in _sista(o).text
    assert _sista(o).av == handlaggare


def test_another_applicant_cannot_withdraw_the_appeal(
    client, avslag, handlaggare, sokande, skapa_akt, enhet
):
    o = services.overklagande_registrera(
        beslut=avslag, text="Fel.", inkommen=timezone.localdate(), av_person=sokande
    )
    annan = skapa_akt(enhet, handlaggare).hushall.medlemmar.get(roll="sokande").person
    _logga_in(client, annan)
    assert client.post(f"/e-tjanst/overklagande/{o.pk}/aterkalla/").status_code == 404
    o.refresh_from_db()
    assert o.status == OS.INKOMMEN


def test_a_forwarded_appeal_cannot_be_withdrawn_here(avslag, handlaggare, sokande):
    o = services.overklagande_registrera(
        beslut=avslag, text="Fel.", inkommen=timezone.localdate(), av_person=sokande
    )
    o = services.overklagande_rattidsprova(overklagande=o, av=handlaggare)
    o = services.overklagande_omprova(
        overklagande=o, av=handlaggare, andras=False, motivering="Står fast."
    )
    o = services.overklagande_overlamna(overklagande=o, av=handlaggare, yttrande="Vidhålls.")
    with pytest.raises(services.BeslutNekat, match="förvaltningsrätten"):
        services.overklagande_aterkalla(overklagande=o, av_person=sokande)


def test_a_withdrawn_appeal_lets_the_decision_become_laga_kraft(avslag, handlaggare, sokande):
    from beslut.models import Beslutsbrev

    Beslutsbrev.objects.filter(pk=avslag.brev_id).update(skickad=dt.date(2026, 3, 1))
    avslag.brev.refresh_from_db()
    services.beslutsbrev_oppnat(brev=avslag.brev, idag=dt.date(2026, 3, 2))
    o = services.overklagande_registrera(
        beslut=avslag, text="Fel.", inkommen=dt.date(2026, 3, 10), av_person=sokande
    )
    assert services.laga_kraft_markera(idag=dt.date(2026, 3, 24)) == 0
    services.overklagande_aterkalla(overklagande=o, av_person=sokande)
    assert services.laga_kraft_markera(idag=dt.date(2026, 3, 24)) == 1


def _sista(o):
    return Handelse.objects.filter(objekt_id=o.pk, typ__kod__startswith="overklagande.").last()
