"""The decision service: delegation, barnkonsekvens, komplettering, kommunicering, samråd."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from ansokan.models import Status
from beslut import services
from beslut.models import Beslut, Samrad
from bistand.models import Bevakning, Handelse
from tests.beslut.conftest import post_beslut, signera_analyser

pytestmark = pytest.mark.django_db


def test_a_bifall_within_delegation_decides_the_ansokan(
    utredd, handlaggare, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        brev = services.beslut_fatta(ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd)])
    utredd.refresh_from_db()
    assert utredd.status == Status.BESLUTAD
    assert brev.beslut.get().belopp == 9000
    assert Handelse.objects.filter(ansokan_id=utredd.pk, typ="ansokan.beslutad").exists()
    brev.refresh_from_db()
    assert brev.sha256  # rendered by the eager task


def test_a_handlaggare_cannot_grant_above_the_delegated_amount(skapa_utredd, akt, handlaggare):
    a = skapa_utredd(akt, handlaggare, {"forsorjningsstod": ("40000", "bifall", "40000")})
    with pytest.raises(services.BeslutNekat) as fel:
        services.beslut_fatta(
            ansokan=a, av=handlaggare, poster=[post_beslut(a, belopp=Decimal("40000"))]
        )
    assert "Förste socialsekreterare" in fel.value.messages[0]
    assert not Beslut.objects.exists()


def test_a_forste_socialsekreterare_may_grant_that_amount(skapa_utredd, akt, handlaggare, forste):
    a = skapa_utredd(akt, handlaggare, {"forsorjningsstod": ("40000", "bifall", "40000")})
    services.beslut_fatta(ansokan=a, av=forste, poster=[post_beslut(a, belopp=Decimal("40000"))])
    assert Beslut.objects.get().brev.fattat_av == forste


def test_an_avslag_needs_a_motivering(utredd, handlaggare):
    with pytest.raises(ValidationError) as fel:
        services.beslut_fatta(
            ansokan=utredd,
            av=handlaggare,
            poster=[post_beslut(utredd, utfall="avslag", motivering="")],
        )
    assert any("motivering" in k for k in fel.value.error_dict)


def test_an_avslag_in_a_family_case_is_refused_without_a_signed_analysis(
    skapa_utredd, skapa_akt, enhet, handlaggare
):
    akt = skapa_akt(enhet, handlaggare, barn=1)
    a = skapa_utredd(akt, handlaggare)
    with pytest.raises(services.BeslutNekat) as fel:
        services.beslut_fatta(ansokan=a, av=handlaggare, poster=[post_beslut(a, utfall="avslag")])
    assert "barnkonsekvensanalys" in fel.value.messages[0].lower()
    assert not Beslut.objects.exists()
    # The refused decision left the förslag as it was.
    assert a.poster.get().forslag.utfall == "bifall"
    signera_analyser(a, handlaggare)
    services.beslut_fatta(ansokan=a, av=handlaggare, poster=[post_beslut(a, utfall="avslag")])
    assert Beslut.objects.get().utfall == "avslag"


def test_no_background_task_makes_decisions():
    from beslut import tasks

    assert not hasattr(tasks, "fatta_fran_forslag")


def test_the_admin_offers_no_way_to_make_a_decision(client, administrator):
    client.force_login(administrator)
    assert client.get("/admin/beslut/beslut/add/").status_code == 404
    assert client.get("/admin/beslut/delegation/").status_code == 200


def test_no_avslag_for_lack_of_underlag_before_the_komplettering_deadline(utredd, handlaggare):
    from ansokan.models import Komplettering

    Komplettering.objects.create(
        ansokan=utredd, vad="Kontoutdrag", varfor="För beräkningen", senast=dt.date(2026, 5, 10)
    )
    pb = dict(utfall="avslag", brist_pa_underlag=True)
    with time_machine.travel(dt.datetime(2026, 5, 10, 12, tzinfo=dt.UTC)):
        with pytest.raises(services.BeslutNekat) as fel:
            services.beslut_fatta(
                ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd, **pb)]
            )
        assert "2026-05-10" in fel.value.messages[0]
    with time_machine.travel(dt.datetime(2026, 5, 11, 12, tzinfo=dt.UTC)):
        services.beslut_fatta(ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd, **pb)])


def test_no_adverse_decision_while_a_kommunicering_awaits_its_reply(utredd, handlaggare):
    from utredning.services import kommunicering_skicka

    kommunicering_skicka(
        utredning=utredd.utredning,
        av=handlaggare,
        vad="Uppgift från hyresvärden",
        svara_senast=dt.date.today() + dt.timedelta(days=5),  # noqa: DTZ011
    )
    with pytest.raises(services.BeslutNekat, match="kommuniceringen"):
        services.beslut_fatta(
            ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd, utfall="avslag")]
        )
    # A bifall is not adverse and may be made.
    services.beslut_fatta(ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd)])


def test_a_radrum_registers_a_bevakning_at_its_end(skapa_utredd, akt, handlaggare):
    a = skapa_utredd(akt, handlaggare, {"hyra": ("9000", "bifall", "9000")})
    slut = dt.date.today() + dt.timedelta(days=90)  # noqa: DTZ011
    services.beslut_fatta(
        ansokan=a,
        av=handlaggare,
        poster=[post_beslut(a, "hyra", radrum="sanka_boendekostnad", radrum_slut=slut)],
    )
    assert Bevakning.objects.get(typ="radrum").forfaller == slut


# ---- avsteg and samråd -----------------------------------------------------------------------


def _avsteg(ansokan, av, **kw):
    return services.samrad_begar(
        ansokan=ansokan, post=ansokan.poster.get(), av=av, avser="riktlinje", skal="Särskilda skäl."
    )


@pytest.fixture
def niva_8000(db):
    """The riktlinjer grant försörjningsstöd up to 8 000 kr: 9 000 kr is an avsteg."""
    from ansokan.models import Posttyp
    from beslut.models import Riktlinjeniva

    return Riktlinjeniva.objects.create(
        posttyp=Posttyp.objects.get(kod="forsorjningsstod"),
        giltig_fran=dt.date(2020, 1, 1),
        max_belopp=8000,
    )


def _fel(excinfo) -> str:
    return " ".join(excinfo.value.messages)


def test_an_avsteg_is_blocked_until_samrad_is_approved(utredd, handlaggare, forste, niva_8000):
    pb = post_beslut(utredd)
    with pytest.raises(ValidationError) as fel:
        services.beslut_fatta(ansokan=utredd, av=handlaggare, poster=[pb])
    assert "avsteg" in _fel(fel) and "Begär samråd" in _fel(fel)
    samrad = _avsteg(utredd, handlaggare)
    with pytest.raises(ValidationError, match="väntar på svar"):
        services.beslut_fatta(ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd)])
    services.samrad_besvara(samrad=samrad, av=forste, godkand=True, kommentar="Ok")
    services.beslut_fatta(ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd)])
    beslut = Beslut.objects.get()
    assert beslut.samrad == samrad and beslut.avsteg is True
    paminnelse = Bevakning.objects.get(typ="avsteg")
    assert paminnelse.forfaller == samrad.giltig_till - dt.timedelta(days=14)


def test_the_one_who_asked_cannot_approve_the_samrad(utredd, forste):
    samrad = _avsteg(utredd, forste)
    with pytest.raises(services.BeslutNekat):
        services.samrad_besvara(samrad=samrad, av=forste, godkand=True)


def test_a_handlaggare_cannot_approve_a_samrad(utredd, handlaggare, kollega):
    samrad = _avsteg(utredd, handlaggare)
    with pytest.raises(services.BeslutNekat):
        services.samrad_besvara(samrad=samrad, av=kollega, godkand=True)


def test_the_approver_cannot_make_the_decision(utredd, handlaggare, forste, niva_8000):
    samrad = _avsteg(utredd, handlaggare)
    services.samrad_besvara(samrad=samrad, av=forste, godkand=True)
    with pytest.raises(ValidationError, match="godkänt samrådet"):
        services.beslut_fatta(ansokan=utredd, av=forste, poster=[post_beslut(utredd)])


def test_an_approved_avsteg_expires_after_six_months(utredd, handlaggare, forste, niva_8000):
    with time_machine.travel(dt.datetime(2026, 1, 15, 10, tzinfo=dt.UTC)):
        samrad = _avsteg(utredd, handlaggare)
        services.samrad_besvara(samrad=samrad, av=forste, godkand=True)
    assert samrad.giltig_till == dt.date(2026, 7, 14)
    pb = dict(period_fran=dt.date(2026, 7, 1), period_till=dt.date(2026, 7, 14))
    with time_machine.travel(dt.datetime(2026, 7, 15, 10, tzinfo=dt.UTC)):
        with pytest.raises(ValidationError, match="nytt samråd"):
            services.beslut_fatta(
                ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd, **pb)]
            )
    with time_machine.travel(dt.datetime(2026, 7, 14, 10, tzinfo=dt.UTC)):
        services.beslut_fatta(ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd, **pb)])


def test_a_rejected_samrad_needs_a_reason(utredd, handlaggare, forste):
    samrad = _avsteg(utredd, handlaggare)
    with pytest.raises(ValidationError):
        services.samrad_besvara(samrad=samrad, av=forste, godkand=False)
    services.samrad_besvara(samrad=samrad, av=forste, godkand=False, kommentar="Inga skäl.")
    assert samrad.status == Samrad.Status.AVSLAGEN
