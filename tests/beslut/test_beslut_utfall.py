"""Outcomes that mean what they say, periods, one standing decision per löpande post and month,
tillägg, ändringsbeslut and avsteg detected from the amounts (docs/regler.md, Beslut och
beslutsbrev)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ansokan.models import Posttyp
from beslut import services
from beslut.models import Beslut, Beslutsmanad, Riktlinjeniva, Samrad
from bistand.models import Notis
from tests.beslut.conftest import manad_for, manadens_slut, post_beslut

pytestmark = pytest.mark.django_db


def _fel(excinfo) -> dict[str, list[str]]:
    return {k: [m for e in v for m in e.messages] for k, v in excinfo.value.error_dict.items()}


def _falt(ansokan, namn, kod="forsorjningsstod") -> str:
    return f"p{ansokan.poster.get(posttyp__kod=kod).pk}-{namn}"


def _fatta(ansokan, av, **kw):
    kod = kw.pop("kod", "forsorjningsstod")
    return services.beslut_fatta(ansokan=ansokan, av=av, poster=[post_beslut(ansokan, kod, **kw)])


# ---- outcomes ---------------------------------------------------------------------------------


def test_bifall_of_0_kr_is_refused_beside_the_amount(utredd, handlaggare):
    with pytest.raises(ValidationError) as fel:
        _fatta(utredd, handlaggare, belopp=Decimal("0"))
    assert "mer än 0 kr" in " ".join(_fel(fel)[_falt(utredd, "belopp")])
    assert not Beslut.objects.exists()


def test_bifall_of_less_than_applied_is_refused_as_really_delvis_bifall(utredd, handlaggare):
    with pytest.raises(ValidationError) as fel:
        _fatta(utredd, handlaggare, belopp=Decimal("7000"))
    assert "delvis bifall" in " ".join(_fel(fel)[_falt(utredd, "utfall")])


def test_bifall_of_more_than_applied_is_refused(utredd, handlaggare):
    with pytest.raises(ValidationError) as fel:
        _fatta(utredd, handlaggare, belopp=Decimal("9500"))
    assert "9\u00a0000\u00a0kr" in " ".join(_fel(fel)[_falt(utredd, "belopp")])


def test_delvis_bifall_of_the_whole_amount_is_refused(utredd, handlaggare):
    with pytest.raises(ValidationError) as fel:
        _fatta(utredd, handlaggare, utfall="delvis_bifall", belopp=Decimal("9000"))
    assert "bifall" in " ".join(_fel(fel)[_falt(utredd, "utfall")])


def test_a_lower_amount_is_accepted_with_its_ground_and_is_no_avsteg(utredd, handlaggare):
    Riktlinjeniva.objects.create(
        posttyp=Posttyp.objects.get(kod="forsorjningsstod"),
        giltig_fran=dt.date(2020, 1, 1),
        max_belopp=8000,
    )
    with pytest.raises(ValidationError) as fel:
        _fatta(utredd, handlaggare, utfall="delvis_bifall", belopp=Decimal("6000"), motivering="")
    assert _falt(utredd, "motivering") in _fel(fel)
    _fatta(utredd, handlaggare, utfall="delvis_bifall", belopp=Decimal("6000"))
    beslut = Beslut.objects.get()
    assert beslut.avsteg is False and beslut.samrad is None


def test_an_avslag_grants_nothing_and_an_avvisning_needs_its_own_ground(utredd, handlaggare):
    with pytest.raises(ValidationError) as fel:
        _fatta(utredd, handlaggare, utfall="avslag", belopp=Decimal("100"))
    assert _falt(utredd, "belopp") in _fel(fel)
    with pytest.raises(ValidationError) as fel:
        _fatta(utredd, handlaggare, utfall="avvisning", avvisningsgrund="")
    assert _falt(utredd, "avvisningsgrund") in _fel(fel)
    _fatta(utredd, handlaggare, utfall="avvisning", avvisningsgrund="annan_kommun")
    assert Beslut.objects.get().avvisningsgrund == "annan_kommun"


def test_bifall_without_an_applied_amount_is_the_calculated_amount(skapa_utredd, akt, handlaggare):
    from utredning import services as utredning_services
    from utredning.selectors import hushall_berakningsunderlag

    a = skapa_utredd(akt, handlaggare, {"forsorjningsstod": ("", "bifall", "")})
    underlag = hushall_berakningsunderlag(akt.hushall, manad_for(a))
    berakning = utredning_services.berakning_spara(underlag=underlag, ansokan=a)
    assert berakning.bistand > 0
    with pytest.raises(ValidationError) as fel:
        _fatta(a, handlaggare, belopp=Decimal(berakning.bistand - 100))
    assert "beräkningen" in " ".join(_fel(fel)[_falt(a, "utfall")])
    _fatta(a, handlaggare, belopp=Decimal(berakning.bistand))
    assert Beslut.objects.get().beraknat_belopp == berakning.bistand


# ---- periods ----------------------------------------------------------------------------------


def test_a_lopande_decision_needs_a_period_and_a_reason_beyond_one_month(utredd, handlaggare):
    with pytest.raises(ValidationError) as fel:
        _fatta(utredd, handlaggare, period_fran=None)
    assert _falt(utredd, "period_fran") in _fel(fel)
    fran = manad_for(utredd)
    tre = dict(period_fran=fran, period_till=manadens_slut(fran + dt.timedelta(days=62)))
    with pytest.raises(ValidationError) as fel:
        _fatta(utredd, handlaggare, **tre)
    assert _falt(utredd, "period_skal") in _fel(fel)
    _fatta(utredd, handlaggare, period_skal="Stabil situation, sjukersättning väntas.", **tre)
    assert Beslutsmanad.objects.count() == 3


def test_an_avslag_carries_the_month(utredd, handlaggare):
    _fatta(utredd, handlaggare, utfall="avslag")
    beslut = Beslut.objects.get()
    assert beslut.period_fran == manad_for(utredd)
    assert [m.manad for m in beslut.manader.all()] == [manad_for(utredd)]


# ---- one standing decision per löpande post and month -----------------------------------------


def _andra_ansokan(skapa_utredd, akt, handlaggare, poster=None):
    poster = poster or {"forsorjningsstod": ("2000", "bifall", "2000")}
    return skapa_utredd(akt, handlaggare, poster)


def test_a_second_standing_decision_for_the_month_is_refused(
    utredd, skapa_utredd, akt, handlaggare
):
    _fatta(utredd, handlaggare)
    andra = _andra_ansokan(skapa_utredd, akt, handlaggare)
    with pytest.raises(ValidationError) as fel:
        _fatta(andra, handlaggare, belopp=Decimal("2000"), typ="beslut")
    assert "redan ett gällande beslut" in " ".join(_fel(fel)[_falt(andra, "utfall")])
    assert Beslut.objects.count() == 1


def test_the_database_refuses_a_second_standing_month(utredd, handlaggare):
    _fatta(utredd, handlaggare)
    rad = Beslutsmanad.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Beslutsmanad.objects.create(
            beslut=rad.beslut, akt=rad.akt, posttyp=rad.posttyp, manad=rad.manad
        )


def test_a_later_application_for_a_decided_month_becomes_a_tillagg_naming_it(
    utredd, skapa_utredd, akt, handlaggare
):
    _fatta(utredd, handlaggare)
    forsta = Beslut.objects.get()
    andra = _andra_ansokan(skapa_utredd, akt, handlaggare)
    brev = _fatta(andra, handlaggare, belopp=Decimal("2000"))
    tillagg = brev.beslut.get()
    assert tillagg.typ == "tillagg" and tillagg.tillagg_till == forsta
    assert Beslut.objects.count() == 2
    assert list(Beslutsmanad.objects.values_list("beslut", flat=True)) == [forsta.pk]


def test_the_decision_page_says_when_a_post_would_be_a_tillagg_and_only_then(
    client, utredd, skapa_utredd, akt, handlaggare
):
    _fatta(utredd, handlaggare)
    andra = _andra_ansokan(
        skapa_utredd,
        akt,
        handlaggare,
        {"forsorjningsstod": ("2000", "bifall", "2000"), "hyra": ("6000", "bifall", "6000")},
    )
    client.force_login(handlaggare)
    sida = client.get(f"/ansokningar/{andra.pk}/beslut/").content.decode()
    assert sida.count("Månaden har redan ett gällande") == 1
    # The notice stands in the försörjningsstöd post's part of the page, before its fields.
    notis = sida.index("Månaden har redan ett gällande")
    nasta_falt = re.compile(r'name="(p\d+-utfall)"').search(sida, notis)
    assert nasta_falt.group(1) == _falt(andra, "utfall")


def test_a_later_application_after_an_avslag_can_be_refused_naming_it(
    utredd, skapa_utredd, akt, handlaggare
):
    _fatta(utredd, handlaggare, utfall="avslag")
    forsta = Beslut.objects.get()
    andra = _andra_ansokan(skapa_utredd, akt, handlaggare)
    ny = _fatta(andra, handlaggare, utfall="avslag").beslut.get()
    assert ny.tillagg_till == forsta and ny.utfall == "avslag"


def test_an_andringsbeslut_replaces_the_earlier_which_stays_on_record(utredd, handlaggare):
    _fatta(utredd, handlaggare)
    gammalt = Beslut.objects.get()
    nytt = services.beslut_fatta(
        ansokan=utredd,
        av=handlaggare,
        poster=[
            services.PostBeslut(
                post=gammalt.post,
                utfall="bifall",
                belopp=Decimal("9000"),
                lagrum_kod="sol-ratt-till-bistand",
                andrar=gammalt,
                motivering="Rättat efter nya uppgifter.",
            )
        ],
    ).beslut.get()
    assert nytt.typ == "andring" and nytt.andrar == gammalt
    assert Beslut.objects.count() == 2
    assert Beslutsmanad.objects.get(star_fast=True).beslut == nytt
    assert Beslutsmanad.objects.get(star_fast=False).beslut == gammalt


def test_a_change_to_the_disadvantage_cites_its_fl_37_ground(utredd, handlaggare):
    _fatta(utredd, handlaggare)
    gammalt = Beslut.objects.get()
    pb = dict(
        post=gammalt.post,
        utfall="delvis_bifall",
        belopp=Decimal("5000"),
        lagrum_kod="sol-ratt-till-bistand",
        andrar=gammalt,
        motivering="Du hade inkomster som du inte uppgav.",
    )
    with pytest.raises(ValidationError) as fel:
        services.beslut_fatta(ansokan=utredd, av=handlaggare, poster=[services.PostBeslut(**pb)])
    assert "37 § förvaltningslagen" in " ".join(_fel(fel)[_falt(utredd, "andringsgrund")])
    nytt = services.beslut_fatta(
        ansokan=utredd,
        av=handlaggare,
        poster=[services.PostBeslut(**pb, andringsgrund="oriktiga_uppgifter")],
    ).beslut.get()
    assert nytt.andringsgrund == "oriktiga_uppgifter"


def test_engangs_posts_carry_a_date_and_may_recur(skapa_utredd, akt, handlaggare):
    poster = {"tandvard": ("1200", "bifall", "1200")}
    forsta = skapa_utredd(akt, handlaggare, poster)
    with pytest.raises(ValidationError) as fel:
        _fatta(forsta, handlaggare, kod="tandvard", belopp=Decimal("1200"), period_fran=None)
    assert "datum" in " ".join(_fel(fel)[_falt(forsta, "period_fran", "tandvard")])
    _fatta(forsta, handlaggare, kod="tandvard", belopp=Decimal("1200"))
    andra = skapa_utredd(akt, handlaggare, poster)
    _fatta(andra, handlaggare, kod="tandvard", belopp=Decimal("1200"))
    assert Beslut.objects.filter(typ="beslut").count() == 2
    assert not Beslutsmanad.objects.exists()


# ---- avsteg detected ---------------------------------------------------------------------------


@pytest.fixture
def niva_8000(db):
    return Riktlinjeniva.objects.create(
        posttyp=Posttyp.objects.get(kod="forsorjningsstod"),
        giltig_fran=dt.date(2020, 1, 1),
        max_belopp=8000,
    )


def _samrad(ansokan, av):
    return services.samrad_begar(
        ansokan=ansokan, post=ansokan.poster.get(), av=av, avser="riktlinje", skal="Särskilda skäl."
    )


def test_an_amount_above_the_level_without_samrad_is_refused(utredd, handlaggare, niva_8000):
    with pytest.raises(ValidationError) as fel:
        _fatta(utredd, handlaggare)
    assert "avsteg" in " ".join(_fel(fel)[_falt(utredd, "belopp")])


def test_a_rejected_samrad_cannot_be_bypassed(utredd, handlaggare, enhetschef, niva_8000):
    samrad = _samrad(utredd, handlaggare)
    services.samrad_besvara(samrad=samrad, av=enhetschef, godkand=False, kommentar="Nej.")
    with pytest.raises(ValidationError) as fel:
        _fatta(utredd, handlaggare)
    assert "godkändes inte" in " ".join(_fel(fel)[_falt(utredd, "belopp")])
    assert not Beslut.objects.exists()


def test_a_post_the_riktlinjer_do_not_grant_is_an_avsteg(utredd, handlaggare, niva_8000):
    niva_8000.beviljas = False
    niva_8000.save()
    with pytest.raises(ValidationError) as fel:
        _fatta(utredd, handlaggare, utfall="delvis_bifall", belopp=Decimal("100"))
    assert "Riktlinjerna ger inte" in " ".join(_fel(fel)[_falt(utredd, "belopp")])


def test_the_samrad_answer_notifies_the_one_who_asked(utredd, handlaggare, enhetschef):
    samrad = _samrad(utredd, handlaggare)
    services.samrad_besvara(samrad=samrad, av=enhetschef, godkand=True)
    notis = Notis.objects.get(mottagare=handlaggare)
    assert "godkänt" in notis.text
    assert samrad.status == Samrad.Status.GODKAND


def test_a_tillagg_is_written_to_the_case_history_naming_its_kind_and_period(
    utredd, skapa_utredd, akt, handlaggare
):
    from bistand.models import Handelse

    _fatta(utredd, handlaggare)
    andra = _andra_ansokan(skapa_utredd, akt, handlaggare)
    tillagg = _fatta(andra, handlaggare, belopp=Decimal("2000")).beslut.get()
    handelse = Handelse.objects.filter(typ__kod="beslut.fattat").order_by("-pk").first()
    assert handelse.text.startswith("Försörjningsstöd: tillägg, bifall 2\u00a0000\u00a0kr")
    assert handelse.data["tillagg_till"] == tillagg.tillagg_till_id
