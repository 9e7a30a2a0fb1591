"""The access log is partitioned by month and the case history by year on PostgreSQL; the
nightly job creates the coming months, the archive command moves only an old month out, and
the log review reads only the months it asks for (docs/prestanda.md: Tillväxt: partitionering
och arkiv; docs/drift.md: Partitioner och arkiv). PostgreSQL only: SQLite keeps plain tables."""

from __future__ import annotations

import csv
import datetime
import gzip
import hashlib
import io
import logging

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bistand.access import logga
from bistand.kalender import dygnets_borjan
from bistand.models import Atkomstlogg, Enhet, Notis
from bistand.partitioner import (
    RESERV_TEXT,
    partitioner_jobb,
    partitioner_sakerstall,
    reserv_antal,
)
from bistand.skala import egen_tidpunkt
from kvalitet.selectors import loggrader

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("partitions exist on PostgreSQL only; SQLite keeps plain tables")


def _sql(sql: str, params=None) -> list[tuple]:
    with connection.cursor() as c:
        c.execute(sql, params)
        return c.fetchall() if c.description else []


def _partitioner(tabell: str) -> set[str]:
    return {
        r[0]
        for r in _sql(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = %s::regclass",
            [tabell],
        )
    }


def _logg_vid(
    tidpunkt: datetime.datetime, *, akt_id=None, anvandare=None, akt_ids=None
) -> Atkomstlogg:
    with egen_tidpunkt(Atkomstlogg, "tidpunkt"):
        (rad,) = Atkomstlogg.objects.bulk_create(
            [
                Atkomstlogg(
                    tidpunkt=tidpunkt,
                    anvandare_id=anvandare.pk if anvandare else None,
                    anvandarnamn=anvandare.username if anvandare else "system",
                    akt_id=akt_id,
                    akt_ids=akt_ids,
                    sida="akt" if akt_ids is None else "arbetslista",
                    beviljad=True,
                )
            ]
        )
    return rad


def _partition_for(rad: Atkomstlogg) -> str:
    return _sql("SELECT tableoid::regclass::text FROM bistand_atkomstlogg WHERE id = %s", [rad.pk])[
        0
    ][0]


def test_the_access_log_and_the_case_history_are_partitioned_by_range():
    rader = dict(
        _sql(
            "SELECT partrelid::regclass::text, partstrat FROM pg_partitioned_table "
            "WHERE partrelid IN ('bistand_atkomstlogg'::regclass, 'bistand_handelse'::regclass)"
        )
    )
    assert rader == {"bistand_atkomstlogg": "r", "bistand_handelse": "r"}
    assert "bistand_atkomstlogg_reserv" in _partitioner("bistand_atkomstlogg")
    assert "bistand_handelse_reserv" in _partitioner("bistand_handelse")


def test_after_the_nightly_job_a_read_today_lands_in_this_months_partition(handlaggare, akt):
    partitioner_jobb(timezone.localdate())
    logga(handlaggare, sida="akt", beviljad=True, akt_id=akt.pk)
    rad = Atkomstlogg.objects.latest("pk")
    assert _partition_for(rad) == f"bistand_atkomstlogg_p{timezone.localdate():%Y_%m}"


def test_a_month_is_cut_at_midnight_in_stockholm_not_utc():
    partitioner_sakerstall(datetime.date(2031, 1, 1), datetime.date(2031, 2, 1))
    # 23:30 UTC on 31 January is 00:30 on 1 February in Stockholm.
    rad = _logg_vid(datetime.datetime(2031, 1, 31, 23, 30, tzinfo=datetime.UTC))
    assert _partition_for(rad) == "bistand_atkomstlogg_p2031_02"


def test_a_row_in_a_partition_cannot_be_changed_or_deleted(handlaggare, akt):
    logga(handlaggare, sida="akt", beviljad=True, akt_id=akt.pk)
    rad = Atkomstlogg.objects.latest("pk")
    partition = _partition_for(rad)
    for sql in (
        f"UPDATE {partition} SET sida = 'x' WHERE id = %s",  # noqa: S608 - from the catalogue
        f"DELETE FROM {partition} WHERE id = %s",  # noqa: S608 - from the catalogue
        "UPDATE bistand_atkomstlogg SET sida = 'x' WHERE id = %s",
        "DELETE FROM bistand_atkomstlogg WHERE id = %s",
    ):
        with pytest.raises(IntegrityError, match="Åtkomstloggen går inte att ändra"):
            with transaction.atomic():
                _sql(sql, [rad.pk])
    assert Atkomstlogg.objects.filter(pk=rad.pk, sida="akt").exists()


def test_the_nightly_job_creates_the_next_three_months_once():
    assert partitioner_jobb(datetime.date(2032, 11, 20)) == 6
    assert {
        "bistand_atkomstlogg_p2032_11",
        "bistand_atkomstlogg_p2032_12",
        "bistand_atkomstlogg_p2033_01",
        "bistand_atkomstlogg_p2033_02",
    } <= _partitioner("bistand_atkomstlogg")
    assert {"bistand_handelse_p2032", "bistand_handelse_p2033"} <= _partitioner("bistand_handelse")
    assert partitioner_jobb(datetime.date(2032, 11, 21)) == 0


