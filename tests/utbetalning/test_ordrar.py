"""Payment orders from decisions, attest, sample checks, närvaro and återkrav proposals
(docs/regler.md: Utbetalning och återkrav)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ansokan.models import Posttyp
from beslut.regler import manadens_slut
from bistand.models import Bevakning, Parameter
from utbetalning import services
from utbetalning.behorighet import ge_attestratt
from utbetalning.models import (
    Aterkrav,
    Attestgrans,
    Betalningsval,
    Mottagartyp,
    Narvarovillkor,
    Ocrkrav,
    Orderstatus,
    Utbetalningsorder,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("utan_stickprov")]
OS = Orderstatus
MANDAG = dt.date(2026, 11, 2)


def test_a_bifall_creates_an_order_to_the_applicants_account_on_the_payment_day(
    kalender, besluta, akt
):
    brev = besluta({"forsorjningsstod": "9000"}, idag=MANDAG)
    order = Utbetalningsorder.objects.get()
    assert order.beslut == brev.beslut.get()
    assert order.belopp == Decimal("9000")
    assert order.betalningsdag == dt.date(2026, 11, 25)
    assert order.mottagare.person == akt.hushall.medlemmar.get(roll="sokande").person
    assert order.status == OS.KLAR


def test_an_akut_decision_is_paid_the_same_day(kalender, besluta):
    besluta({"forsorjningsstod": "3000"}, idag=MANDAG, typ="akut")
    assert Utbetalningsorder.objects.get().betalningsdag == MANDAG
    assert Utbetalningsorder.objects.get().akut


def test_an_avslag_creates_no_order(kalender, skapa_utredd, akt, handlaggare):
    from beslut.services import PostBeslut, beslut_fatta

    a = skapa_utredd(akt, handlaggare, {"forsorjningsstod": ("9000", "avslag", "")})
    beslut_fatta(
        ansokan=a,
        av=handlaggare,
        poster=[
            PostBeslut(
                post=a.poster.get(),
                utfall="avslag",
                lagrum_kod="sol-ratt-till-bistand",
                motivering="Inkomsten räcker.",
                period_fran=MANDAG.replace(day=1),
                period_till=manadens_slut(MANDAG),
            )
        ],
        idag=MANDAG,
    )
    assert not Utbetalningsorder.objects.exists()


def test_rent_is_paid_directly_to_the_landlord_with_its_ocr_and_the_rest_split_between_spouses(
    kalender, besluta, akt, handlaggare, namnd, skapa_akt, enhet
):
    from ansokan.services import ansokan_registrera  # noqa: F401  (import check only)

    hyra = Posttyp.objects.get(kod="hyra")
    vard = services.mottagare_skapa(
        namnd=namnd, typ=Mottagartyp.HYRESVARD, namn="Bostadsbolaget AB", ocrkrav=Ocrkrav.OCR
    )
    Betalningsval.objects.create(
        akt=akt, posttyp=hyra, mottagare=vard, referens="1234567897", skapad_av=handlaggare
    )
    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    make = skapa_akt(enhet, handlaggare).hushall.medlemmar.get(roll="sokande").person
    for person in (sokande, make):
        Betalningsval.objects.create(
            akt=akt,
            posttyp=None,
            mottagare=services.mottagare_for_person(namnd=namnd, person=person),
            andel=50,
            skapad_av=handlaggare,
        )
    besluta({"forsorjningsstod": "9001", "hyra": "7000"}, idag=MANDAG)
    ordrar = {
        (o.mottagare.namn, o.belopp, o.referens_ar_ocr) for o in Utbetalningsorder.objects.all()
    }
    assert ordrar == {
        ("Bostadsbolaget AB", Decimal("7000"), True),
        (sokande.namn, Decimal("4500.50"), False),
        (make.namn, Decimal("4500.50"), False),
    }


def test_an_order_over_the_threshold_waits_for_attest(kalender, besluta):
    besluta({"forsorjningsstod": "12000"}, idag=MANDAG)
    assert Utbetalningsorder.objects.get().status == OS.VANTAR_ATTEST


def test_the_threshold_is_set_per_post_type(kalender, besluta):
    Attestgrans.objects.create(
        posttyp=Posttyp.objects.get(kod="forsorjningsstod"),
        belopp=5000,
        giltig_fran=dt.date(2026, 1, 1),
    )
    besluta({"forsorjningsstod": "6000"}, idag=MANDAG)
    assert Utbetalningsorder.objects.get().status == OS.VANTAR_ATTEST


def test_the_decider_may_not_attest_even_with_the_right(kalender, besluta, handlaggare):
    ge_attestratt(handlaggare)
    besluta({"forsorjningsstod": "12000"}, idag=MANDAG)
    order = Utbetalningsorder.objects.get()
    with pytest.raises(ValidationError) as fel:
        services.order_attestera(order=order, av=handlaggare)
    assert "fattade beslutet" in fel.value.messages[0]
    order.refresh_from_db()
    assert order.status == OS.VANTAR_ATTEST and order.attesterad is None


def test_a_user_without_the_attest_right_may_not_attest(kalender, besluta, kollega):
    besluta({"forsorjningsstod": "12000"}, idag=MANDAG)
    with pytest.raises(PermissionDenied):
        services.order_attestera(order=Utbetalningsorder.objects.get(), av=kollega)


def test_a_second_person_with_the_right_attests_and_the_order_is_ready(kalender, besluta, ekonomi):
    besluta({"forsorjningsstod": "12000"}, idag=MANDAG)
    order = services.order_attestera(order=Utbetalningsorder.objects.get(), av=ekonomi)
    assert order.status == OS.KLAR and order.attesterad_av == ekonomi


def test_an_order_not_attested_never_goes_into_a_file(kalender, besluta, ekonomi, namnd):
    besluta({"forsorjningsstod": "12000"}, idag=MANDAG)
    order = Utbetalningsorder.objects.get()
    services.kontoandring_foresla(
        mottagare=order.mottagare,
        kontotyp="bankkonto",
        clearingnummer="5000",
        kontonummer="1000004",
        av=ekonomi,
    )
    assert services.betalfil_skapa(namnd=namnd, dag=dt.date(2026, 11, 25)) is None


def test_the_sample_is_drawn_at_the_set_rate_and_is_reproducible():
    def urval(fro):
        return {
            i
            for i in range(1, 5001)
            if services.stickprov_utvald(order_id=i, procent=Decimal(10), fro=fro)
        }

    forsta = urval(7)
    assert 450 <= len(forsta) <= 550
    assert urval(7) == forsta
    assert urval(8) != forsta
    assert not any(
        services.stickprov_utvald(order_id=i, procent=Decimal(0), fro=7) for i in range(1, 500)
    )


def test_a_sampled_order_is_held_until_a_second_person_checks_every_point(
    kalender, besluta, ekonomi
):
    Parameter.objects.filter(kod="utbetalning-stickprov-procent").update(varde=100)
    besluta({"forsorjningsstod": "3000"}, idag=MANDAG)
    order = Utbetalningsorder.objects.get()
    assert order.status == OS.STICKPROV
    with pytest.raises(ValidationError) as fel:
        services.stickprov_kontrollera(order=order, av=ekonomi, checklista={"beslut": True})
    assert "checklista" in fel.value.error_dict
    alla = {kod: True for kod, _ in services.KONTROLLPUNKTER}
    order = services.stickprov_kontrollera(order=order, av=ekonomi, checklista=alla)
    assert order.status == OS.KLAR


def test_a_missing_narvaro_report_holds_the_order_and_raises_a_bevakning(
    kalender, besluta, akt, handlaggare
):
    from utredning.models import Remiss, Utredning

    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    besluta({"forsorjningsstod": "3000"}, idag=dt.date(2026, 10, 1))  # an earlier utredning
    remiss = Remiss.objects.create(
        utredning=Utredning.objects.get(),
        person=sokande,
        skickad=dt.date(2026, 10, 1),
        text="Praktik hos arbetsmarknadsenheten",
        skickad_av=handlaggare,
    )
    Narvarovillkor.objects.create(
        akt=akt, remiss=remiss, fran=dt.date(2026, 11, 1), satt_av=handlaggare
    )
    besluta({"forsorjningsstod": "3000"}, idag=MANDAG)
    order = Utbetalningsorder.objects.get(betalningsdag=dt.date(2026, 11, 25))
    assert order.status == OS.VANTAR_NARVARO
    bevakning = Bevakning.objects.get(typ="narvaro_saknas")
    assert bevakning.agare == handlaggare and bevakning.objekt_id == order.pk
    # Only a person lets it go (or a new decision stops it); never silently.
    with pytest.raises(ValidationError):
        services.order_narvaro_prova(order=order, av=handlaggare, text="")
    order = services.order_narvaro_prova(
        order=order, av=handlaggare, text="Närvarolistan kom in per e-post, full närvaro."
    )
    assert order.status == OS.KLAR
    bevakning.refresh_from_db()
    assert bevakning.status == "uppfylld"


def test_a_narvaro_report_lets_the_order_through(kalender, besluta, akt, handlaggare):
    from utredning.models import Narvaro, Remiss, Utredning

    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    besluta({"forsorjningsstod": "3000"}, idag=dt.date(2026, 10, 1))
    remiss = Remiss.objects.create(
        utredning=Utredning.objects.get(),
        person=sokande,
        skickad=dt.date(2026, 10, 1),
        text="Praktik",
        skickad_av=handlaggare,
    )
    Narvaro.objects.create(
        remiss=remiss,
        fran=dt.date(2026, 11, 1),
        till=dt.date(2026, 11, 20),
        planerade_tillfallen=10,
        narvarande=9,
    )
    Narvarovillkor.objects.create(
        akt=akt, remiss=remiss, fran=dt.date(2026, 11, 1), satt_av=handlaggare
    )
    besluta({"forsorjningsstod": "3000"}, idag=MANDAG)
    assert Utbetalningsorder.objects.get(betalningsdag=dt.date(2026, 11, 25)).status == OS.KLAR


def _betala(order, ekonomi, ekonomi2, namnd):
    andring = services.kontoandring_foresla(
        mottagare=order.mottagare,
        kontotyp="bankkonto",
        clearingnummer="5000",
        kontonummer="1000004",
        av=ekonomi,
    )
    services.kontoandring_besvara(andring=andring, av=ekonomi2, godkann=True)
    return services.betalfil_skapa(namnd=namnd, dag=order.betalningsdag)


def test_an_andringsbeslut_after_payment_proposes_a_claim_never_decides_it(
    kalender, besluta, handlaggare, ekonomi, ekonomi2, namnd
):
    from beslut.services import PostBeslut, beslut_fatta

    brev = besluta({"forsorjningsstod": "9000"}, idag=MANDAG)
    order = Utbetalningsorder.objects.get()
    assert _betala(order, ekonomi, ekonomi2, namnd) is not None
    gammal = brev.beslut.get()
    beslut_fatta(
        ansokan=brev.ansokan,
        av=handlaggare,
        poster=[
            PostBeslut(
                post=gammal.post,
                utfall="delvis_bifall",
                lagrum_kod="sol-ratt-till-bistand",
                belopp=Decimal("6000"),
                motivering="Inkomst som inte var känd när beslutet fattades.",
                andrar=gammal,
                andringsgrund="oriktiga_uppgifter",
            )
        ],
        idag=dt.date(2026, 11, 27),
    )
    krav = Aterkrav.objects.get()
    assert krav.status == Aterkrav.Status.FORESLAGET
    assert krav.foreslaget_belopp == Decimal("3000")
    assert krav.belopp is None and krav.beslutat_av is None


def test_an_andringsbeslut_before_payment_stops_the_old_order_instead(
    kalender, besluta, handlaggare
):
    from beslut.services import PostBeslut, beslut_fatta

    brev = besluta({"forsorjningsstod": "9000"}, idag=MANDAG)
    gammal = brev.beslut.get()
    beslut_fatta(
        ansokan=brev.ansokan,
        av=handlaggare,
        poster=[
            PostBeslut(
                post=gammal.post,
                utfall="delvis_bifall",
                lagrum_kod="sol-ratt-till-bistand",
                belopp=Decimal("6000"),
                motivering="Ny inkomst.",
                andrar=gammal,
                andringsgrund="oriktiga_uppgifter",
            )
        ],
        idag=dt.date(2026, 11, 3),
    )
    statusar = sorted((o.belopp, o.status) for o in Utbetalningsorder.objects.all())
    assert statusar == [(Decimal("6000"), OS.KLAR), (Decimal("9000"), OS.MAKULERAD)]
    assert not Aterkrav.objects.exists()


def test_a_new_account_needs_a_second_person(kalender, besluta, ekonomi, ekonomi2):
    besluta({"forsorjningsstod": "3000"}, idag=MANDAG)
    mottagare = Utbetalningsorder.objects.get().mottagare
    andring = services.kontoandring_foresla(
        mottagare=mottagare,
        kontotyp="bankgiro",
        clearingnummer="",
        kontonummer="5050-1055",
        av=ekonomi,
    )
    mottagare.refresh_from_db()
    assert not mottagare.har_konto
    with pytest.raises(ValidationError) as fel:
        services.kontoandring_besvara(andring=andring, av=ekonomi, godkann=True)
    assert "annan person" in fel.value.messages[0]
    services.kontoandring_besvara(andring=andring, av=ekonomi2, godkann=True)
    mottagare.refresh_from_db()
    assert mottagare.kontonummer == "50501055" and mottagare.kontotyp == "bankgiro"


def test_an_account_with_a_wrong_check_digit_is_refused_next_to_the_field(
    kalender, besluta, ekonomi
):
    besluta({"forsorjningsstod": "3000"}, idag=MANDAG)
    mottagare = Utbetalningsorder.objects.get().mottagare
    with pytest.raises(ValidationError) as fel:
        services.kontoandring_foresla(
            mottagare=mottagare,
            kontotyp="bankkonto",
            clearingnummer="5000",
            kontonummer="1000005",
            av=ekonomi,
        )
    assert "kontrollsiffran är fel" in fel.value.error_dict["kontonummer"][0].messages[0]


def test_the_decision_letter_says_when_to_whom_and_how_it_is_paid(
    kalender, besluta, akt, handlaggare, namnd, django_capture_on_commit_callbacks
):
    from django.conf import settings
    from pypdf import PdfReader

    vard = services.mottagare_skapa(
        namnd=namnd, typ=Mottagartyp.HYRESVARD, namn="Bostadsbolaget AB", ocrkrav=Ocrkrav.OCR
    )
    Betalningsval.objects.create(
        akt=akt,
        posttyp=Posttyp.objects.get(kod="hyra"),
        mottagare=vard,
        referens="1234567897",
        skapad_av=handlaggare,
    )
    with django_capture_on_commit_callbacks(execute=True):
        brev = besluta({"forsorjningsstod": "6000", "hyra": "7000"}, idag=MANDAG)
    brev.refresh_from_db()
    fil = settings.FILE_STORAGE_DIR / brev.sokvag
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(fil).pages).split())
    assert "Utbetalning" in text
    assert "Bostadsbolaget AB" in text and "2026-11-25" in text
    # The applicant's account is not yet approved: the letter asks for it.
    assert "meddela oss ditt kontonummer" in text
