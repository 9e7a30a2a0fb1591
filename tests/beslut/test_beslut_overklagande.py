"""Delgivning, laga kraft and the appeal path: rättidsprövning, omprövning, överlämnande, dom."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from beslut import services
from beslut.models import Beslut, Beslutsbrev, Overklagande
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


def _delge(beslut, dag):
    Beslutsbrev.objects.filter(pk=beslut.brev_id).update(skickad=dag - dt.timedelta(days=1))
    beslut.brev.refresh_from_db()
    services.beslutsbrev_oppnat(brev=beslut.brev, idag=dag)
    beslut.refresh_from_db()


def test_opening_the_letter_sets_delgivning_and_the_besvarstid(avslag):
    _delge(avslag, dt.date(2026, 2, 28))
    assert avslag.delgiven == dt.date(2026, 2, 28)
    assert avslag.besvarstid_slut == dt.date(2026, 3, 23)  # Saturday moved to Monday
    assert Bevakning.objects.get(typ="besvarstid").forfaller == dt.date(2026, 3, 23)


def test_an_unopened_letter_is_presumed_delivered_after_the_parameter_days(avslag):
    Beslutsbrev.objects.filter(pk=avslag.brev_id).update(skickad=dt.date(2026, 3, 2))
    assert services.delgivning_presumera(idag=dt.date(2026, 3, 8)) == 0
    assert services.delgivning_presumera(idag=dt.date(2026, 3, 9)) == 1
    avslag.refresh_from_db()
    assert avslag.delgiven == dt.date(2026, 3, 9)
    assert services.delgivning_presumera(idag=dt.date(2026, 3, 10)) == 0  # idempotent


def test_a_decision_not_appealed_becomes_laga_kraft_after_the_besvarstid(avslag):
    _delge(avslag, dt.date(2026, 3, 2))
    assert services.laga_kraft_markera(idag=dt.date(2026, 3, 23)) == 0
    assert services.laga_kraft_markera(idag=dt.date(2026, 3, 24)) == 1
    avslag.refresh_from_db()
    assert avslag.laga_kraft == dt.date(2026, 3, 24)
    assert Bevakning.objects.get(typ="besvarstid").status == BevakningStatus.UPPFYLLD


@pytest.mark.parametrize(
    ("delgiven", "inkommen", "rattidig"),
    [
        (dt.date(2026, 3, 2), dt.date(2026, 3, 23), True),  # three-week edge, last day
        (dt.date(2026, 3, 2), dt.date(2026, 3, 24), False),
        (dt.date(2026, 5, 29), dt.date(2026, 6, 22), True),  # midsommarafton
        (dt.date(2026, 12, 3), dt.date(2026, 12, 28), True),  # julafton
        (dt.date(2026, 12, 10), dt.date(2027, 1, 4), True),  # nyårsafton
        (dt.date(2026, 12, 10), dt.date(2027, 1, 5), False),
    ],
)
def test_rattidsprovning_counts_three_weeks_with_the_holiday_shift(
    avslag, handlaggare, delgiven, inkommen, rattidig, time_machine
):
    time_machine.move_to(dt.datetime(2027, 2, 1, 10, tzinfo=dt.UTC))
    _delge(avslag, delgiven)
    o = services.overklagande_registrera(
        beslut=avslag, text="Jag behöver hela beloppet.", inkommen=inkommen, av=handlaggare
    )
    o = services.overklagande_rattidsprova(overklagande=o, av=handlaggare)
    assert o.rattidig is rattidig
    assert o.status == (OS.RATTIDSPROVAD if rattidig else OS.AVVISAD)
    if not rattidig:
        avvisning = o.nytt_beslut
        assert avvisning.utfall == "avvisning"
        assert avvisning.brev.typ == Beslutsbrev.Typ.AVVISNING_OVERKLAGANDE


def test_an_appeal_registers_a_one_week_forwarding_deadline(avslag, handlaggare, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 28, 10, tzinfo=dt.UTC))
    o = services.overklagande_registrera(
        beslut=avslag, text="Fel.", inkommen=dt.date(2026, 12, 24), av=handlaggare
    )
    b = Bevakning.objects.get(typ="overlamnande")
    assert b.forfaller == dt.date(2027, 1, 4)  # 31 Dec is nyårsafton, then 1 Jan and a weekend
    assert b.objekt == o


def test_omprovning_that_changes_as_asked_makes_a_new_decision_and_the_appeal_goes_on(
    avslag, handlaggare
):
    o = services.overklagande_registrera(
        beslut=avslag, text="Jag behöver 9 000 kr.", inkommen=timezone.localdate(), av=handlaggare
    )
    o = services.overklagande_rattidsprova(overklagande=o, av=handlaggare)
    nytt = services.PostBeslut(
        post=avslag.post,
        utfall="bifall",
        belopp=Decimal("9000"),
        lagrum_kod="sol-ratt-till-bistand",
    )
    o = services.overklagande_omprova(
        overklagande=o, av=handlaggare, andras=True, motivering="Nya uppgifter.", nytt=nytt
    )
    assert o.status == OS.OMPROVAD
    assert o.nytt_beslut.andrar == avslag
    assert o.nytt_beslut.belopp == 9000
    handelser = list(Handelse.objects.filter(objekt_id=o.pk, typ__kod__startswith="overklagande."))
    assert [h.typ_id for h in handelser] == [
        "overklagande.inkommen",
        "overklagande.rattidsprovad",
        "overklagande.omprovad",
        "overklagande.galler_nytt_beslut",
    ]
    assert "46 § andra stycket" in handelser[-1].data["lagrum"]
    # FL 46 § 2 st.: the appeal covers the new decision and is still to be forwarded.
    assert Bevakning.objects.get(typ="overlamnande").status == BevakningStatus.AKTIV


def test_an_appeal_not_changed_is_forwarded_with_one_pdf_bundle_and_judged(
    avslag, handlaggare, django_capture_on_commit_callbacks
):
    from django.conf import settings
    from pypdf import PdfReader

    o = services.overklagande_registrera(
        beslut=avslag, text="Jag vill ha mer.", inkommen=timezone.localdate(), av=handlaggare
    )
    o = services.overklagande_rattidsprova(overklagande=o, av=handlaggare)
    o = services.overklagande_omprova(
        overklagande=o, av=handlaggare, andras=False, motivering="Beräkningen är riktig."
    )
    o = services.overklagande_overlamna(
        overklagande=o, av=handlaggare, yttrande="Nämnden vidhåller beslutet."
    )
    assert o.status == OS.OVERLAMNAD
    assert Bevakning.objects.get(typ="overlamnande").status == BevakningStatus.UPPFYLLD
    bunt = PdfReader(settings.FILE_STORAGE_DIR / o.bunt_sokvag)
    text = " ".join(p.extract_text() for p in bunt.pages)
    assert "Nämnden vidhåller beslutet." in text
    assert "Om du vill överklaga" in text  # the decision letter is in the bundle
    o = services.overklagande_dom_registrera(
        overklagande=o, av=handlaggare, dom="avslag", dom_datum=timezone.localdate()
    )
    assert o.status == OS.AVGJORD


def test_the_appeal_state_machine_refuses_skipping_a_step(avslag, handlaggare):
    o = services.overklagande_registrera(
        beslut=avslag, text="Fel.", inkommen=timezone.localdate(), av=handlaggare
    )
    with pytest.raises(services.BeslutNekat):
        services.overklagande_overgang(overklagande=o, till=OS.OVERLAMNAD, av=handlaggare)


def test_a_rendered_letter_cannot_be_changed_in_the_database(avslag):
    from django.db import IntegrityError, transaction

    brev = avslag.brev
    brev.refresh_from_db()
    assert brev.sha256
    with pytest.raises(IntegrityError), transaction.atomic():
        Beslutsbrev.objects.filter(pk=brev.pk).update(sha256="0" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        Beslutsbrev.objects.filter(pk=brev.pk).delete()
    assert Beslut.objects.filter(brev=brev).exists()


def test_the_omprovning_form_chooses_the_new_outcome_not_the_view(client, avslag, handlaggare):
    """The new decision's outcome comes from the form (bifall or delvis bifall), so an
    omprövning can grant part of what is asked; a delvis bifall without an amount is refused
    beside the field with the text kept."""
    o = services.overklagande_registrera(
        beslut=avslag, text="Jag behöver mer.", inkommen=timezone.localdate(), av=handlaggare
    )
    o = services.overklagande_rattidsprova(overklagande=o, av=handlaggare)
    client.force_login(handlaggare)
    url = f"/overklagande/{o.pk}/ompova/"
    data = {"ompova-andras": "ja", "ompova-motivering": "Nya uppgifter om hyran."}
    svar = client.post(url, {**data, "ompova-utfall": "delvis_bifall"})
    assert svar.status_code == 400
    assert "Ange det belopp som beviljas vid delvis bifall." in svar.content.decode()
    assert "Nya uppgifter om hyran." in svar.content.decode()
    o.refresh_from_db()
    assert o.status == OS.RATTIDSPROVAD

    svar = client.post(url, {**data, "ompova-utfall": "delvis_bifall", "ompova-belopp": "7000"})
    assert svar.status_code == 302
    o.refresh_from_db()
    assert o.status == OS.OMPROVAD
    assert (o.nytt_beslut.utfall, o.nytt_beslut.belopp) == ("delvis_bifall", 7000)
    assert o.nytt_beslut.andrar == avslag


def test_a_post_decision_form_drops_a_leftover_amount_of_an_avslag(utredd):
    from beslut.forms import PostBeslutForm

    post = utredd.poster.get(posttyp__kod="forsorjningsstod")
    form = PostBeslutForm(
        {"utfall": "avslag", "belopp": "9000", "lagrum": "sol-ratt-till-bistand"},
        lagrum_choices=[("sol-ratt-till-bistand", "4 kap. 1 §")],
    )
    assert form.is_valid(), form.errors
    beslut = form.post_beslut(post)
    assert (beslut.utfall, beslut.belopp) == ("avslag", None)
