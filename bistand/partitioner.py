"""The access log and the case history partitioned by time on PostgreSQL (docs/prestanda.md:
Tillväxt: partitionering och arkiv).

`bistand_atkomstlogg` has one partition per month and `bistand_handelse` one per year, by
`tidpunkt`, with month and year taken in Europe/Stockholm so that a month of the log review is
exactly one partition. Each table also has a DEFAULT partition (`<tabell>_reserv`) that takes a
row no partition covers; it should stay empty.

- `partitionera` / `avpartitionera`: the migration's two directions (bistand 0021). The rows
  move with `INSERT … SELECT`; ids, the identity sequence, the indexes, the foreign keys and
  the append-only triggers (bistand.dbguard) are kept. The primary key becomes
  (`id`, `tidpunkt`), as PostgreSQL requires the partition key in every unique index.
- `bistand_partition_skapa(tabell, dag)`: an SQL function that creates the partition holding
  `dag`, if missing. It runs with its owner's rights (SECURITY DEFINER), so the application
  role, which may run no DDL (docs/drift.md: Databasroller), can create the coming months from
  the nightly job while the partitions still belong to the owner.
- `partitioner_jobb`: the nightly job — the next three months ahead, and a warning to the
  administrators when a DEFAULT partition holds rows.
- `manad_arkivera`: the only way access-log rows leave the database — a whole month past the
  retention time is exported, checked, detached and dropped (`manage.py arkivera_atkomstlogg`).

SQLite keeps plain tables: every function here does nothing there.
"""

from __future__ import annotations

import csv
import datetime
import gzip
import hashlib
import io
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from dateutil.relativedelta import relativedelta
from django.db import connection, transaction
from django.db.models import Q

from .dbguard import atkomstlogg_vakt, handelse_gallring

logger = logging.getLogger(__name__)

ZON = "Europe/Stockholm"
MANAD = "bistand_atkomstlogg"
AR = "bistand_handelse"
# Table → (the step of its partitions, its append-only guard as made by bistand.dbguard.vakt).
TABELLER = {MANAD: ("month", atkomstlogg_vakt), AR: ("year", handelse_gallring)}
MANADER_FRAMAT = 3

SKAPA_FUNKTION = f"""
CREATE OR REPLACE FUNCTION bistand_partition_skapa(tabell text, dag date) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  steg text;
  start date;
  namn text;
  fran timestamptz;
  till timestamptz;
  upptagen boolean;
BEGIN
  IF tabell = '{MANAD}' THEN steg := 'month';
  ELSIF tabell = '{AR}' THEN steg := 'year';
  ELSE RAISE EXCEPTION 'Tabellen % delas inte i partitioner.', tabell;
  END IF;
  start := date_trunc(steg, dag)::date;
  namn := tabell || '_p' || to_char(start, CASE steg WHEN 'month' THEN 'YYYY_MM' ELSE 'YYYY' END);
  IF to_regclass('public.' || quote_ident(namn)) IS NOT NULL THEN
    RETURN 'finns';
  END IF;
  fran := start::timestamp AT TIME ZONE '{ZON}';
  till := (start + ('1 ' || steg)::interval)::timestamp AT TIME ZONE '{ZON}';
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM public.%I WHERE tidpunkt >= $1 AND tidpunkt < $2)',
                 tabell || '_reserv') INTO upptagen USING fran, till;
  IF upptagen THEN
    RETURN 'reserv';
  END IF;
  -- The bounds as ISO text in UTC, whatever the session's DateStyle and TimeZone.
  EXECUTE format('CREATE TABLE public.%I PARTITION OF public.%I FOR VALUES FROM (%L) TO (%L)',
                 namn, tabell,
                 to_char(fran AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00"'),
                 to_char(till AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00"'));
  RETURN 'skapad';
END; $$;
REVOKE ALL ON FUNCTION bistand_partition_skapa(text, date) FROM PUBLIC;
"""  # noqa: S608 - the constants above, no input
TA_BORT_FUNKTION = "DROP FUNCTION IF EXISTS bistand_partition_skapa(text, date);"


def pa_postgres() -> bool:
    return connection.vendor == "postgresql"


def partition_skapa(tabell: str, dag: datetime.date, *, cursor=None) -> str:
    """Create the partition of `tabell` holding `dag` if missing: 'skapad', 'finns', or
    'reserv' when the DEFAULT partition already holds rows of that period (not created)."""
    if cursor is None:
        with connection.cursor() as c:
            return partition_skapa(tabell, dag, cursor=c)
    cursor.execute("SELECT bistand_partition_skapa(%s, %s)", [tabell, dag])
    return cursor.fetchone()[0]


