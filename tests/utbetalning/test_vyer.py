"""The payment pages through real HTTP requests: who may attest, run the file and read the
bank's reconciliation, and who is refused."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bistand import services as bistand_services
from utbetalning import services
from utbetalning.models import Betalfil, Orderstatus
from utbetalning.models import Utbetalningsorder as Order

pytestmark = pytest.mark.django_db
OS = Orderstatus


@pytest.fixture
def vantar_attest(kalender, besluta, utan_stickprov):
    besluta({"forsorjningsstod": "12000"}, idag=dt.date(2026, 11, 2))
    return Order.objects.get()


def _godkann_konto(order, ekonomi, ekonomi2):
    a = services.kontoandring_foresla(
        mottagare=order.mottagare,
        kontotyp="bankkonto",
        clearingnummer="5000",
        kontonummer="1000004",
        av=ekonomi,
    )
    services.kontoandring_besvara(andring=a, av=ekonomi2, godkann=True)


def test_the_ekonomiassistent_attests_and_runs_the_payment_file(
    client, vantar_attest, ekonomi, ekonomi2
):
    _godkann_konto(vantar_attest, ekonomi, ekonomi2)
    client.force_login(ekonomi)
    sida = client.get("/utbetalning/")
    assert sida.status_code == 200 and "Attestera" in sida.content.decode()
    client.post(f"/utbetalning/order/{vantar_attest.pk}/attestera/")
    vantar_attest.refresh_from_db()
    assert vantar_attest.status == OS.KLAR
    svar = client.post("/utbetalning/betalfil/", {"datum": "2026-11-25"}, follow=True)
    assert "Betalfilen för 2026-11-25 är skapad: 1 betalningar" in svar.content.decode()
    fil = Betalfil.objects.get()
    hamtad = client.get(f"/utbetalning/betalfil/{fil.pk}/")
    assert hamtad.status_code == 200 and b"pain.001.001.03" in hamtad.content


def test_the_handlaggare_is_refused_the_pages_and_the_actions(client, vantar_attest, handlaggare):
    client.force_login(handlaggare)
    assert client.get("/utbetalning/").status_code == 404
    assert client.post(f"/utbetalning/order/{vantar_attest.pk}/attestera/").status_code == 404
    assert client.post("/utbetalning/betalfil/", {"datum": "2026-11-25"}).status_code == 404
    vantar_attest.refresh_from_db()
    assert vantar_attest.status == OS.VANTAR_ATTEST
    assert not Betalfil.objects.exists()


def test_the_decider_with_the_attest_right_gets_a_clear_refusal(client, vantar_attest, handlaggare):
    from utbetalning.behorighet import ge_attestratt

    ge_attestratt(handlaggare)
    client.force_login(handlaggare)
    sida = client.get("/utbetalning/").content.decode()
    assert "Ditt eget beslut" in sida
    svar = client.post(f"/utbetalning/order/{vantar_attest.pk}/attestera/", follow=True)
    assert "fattade beslutet" in svar.content.decode()
    vantar_attest.refresh_from_db()
    assert vantar_attest.status == OS.VANTAR_ATTEST


def test_an_attestant_who_is_not_ekonomiassistent_may_not_run_the_file(
    client, vantar_attest, enhetschef
):
    from utbetalning.behorighet import ge_attestratt

    ge_attestratt(enhetschef)
    client.force_login(enhetschef)
    assert client.get("/utbetalning/").status_code == 200
    assert client.post("/utbetalning/betalfil/", {"datum": "2026-11-25"}).status_code == 404


def test_a_wrong_check_digit_is_shown_next_to_the_field_and_nothing_typed_is_lost(
    client, vantar_attest, ekonomi
):
    client.force_login(ekonomi)
    svar = client.post(
        f"/utbetalning/mottagare/{vantar_attest.mottagare.pk}/konto/",
        {"kontotyp": "bankgiro", "clearingnummer": "", "kontonummer": "5050-1056"},
    )
    html = svar.content.decode()
    assert svar.status_code == 200
    assert "Bankgironumret stämmer inte – kontrollsiffran är fel" in html
    assert 'value="5050-1056"' in html


def test_a_malformed_bank_file_is_refused_with_its_line(client, vantar_attest, ekonomi):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(ekonomi)
    fil = SimpleUploadedFile("bank.csv", b"referens;status;datum\nBISTAND-1;kanske;2026-11-25\n")
    svar = client.post("/utbetalning/avstamning/", {"fil": fil}, follow=True)
    assert "Filen lästes inte in. Rad 2:" in svar.content.decode()


def test_the_applicant_sees_in_mina_sidor_what_was_paid_and_when(
    client, vantar_attest, ekonomi, ekonomi2, namnd
):
    from ansokan.inloggning import PERSON, SENAST

    _godkann_konto(vantar_attest, ekonomi, ekonomi2)
    services.order_attestera(order=vantar_attest, av=ekonomi)
    services.betalfil_skapa(namnd=namnd, dag=dt.date(2026, 11, 25))
    services.avstamning_importera(
        data=f"BISTAND-{vantar_attest.pk};betald;2026-11-25;\n".encode(), filnamn="a.csv"
    )
    ansokan = vantar_attest.beslut.brev.ansokan
    session = client.session
    session[PERSON] = ansokan.sokande.pk
    session[SENAST] = int(time.time())
    session.save()
    html = client.get(f"/e-tjanst/ansokan/{ansokan.pk}/").content.decode()
    assert "12000,00 kr till ditt konto – utbetalt 2026-11-25" in " ".join(html.split())


def test_a_handlaggare_in_another_unit_cannot_touch_the_order(client, vantar_attest, utomstaende):
    client.force_login(utomstaende)
    svar = client.post(f"/utbetalning/order/{vantar_attest.pk}/narvaro/", {"text": "x"})
    assert svar.status_code == 404


def test_follow_up_shows_paid_per_month_against_budget_with_a_forecast_and_csv(
    client, kalender, besluta, ekonomi, ekonomi2, namnd, enhet, handlaggare
):
    from utbetalning.models import Budget
    from utbetalning.selectors import utbetalt_per_manad

    besluta({"forsorjningsstod": "9000"}, idag=dt.date(2026, 11, 2))
    order = Order.objects.get()
    _godkann_konto(order, ekonomi, ekonomi2)
    services.betalfil_skapa(namnd=namnd, dag=dt.date(2026, 11, 25))
    Budget.objects.create(ar=2026, enhet=enhet, belopp=120000)
    rader = utbetalt_per_manad(fran=dt.date(2026, 1, 1), till=dt.date(2026, 12, 31))
    assert rader == [
        {"manad": dt.date(2026, 11, 1), "nyckel": "", "belopp": Decimal("9000"), "antal": 1}
    ]
    from utbetalning.selectors import uppfoljning

    data = uppfoljning(enheter=[enhet], ar=2026, idag=dt.date(2026, 11, 30))
    # 9000 paid in 11 months → 9818 for the year; budget 120 000 a year, 10 000 a month.
    assert data["prognos"] == Decimal("9818") and data["arsbudget"] == Decimal("120000")
    assert data["rader"][10]["avvikelse"] == Decimal("-1000")
    client.force_login(ekonomi)
    html = " ".join(client.get("/utbetalning/uppfoljning/?ar=2026").content.decode().split())
    csv = client.get("/utbetalning/uppfoljning/?ar=2026&format=csv").content.decode()
    assert "<svg" in html and "2026-11" in html and "9000 kr" in html
    rad = next(r for r in csv.splitlines() if r.startswith("2026-11;"))
    assert [Decimal(x) for x in rad.split(";")[1:]] == [9000, 1, 10000, -1000]
    client.force_login(handlaggare)
    assert client.get("/utbetalning/uppfoljning/").status_code == 404


def test_the_handlaggare_sets_direct_payment_with_a_checked_ocr_on_the_akts_page(
    client, akt, handlaggare, namnd, utomstaende
):
    from utbetalning.models import Betalningsval, Mottagartyp, Ocrkrav

    vard = services.mottagare_skapa(
        namnd=namnd, typ=Mottagartyp.HYRESVARD, namn="Bostadsbolaget AB", ocrkrav=Ocrkrav.OCR
    )
    client.force_login(handlaggare)
    url = f"/akter/{akt.pk}/utbetalning/"
    data = {"steg": "val", "posttyp": "", "mottagare": vard.pk, "andel": "100"}
    fel = client.post(url, {**data, "referens": "1234567898"}).content.decode()
    assert "OCR-numret stämmer inte – kontrollsiffran är fel" in fel
    assert 'value="1234567898"' in fel
    assert client.post(url, {**data, "referens": "1234567897"}).status_code == 302
    assert Betalningsval.objects.get(akt=akt).referens == "1234567897"
    client.force_login(utomstaende)
    assert client.get(url).status_code == 404


def test_removing_a_payment_choice_is_an_event_in_the_case_history(client, akt, handlaggare, namnd):
    from bistand.models import Handelse
    from utbetalning.models import Betalningsval, Mottagartyp

    vard = services.mottagare_skapa(
        namnd=namnd, typ=Mottagartyp.HYRESVARD, namn="Bostadsbolaget AB"
    )
    client.force_login(handlaggare)
    url = f"/akter/{akt.pk}/utbetalning/"
    data = {"steg": "val", "posttyp": "", "mottagare": vard.pk, "andel": "100", "referens": "Hyra"}
    assert client.post(url, data).status_code == 302
    val = Betalningsval.objects.get(akt=akt)
    assert client.post(url, {"steg": "ta_bort", "val": val.pk}).status_code == 302
    assert not Betalningsval.objects.filter(akt=akt).exists()
    h = Handelse.objects.get(akt=akt, typ__kod="utbetalning.betalningsval_borttaget")
    assert h.av == handlaggare
    assert "Bostadsbolaget AB" in h.text and h.data["andel"] == 100
    assert Handelse.objects.filter(akt=akt, typ__kod="utbetalning.betalningsval_tillagt").exists()


def _kopior(order, nytt_personnummer, antal: int, **andrat) -> None:
    """`antal` copies of the order, each to a payee of its own, with the fields in `andrat`."""
    for i in range(antal):
        mottagare = Order.objects.get(pk=order.pk).mottagare
        mottagare.pk = None
        mottagare.person = bistand_services.person_registrera(
            identitet=nytt_personnummer(), fornamn=f"Mottagare{i}", efternamn="Test"
        )
        mottagare.save()
        kopia = Order.objects.get(pk=order.pk)
        kopia.pk = None
        kopia.mottagare = mottagare
        for namn, varde in andrat.items():
            setattr(kopia, namn, varde)
        kopia.save()


def test_the_overview_reads_as_many_queries_for_50_orders_as_for_5(
    client, vantar_attest, ekonomi, nytt_personnummer
):
    """Every list of the overview is read in a fixed number of queries (docs/prestanda.md:
    Delade läsningar per förfrågan): each order's payee and person come with the order."""

    def fler(antal):
        _kopior(vantar_attest, nytt_personnummer, antal)

    def fragor() -> int:
        client.get("/utbetalning/")
        with CaptureQueriesContext(connection) as fangade:
            sida = client.get("/utbetalning/")
        assert sida.status_code == 200
        return len(fangade.captured_queries), sida.content.decode().count("/attestera/")

    client.force_login(ekonomi)
    fler(4)
    fem, visade_fem = fragor()
    fler(45)
    femtio, visade_femtio = fragor()
    assert visade_femtio > visade_fem >= 4
    assert femtio == fem


def test_the_overview_shows_the_orders_to_attest_a_page_at_a_time_and_counts_the_next_run(
    client, vantar_attest, ekonomi, ekonomi2, nytt_personnummer
):
    """A nämnd's run holds thousands of orders: fifty to attest per page, and the run's ready
    orders only counted (docs/prestanda.md: Sidindelning)."""
    _godkann_konto(vantar_attest, ekonomi, ekonomi2)
    _kopior(vantar_attest, nytt_personnummer, 54)
    _kopior(
        vantar_attest,
        nytt_personnummer,
        3,
        status=OS.KLAR,
        betalningsdag=vantar_attest.betalningsdag,
    )
    client.force_login(ekonomi)
    forsta = client.get("/utbetalning/").content.decode()
    andra = client.get("/utbetalning/", {"sida": "2"}).content.decode()
    assert forsta.count("/attestera/") + forsta.count("/stickprov/") == 50
    assert andra.count("/attestera/") + andra.count("/stickprov/") == 5
    assert "Sida 1 av 2 (55 rader)" in forsta
    assert "3 utbetalningar klara" in forsta
