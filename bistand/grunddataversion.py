"""Grunddata kept in the process while unchanged (docs/prestanda.md: Grunddata i minnet).

The tables the administrators keep — lagrum, parameters, riktlinjer and their levels, the
delegationsordning, how the beräkning maps to post kinds — change a few times a year and are
read on every case page. On PostgreSQL every write to one of them (insert, update, delete or
truncate; through the admin, a migration, a bulk command or by hand) bumps one number in the
database, `bistand_grunddataversion`, by a statement trigger in the same transaction
(`bevaka`). The number is read with the session (bistand.inlasning), once per request; a
query marked as grunddata (`grunddata_rader`) is read from the database the first time per
number and thread, and taken from memory while the number is the same.

Without a number — SQLite, a request without a session, a Celery task, a command — every such
query is read from the database as before. What is kept are the rows a query gave; callers
read them and never change them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextvars import ContextVar

from django.core.signals import request_finished, request_started
from django.db import connection, migrations, models
from django.dispatch import receiver

from .forberedd import forberedd, markor

TABELL = "bistand_grunddataversion"

# The number read with this request's session, or None (read everything).
_VERSION: ContextVar[int | None] = ContextVar("bistand_grunddataversion", default=None)
_minne = threading.local()
# Every grunddata query used in this process, by key: its builder (the tests check that each
# table it reads bumps the number).
REGISTRERADE: dict[tuple, Callable[[], models.QuerySet]] = {}
# Every table whose writes bump the number (the migrations' `bevaka`); a test compares this
# with the triggers in the database.
GRUNDDATA_TABELLER = frozenset(
    {
        "bistand_lagrum",
        "bistand_parameter",
        "ansokan_posttyp",
        "beslut_riktlinjeniva",
        "beslut_delegation",
        "utredning_riktlinje",
        "utredning_riktlinjeavsnitt",
        "utredning_berakningkoppling",
        # Who the staff are, their Enheter and roles (bistand 0028; pages show them).
        "bistand_enhet",
        "bistand_namnd",
        "auth_group",
        "bistand_user_groups",
        "bistand_user",
        # The kinds of case event, named on the journal page (beslut 0019).
        "bistand_handelsetyp",
        # The riksnorm and the housing levels of every beräkning (utredning 0012).
        "utredning_riksnorm",
        "utredning_riksnormbelopp",
        "utredning_boendeniva",
    }
)
# At most this many results are kept per thread; then all are forgotten and read anew.
STORSTA_ANTAL = 256


def satt_version(version: int | None) -> None:
    _VERSION.set(version)


def aktuell_version() -> int | None:
    """The number read with this request's session, or None."""
    return _VERSION.get()


def version_las() -> int | None:
    """The number for one read of grunddata where a request has none of its own — the public
    provberäkning and its API, which have no session: read with one prepared query on
    PostgreSQL (None elsewhere). It is returned, not set for the request: a task or a command
    runs for long, and a number it kept would hide later changes."""
    version = _VERSION.get()
    if version is not None or connection.vendor != "postgresql":
        return version
    with markor(connection) as cursor:
        cursor.execute(f"SELECT version FROM {TABELL} WHERE id = 1")  # noqa: S608 - constant
        rad = cursor.fetchone()
    return rad[0] if rad else None


def glom_allt() -> None:
    """Forget every result kept by this thread (the tests: numbers repeat between databases)."""
    _minne.__dict__.clear()


def minnet_for(namn: str, version: int) -> dict:
    """A dict of this thread for results kept under the grunddata number `version`: empty
    when the number has changed since, or when it has grown past `STORSTA_ANTAL`."""
    minnen = getattr(_minne, "namngivna", None)
    if minnen is None:
        minnen = _minne.namngivna = {}
    version_och_rader = minnen.get(namn)
    if (
        version_och_rader is None
        or version_och_rader[0] != version
        or (len(version_och_rader[1]) > STORSTA_ANTAL)
    ):
        version_och_rader = minnen[namn] = (version, {})
    return version_och_rader[1]


@receiver(request_started)
@receiver(request_finished)
def _ny_forfragan(sender, **kwargs) -> None:
    """Each request starts without a number: only its own session's read sets one."""
    _VERSION.set(None)


def version_sql() -> str:
    """The number, as a subquery for the session's read."""
    return f"(SELECT version FROM {TABELL} WHERE id = 1)"  # noqa: S608 - a constant name


def _fryst(varde):
    if isinstance(varde, list | tuple | set):
        return tuple(varde)
    return varde


def grunddata_rader(
    nyckel: tuple, bygg: Callable[[], models.QuerySet], varden: dict, *, limit: int | None = None
) -> list:
    """The rows of the prepared query `forberedd(nyckel, bygg)` for `varden` — kept in memory
    for the grunddata number read with this request's session, read from the database when
    there is none. Every table the query reads must be watched (`bevaka`)."""
    REGISTRERADE.setdefault(nyckel, bygg)
    fraga = forberedd(nyckel, bygg)
    version = _VERSION.get()
    if version is None:
        return fraga.rader(varden, limit=limit)
    minne = minnet_for("grunddata_rader", version)
    nyckel_med_varden = (nyckel, tuple(sorted((k, _fryst(v)) for k, v in varden.items())), limit)
    rader = minne.get(nyckel_med_varden)
    if rader is None:
        rader = minne[nyckel_med_varden] = fraga.rader(varden, limit=limit)
    return list(rader)


# ---- the database's side (PostgreSQL) ---------------------------------------------------------

_FUNKTION = """
CREATE OR REPLACE FUNCTION bistand_grunddata_andrad() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE bistand_grunddataversion SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$
"""


def skapa_funktion(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_FUNKTION)


def bevaka(*tabeller: str, kolumner: tuple[str, ...] = ()):
    """A migration operation: every write to these tables bumps the grunddata number
    (PostgreSQL; elsewhere nothing is kept, so nothing is needed). With `kolumner`, an update
    bumps it only when it sets one of those columns (a login's time stamp on the user row
    changes nothing a page shows)."""
    uppdatering = f"UPDATE OF {', '.join(kolumner)}" if kolumner else "UPDATE"

    def fram(apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for tabell in tabeller:
            schema_editor.execute(
                f"CREATE TRIGGER grunddata_andrad AFTER INSERT OR {uppdatering} OR DELETE OR "
                f'TRUNCATE ON "{tabell}" FOR EACH STATEMENT '
                "EXECUTE FUNCTION bistand_grunddata_andrad()"
            )

    def bak(apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for tabell in tabeller:
            schema_editor.execute(f'DROP TRIGGER IF EXISTS grunddata_andrad ON "{tabell}"')

    return migrations.RunPython(fram, bak)
