"""Case pages kept in the process while nothing they show has changed (docs/prestanda.md:
Sidor i minnet).

The Akt, journal, utredning and beslut pages read up to twenty tables and draw a dozen forms; a
handläggare opens them again and again while working the ärende. On PostgreSQL every write to
a table such a page shows — through a service, the admin, a migration, a bulk command or by hand —
adds a row naming the Akt it touched to `bistand_aktandring`, by a statement trigger in the
same transaction (`bevaka_akt`). An Akt's state is the newest of its rows and how many there
are (`aktens_lage`): the rows only grow between two nightly compactions, so every commit
that touched the Akt gives a state never seen before, also when transactions commit out of
order, and a compaction writes one new row, newer than all.

A page's main part is drawn once per state of its Akt, grunddata number, day, user and the
user's roles and grants (`sparad_del`), and reused in the process while they are the same.
What belongs to one response is put in anew each time: the CSRF token and the one-time key
of a single-shot form (bistand.inskick). The access check and the access log run on every
request before; nothing is kept without them.

The handläggare's worklist is kept the same way per state of the set of Akter in its view
(`sparad_lista`): the set comes from one query under the access rule on every request, and
its state is read with it (`lage_kolumn`), one index read per Akt of its change rows.

Without a state — SQLite, an Akt with no row, the setting `SIDMINNE` off — the part is drawn
on every request as before.
"""

from __future__ import annotations

import re
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import connection, migrations, models
from django.db.models import Count, Func, Max, OuterRef, Subquery
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from .forberedd import markor
from .grunddataversion import aktuell_version
from .inskick import FALT
from .periodiskt import periodisk

TABELL = "bistand_aktandring"

# At most this many page parts are kept per thread, the least recently used dropped first.
STORSTA_ANTAL = 200

# Per table watched, the Akter its changed rows belong to: SQL over the changed rows `{r}`
# (the trigger's transition relation). The migrations that install the triggers keep their
# own copy; tests require every table here to be watched and every table a kept page reads
# to be here (or grunddata, or unchanging).
BEVAKADE: dict[str, str] = {
    "bistand_akt": "SELECT x.id FROM {r} x",
    "bistand_hushall": "SELECT a.id FROM bistand_akt a JOIN {r} x ON a.hushall_id = x.id",
    "bistand_hushallmedlem": (
        "SELECT a.id FROM bistand_akt a JOIN {r} x ON a.hushall_id = x.hushall_id"
    ),
    "bistand_person": (
        "SELECT a.id FROM bistand_akt a JOIN bistand_hushallmedlem m ON m.hushall_id = "
        "a.hushall_id JOIN {r} x ON m.person_id = x.id "
        "UNION SELECT an.akt_id FROM ansokan_ansokan an JOIN {r} x "
        "ON x.id = an.sokande_id OR x.id = an.medsokande_id "
        "UNION SELECT an.akt_id FROM ansokan_ansokan an JOIN utredning_utredning u "
        "ON u.ansokan_id = an.id JOIN utredning_remiss re ON re.utredning_id = u.id "
        "JOIN {r} x ON x.id = re.person_id "
        "UNION SELECT an.akt_id FROM ansokan_ansokan an JOIN "
        "barnkonsekvens_barnkonsekvensanalys b ON b.ansokan_id = an.id JOIN {r} x "
        "ON x.id = b.barn_id"
    ),
    "bistand_journalanteckning": "SELECT x.akt_id FROM {r} x",
    "bistand_handelse": (
        "SELECT x.akt_id FROM {r} x UNION SELECT an.akt_id FROM ansokan_ansokan an "
        "JOIN {r} x ON an.id = x.ansokan_id"
    ),
    "bistand_bevakning": "SELECT x.akt_id FROM {r} x",
    "ansokan_ansokan": "SELECT x.akt_id FROM {r} x",
    "ansokan_komplettering": (
        "SELECT an.akt_id FROM ansokan_ansokan an JOIN {r} x ON an.id = x.ansokan_id"
    ),
    "ansokan_forsening": (
        "SELECT an.akt_id FROM ansokan_ansokan an JOIN {r} x ON an.id = x.ansokan_id"
    ),
    "beslut_overklagande": "SELECT x.akt_id FROM {r} x",
    "ansokan_ansokanpost": (
        "SELECT an.akt_id FROM ansokan_ansokan an JOIN {r} x ON an.id = x.ansokan_id"
    ),
    "ansokan_bilaga": (
        "SELECT an.akt_id FROM ansokan_ansokan an JOIN {r} x ON an.id = x.ansokan_id"
    ),
    "barnkonsekvens_barnkonsekvensanalys": (
        "SELECT an.akt_id FROM ansokan_ansokan an JOIN {r} x ON an.id = x.ansokan_id"
    ),
    "beslut_beslutsbrev": (
        "SELECT an.akt_id FROM ansokan_ansokan an JOIN {r} x ON an.id = x.ansokan_id"
    ),
    "beslut_beslut": (
        "SELECT an.akt_id FROM ansokan_ansokan an JOIN beslut_beslutsbrev b "
        "ON b.ansokan_id = an.id JOIN {r} x ON x.brev_id = b.id"
    ),
    "beslut_beslutsmanad": "SELECT x.akt_id FROM {r} x",
    "beslut_samrad": (
        "SELECT an.akt_id FROM ansokan_ansokan an JOIN {r} x ON an.id = x.ansokan_id"
    ),
    "utredning_utredning": (
        "SELECT an.akt_id FROM ansokan_ansokan an JOIN {r} x ON an.id = x.ansokan_id"
    ),
    "utredning_berakning": (
        "SELECT an.akt_id FROM ansokan_ansokan an JOIN {r} x ON an.id = x.ansokan_id"
    ),
    "utredning_publicering": (
        "SELECT an.akt_id FROM ansokan_ansokan an JOIN {r} x ON an.id = x.ansokan_id"
    ),
    "utredning_utkast": "SELECT x.akt_id FROM {r} x",
    "utredning_narvaro": (
        "SELECT an.akt_id FROM ansokan_ansokan an JOIN utredning_utredning u "
        "ON u.ansokan_id = an.id JOIN utredning_remiss re ON re.utredning_id = u.id "
        "JOIN {r} x ON x.remiss_id = re.id"
    ),
    "utredning_kommunicering_bilagor": (
        "SELECT an.akt_id FROM ansokan_ansokan an JOIN utredning_utredning u "
        "ON u.ansokan_id = an.id JOIN utredning_kommunicering k ON k.utredning_id = u.id "
        "JOIN {r} x ON x.kommunicering_id = k.id"
    ),
    **{
        f"utredning_{t}": (
            "SELECT an.akt_id FROM ansokan_ansokan an JOIN utredning_utredning u "
            "ON u.ansokan_id = an.id JOIN {r} x ON x.utredning_id = u.id"
        )
        for t in (
            "forslagpost",
            "forsorjningshinder",
            "handlingsplan",
            "kommunicering",
            "kontroll",
            "mote",
            "remiss",
            "varning",
        )
    },
}


