"""`manage.py seed_scale`: storstad benchmark data in bulk (docs/prestanda.md)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count, F
from django.utils import timezone

from ansokan.models import Ansokan, Status
from bistand.models import (
    Akt,
    Aktandring,
    Atkomstlogg,
    Bevakning,
    Enhet,
    Handelse,
    Hushall,
    HushallMedlem,
    JournalAnteckning,
    MedlemsRoll,
    Roll,
    User,
)
from bistand.skala import ALDERSBAND
from kvalitet.models import (
    Arendedragning,
    Granskning,
    GranskningStatus,
    GranskningSvar,
    LoggStickprov,
    LoggStickprovRad,
    RapportText,
)

pytestmark = pytest.mark.django_db


def _kor(n: int) -> str:
    ut = io.StringIO()
    call_command("seed_scale", "--hushall", str(n), stdout=ut, stderr=io.StringIO())
    return ut.getvalue()


def test_seed_scale_fills_every_table_in_proportion_to_the_households():
    _kor(20)
    assert Enhet.objects.filter(kod__startswith="storstad-").count() == 10
    assert (
        User.objects.filter(username__startswith="skala", groups__name=Roll.HANDLAGGARE).count()
        == 180
    )
    assert User.objects.filter(username__startswith="skala").count() == 200
    assert Hushall.objects.count() == 20
    assert Akt.objects.filter(aktnummer__startswith="S-").count() == 20
    assert HushallMedlem.objects.filter(roll=MedlemsRoll.SOKANDE).count() == 20
    # A year of monthly applications: between one and twelve per household.
    per_akt = Ansokan.objects.values("akt").annotate(n=Count("pk"))
    assert len(per_akt) == 20
    assert all(1 <= rad["n"] <= 12 for rad in per_akt)
    assert Ansokan.objects.filter(status=Status.AVSLUTAD).exists()
    assert Ansokan.objects.exclude(status__in=[Status.AVSLUTAD, Status.BESLUTAD]).exists()
    # Every application has its "received" event, written as inserts into the history.
    assert Handelse.objects.filter(typ_id="ansokan.inkommen").count() == Ansokan.objects.count()
    assert JournalAnteckning.objects.count() >= 20 * 20
    assert Atkomstlogg.objects.count() >= 20 * 10
    assert Bevakning.objects.exists()


def test_seed_scale_gives_children_in_every_age_band_with_enough_households():
    _kor(40)
    idag = timezone.localdate()
    aldrar = [
        (idag - fodd).days // 365
        for fodd in HushallMedlem.objects.filter(roll=MedlemsRoll.BARN).values_list(
            "person__fodelsedatum", flat=True
        )
    ]
    for lag, hog in ALDERSBAND:
        assert any(lag <= a <= hog for a in aldrar), (lag, hog)


def test_seed_scale_keeps_the_readme_demo_users_with_the_demo_password():
    _kor(2)
    for namn in ("handlaggare1", "enhetschef1", "skala01-05"):
        assert User.objects.get(username=namn).check_password("bistand-demo"), namn


def test_seed_scale_refuses_a_large_size_on_sqlite(settings):
    if connection.vendor == "postgresql":
        pytest.skip("the limit applies to SQLite only")
    with pytest.raises(CommandError, match="kräver PostgreSQL"):
        _kor(10000)


def test_seed_scale_gives_each_case_its_utredning_decision_and_letter_with_valid_relations():
    from django.db.models import F

    from beslut.models import Beslut, Beslutsbrev, Beslutsmanad
    from utredning.models import Berakning, ForslagPost, Utredning

    _kor(12)
    efter_intag = Ansokan.objects.filter(
        status__in=[
            Status.UNDER_UTREDNING,
            Status.KOMPLETTERING_BEGARD,
            Status.BESLUTAD,
            Status.AVSLUTAD,
        ]
    )
    beslutade = Ansokan.objects.filter(status__in=[Status.BESLUTAD, Status.AVSLUTAD])
    assert Utredning.objects.count() == efter_intag.count()
    assert not efter_intag.filter(berakningar=None).exists()
    assert not Berakning.objects.filter(behov__lt=F("riksnorm_summa")).exists()
    # Every ansökan asks for försörjningsstöd and rent; a decided one has a förslag for each.
    assert not Ansokan.objects.exclude(poster__posttyp__kod="hyra").exists()
    assert not ForslagPost.objects.exclude(post__ansokan_id=F("utredning__ansokan_id")).exists()
    assert Beslutsbrev.objects.count() == beslutade.count()
    assert (
        Beslut.objects.count()
        == ForslagPost.objects.filter(utredning__ansokan__in=beslutade).count()
    )
    assert not Beslut.objects.exclude(post__ansokan_id=F("brev__ansokan_id")).exists()
    assert not Beslutsmanad.objects.exclude(akt_id=F("beslut__brev__ansokan__akt_id")).exists()
    assert Beslut.objects.filter(utfall="avslag").exclude(motivering="").exists()
    # Letters are marked rendered and point at a real sample PDF, so no catch-up job runs.
    assert not Beslutsbrev.objects.filter(sha256="").exists()
    assert not Beslutsbrev.objects.filter(renderad__isnull=True).exists()
    assert Beslutsbrev.objects.values("sokvag").distinct().count() <= 3


def test_the_pages_of_a_seeded_case_render_for_its_handlaggare(client):
    from beslut.models import Beslutsbrev

    _kor(6)
    utredd = (
        Ansokan.objects.filter(status=Status.BESLUTAD, akt__handlaggare__isnull=False)
        .order_by("pk")
        .first()
    )
    handlaggare = utredd.akt.handlaggare
    client.force_login(handlaggare)
    brev = Beslutsbrev.objects.filter(ansokan=utredd).get()
    for url in (
        "/",
        "/arbetslista/",
        f"/akter/{utredd.akt_id}/",
        f"/akter/{utredd.akt_id}/journal/",
        f"/ansokningar/{utredd.pk}/",
        f"/ansokningar/{utredd.pk}/utredning/",
        f"/ansokningar/{utredd.pk}/beslut/",
        f"/beslut/brev/{brev.pk}/",
    ):
        assert client.get(url).status_code == 200, url


def test_seed_scale_gives_analyses_for_the_children_synpunkter_and_payments_with_valid_relations():
    from barnkonsekvens.models import Barnkonsekvensanalys
    from beslut.models import Beslut
    from synpunkter.models import Aterkoppling, Synpunkt
    from utbetalning.models import Betalfil, Orderstatus, Utbetalningsorder

    _kor(60)
    # Analyses: only for children of the Akt's household, and for an ansökan of that Akt.
    analyser = Barnkonsekvensanalys.objects.all()
    assert analyser.exists()
    assert not analyser.exclude(
        barn__medlemskap__hushall__akt=F("ansokan__akt"), barn__medlemskap__roll=MedlemsRoll.BARN
    ).exists()
    assert not analyser.filter(alder__gte=18).exists()
    assert analyser.filter(signerad__isnull=False).exists()
    assert not analyser.filter(signerad__isnull=False, signerad_av__isnull=True).exists()
    # A few synpunkter per hundred households, about an Akt of their sökande; answered ones have
    # their Återkoppling.
    assert 1 <= Synpunkt.objects.count() <= 60 * 5 // 100 + 1
    assert not Synpunkt.objects.exclude(
        person__medlemskap__hushall__akt=F("akt"), person__medlemskap__roll=MedlemsRoll.SOKANDE
    ).exists()
    assert Aterkoppling.objects.count() == Synpunkt.objects.filter(besvarad__isnull=False).count()
    # One order per granted decision, of its amount, to the sökande of that Akt; paid orders
    # are in a file whose totals add up.
    beviljade = Beslut.objects.filter(belopp__gt=0).exclude(utfall="avslag")
    assert Utbetalningsorder.objects.count() == beviljade.count() > 0
    assert not Utbetalningsorder.objects.exclude(belopp=F("beslut__belopp")).exists()
    assert not Utbetalningsorder.objects.exclude(akt=F("beslut__brev__ansokan__akt")).exists()
    assert not Utbetalningsorder.objects.exclude(
        mottagare__person=F("beslut__brev__ansokan__sokande")
    ).exists()
    betalda = Utbetalningsorder.objects.filter(status=Orderstatus.BETALD)
    assert betalda.exists() and not betalda.filter(betalfil__isnull=True).exists()
    assert 1 <= Betalfil.objects.count() <= 13
    for fil in Betalfil.objects.all():
        rader = Utbetalningsorder.objects.filter(betalfil=fil)
        assert fil.antal == rader.count()
        assert fil.kontrollsumma == sum(r.belopp for r in rader)


def test_the_seeded_analyses_synpunkter_and_payments_render_on_their_main_pages(client):
    from barnkonsekvens.models import Barnkonsekvensanalys
    from synpunkter.models import Synpunkt
    from utbetalning.models import Utbetalningsorder

    _kor(60)
    analys = Barnkonsekvensanalys.objects.filter(signerad__isnull=False).order_by("pk").first()
    handlaggare = analys.ansokan.akt.handlaggare or analys.skapad_av
    client.force_login(handlaggare)
    for url in (
        f"/ansokningar/{analys.ansokan_id}/barnkonsekvens/",
        f"/ansokningar/{analys.ansokan_id}/barnkonsekvens/barn/{analys.barn_id}/",
    ):
        assert client.get(url).status_code == 200, url
    order = Utbetalningsorder.objects.order_by("pk").first()
    client.force_login(order.akt.handlaggare or handlaggare)
    assert client.get(f"/akter/{order.akt_id}/utbetalning/").status_code == 200
    synpunkt = Synpunkt.objects.order_by("pk").first()
    client.force_login(synpunkt.handlaggs_av)
    for url in ("/synpunkter/", f"/synpunkter/{synpunkt.pk}/"):
        assert client.get(url).status_code == 200, url


def test_seed_scale_gives_the_namnd_a_delegationsordning_so_the_service_decides():
    from beslut import services
    from beslut.demo import DELEGATION_EXEMPEL
    from beslut.models import Beslut, Delegation

    # As after `migrate` on a real database: no delegationsordning (the tests' nämnd gets one).
    Delegation.objects.all().delete()
    ut = _kor(10)
    assert Delegation.objects.count() == len(DELEGATION_EXEMPEL)
    assert f"beslut.Delegation: {len(DELEGATION_EXEMPEL)}" in ut

    # An avvisning: its delegation is the handläggare's at any amount and, not being a decision
    # on the merits, it needs no barnkonsekvensanalys first, whatever the household.
    ansokan = (
        Ansokan.objects.filter(status=Status.UNDER_UTREDNING, akt__handlaggare__isnull=False)
        .order_by("pk")
        .first()
    )
    brev = services.beslut_fatta(
        ansokan=ansokan,
        av=ansokan.akt.handlaggare,
        poster=[
            services.PostBeslut(
                post=ansokan.poster.order_by("pk").first(),
                utfall="avvisning",
                avvisningsgrund="annat",
                lagrum_kod="sol-ratt-till-bistand",
                motivering="Ansökan gäller en annan kommuns ansvar.",
            )
        ],
    )
    beslut = Beslut.objects.get(brev=brev)
    assert beslut.delegation.roll == "Handläggare"


def test_seed_scale_gives_a_year_of_quality_work_never_reviewing_ones_own_files():
    _kor(15)
    ar = timezone.localdate().year
    granskningar = Granskning.objects.all()
    # Three a year per handläggare (the parameter), of the handläggare's own Akter.
    per_handlaggare = granskningar.values("handlaggare").annotate(n=Count("pk"))
    assert per_handlaggare and all(1 <= r["n"] <= 3 for r in per_handlaggare)
    assert not granskningar.exclude(ar=ar).exists()
    assert not granskningar.exclude(akt__handlaggare=F("handlaggare")).exists()
    assert not granskningar.exclude(enhet=F("akt__enhet")).exists()
    assert not granskningar.filter(granskare=F("handlaggare")).exists()
    assert not granskningar.filter(granskare=F("akt__handlaggare")).exists()
    granskade = granskningar.exclude(status=GranskningStatus.DRAGEN)
    assert granskade.exists() and granskningar.filter(status=GranskningStatus.DRAGEN).exists()
    assert not granskade.filter(svar=None).exists()
    assert GranskningSvar.objects.filter(granskning__status=GranskningStatus.DRAGEN).count() == 0
    assert not granskningar.filter(status=GranskningStatus.ATERKOPPLAD, aterkoppling="").exists()
    # Twelve monthly samples per Enhet, of reads of that Enhet's Akter; past months judged.
    assert LoggStickprov.objects.count() == 12 * 10
    rader = LoggStickprovRad.objects.all()
    assert rader.exists()
    enhet_for_akt = dict(Akt.objects.values_list("pk", "enhet_id"))
    loggar = {
        pk: enhet_for_akt[akt_id]
        for pk, akt_id in Atkomstlogg.objects.filter(pk__in=rader.values("logg_id")).values_list(
            "pk", "akt_id"
        )
    }
    assert all(loggar[r.logg_id] == r.stickprov.enhet_id for r in rader.select_related("stickprov"))
    assert rader.exclude(bedomning="").filter(bedomd_av__isnull=True).count() == 0
    assert rader.exclude(bedomning="").exists()
    dragningar = Arendedragning.objects.all()
    assert dragningar.exists() and dragningar.exclude(slutsats="").exists()
    assert not dragningar.exclude(enhet=F("akt__enhet")).exists()
    assert not dragningar.exclude(ansokan__akt=F("akt")).exists()
    assert RapportText.objects.filter(ar=ar, enhet=None).count() == 6


def test_the_quality_pages_render_for_kvalitet1_on_the_seeded_world(client):
    _kor(15)
    client.force_login(User.objects.get(username="kvalitet1"))
    ar = timezone.localdate().year
    for url in (
        "/kvalitet/journalgranskning/",
        f"/kvalitet/journalgranskning/?ar={ar}",
        f"/kvalitet/rapport/{ar}/",
        "/kvalitet/loggkontroll/",
        "/kvalitet/arendedragning/",
    ):
        assert client.get(url).status_code == 200, url


def test_seed_scale_in_january_before_the_years_riksnorm_calculates_with_the_example():
    import datetime

    import time_machine

    from utredning.models import Berakning, Riksnorm

    ar = Riksnorm.objects.order_by("-giltig_fran").first().giltig_fran.year + 1
    with time_machine.travel(datetime.datetime(ar, 1, 12, 9, tzinfo=datetime.UTC)):
        _kor(20)
    exempel = Riksnorm.objects.get(giltig_fran=datetime.date(ar, 1, 1))
    assert not exempel.belopp.filter(verifierad=True).exists()
    assert Berakning.objects.filter(riksnorm=exempel).exists()
    assert not Berakning.objects.filter(riksnorm=exempel, verifierad=True).exists()


def test_seed_scale_leaves_each_akt_one_change_row_as_after_a_night():
    """The bulk statements mark the Akter they touch (bistand.sidminne); the seed ends as the
    nightly packing does, so a kept page's state is read from one row per Akt."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL keeps the Akter's states")
    _kor(20)
    per_akt = Aktandring.objects.values("akt_id").annotate(n=Count("pk"))
    assert per_akt and all(rad["n"] == 1 for rad in per_akt)
    assert {rad["akt_id"] for rad in per_akt} == set(Akt.objects.values_list("pk", flat=True))