def partitioner_sakerstall(fran: datetime.date, till: datetime.date) -> int:
    """Every month's (and year's) partition from `fran` to `till`, both included; returns how
    many were created. For seed data and the nightly job; nothing on SQLite."""
    if not pa_postgres():
        return 0
    skapade = 0
    with connection.cursor() as c:
        manad = fran.replace(day=1)
        while manad <= till:
            skapade += partition_skapa(MANAD, manad, cursor=c) == "skapad"
            manad += relativedelta(months=1)
        for ar in range(fran.year, till.year + 1):
            skapade += partition_skapa(AR, datetime.date(ar, 1, 1), cursor=c) == "skapad"
    return skapade


def reserv_antal() -> dict[str, int]:
    """Rows in each DEFAULT partition (rows no month or year partition covers)."""
    if not pa_postgres():
        return {}
    with connection.cursor() as c:
        antal = {}
        for tabell in TABELLER:
            c.execute(f'SELECT count(*) FROM "{tabell}_reserv"')  # noqa: S608 - fixed names
            antal[tabell] = c.fetchone()[0]
    return antal


RESERV_TEXT = (
    "Åtkomstloggen eller händelserna har rader utanför sina partitioner. "
    "Drift behöver skapa de saknade partitionerna (docs/drift.md: Partitioner)."
)


def partitioner_jobb(idag: datetime.date) -> int:
    """Nightly: this month's and the next three months' partitions (and the years they fall
    in), so an insert never has to land in the DEFAULT partition; a warning in the log and a
    notice to the administrators while a DEFAULT partition holds rows. Idempotent: a partition
    that exists is left alone, one unread notice at a time. Returns partitions created."""
    if not pa_postgres():
        return 0
    with transaction.atomic():
        with connection.cursor() as c:
            # Creating a partition locks the parent briefly; never queue behind a long read.
            c.execute("SET LOCAL lock_timeout = '5s'")
        skapade = partitioner_sakerstall(idag, idag + relativedelta(months=MANADER_FRAMAT))
    reserv = {t: n for t, n in reserv_antal().items() if n}
    if reserv:
        logger.warning("Rader i reservpartitionen: %s", reserv)
        _avisera_administratorer(RESERV_TEXT)
    return skapade


def _avisera_administratorer(text: str) -> None:
    # A module that migrations import: the models are loaded only when the job runs.
    from .models import Notis, Roll, User

    for user in (
        User.objects.filter(is_active=True)
        .filter(Q(groups__name=Roll.ADMINISTRATOR) | Q(is_superuser=True))
        .distinct()
    ):
        if not Notis.objects.filter(mottagare=user, text=text, last__isnull=True).exists():
            Notis.objects.create(mottagare=user, text=text, lank="/admin/")


# ---- the migration ------------------------------------------------------------------------


def _definitioner(c, tabell: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The table's indexes (but its primary key) and foreign keys, as SQL to re-create them."""
    c.execute(
        "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary ORDER BY 1",
        [tabell],
    )
    index = [r[0] for r in c.fetchall()]
    c.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY 1",
        [tabell],
    )
    return index, list(c.fetchall())


def _flytta(schema_editor, tabell: str, *, partitionerad: bool) -> None:
    """Rebuild `tabell` as a partitioned table (or back as a plain one) with its rows, ids,
    identity sequence, indexes, foreign keys and guard. The indexes and keys are read from the
    catalogue before the rename, so their names and definitions stay as Django made them."""
    steg, vakt = TABELLER[tabell]
    gammal = f"{tabell}_gammal"
    with schema_editor.connection.cursor() as c:
        index, nycklar = _definitioner(c, tabell)
        c.execute("SELECT pg_get_serial_sequence(%s, 'id')", [tabell])
        sekvens = c.fetchone()[0]
        c.execute(f"SELECT last_value, is_called FROM {sekvens}")  # noqa: S608 - catalogue name
        senaste, anropad = c.fetchone()
        c.execute(f'ALTER TABLE "{tabell}" RENAME TO "{gammal}"')
        dela = " PARTITION BY RANGE (tidpunkt)" if partitionerad else ""
        c.execute(
            f'CREATE TABLE "{tabell}" (LIKE "{gammal}" INCLUDING DEFAULTS INCLUDING IDENTITY '
            f"INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMMENTS){dela}"
        )
        if partitionerad:
            c.execute(f'CREATE TABLE "{tabell}_reserv" PARTITION OF "{tabell}" DEFAULT')
            c.execute(
                f"SELECT DISTINCT date_trunc('{steg}', tidpunkt AT TIME ZONE '{ZON}')::date "  # noqa: S608
                f'FROM "{gammal}"'
            )
            perioder = {r[0] for r in c.fetchall()}
            idag = datetime.datetime.now(datetime.UTC).date()
            perioder |= {idag + relativedelta(months=n) for n in range(MANADER_FRAMAT + 1)}
            for period in sorted(perioder):
                partition_skapa(tabell, period, cursor=c)
        c.execute(f'INSERT INTO "{tabell}" SELECT * FROM "{gammal}"')  # noqa: S608
        c.execute(f'DROP TABLE "{gammal}" CASCADE')
        c.execute("SELECT pg_get_serial_sequence(%s, 'id')", [tabell])
        ny_sekvens = c.fetchone()[0]
        if ny_sekvens != sekvens:
            c.execute(f"ALTER SEQUENCE {ny_sekvens} RENAME TO {sekvens.split('.')[-1]}")
        c.execute("SELECT setval(%s, %s, %s)", [sekvens, senaste, anropad])
        nyckel = "id, tidpunkt" if partitionerad else "id"
        c.execute(f'ALTER TABLE "{tabell}" ADD CONSTRAINT "{tabell}_pkey" PRIMARY KEY ({nyckel})')
        for sql in index:
            c.execute(sql)
        for namn, definition in nycklar:
            c.execute(f'ALTER TABLE "{tabell}" ADD CONSTRAINT "{namn}" {definition}')
    # A row trigger on the parent is cloned to every partition, present and future
    # (PostgreSQL 13 and later).
    vakt[0](None, schema_editor)