# ---- the database's side (PostgreSQL) ---------------------------------------------------------


def _funktion(tabell: str, vag: str) -> str:
    """The trigger function for one table: a row in `bistand_aktandring` for every Akt the
    statement's changed rows belong to, old rows and new (an update may move a row)."""
    nya, gamla = vag.format(r="nya"), vag.format(r="gamla")
    infoga = (
        f"INSERT INTO {TABELL} (akt_id) SELECT DISTINCT v.akt_id FROM ({{}}) v(akt_id) "  # noqa: S608
        "WHERE v.akt_id IS NOT NULL;"
    )
    return f"""
CREATE OR REPLACE FUNCTION bistand_aktandring_{tabell}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {infoga.format(nya)}
    ELSIF TG_OP = 'UPDATE' THEN
        {infoga.format(f"{nya} UNION {gamla}")}
    ELSE
        {infoga.format(gamla)}
    END IF;
    RETURN NULL;
END
$$
"""


def bevaka_akt(bevakade: dict[str, str]):
    """A migration operation: every write to these tables marks the Akter it touched
    (PostgreSQL; elsewhere nothing is kept, so nothing is needed). `bevakade` maps each table to
    the SQL that finds the Akter of its changed rows `{r}`."""

    def fram(apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for tabell, vag in bevakade.items():
            schema_editor.execute(_funktion(tabell, vag))
            for handelse, ref in (
                ("INSERT", "NEW TABLE AS nya"),
                ("UPDATE", "NEW TABLE AS nya OLD TABLE AS gamla"),
                ("DELETE", "OLD TABLE AS gamla"),
            ):
                schema_editor.execute(
                    f'CREATE TRIGGER aktandring_{handelse.lower()} AFTER {handelse} ON "{tabell}" '
                    f"REFERENCING {ref} FOR EACH STATEMENT "
                    f"EXECUTE FUNCTION bistand_aktandring_{tabell}()"
                )

    def bak(apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for tabell in bevakade:
            for handelse in ("insert", "update", "delete"):
                schema_editor.execute(f'DROP TRIGGER IF EXISTS aktandring_{handelse} ON "{tabell}"')
            schema_editor.execute(f"DROP FUNCTION IF EXISTS bistand_aktandring_{tabell}()")

    return migrations.RunPython(fram, bak)


def lage_kolumn():
    """For the query that reads a list's Akter: each Akt's change rows as [newest id, count]
    (NULL for an Akt without any), so the set's state (`akternas_lage`) comes with the Akter
    in the same statement, one round trip less (docs/prestanda.md: Sidor i minnet). None where
    nothing is kept (not PostgreSQL, or `SIDMINNE` off); give the values read to `lage_av`."""
    if connection.vendor != "postgresql" or not settings.SIDMINNE:
        return None
    # Import cycle: the models import this module's packing job.
    from .models import Aktandring

    return Subquery(
        Aktandring.objects.filter(akt_id=OuterRef("pk"))
        .order_by()
        .values("akt_id")
        .annotate(
            lage=Func(
                Max("id"),
                Count("id"),
                template="ARRAY[%(expressions)s]",
                output_field=ArrayField(models.BigIntegerField()),
            )
        )
        .values("lage")
    )


def lage_av(varden) -> tuple[int, int] | None:
    """The state of a set of Akter from each Akt's `lage_kolumn` value: as `akternas_lage`
    reads it, the newest row among them and how many they have, or None for none."""
    lagen = [v for v in varden if v is not None and v[0] is not None]
    if not lagen:
        return None
    return max(nyast for nyast, _ in lagen), sum(antal for _, antal in lagen)


def aktens_lage(akt_id: int) -> tuple[int, int] | None:
    """The Akt's state — its newest change row and the number of them — or None where nothing
    is watched (SQLite, the setting off) or the Akt has no row."""
    return akternas_lage([akt_id])


def akternas_lage(akt_ids: list[int]) -> tuple[int, int] | None:
    """The state of a set of Akter — the newest change row among them and how many they have —
    or None where nothing is watched or none of them has a row. With the set itself in the key
    it is as exact as one Akt's: a commit that touched any of them adds a row."""
    if connection.vendor != "postgresql" or not settings.SIDMINNE or not akt_ids:
        return None
    # The ids as one array literal: a few hundred of them, which psycopg would dump one by one.
    lista = "{" + ",".join(str(int(i)) for i in akt_ids) + "}"
    with markor(connection) as cursor:
        cursor.execute(
            f"SELECT max(id), count(*) FROM {TABELL} WHERE akt_id = ANY(%s::bigint[])",  # noqa: S608
            [lista],
        )
        storsta, antal = cursor.fetchone()
    return None if storsta is None else (storsta, antal)


@periodisk("aktandringar-packa", nattlig=True)
def aktandringar_packa(idag) -> int:
    """Every night each Akt's change rows become one new row (docs/prestanda.md: Sidor i
    minnet): newer than all before, so no state kept in a process comes back. Returns the
    number of rows removed."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH borta AS (DELETE FROM {TABELL} WHERE akt_id IN ("  # noqa: S608
            f"SELECT akt_id FROM {TABELL} GROUP BY akt_id HAVING count(*) > 1) "
            f"RETURNING akt_id), ny AS (INSERT INTO {TABELL} (akt_id) "
            "SELECT DISTINCT akt_id FROM borta ORDER BY akt_id RETURNING 1) "
            "SELECT (SELECT count(*) FROM borta) - (SELECT count(*) FROM ny)"
        )
        return cursor.fetchone()[0]


# ---- the process's side -----------------------------------------------------------------------

_minne = threading.local()

# The per-response values in a drawn part: the CSRF token of every form and the one-time key
# of every single-shot form, and a stand-in for a page's own new id (`NY_ID`).
_CSRF = "csrfmiddlewaretoken"
# A page that names itself by a new id on every visit (the journal's own draft) draws this
# in its place; every response puts one new id (uuid4, hex) where it stands. Never a uuid4:
# its version digit is not 4.
NY_ID = "0" * 32
_PER_SVAR = re.compile(rf'name="({_CSRF}|{re.escape(FALT)})" value="([^"]*)"|({NY_ID})')


def _minnet() -> OrderedDict:
    sidor = getattr(_minne, "sidor", None)
    if sidor is None:
        sidor = _minne.sidor = OrderedDict()
    return sidor


def glom_allt() -> None:
    """Forget every kept part of this thread (the tests, between databases)."""
    _minnet().clear()


def _nyckel(
    request, sida: str, akter, lage: Callable[[], tuple | None], tillagg=()
) -> tuple | None:
    # Import cycle: bistand.access imports the models, and the models this module's job.
    from .access import anvandarens_fakta

    grunddata = aktuell_version()
    if grunddata is None:
        return None
    akternas = lage()
    if akternas is None:
        return None
    return (
        sida,
        request.get_full_path(),
        akter,
        akternas,
        grunddata,
        timezone.localdate(),
        anvandarens_fakta(request.user),
        tillagg,
    )


def _dela(html: str) -> tuple[list[str], list[str]] | None:
    """The drawn text split around its per-response values: the pieces between them and the
    kind of each value. None when a CSRF token stands where it is not recognised (it would be
    kept and sent again): such a text is not kept."""
    delar, slag, borjan = [], [], 0
    for traff in _PER_SVAR.finditer(html):
        grupp = 3 if traff.group(3) else 2
        delar.append(html[borjan : traff.start(grupp)])
        slag.append(traff.group(1) or NY_ID)
        borjan = traff.end(grupp)
    delar.append(html[borjan:])
    if html.count(_CSRF) != slag.count(_CSRF):
        return None
    return delar, slag


def _fyll(request, delar: list[str], slag: list[str]) -> str:
    """The text with this response's values: one CSRF token for every form of the page (as
    Django's template gives one page), a new one-time key for each single-shot form and one
    new id for the page."""
    token = get_token(request) if _CSRF in slag else ""
    ny_id = uuid.uuid4().hex if NY_ID in slag else ""
    ut = [delar[0]]
    for vad, efter in zip(slag, delar[1:], strict=True):
        ut.append(token if vad == _CSRF else ny_id if vad == NY_ID else str(uuid.uuid4()))
        ut.append(efter)
    return "".join(ut)


def _behall(
    request, nyckel: tuple | None, rita: Callable[[], tuple[str, object]]
) -> tuple[SafeString, object]:
    """The text and companion value `rita` gives, kept under `nyckel` (None: drawn anew, not
    kept); the text with this response's values (`_fyll`)."""
    sidor = _minnet()
    sparad = sidor.get(nyckel) if nyckel is not None else None
    if sparad is None:
        html, med = rita()
        delad = _dela(html)
        if delad is None:
            # Drawn by the template engine, which escaped what it put in.
            return mark_safe(html.replace(NY_ID, uuid.uuid4().hex)), med  # noqa: S308
        sparad = (*delad, med)
        if nyckel is not None:
            sidor[nyckel] = sparad
            while len(sidor) > STORSTA_ANTAL:
                sidor.popitem(last=False)
    else:
        sidor.move_to_end(nyckel)
    delar, slag, med = sparad
    return mark_safe(_fyll(request, delar, slag)), med  # noqa: S308 - drawn by the templates


def sparad_del(
    request, *, sida: str, akt_id: int, rita: Callable[[], str], spara: bool = True
) -> SafeString:
    """The page part `rita` draws, kept for the state of the Akt `akt_id` and this user (see
    the module's text); drawn anew when there is no state, or with `spara` false — a page that
    shows what was just typed (a form with its errors) is neither kept nor taken from the
    kept. Called after the page's access check and log. Either way the text gets this
    response's values (`_fyll`)."""
    nyckel = _nyckel(request, sida, akt_id, lambda: aktens_lage(akt_id)) if spara else None
    return _behall(request, nyckel, lambda: (rita(), None))[0]


def sparad_lista(
    request,
    *,
    sida: str,
    akt_ids: list[int],
    rita: Callable[[], tuple[str, object]],
    tillagg: tuple = (),
    spara: bool = True,
    lage: tuple | None,
) -> tuple[SafeString, object]:
    """A list's part drawn from the Akter `akt_ids` — all the list can show, as the access
    rule gave them — kept for the state of that set (`akternas_lage`), the set itself, this
    user and `tillagg` (what else the part shows). `rita` gives the text and a value kept with
    it: the Akter the part shows, which the caller logs as read on every request. `lage`: the
    set's state, read with the Akter (`lage_kolumn`, `lage_av`) or by `akternas_lage`."""
    akter = tuple(sorted(akt_ids))  # one key whatever order the query gave them in
    nyckel = _nyckel(request, sida, akter, lambda: lage, tillagg) if spara else None
    return _behall(request, nyckel, rita)
