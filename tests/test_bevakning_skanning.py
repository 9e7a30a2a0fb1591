"""The periodic deadline scan: nothing is forgotten, even after an outage (docs/arkitektur.md:
Periodiska jobb)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from bistand import services
from bistand.bevakning_skanning import bevakningar_markera_overskridna
from bistand.kalender import lagstadgad_frist
from bistand.models import Bevakning, Notis
from bistand.periodiskt import kor_alla

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("slutdag", "frist"),
    [
        (dt.date(2026, 6, 19), dt.date(2026, 6, 22)),
        (dt.date(2026, 12, 24), dt.date(2026, 12, 28)),
        (dt.date(2026, 12, 31), dt.date(2027, 1, 4)),
    ],
)
def test_a_deadline_on_a_holiday_eve_is_kept_until_the_next_working_day(akt, slutdag, frist):
    b = services.bevakning_skapa(typ="paminnelse", akt=akt, forfaller=lagstadgad_frist(slutdag))
    assert b.forfaller == frist
    assert bevakningar_markera_overskridna(frist) == 0
    b.refresh_from_db()
    assert b.status == "aktiv"
    assert bevakningar_markera_overskridna(frist + dt.timedelta(days=1)) == 1
    b.refresh_from_db()
    assert b.status == "overskriden"


def test_a_met_bevakning_is_never_marked_overdue(akt):
    services.bevakning_skapa(typ="paminnelse", akt=akt, forfaller=dt.date(2026, 12, 1), objekt=akt)
    services.bevakning_uppfyll(typ="paminnelse", objekt=akt)
    assert bevakningar_markera_overskridna(dt.date(2026, 12, 10)) == 0
    assert Bevakning.objects.get().status == "uppfylld"


def test_an_overdue_bevakning_notifies_the_owner_and_the_enhetschef_once(
    akt, handlaggare, enhetschef, utomstaende
):
    handlaggare.email = "agare@kommun.example"
    handlaggare.save()
    services.bevakning_skapa(typ="paminnelse", akt=akt, forfaller=dt.date(2026, 12, 1))
    bevakningar_markera_overskridna(dt.date(2026, 12, 2))
    bevakningar_markera_overskridna(dt.date(2026, 12, 3))
    assert set(Notis.objects.values_list("mottagare__username", flat=True)) == {"agare", "chefen"}
    assert Notis.objects.count() == 2
    assert len(mail.outbox) == 1
    assert akt.aktnummer in mail.outbox[0].body
    assert not Notis.objects.filter(mottagare=utomstaende).exists()


def test_after_a_three_day_outage_every_missed_deadline_is_handled_exactly_once(akt):
    bevakningar = [
        Bevakning.objects.create(
            typ="paminnelse", akt=akt, forfaller=dt.date(2026, 11, dag), agare=akt.handlaggare
        )
        for dag in (20, 21, 22)
    ]
    framtida = Bevakning.objects.create(typ="paminnelse", akt=akt, forfaller=dt.date(2026, 11, 30))
    with time_machine.travel(dt.datetime(2026, 11, 24, 8, tzinfo=dt.UTC), tick=False):
        forsta = kor_alla()
        andra = kor_alla()
    assert forsta["bevakningar"] == 3
    assert andra["bevakningar"] == 0
    assert all(Bevakning.objects.get(pk=b.pk).status == "overskriden" for b in bevakningar)
    assert Bevakning.objects.get(pk=framtida.pk).status == "aktiv"
    assert Notis.objects.filter(bevakning__in=bevakningar).count() == 3


def test_the_scan_reads_only_what_is_due(akt, django_assert_max_num_queries):
    for dag in range(1, 29):
        Bevakning.objects.create(typ="paminnelse", akt=akt, forfaller=dt.date(2027, 2, dag))
    with django_assert_max_num_queries(1):
        assert bevakningar_markera_overskridna(dt.date(2026, 12, 1)) == 0


def test_run_periodic_runs_the_jobs_once_and_reports(akt):
    Bevakning.objects.create(typ="paminnelse", akt=akt, forfaller=dt.date(2026, 11, 1))
    ut = io.StringIO()
    call_command("run_periodic", "--datum", "2026-11-24", stdout=ut)
    assert "bevakningar: 1 hanterade" in ut.getvalue()
    call_command("run_periodic", "--datum", "2026-11-24", stdout=(ut := io.StringIO()))
    assert "bevakningar: 0 hanterade" in ut.getvalue()


def test_the_beat_schedule_runs_the_dispatcher():
    from django.conf import settings

    assert settings.CELERY_BEAT_SCHEDULE["periodiska-jobb"]["task"] == "bistand.kor_periodiska"


def test_notices_show_for_the_owner_and_are_marked_read(client, akt, handlaggare):
    services.bevakning_skapa(typ="paminnelse", akt=akt, forfaller=dt.date(2026, 11, 1))
    bevakningar_markera_overskridna(dt.date(2026, 11, 24))
    client.force_login(handlaggare)
    assert "Notiser (1 olästa)" in client.get("/").content.decode()
    text = client.get("/notiser/").content.decode()
    assert akt.aktnummer in text
    assert "Notiser (1 olästa)" not in text  # the page that marks them read says so at once
    assert "Notiser (1 olästa)" not in client.get("/").content.decode()


def test_a_task_enqueued_while_the_broker_is_down_does_not_lose_the_saved_work(
    akt, handlaggare, caplog, django_capture_on_commit_callbacks
):
    """A real Celery app whose broker address has nothing listening (docs/arkitektur.md: Periodiska
    jobb)."""
    import logging

    from celery import Celery

    from bistand import jobb

    doed = Celery("doed", broker="redis://127.0.0.1:1/0", set_as_current=False)
    doed.conf.task_publish_retry_policy = {"max_retries": 1, "interval_start": 0}
    doed.conf.broker_connection_retry = False

    @doed.task(name="doed.ping")
    def ping() -> str:
        return "pong"

    caplog.set_level(logging.WARNING, logger="bistand.jobb")
    with django_capture_on_commit_callbacks(execute=True):
        anteckning = services.journal_skriv(
            akt=akt, av=handlaggare, kontakttyp="intern", text="sparas ändå"
        )
        jobb.koa_efter_commit(ping)
    anteckning.refresh_from_db()
    assert anteckning.text == "sparas ändå"
    assert "körs av det periodiska jobbet senare" in caplog.text


def test_the_scan_costs_the_same_queries_for_five_and_fifty_due_deadlines(akt):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    akt.handlaggare.email = "agare@kommun.example"
    akt.handlaggare.save()
    antal_fragor = []
    for antal, manad in ((5, 10), (50, 11)):
        for _ in range(antal):
            Bevakning.objects.create(
                typ="paminnelse", akt=akt, agare=akt.handlaggare, forfaller=dt.date(2026, manad, 2)
            )
        with CaptureQueriesContext(connection) as fragor:
            assert bevakningar_markera_overskridna(dt.date(2026, manad, 3)) == antal
        antal_fragor.append(len(fragor))
    assert antal_fragor[0] == antal_fragor[1]
    # Each one still told the owner once by a notice, and by one e-mail per scan that lists
    # them all rather than fifty e-mails.
    assert Notis.objects.filter(mottagare=akt.handlaggare).count() == 55
    till_agaren = [m for m in mail.outbox if m.to == ["agare@kommun.example"]]
    assert len(till_agaren) == 2
    assert till_agaren[1].subject == "Bistånd: 50 bevakningar har passerat"
    assert till_agaren[1].body.count(akt.aktnummer) == 50


@pytest.mark.parametrize(
    ("i_akt", "typ", "beskrivning", "vantad"),
    [
        (True, "paminnelse", "", "Bevakningen påminnelse i akt {akt} passerade 2026-12-01."),
        (
            False,
            "paminnelse",
            "Svar till IVO",
            "Bevakningen påminnelse (Svar till IVO) passerade 2026-12-01.",
        ),
        (False, "paminnelse", "", "Bevakningen påminnelse passerade 2026-12-01."),
        (True, "Okand_Typ", "", "Bevakningen okand_typ i akt {akt} passerade 2026-12-01."),
    ],
)
def test_the_notice_names_the_kind_the_akt_or_the_description_and_the_day(
    akt, handlaggare, i_akt, typ, beskrivning, vantad
):
    Bevakning.objects.create(
        typ=typ,
        akt=akt if i_akt else None,
        agare=handlaggare,
        beskrivning=beskrivning,
        forfaller=dt.date(2026, 12, 1),
    )
    bevakningar_markera_overskridna(dt.date(2026, 12, 2))
    notis = Notis.objects.get(mottagare=handlaggare)
    assert notis.text == vantad.format(akt=akt.aktnummer)
    assert notis.lank == (f"/akter/{akt.pk}/" if i_akt else "/notiser/")


def test_a_long_description_is_cut_to_the_notice_length(handlaggare):
    Bevakning.objects.create(
        typ="paminnelse", agare=handlaggare, beskrivning="x" * 300, forfaller=dt.date(2026, 12, 1)
    )
    bevakningar_markera_overskridna(dt.date(2026, 12, 2))
    assert len(Notis.objects.get().text) == 300