def partitionera(apps, schema_editor) -> None:
    """Migration: the access log by month, the case history by year (PostgreSQL only)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as c:
        c.execute(SKAPA_FUNKTION)  # without parameters: the body's '%' are format()'s own
    for tabell in TABELLER:
        _flytta(schema_editor, tabell, partitionerad=True)


def avpartitionera(apps, schema_editor) -> None:
    """Reverse migration: plain tables again, with every row still in the database (an archived
    month stays in its archive file)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for tabell in TABELLER:
        _flytta(schema_editor, tabell, partitionerad=False)
    schema_editor.execute(TA_BORT_FUNKTION)


# ---- archiving ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Arkiverad:
    manad: datetime.date
    fil: Path
    rader: int
    sha256: str


def manader_att_arkivera(*, idag: datetime.date, bevara_manader: int) -> list[datetime.date]:
    """The access log's month partitions that ended at least `bevara_manader` whole months
    before this month began, oldest first."""
    if bevara_manader < 1:
        raise ValueError("Bevarandetiden måste vara minst en månad.")
    grans = idag.replace(day=1) - relativedelta(months=bevara_manader)
    with connection.cursor() as c:
        c.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = %s::regclass AND c.relname ~ '_p[0-9]{4}_[0-9]{2}$'",
            [MANAD],
        )
        manader = [datetime.date(int(namn[-7:-3]), int(namn[-2:]), 1) for (namn,) in c.fetchall()]
    return sorted(m for m in manader if m + relativedelta(months=1) <= grans)


def manad_arkivera(*, manad: datetime.date, katalog: Path) -> Arkiverad:
    """Export one month of the access log to `katalog` as gzip'd CSV with a SHA-256 file,
    read the file back and compare the row count, then detach and drop the partition — all in
    one transaction, so the month is either in the database or in a checked file.

    Run as the owner (docs/drift.md: Databasroller): only the owner may detach and drop."""
    namn = f"{MANAD}_p{manad:%Y_%m}"
    fil = katalog / f"{namn}.csv.gz"
    tillfallig = katalog / f"{namn}.csv.gz.del"
    with transaction.atomic(), connection.cursor() as c:
        c.execute("SET LOCAL lock_timeout = '10s'")
        # No row may arrive while the month is copied (none should: it is past).
        c.execute(f'LOCK TABLE "{namn}" IN SHARE MODE')
        c.execute(f'SELECT count(*) FROM "{namn}"')  # noqa: S608 - name from the catalogue
        rader = c.fetchone()[0]
        with open(tillfallig, "wb") as ut, gzip.GzipFile(fileobj=ut, mode="wb", mtime=0) as gz:
            with c.cursor.copy(
                f'COPY (SELECT * FROM "{namn}" ORDER BY id) TO STDOUT WITH (FORMAT csv, HEADER)'  # noqa: S608, E501 - a name from the catalogue
            ) as copy:
                for block in copy:
                    gz.write(block)
        with open(tillfallig, "rb") as ut:
            os.fsync(ut.fileno())
        summa, lasta = _kontrollera(tillfallig)
        if lasta != rader:
            raise RuntimeError(f"Arkivfilen har {lasta} rader, partitionen {rader}.")
        os.replace(tillfallig, fil)
        Path(f"{fil}.sha256").write_text(f"{summa}  {fil.name}\n", encoding="utf-8")
        c.execute(f'ALTER TABLE "{MANAD}" DETACH PARTITION "{namn}"')
        c.execute(f'DROP TABLE "{namn}"')
    logger.info("Åtkomstloggen %s arkiverad: %s rader i %s", f"{manad:%Y-%m}", rader, fil)
    return Arkiverad(manad=manad, fil=fil, rader=rader, sha256=summa)


def _kontrollera(fil: Path) -> tuple[str, int]:
    """SHA-256 of the file and the number of CSV records in it (header excluded)."""
    summa = hashlib.sha256()
    with open(fil, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            summa.update(block)
    with gzip.open(fil, "rb") as f:
        rader = sum(1 for _ in csv.reader(io.TextIOWrapper(f, encoding="utf-8", newline="")))
    return summa.hexdigest(), rader - 1
