"""Access-log review: who read which Akt, the monthly sample to confirm, and alerts."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from guardian.shortcuts import assign_perm

from bistand.access import logga, logga_akt_ids
from bistand.models import Atkomstlogg, Parameter
from bistand.skala import egen_tidpunkt
from kvalitet import services
from kvalitet.models import LoggStickprovRad

pytestmark = pytest.mark.django_db


def _las(user, akt, antal=1, sida="akt"):
    for _ in range(antal):
        logga(user, sida=sida, beviljad=True, akt_id=akt.pk)


def test_the_enhetschef_filters_reads_by_user_akt_and_protection(
    client, enhetschef, handlaggare, kollega, akt, skyddad_akt, skapa_akt, annan_enhet
):
    _las(handlaggare, akt)
    _las(kollega, skyddad_akt)
    annan = skapa_akt(annan_enhet)
    _las(kollega, annan)
    client.force_login(enhetschef)
    text = client.get("/kvalitet/loggkontroll/").content.decode()
    assert akt.aktnummer in text and skyddad_akt.aktnummer in text
    assert annan.aktnummer not in text  # another unit's Akt
    text = client.get("/kvalitet/loggkontroll/?anvandare=agare").content.decode()
    assert akt.aktnummer in text and skyddad_akt.aktnummer not in text
    text = client.get(f"/kvalitet/loggkontroll/?aktnummer={skyddad_akt.aktnummer}").content.decode()
    assert "kollega" in text and "<td>agare</td>" not in text
    text = client.get("/kvalitet/loggkontroll/?skyddad=on").content.decode()
    assert skyddad_akt.aktnummer in text and f">{akt.aktnummer}<" not in text
    idag = datetime.date.today()  # noqa: DTZ011
    igar = idag - datetime.timedelta(days=1)
    text = client.get(f"/kvalitet/loggkontroll/?till={igar}").content.decode()
    assert "Inga läsningar." in text


def test_a_list_view_shows_in_the_review_once_for_each_akt_of_the_unit_it_showed(
    client, enhetschef, handlaggare, skapa_akt, enhet, annan_enhet
):
    egna = [skapa_akt(enhet), skapa_akt(enhet)]
    annan = skapa_akt(annan_enhet)
    _las(handlaggare, egna[0])
    logga_akt_ids(handlaggare, [annan.pk, *(a.pk for a in egna)], sida="arbetslista")
    client.force_login(enhetschef)
    svar = client.get("/kvalitet/loggkontroll/")
    rader = [(r.sida, r.aktnummer) for r in svar.context["rader"] if r.anvandarnamn == "agare"]
    # Newest first: the list's row once per own Akt (never the other unit's), then the read.
    assert rader == [
        ("Arbetslista", egna[0].aktnummer),
        ("Arbetslista", egna[1].aktnummer),
        ("Akten", egna[0].aktnummer),
    ]
    assert svar.context["antal"] == 3 + sum(
        1 for r in svar.context["rader"] if r.anvandarnamn != "agare"
    )
    assert annan.aktnummer not in svar.content.decode()
    # Who saw this Akt: the list that showed it is found by the Akt's number.
    svar = client.get(f"/kvalitet/loggkontroll/?anvandare=agare&aktnummer={egna[1].aktnummer}")
    assert [(r.sida, r.aktnummer) for r in svar.context["rader"]] == [
        ("Arbetslista", egna[1].aktnummer)
    ]
    assert svar.context["antal"] == 1


def test_a_protected_name_is_shown_only_with_a_grant(client, enhetschef, kollega, skyddad_akt):
    _las(kollega, skyddad_akt)
    client.force_login(enhetschef)
    text = client.get("/kvalitet/loggkontroll/").content.decode()
    assert "Skyddad identitet" in text
    assert "Sara Sökande" not in text
    assign_perm("bistand.visa_skyddad_akt", enhetschef, skyddad_akt)
    text = client.get("/kvalitet/loggkontroll/").content.decode()
    assert "Sara Sökande" in text


def test_bad_dates_get_a_message_beside_the_field(client, enhetschef):
    client.force_login(enhetschef)
    svar = client.get("/kvalitet/loggkontroll/?fran=2026-11-20&till=2026-11-01")
    assert svar.status_code == 200
    assert "Slutdatumet ligger före startdatumet." in svar.content.decode()
    svar = client.post("/kvalitet/loggkontroll/", {"enhet": "", "manad": "nov"})
    assert "Skriv månaden som ÅÅÅÅ-MM" in svar.content.decode()


def test_the_monthly_sample_is_reproducible_and_each_judgement_recorded(
    client, enhetschef, handlaggare, akt, enhet
):
    _las(handlaggare, akt, antal=30)
    for _ in range(30):  # list views are not drawn: the sample is of Akter opened
        logga_akt_ids(handlaggare, [akt.pk], sida="arbetslista")
    idag = datetime.date.today()  # noqa: DTZ011
    s = services.loggstickprov_dra(enhet=enhet, manad=idag, av=enhetschef)
    assert s.rader.count() == 10  # the parameter
    assert not Atkomstlogg.objects.filter(
        pk__in=s.rader.values("logg_id"), sida="arbetslista"
    ).exists()
    assert services.loggstickprov_dra(enhet=enhet, manad=idag, av=enhetschef).pk == s.pk
    client.force_login(enhetschef)
    assert akt.aktnummer in client.get(f"/kvalitet/loggkontroll/stickprov/{s.pk}/").content.decode()
    rad = s.rader.first()
    svar = client.post(f"/kvalitet/loggkontroll/rad/{rad.pk}/", {"bedomning": "fragasatt"})
    assert svar.status_code == 302
    rad.refresh_from_db()
    assert rad.bedomd is None  # a query needs a comment
    client.post(
        f"/kvalitet/loggkontroll/rad/{rad.pk}/",
        {"bedomning": "fragasatt", "kommentar": "Akten hör inte till handläggarens ärenden."},
    )
    rad.refresh_from_db()
    assert rad.bedomning == "fragasatt" and rad.bedomd_av == enhetschef
    client.post(f"/kvalitet/loggkontroll/rad/{rad.pk}/", {"bedomning": "motiverad"})
    rad.refresh_from_db()
    assert rad.bedomning == "fragasatt"  # recorded once
    # Reproducible: drawn again from the same log, the same rows.
    valda = sorted(LoggStickprovRad.objects.values_list("logg_id", flat=True))
    s.delete()
    igen = services.loggstickprov_dra(enhet=enhet, manad=idag, av=enhetschef)
    assert sorted(igen.rader.values_list("logg_id", flat=True)) == valda


def test_one_user_reading_unusually_many_akter_in_a_day_raises_an_alert(
    client, enhetschef, handlaggare, kollega, skapa_akt, enhet
):
    Parameter.objects.filter(kod="loggkontroll-larm-akter-per-dag").update(varde=3)
    akter = [skapa_akt(enhet) for _ in range(4)]
    for a in akter:
        _las(kollega, a)
        _las(handlaggare, a, sida="startsida")  # a list page does not count
    logga_akt_ids(handlaggare, [a.pk for a in akter], sida="arbetslista")  # nor a list view
    _las(handlaggare, akter[0], antal=5)  # the same Akt many times is one Akt
    client.force_login(enhetschef)
    text = client.get("/kvalitet/loggkontroll/").content.decode()
    assert "<strong>kollega</strong> öppnade 4 akter" in text
    assert "<strong>agare</strong>" not in text


def test_a_handlaggare_and_forste_do_not_reach_the_log(client, handlaggare, forste, kvalitet):
    for u in (handlaggare, forste):
        client.force_login(u)
        assert client.get("/kvalitet/loggkontroll/").status_code == 404
    client.force_login(kvalitet)
    assert client.get("/kvalitet/loggkontroll/").status_code == 200


def test_the_log_list_query_count_is_flat(client, enhetschef, handlaggare, skapa_akt, enhet):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _las(handlaggare, skapa_akt(enhet))
    client.force_login(enhetschef)
    client.get("/kvalitet/loggkontroll/")
    with CaptureQueriesContext(connection) as fa:
        client.get("/kvalitet/loggkontroll/")
    for _ in range(8):
        _las(handlaggare, skapa_akt(enhet), antal=2)
    with CaptureQueriesContext(connection) as manga:
        client.get("/kvalitet/loggkontroll/")
    assert len(manga) == len(fa)
    assert Atkomstlogg.objects.filter(sida="loggkontroll").exists()


def test_the_nightly_job_tells_the_enhetschef_and_kvalitet_once(
    enhetschef, kvalitet, kollega, skapa_akt, enhet, utomstaende
):
    from bistand.models import Notis
    from kvalitet.vantetid import logglarm_nattlig

    Parameter.objects.filter(kod="loggkontroll-larm-akter-per-dag").update(varde=2)
    for a in [skapa_akt(enhet) for _ in range(3)]:
        _las(kollega, a)
    idag = datetime.date.today()  # noqa: DTZ011
    assert logglarm_nattlig(idag) == 2
    assert logglarm_nattlig(idag) == 0  # idempotent
    notiser = Notis.objects.order_by("mottagare__username")
    assert [n.mottagare for n in notiser] == [enhetschef, kvalitet]
    assert "kollega öppnade 3 akter" in notiser[0].text
    assert not Notis.objects.filter(mottagare=utomstaende).exists()


def test_the_review_shows_the_last_30_days_unless_an_earlier_period_is_asked_for(
    client, enhetschef, handlaggare, akt
):
    with egen_tidpunkt(Atkomstlogg, "tidpunkt"):
        (gammal,) = Atkomstlogg.objects.bulk_create(
            [
                Atkomstlogg(
                    tidpunkt=timezone.now() - datetime.timedelta(days=45),
                    anvandare_id=handlaggare.pk,
                    anvandarnamn="agare",
                    akt_id=akt.pk,
                    sida="akt",
                    beviljad=True,
                )
            ]
        )
    _las(handlaggare, akt)
    idag = timezone.localdate()
    client.force_login(enhetschef)
    svar = client.get("/kvalitet/loggkontroll/")
    agares = [r.pk for r in svar.context["rader"] if r.anvandarnamn == "agare"]
    assert len(agares) == 1 and gammal.pk not in agares
    # The period used stands in the form's date fields.
    assert f'value="{idag - datetime.timedelta(days=30):%Y-%m-%d}"' in svar.content.decode()
    fran = idag - datetime.timedelta(days=60)
    svar = client.get(f"/kvalitet/loggkontroll/?fran={fran:%Y-%m-%d}")
    assert gammal.pk in [r.pk for r in svar.context["rader"]]