def test_the_job_tells_the_administrators_when_the_default_partition_has_rows(
    administrator, caplog
):
    rad = _logg_vid(datetime.datetime(2040, 3, 5, 12, tzinfo=datetime.UTC))
    assert _partition_for(rad) == "bistand_atkomstlogg_reserv"
    with caplog.at_level(logging.WARNING, logger="bistand.partitioner"):
        # The month of the stray row is not created (its row would not fit); the rest is.
        assert partitioner_jobb(datetime.date(2040, 3, 1)) == 4
        partitioner_jobb(datetime.date(2040, 3, 2))
    assert "bistand_atkomstlogg_p2040_03" not in _partitioner("bistand_atkomstlogg")
    assert "reservpartitionen" in caplog.text
    assert Notis.objects.filter(mottagare=administrator, text=RESERV_TEXT).count() == 1


def test_the_archive_command_moves_out_only_a_month_past_the_retention_time(tmp_path):
    partitioner_sakerstall(datetime.date(2020, 1, 1), datetime.date(2020, 2, 1))
    januari = [_logg_vid(datetime.datetime(2020, 1, d, 9, tzinfo=datetime.UTC)) for d in (2, 3)]
    # A list view's row: its Akter go to the archive with it.
    januari.append(_logg_vid(datetime.datetime(2020, 1, 4, 9, tzinfo=datetime.UTC), akt_ids=[3, 5]))
    februari = _logg_vid(datetime.datetime(2020, 2, 3, 9, tzinfo=datetime.UTC))
    ut = io.StringIO()

    call_command(
        "arkivera_atkomstlogg",
        katalog=tmp_path,
        bevara_manader=24,
        datum=datetime.date(2022, 2, 15),
        stdout=ut,
    )

    assert "2020-01: 3 rader" in ut.getvalue()
    assert "bistand_atkomstlogg_p2020_01" not in _partitioner("bistand_atkomstlogg")
    assert not _sql("SELECT to_regclass('bistand_atkomstlogg_p2020_01')")[0][0]
    assert not Atkomstlogg.objects.filter(pk__in=[r.pk for r in januari]).exists()
    assert Atkomstlogg.objects.filter(pk=februari.pk).exists()
    fil = tmp_path / "bistand_atkomstlogg_p2020_01.csv.gz"
    summa = (tmp_path / "bistand_atkomstlogg_p2020_01.csv.gz.sha256").read_text().split()[0]
    assert summa == hashlib.sha256(fil.read_bytes()).hexdigest()
    with gzip.open(fil, "rt", encoding="utf-8", newline="") as f:
        rader = list(csv.DictReader(f))
    assert [int(r["id"]) for r in rader] == [r.pk for r in januari]
    assert [r["akt_ids"] for r in rader] == ["", "", "{3,5}"]


def test_the_archive_command_keeps_every_month_within_the_retention_time(tmp_path):
    partitioner_sakerstall(datetime.date(2021, 6, 1), datetime.date(2021, 6, 1))
    rad = _logg_vid(datetime.datetime(2021, 6, 10, 9, tzinfo=datetime.UTC))
    call_command(
        "arkivera_atkomstlogg",
        katalog=tmp_path,
        bevara_manader=12,
        datum=datetime.date(2022, 6, 30),
        stdout=io.StringIO(),
    )
    assert Atkomstlogg.objects.filter(pk=rad.pk).exists()
    assert not list(tmp_path.iterdir())


def test_the_log_review_finds_a_months_reads_and_scans_only_that_months_partition(
    handlaggare, enhetschef, akt
):
    partitioner_sakerstall(datetime.date(2030, 4, 1), datetime.date(2030, 6, 1))
    i_maj = _logg_vid(
        datetime.datetime(2030, 5, 14, 10, tzinfo=datetime.UTC),
        akt_id=akt.pk,
        anvandare=handlaggare,
    )
    _logg_vid(
        datetime.datetime(2030, 6, 2, 10, tzinfo=datetime.UTC), akt_id=akt.pk, anvandare=handlaggare
    )
    enheter = Enhet.objects.filter(pk=akt.enhet_id)

    with CaptureQueriesContext(connection) as fragor:
        rader, antal = loggrader(
            enhetschef, enheter, fran=datetime.date(2030, 5, 1), till=datetime.date(2030, 5, 31)
        )

    assert [r.pk for r in rader] == [i_maj.pk]
    assert antal == 1
    # Both counts — the reads of one Akt, the list views' Akter — read only May's partition.
    raknade = [f["sql"] for f in fragor if "COUNT(*)" in f["sql"] and "atkomstlogg" in f["sql"]]
    assert len(raknade) == 2
    for fraga in raknade:
        plan = "\n".join(r[0] for r in _sql(f"EXPLAIN {fraga}"))
        assert "bistand_atkomstlogg_p2030_05" in plan, plan
        for annan in ("p2030_04", "p2030_06", "reserv", f"p{timezone.localdate():%Y_%m}"):
            assert f"bistand_atkomstlogg_{annan}" not in plan, plan


def test_a_log_review_day_is_a_day_in_stockholm():
    assert dygnets_borjan(datetime.date(2030, 5, 14)) == datetime.datetime(
        2030, 5, 13, 22, tzinfo=datetime.UTC
    )


def test_seed_scale_puts_a_year_of_reads_and_events_in_their_own_partitions():
    call_command("seed_scale", "--hushall", "20", stdout=io.StringIO(), stderr=io.StringIO())
    assert Atkomstlogg.objects.count() >= 200
    assert reserv_antal() == {"bistand_atkomstlogg": 0, "bistand_handelse": 0}
