"""The worklist (docs/regler.md: Utredning): own and unassigned ärenden, flags, filters, sorting,
the förste socialsekreterare's assignment, and a query count that does not grow."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ansokan import services as ansokan_services
from bistand.models import Atkomstlogg
from tests.logg import loggade_akter, senaste_logg_id

pytestmark = pytest.mark.django_db

IDAG = dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _tid():
    with time_machine.travel(IDAG, tick=False):
        yield


@pytest.fixture
def forste(skapa_anvandare, enhet):
    return skapa_anvandare("forste", "Förste socialsekreterare", enhet)


def test_a_handlaggare_logs_in_to_the_worklist(client, handlaggare):
    svar = client.post("/login/", {"username": handlaggare.username, "password": "test-losenord-1"})
    assert svar["Location"] == "/arbetslista/"


def test_the_list_shows_own_and_unassigned_but_not_a_colleagues(
    client, handlaggare, kollega, skapa_akt, enhet, registrera
):
    egen = registrera(skapa_akt(enhet, handlaggare))
    fri = registrera(skapa_akt(enhet))
    annans = registrera(skapa_akt(enhet, kollega), av=kollega)
    client.force_login(handlaggare)
    text = client.get("/arbetslista/").content.decode()
    assert egen.referens in text and fri.referens in text
    assert annans.referens not in text
    assert annans.referens in client.get("/arbetslista/?visa=alla").content.decode()
    assert egen.referens not in client.get("/arbetslista/?visa=otilldelade").content.decode()
    assert Atkomstlogg.objects.filter(sida="arbetslista").exists()


def test_an_outsider_does_not_see_the_units_arenden(client, utomstaende, akt, registrera):
    ansokan = registrera(akt)
    client.force_login(utomstaende)
    assert ansokan.referens not in client.get("/arbetslista/?visa=alla").content.decode()


def test_days_since_first_contact_and_flags(client, handlaggare, skapa_akt, enhet, registrera):
    med_barn = registrera(skapa_akt(enhet, handlaggare, barn=1), mottagen=dt.date(2026, 11, 10))
    akut = registrera(skapa_akt(enhet, handlaggare), typ="akut", mottagen=dt.date(2026, 11, 19))
    client.force_login(handlaggare)
    svar = client.get("/arbetslista/")
    rader = {a.pk: a for a in svar.context["rader"]}
    assert rader[med_barn.pk].dagar == 10 and rader[med_barn.pk].barn
    assert rader[akut.pk].typ == "akut" and not rader[akut.pk].barn
    assert [a.pk for a in client.get("/arbetslista/?flagga=barn").context["rader"]] == [med_barn.pk]
    assert [a.pk for a in client.get("/arbetslista/?flagga=akut").context["rader"]] == [akut.pk]
    assert [a.pk for a in client.get("/arbetslista/?sortera=dagar").context["rader"]] == [
        med_barn.pk,
        akut.pk,
    ]
    assert [a.pk for a in client.get("/arbetslista/?sortera=-dagar").context["rader"]] == [
        akut.pk,
        med_barn.pk,
    ]


def test_an_open_komplettering_means_waiting_for_the_applicant_and_late_is_flagged(
    client, handlaggare, akt, registrera
):
    ansokan = registrera(akt)
    with time_machine.travel(dt.datetime(2026, 11, 3, 10, tzinfo=dt.UTC), tick=False):
        ansokan_services.komplettering_begar(
            ansokan=ansokan,
            av=handlaggare,
            vad="Kontoutdrag",
            varfor="För beräkningen",
            senast=dt.date(2026, 11, 10),
        )
    client.force_login(handlaggare)
    [rad] = client.get("/arbetslista/").context["rader"]
    assert rad.vantar_pa == "sökande" and rad.komplettering_forsenad
    assert rad.nasta_frist is not None
    assert client.get("/arbetslista/?vantar=handlaggare").context["rader"] == []
    assert len(client.get("/arbetslista/?flagga=forsenad").context["rader"]) == 1


def test_a_protected_identity_is_flagged(client, handlaggare, skyddad_akt, registrera):
    registrera(skyddad_akt)
    client.force_login(handlaggare)
    [rad] = client.get("/arbetslista/").context["rader"]
    assert rad.skyddad


@pytest.mark.parametrize("antal", [5, 50])
def test_the_worklist_has_a_flat_query_count(
    client, forste, handlaggare, skapa_akt, enhet, registrera, django_assert_num_queries, antal
):
    for i in range(antal):
        registrera(skapa_akt(enhet, handlaggare if i % 2 else None, barn=1 if i < 6 else 0))
    client.force_login(forste)
    client.get("/arbetslista/?visa=alla")
    with django_assert_num_queries(FRAGOR):
        svar = client.get("/arbetslista/?visa=alla")
    assert len(svar.context["rader"]) == antal


# The session with its user, and the user's roles, attest right, Enhet, unread notices and
# grants to protected Akter in one query (the navigation, the header and every access query's
# plain id list) — on PostgreSQL both in the session's query (bistand.inlasning) — one per
# source of worklist tasks (appeals, kommunicering answers, delays to tell of plus that one's
# parameter, which PostgreSQL keeps as grunddata: bistand.grunddataversion).
# The synpunkter panel costs queries only for managers. The open ärenden read with the page's
# LIMIT (their COUNT only when they do not fit on the first page: 50 do). The förste's caseload
# per handläggare: the handläggare (their open ärenden are counted once a minute, on the first
# request, and kept in the cache).
FRAGOR = 7 if connection.vendor == "postgresql" else 9


def test_a_view_without_akter_reads_no_arenden_and_asks_no_task_source(
    client, forste, handlaggare, skapa_akt, enhet, registrera
):
    # The förste's own view: every Akt of the Enhet is a handläggare's, so the view holds
    # none, and neither the list nor any source of tasks has anything to find.
    registrera(skapa_akt(enhet, handlaggare))
    client.force_login(forste)
    client.get("/arbetslista/")
    with CaptureQueriesContext(connection) as fragor:
        svar = client.get("/arbetslista/")
    assert "Inga ärenden att visa." in svar.content.decode()
    lasta = " ".join(q["sql"] for q in fragor.captured_queries)
    for tabell in ("ansokan_ansokan", "beslut_overklagande", "utredning_kommunicering"):
        assert f'FROM "{tabell}"' not in lasta, tabell
    # The whole Enhet still lists the ärende.
    assert len(client.get("/arbetslista/?visa=alla").context["rader"]) == 1


def test_forste_sees_caseload_and_assigns(
    client, forste, handlaggare, kollega, skapa_akt, enhet, registrera
):
    registrera(skapa_akt(enhet, handlaggare))
    fri = registrera(skapa_akt(enhet))
    client.force_login(forste)
    svar = client.get("/arbetslista/?visa=alla")
    belastning = {h.username: h.arenden for h in svar.context["belastning"]}
    assert belastning == {"agare": 1, "kollega": 0}
    # Listed by name with the count in words, and offered by the form that moves them all.
    text = svar.content.decode()
    namn = handlaggare.get_full_name() or handlaggare.username
    assert f"<li>{namn}: 1 öppet ärende</li>" in text
    assert f"<li>{kollega.get_full_name() or kollega.username}: 0 öppna ärenden</li>" in text
    flytta = text[text.index('id="omf-fran"') : text.index("Flytta ärendena")]
    assert flytta.count(f'<option value="{handlaggare.pk}">{namn} (1 ärende)</option>') == 2
    svar = client.post("/arbetslista/tilldela/", {"akt": fri.akt_id, "handlaggare": kollega.pk})
    assert svar.status_code == 302
    fri.akt.refresh_from_db()
    assert fri.akt.handlaggare == kollega
    # The counts are kept for a minute but counted anew after an assignment.
    svar = client.get("/arbetslista/?visa=alla")
    belastning = {h.username: h.arenden for h in svar.context["belastning"]}
    assert belastning == {"agare": 1, "kollega": 1}


def test_the_forstes_caseload_counts_are_kept_for_a_minute(
    client, forste, handlaggare, kollega, skapa_akt, enhet, registrera
):
    with time_machine.travel(dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC), tick=False) as tid:
        registrera(skapa_akt(enhet, handlaggare))
        client.force_login(forste)
        client.get("/arbetslista/")
        registrera(skapa_akt(enhet, handlaggare))  # a new ärende, not an assignment
        svar = client.get("/arbetslista/")
        assert {h.username: h.arenden for h in svar.context["belastning"]}["agare"] == 1
        tid.shift(dt.timedelta(seconds=61))
        svar = client.get("/arbetslista/")
        assert {h.username: h.arenden for h in svar.context["belastning"]}["agare"] == 2


def test_a_handlaggare_cannot_assign(client, handlaggare, kollega, akt):
    client.force_login(handlaggare)
    assert (
        client.post(
            "/arbetslista/tilldela/", {"akt": akt.pk, "handlaggare": kollega.pk}
        ).status_code
        == 404
    )


def test_the_worklist_shows_the_kind_of_application_and_todays_akut_first(
    client, handlaggare, skapa_akt, enhet, registrera
):
    gammal = registrera(skapa_akt(enhet, handlaggare), mottagen=dt.date(2026, 11, 2))
    ater = registrera(
        skapa_akt(enhet, handlaggare), typ="ateransokan", mottagen=dt.date(2026, 11, 5)
    )
    akut = registrera(skapa_akt(enhet, handlaggare), typ="akut", mottagen=dt.date(2026, 11, 20))
    client.force_login(handlaggare)
    html = client.get("/arbetslista/").content.decode()
    assert '<th scope="col">Slag</th>' in html
    assert "<td>Nyansökan</td>" in html and "<td>Återansökan</td>" in html
    assert "<td>Akut ansökan</td>" in html
    assert html.index(akut.referens) < html.index(gammal.referens) < html.index(ater.referens)


def test_the_worklist_of_a_whole_enhet_is_paged_and_logs_only_the_shown_rows(
    client, monkeypatch, skapa_akt, enhet, handlaggare, registrera
):
    from utredning import views_arbete

    monkeypatch.setattr(views_arbete, "ARBETSLISTA_PER_SIDA", 3)
    for _ in range(4):
        registrera(skapa_akt(enhet))
    client.force_login(handlaggare)
    fore = senaste_logg_id()
    svar = client.get("/arbetslista/", {"visa": "alla"})
    assert len(svar.context["rader"]) == 3
    visade = {a.akt_id for a in svar.context["rader"]} | {
        u.akt_id for u in svar.context["uppgifter"]
    }
    assert loggade_akter("arbetslista", efter=fore) == sorted(visade)
    assert "?visa=alla&amp;sida=2" in svar.content.decode()
    assert len(client.get("/arbetslista/", {"visa": "alla", "sida": 2}).context["rader"]) == 1


def test_the_worklist_reads_only_its_page_from_the_database_and_stays_flat(
    client, monkeypatch, skapa_akt, enhet, handlaggare, registrera, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from utredning import views_arbete

    monkeypatch.setattr(views_arbete, "ARBETSLISTA_PER_SIDA", 3)
    for _ in range(4):
        registrera(skapa_akt(enhet))
    client.force_login(handlaggare)
    client.get("/arbetslista/", {"visa": "alla"})
    with CaptureQueriesContext(connection) as fa:
        client.get("/arbetslista/", {"visa": "alla"})
    for _ in range(4):
        registrera(skapa_akt(enhet))
    with django_assert_max_num_queries(len(fa)), CaptureQueriesContext(connection) as fragor:
        svar = client.get("/arbetslista/", {"visa": "alla", "sida": 2})
    assert len(svar.context["rader"]) == 3
    # The ärenden are read with the page's limit, not all of them before paging.
    lasning = [
        q["sql"]
        for q in fragor.captured_queries
        if q["sql"].startswith('SELECT "ansokan_ansokan"."id"')
        and '"ansokan_ansokan"."referens"' in q["sql"]
    ]
    assert any(sql.endswith("LIMIT 3 OFFSET 3") for sql in lasning), lasning
