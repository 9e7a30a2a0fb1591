"""The enhetschef's dashboard: caseload and deadlines (docs/arkitektur.md: Periodiska jobb)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bistand.diagram import stapeldiagram
from bistand.models import Bevakning
from tests.logg import loggade_akter

pytestmark = pytest.mark.django_db


def test_the_enhetschef_sees_caseload_per_handlaggare(
    client, enhetschef, skapa_akt, enhet, handlaggare, kollega
):
    for _ in range(3):
        skapa_akt(enhet, handlaggare)
    skapa_akt(enhet, kollega)
    skapa_akt(enhet)
    client.force_login(enhetschef)
    svar = client.get("/kvalitet/oversikt/")
    text = svar.content.decode()
    assert svar.status_code == 200
    assert "<td>Agare</td><td>3</td>" in text
    assert "<td>Kollega</td><td>1</td>" in text
    assert "1 akter väntar på att tilldelas" in text
    assert '<svg class="diagram" role="img"' in text


def test_overdue_and_due_soon_bevakningar_are_listed_and_logged(client, enhetschef, akt):
    idag = dt.date.today()  # noqa: DTZ011
    Bevakning.objects.create(
        typ="paminnelse", akt=akt, forfaller=idag - dt.timedelta(days=3), status="overskriden"
    )
    Bevakning.objects.create(typ="paminnelse", akt=akt, forfaller=idag + dt.timedelta(days=2))
    Bevakning.objects.create(typ="paminnelse", akt=akt, forfaller=idag + dt.timedelta(days=30))
    client.force_login(enhetschef)
    text = client.get("/kvalitet/oversikt/").content.decode()
    assert "<td>Påminnelse</td><td>1</td><td>1</td>" in text
    assert loggade_akter("dashboard") == [akt.pk]


def test_each_listed_bevakning_shows_its_akt_kind_due_date_and_owner(
    client, enhetschef, skapa_akt, enhet, handlaggare, skapa_anvandare
):
    idag = dt.date.today()  # noqa: DTZ011
    forsenad, snart, akut = skapa_akt(enhet, handlaggare), skapa_akt(enhet), skapa_akt(enhet)
    handlaggare.last_name = "Lind"
    handlaggare.save()
    utan_namn = skapa_anvandare("utannamn", "Handläggare", enhet)
    utan_namn.first_name = ""
    utan_namn.save()
    Bevakning.objects.create(
        typ="paminnelse",
        akt=forsenad,
        agare=handlaggare,
        forfaller=idag - dt.timedelta(days=3),
        status="overskriden",
    )
    Bevakning.objects.create(
        typ="paminnelse", akt=snart, forfaller=idag + dt.timedelta(days=2), agare=utan_namn
    )
    Bevakning.objects.create(typ="akut_ansokan", akt=akut, forfaller=idag)
    client.force_login(enhetschef)
    text = client.get("/kvalitet/oversikt/").content.decode()
    tre_dagar_sedan = idag - dt.timedelta(days=3)
    assert (
        f"{forsenad.aktnummer}</a> – Påminnelse, förföll {tre_dagar_sedan:%Y-%m-%d}, Agare Lind"
        in text
    )
    # An owner without a name is shown by the user name, as everywhere else.
    assert (
        f"{snart.aktnummer}</a> – Påminnelse, {idag + dt.timedelta(days=2):%Y-%m-%d}, utannamn"
        in text
    )
    # Today's akut ansökan, owned by nobody: no owner after it.
    assert f"{akut.aktnummer}</a> – prövas i dag</li>" in text
    assert "None" not in text
    assert loggade_akter("dashboard") == sorted([forsenad.pk, snart.pk, akut.pk])


def test_a_handlaggare_does_not_reach_the_dashboard(client, handlaggare):
    client.force_login(handlaggare)
    assert client.get("/kvalitet/oversikt/").status_code == 404


def test_the_enhetschef_sees_only_the_own_enhet(
    client, enhetschef, skapa_akt, annan_enhet, utomstaende
):
    skapa_akt(annan_enhet, utomstaende)
    client.force_login(enhetschef)
    assert "Utomstaende" not in client.get("/kvalitet/oversikt/").content.decode()


def test_the_dashboard_query_count_is_flat(client, enhetschef, skapa_akt, enhet, handlaggare):
    skapa_akt(enhet, handlaggare)
    client.force_login(enhetschef)
    client.get("/kvalitet/oversikt/")
    with CaptureQueriesContext(connection) as fa:
        client.get("/kvalitet/oversikt/")
    for _ in range(10):
        a = skapa_akt(enhet, handlaggare)
        Bevakning.objects.create(
            typ="paminnelse", akt=a, forfaller=dt.date(2020, 1, 1), status="overskriden"
        )
    with CaptureQueriesContext(connection) as manga:
        client.get("/kvalitet/oversikt/")
    assert len(manga) == len(fa) + 1  # the access-log bulk insert appears once there is a row


def test_a_bar_above_the_target_is_drawn_red_and_text_is_escaped():
    svg = stapeldiagram(
        [("<b>A</b>", 5), ("B", 15)], titel="Väntetid", enhet="dagar", markera_over=10
    )
    assert "&lt;b&gt;A&lt;/b&gt;" in svg
    assert svg.count('fill="#a4000f"') == 1
    assert "stroke-dasharray" in svg
    assert "<desc" in svg and "B: 15 dagar" in svg


def _akter_med_bevakningar(skapa_akt, enhet, handlaggare, antal: int) -> None:
    idag = dt.date.today()  # noqa: DTZ011
    for i in range(antal):
        a = skapa_akt(enhet, handlaggare if i % 5 else None)
        Bevakning.objects.create(
            typ="paminnelse", akt=a, forfaller=idag - dt.timedelta(days=3), status="overskriden"
        )
        Bevakning.objects.create(typ="paminnelse", akt=a, forfaller=idag + dt.timedelta(days=2))
        Bevakning.objects.create(
            typ="paminnelse", akt=a, forfaller=idag - dt.timedelta(days=90), status="uppfylld"
        )


def test_the_dashboard_costs_the_same_queries_for_5_and_50_akter(
    client, enhetschef, skapa_akt, enhet, handlaggare
):
    _akter_med_bevakningar(skapa_akt, enhet, handlaggare, 5)
    client.force_login(enhetschef)
    client.get("/kvalitet/oversikt/")
    # Counted anew both times (the stored figures are forgotten, as after a minute).
    cache.clear()
    with CaptureQueriesContext(connection) as fem:
        client.get("/kvalitet/oversikt/")
    _akter_med_bevakningar(skapa_akt, enhet, handlaggare, 45)
    cache.clear()
    with CaptureQueriesContext(connection) as femtio:
        text = client.get("/kvalitet/oversikt/").content.decode()
    assert len(femtio) == len(fem)
    # Met bevakningar are not counted; overdue and due-soon ones are.
    assert "<td>Påminnelse</td><td>50</td><td>50</td>" in text


def test_the_counts_are_kept_for_a_minute_and_the_lists_are_read_every_time(
    client, enhetschef, skapa_akt, enhet, handlaggare
):
    client.force_login(enhetschef)
    with time_machine.travel(dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC), tick=False) as tid:
        skapa_akt(enhet, None)
        forsta = client.get("/kvalitet/oversikt/").content.decode()
        assert "1 akter väntar på att tilldelas en handläggare." in forsta
        assert "Antalen räknades 10:00" in forsta  # local time
        ny = skapa_akt(enhet, None)
        Bevakning.objects.create(
            typ="paminnelse", akt=ny, forfaller=dt.date(2026, 11, 1), status="overskriden"
        )
        text = client.get("/kvalitet/oversikt/").content.decode()
        # Within the minute: the stored count, but the overdue bevakning listed already.
        assert "1 akter väntar på att tilldelas en handläggare." in text
        assert str(ny.aktnummer) in text
        tid.shift(dt.timedelta(seconds=61))
        text = client.get("/kvalitet/oversikt/").content.decode()
        assert "2 akter väntar på att tilldelas en handläggare." in text
        assert "Antalen räknades 10:01" in text


@pytest.mark.parametrize(
    ("roll", "leder"),
    [("Enhetschef", True), ("Kvalitet", True), ("Förste socialsekreterare", False)],
)
def test_who_leads_the_quality_work_is_answered_from_the_enheter_already_read(
    client, skapa_anvandare, enhet, roll, leder
):
    """The links to likvärdighet and loggkontroll are for those who lead the quality work;
    the dashboard reads the Enheter once and answers that from them."""
    user = skapa_anvandare("tittar", roll, enhet if roll != "Kvalitet" else None)
    client.force_login(user)
    client.get("/kvalitet/oversikt/")
    with CaptureQueriesContext(connection) as fangade:
        text = client.get("/kvalitet/oversikt/").content.decode()
    assert ("Loggkontroll" in text) is leder
    assert ("Likvärdighet" in text) is leder
    enhetsfragor = [q for q in fangade if 'FROM "bistand_enhet"' in q["sql"]]
    # On PostgreSQL the Enheter are kept with the grunddata (Grunddata i minnet): read by the
    # first visit, not by the second.
    assert len(enhetsfragor) == (0 if connection.vendor == "postgresql" else 1), [
        q["sql"] for q in enhetsfragor
    ]


def test_the_dashboard_shows_an_enhet_renamed_since_the_last_visit(client, kvalitet, enhet):
    client.force_login(kvalitet)
    assert enhet.namn in client.get("/kvalitet/oversikt/").content.decode()
    enhet.namn = "Enheten med nytt namn"
    enhet.save()
    assert "Enheten med nytt namn" in client.get("/kvalitet/oversikt/").content.decode()


def test_who_leads_is_asked_of_the_database_when_the_enheter_read_do_not_tell(
    enhetschef, kvalitet, handlaggare, django_assert_num_queries
):
    from bistand.access import roller
    from kvalitet.access import leder_nagon

    for user in (enhetschef, kvalitet, handlaggare):
        roller(user)  # read once per request, before the dashboard asks
    with django_assert_num_queries(1):
        assert leder_nagon(enhetschef, []) is True
    with django_assert_num_queries(1):
        assert leder_nagon(kvalitet, []) is True
    with django_assert_num_queries(0):
        assert leder_nagon(handlaggare, [handlaggare.enhet]) is False


def test_the_dashboards_lists_are_planned_once_per_connection(client, enhetschef, akt):
    """Their date parameters kept PostgreSQL planning them on every request although the
    plan was the same (docs/prestanda.md: Översikten); the setting is put back after them."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL plans prepared statements")
    client.force_login(enhetschef)
    for _ in range(3):
        assert client.get("/kvalitet/oversikt/").status_code == 200
    with connection.cursor() as c:
        c.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements "
            'WHERE statement LIKE \'SELECT "bistand_bevakning"."akt_id"%%\''
        )
        planer = c.fetchall()
        c.execute("SHOW plan_cache_mode")
        lage = c.fetchone()[0]
    # Overdue, due within the week, today's akut: planned once each, on the first request.
    assert sorted(planer) == [(3, 0)] * 3
    assert lage == "auto"
