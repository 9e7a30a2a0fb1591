"""Queries built and compiled once per process, run with new values on every request
(docs/prestanda.md: Förberedda frågor).

The ORM is the one definition of a query — its access rule, joins and order — but building a
queryset and compiling it to SQL costs one to eight milliseconds of Python each time, far more
than the database's work for a worklist's short lists. A prepared query is a queryset built
once per *shape* (which filters it has: the role's reach, the worklist's view) whose varying
values are named parameters (`Param`, `ParamLista`) instead of values; it is compiled once,
and each call sends that SQL with the request's values.

What may vary between two calls of the same shape must be a parameter. A value written into
the queryset itself stays fixed for the life of the process, so `forberedd` refuses a compiled
query that carries a date, a time, a decimal or a list as a plain value — the kinds of value
that are "today" or "this user's" — and the query's builder is given no user or request: only
its shape. Whole numbers, text and truth values may be constants of the query (a status, a
rank in an ORDER BY); each prepared query has a test that runs it for two users of the same
shape against the same queryset built with values.

On PostgreSQL the statement is also prepared on the server (`markor`): for the short lists a
page reads, PostgreSQL spends more time planning a query than running it (the worklist: about
four milliseconds of planning for under one of execution), and a prepared statement is planned
once per connection.
"""

from __future__ import annotations

import datetime
import decimal
import functools
import json
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import DatabaseError, connections, models
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
from django.db.models import Expression, Lookup, Value
from django.db.models.query import (
    ModelIterable,
    ValuesIterable,
    ValuesListIterable,
    get_related_populators,
)
from django.db.models.sql import Query
from django.db.models.sql.where import WhereNode


@dataclass(frozen=True)
class _Plats:
    """A parameter's place in the compiled SQL, filled at each call."""

    namn: str
    falt: models.Field | None  # converts the value for the database; None for a list
    lista: bool = False
    text: bool = False  # a list of texts, not of whole numbers


class Param(Expression):
    """A named value of a prepared query, e.g. `filter(enhet_id=Param("enhet_id"))`."""

    def __init__(self, namn: str, output_field: models.Field | None = None):
        super().__init__(output_field=output_field or models.IntegerField())
        self.namn = namn

    def as_sql(self, compiler, connection):
        return "%s", [_Plats(self.namn, self.output_field)]

    def __repr__(self) -> str:
        return f"Param({self.namn!r})"


class ParamLista(Expression):
    """A named list of whole numbers for `__in`, e.g. `filter(pk__in=ParamLista("ids"))`, or
    of texts with `text=True`: one parameter whatever the list's length (an array on
    PostgreSQL, JSON on SQLite)."""

    def __init__(self, namn: str, *, text: bool = False):
        super().__init__(output_field=models.CharField() if text else models.IntegerField())
        self.namn = namn
        self.text = text

    def as_sql(self, compiler, connection):
        if connection.vendor == "postgresql":
            sql = "SELECT unnest(%s::text[])" if self.text else "SELECT unnest(%s::bigint[])"
        else:
            sql = "SELECT value FROM json_each(%s)"
        return sql, [_Plats(self.namn, None, lista=True, text=self.text)]

    def __repr__(self) -> str:
        return f"ParamLista({self.namn!r})"


class _Utanfor(Exception):
    """A whole-number value beyond the database's range: the query matches nothing."""


def datum(namn: str) -> Param:
    return Param(namn, models.DateField())


# Values that must never be constants of a prepared query: they are "today", "now" or an
# amount; in a list, a whole number is an id (a list of statuses is text).
_FORBJUDNA = (datetime.date, datetime.time, datetime.timedelta, decimal.Decimal, float)


def _konstant(nod):
    """The first value in a query's conditions and expressions (subqueries included) that
    must not be a constant of a prepared query, or None."""
    if isinstance(nod, Query):
        delar = [nod.where, *nod.annotations.values()]
    elif isinstance(nod, WhereNode):
        delar = nod.children
    elif isinstance(nod, Lookup):
        delar = [nod.lhs, nod.rhs]
    elif isinstance(nod, _FORBJUDNA):
        return nod
    elif isinstance(nod, list | tuple | set | frozenset):
        for v in nod:
            if isinstance(v, _FORBJUDNA) or (isinstance(v, int) and not isinstance(v, bool)):
                return v
        delar = [v for v in nod if hasattr(v, "resolve_expression")]
    elif isinstance(nod, Value):
        delar = [nod.value]
    elif hasattr(nod, "query") and isinstance(nod.query, Query):  # Subquery, Exists
        delar = [nod.query]
    elif hasattr(nod, "get_source_expressions"):
        delar = nod.get_source_expressions()
    else:
        return None
    for del_ in delar:
        fel = _konstant(del_)
        if fel is not None:
            return fel
    return None


_PLATSHALLARE = re.compile(r"%%|%s")


def _som_literal(varde) -> str | None:
    """A constant of a prepared query as an SQL literal for PostgreSQL, or None to keep it a
    parameter: truth values, whole numbers and texts only (`_konstant` refuses the kinds that
    vary between requests). The text is quoted as standard SQL (PostgreSQL's
    `standard_conforming_strings`, on since 9.1) and its % doubled for the driver's format."""
    if isinstance(varde, bool):
        return "true" if varde else "false"
    if isinstance(varde, int):
        return str(int(varde))
    if isinstance(varde, str) and "\x00" not in varde:
        return "'" + str(varde).replace("'", "''").replace("%", "%%") + "'"
    return None


def _med_konstanter(sql: str, params, vendor: str) -> tuple[str, list]:
    """The compiled SQL with the query's constants (a status, a content type's label, the 1 of
    an EXISTS) written into it, and only the named parameters (`Param`, `ParamLista`) left as
    parameters — on PostgreSQL. Sent as parameters, a generic plan cannot see the constants:
    which statuses a partial index holds, how few rows a status has. PostgreSQL then judged
    the generic plan dearer and planned the statement anew on every request (the worklist's
    appeals: 1.9 ms of planning each time) (docs/prestanda.md: Förberedda satser på servern).
    Elsewhere the SQL is left as it is."""
    params = list(params)
    if vendor != "postgresql":
        return sql, params
    delar, kvar, i = [], [], 0
    position = 0
    for traff in _PLATSHALLARE.finditer(sql):
        delar.append(sql[position : traff.start()])
        position = traff.end()
        if traff.group() == "%%":
            delar.append("%%")
            continue
        varde = params[i]
        i += 1
        literal = None if isinstance(varde, _Plats) else _som_literal(varde)
        if literal is None:
            delar.append("%s")
            kvar.append(varde)
        else:
            delar.append(literal)
    delar.append(sql[position:])
    if i != len(params):  # not the SQL expected: leave it as Django compiled it
        return sql, params
    return "".join(delar), kvar


class Forberedd:
    """One compiled query and what is needed to turn its rows into what the queryset gives:
    model instances (with `select_related` and annotations), `values()` dicts or
    `values_list()` tuples."""

    def __init__(self, qs: models.QuerySet):
        self.alias = qs.db
        fel = _konstant(qs.query)
        if fel is not None:
            raise ImproperlyConfigured(
                f"A prepared query carries the value {fel!r} as a constant; make it a Param."
            )
        compiler = qs.query.get_compiler(using=self.alias)
        self.slag = qs._iterable_class
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # a shape that reaches nothing, e.g. `pk__in=[]`
            self.tom = True
            return
        self.tom = False
        vendor = connections[self.alias].vendor
        self.sql, self.params = _med_konstanter(sql, params, vendor)
        self.compiler = compiler
        # The count reads the same rows without sorting them; a DISTINCT or a slice depends
        # on the order, so those are counted as they are.
        q = qs.query
        if q.distinct or q.is_sliced or not (q.order_by or q.default_ordering):
            self.antal_sql, self.antal_params = self.sql, self.params
        else:
            osorterad = qs.order_by().query.get_compiler(using=self.alias)
            self.antal_sql, self.antal_params = _med_konstanter(*osorterad.as_sql(), vendor)
        falt = [s[0] for s in compiler.select[0 : compiler.col_count]]
        self.omvandlare = compiler.get_converters(falt)
        if self.slag is ModelIterable:
            self._forbered_modell(qs)
        elif self.slag in (ValuesIterable, ValuesListIterable):
            self._forbered_varden(qs)
        else:
            raise ImproperlyConfigured(
                "A prepared query gives instances, values() or values_list()."
            )

    def _forbered_modell(self, qs) -> None:
        c = self.compiler
        info = c.klass_info
        self.modell = info["model"]
        forsta, sista = info["select_fields"][0], info["select_fields"][-1] + 1
        self.modellfalt = (forsta, sista)
        self.init_list = [f[0].target.attname for f in c.select[forsta:sista]]
        self.relaterade = get_related_populators(info, c.select, self.alias)
        self.annoteringar = list(c.annotation_col_map.items())

    def _forbered_varden(self, qs) -> None:
        # Django 5.2 selects the columns in the order asked for (`Query.selected`), as
        # ValuesIterable and ValuesListIterable read them.
        query = qs.query
        if query.selected:
            self.kolumner = list(query.selected)
        else:
            self.kolumner = [*query.extra_select, *query.values_select, *query.annotation_select]

    def _parametrar(self, varden: dict, connection, params: list | None = None) -> list:
        """The values in the SQL's order (`params`, the query's own by default), converted for
        the database. A whole number beyond what the column holds (a pk typed into an address)
        raises `_Utanfor`: as with the ORM, such an id matches no row."""
        ut = []
        for p in self.params if params is None else params:
            if not isinstance(p, _Plats):
                ut.append(p)
            elif p.lista:
                ids = [str(v) if p.text else int(v) for v in varden[p.namn]]
                ut.append(ids if connection.vendor == "postgresql" else json.dumps(ids))
            else:
                varde = p.falt.get_db_prep_value(varden[p.namn], connection, prepared=False)
                if isinstance(varde, int) and not isinstance(varde, bool):
                    lagst, hogst = connection.ops.integer_field_range("BigIntegerField")
                    if not lagst <= varde <= hogst:
                        raise _Utanfor
                ut.append(varde)
        return ut

    def _hamta(self, sql: str, varden: dict, params: list | None = None) -> list:
        connection = connections[self.alias]
        with markor(connection) as cursor:
            cursor.execute(sql, self._parametrar(varden, connection, params))
            return cursor.fetchall()

    def rader(self, varden: dict, *, limit: int | None = None, offset: int = 0) -> list:
        """The rows for these values, as the queryset would give them; `limit` and `offset`
        as a slice of it would."""
        if self.tom:
            return []
        try:
            return self._rader(varden, limit, offset)
        except _Utanfor:
            return []

    def _rader(self, varden: dict, limit: int | None, offset: int) -> list:
        sql = self.sql
        if limit is not None:
            # The page's bounds written into the SQL, not bound: with them as parameters
            # PostgreSQL cannot tell how many rows a generic plan returns and plans the
            # statement anew on every call; a list's first page is then one statement, planned
            # once (docs/prestanda.md: Förberedda satser på servern). Whole numbers only.
            sql = f"{sql} LIMIT {int(limit)} OFFSET {int(offset)}"
        elif offset:
            raise ValueError("offset needs a limit")
        rader = self._hamta(sql, varden)
        if self.omvandlare:
            rader = list(self.compiler.apply_converters(rader, self.omvandlare))
        if self.slag is ModelIterable:
            return [self._modell(rad) for rad in rader]
        if self.slag is ValuesIterable:
            return [dict(zip(self.kolumner, rad, strict=True)) for rad in rader]
        return [tuple(rad) for rad in rader]

    def _modell(self, rad):
        forsta, sista = self.modellfalt
        obj = self.modell.from_db(self.alias, self.init_list, rad[forsta:sista])
        for populator in self.relaterade:
            populator.populate(rad, obj)
        for namn, plats in self.annoteringar:
            setattr(obj, namn, rad[plats])
        return obj

    def antal(self, varden: dict) -> int:
        """How many rows the query gives for these values."""
        if self.tom:
            return 0
        # The SQL is the compiled ORM query with %s for every value, never user text.
        sql = f"SELECT COUNT(*) FROM ({self.antal_sql}) forberedd"  # noqa: S608
        try:
            return self._hamta(sql, varden, params=self.antal_params)[0][0]
        except _Utanfor:
            return 0


class Lista:
    """A prepared query with its values as a lazy sequence — `count()`, `len()` and slices —
    for `bistand.sidindelning.sida_av` and Django's paginator: a slice reads only its rows."""

    def __init__(self, fraga: Forberedd, varden: dict, *, antal: Forberedd | None = None):
        """`antal`: a query of the same rows without the columns the list shows, to count
        them without the joins those columns need (by default the list's own query)."""
        self.fraga = fraga
        self.varden = varden
        self.antal_fraga = antal if antal is not None else fraga

    def count(self) -> int:
        return self.antal_fraga.antal(self.varden)

    __len__ = count

    def __getitem__(self, snitt):
        if not isinstance(snitt, slice) or snitt.step is not None:
            raise TypeError("a prepared list is read in slices")
        start = snitt.start or 0
        if snitt.stop is None:
            return self.fraga.rader(self.varden)[start:]
        return self.fraga.rader(self.varden, limit=max(snitt.stop - start, 0), offset=start)

    def __iter__(self):
        return iter(self.fraga.rader(self.varden))


def markor(connection):
    """A cursor whose statements are prepared on the server and reused by the connection, for
    SQL that is the same text on every call with only its parameters changing (a prepared
    query's, or fixed SQL such as the access log's insert).

    On PostgreSQL with prepared statements on (`DATABASES["default"]["OPTIONS"]
    ["prepare_threshold"]`, docs/drift.md: Databasen) the cursor binds its parameters on the
    server — Django's own cursors bind them in the client, which cannot be prepared — and
    psycopg prepares each statement on its first use on the connection; PostgreSQL then plans it
    once instead of on every request. Elsewhere, or with them off, it is the usual cursor.
    Either way it is Django's cursor wrapper, so the statement is counted and logged like any
    other."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    connection.ensure_connection()
    ratt = connection.connection
    if getattr(ratt, "prepare_threshold", None) is None:
        return connection.cursor()
    vanlig = ratt.cursor_factory
    ratt.cursor_factory = _forberedande_markor()
    try:
        cursor = connection.cursor()
    finally:
        ratt.cursor_factory = vanlig
    if connection.queries_logged:
        return _LoggadMarkor(cursor.cursor, connection)
    return cursor


@contextmanager
def en_plan(connection) -> Iterator[None]:
    """Prepared statements run inside are planned once per connection and the plan kept
    (PostgreSQL's `plan_cache_mode = force_generic_plan`), for short lists whose date
    parameters make PostgreSQL plan every call anew although the plan is the same every day:
    the dashboard's bevakningar, where planning took longer than running (docs/prestanda.md:
    Översikten). Two statements more per use. Only where statements are prepared (`markor`):
    behind a pooler that cannot keep them (docs/drift.md: Databasen) a session setting could
    reach another client's connection, so nothing is set. A transaction that fails inside
    takes the setting with it when it is rolled back."""
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    if getattr(connection.connection, "prepare_threshold", None) is None:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET plan_cache_mode = force_generic_plan")
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET plan_cache_mode")
        except DatabaseError:  # an aborted transaction: its rollback undoes the SET
            pass


@functools.cache
def _forberedande_markor():
    """psycopg's server-binding cursor (as Django's) that prepares every statement it runs."""
    # Imported here: the class exists only where psycopg 3 is installed.
    from django.db.backends.postgresql.base import ServerBindingCursor

    class ForberedandeMarkor(ServerBindingCursor):
        def execute(self, query, params=None, *, prepare=True, binary=None):
            return super().execute(query, params, prepare=prepare, binary=binary)

    return ForberedandeMarkor


class _LoggadMarkor(CursorDebugWrapper):
    """Django's query log for a server-binding cursor: Django reads the statement it logs back
    from a client-binding cursor, which a prepared one does not have, so it is composed here
    with its values, as Django does for its own server-side binding."""

    def execute(self, sql, params=None):
        with self.debug_sql(self.db.ops.compose_sql(sql, params) if params else sql, params):
            return CursorWrapper.execute(self, sql, params)


def som_forladdade(objekt: models.Model, relation: str, rader: list) -> None:
    """Give `objekt.<relation>.all()` these rows, read beforehand by a prepared query, as
    `prefetch_related` would: the relation answers without a query, and each row of a reverse
    foreign key knows `objekt` without reading it again."""
    qs = getattr(objekt, relation).all()
    qs._result_cache, qs._prefetch_done = rader, True
    objekt.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = qs
    falt = getattr(type(objekt), relation).field
    if falt.many_to_one:  # a reverse foreign key: the rows point back at objekt
        for rad in rader:
            falt.set_cached_value(rad, objekt)


_lokalt = threading.local()


def forberedd(nyckel: tuple, bygg: Callable[[], models.QuerySet]) -> Forberedd:
    """The prepared query of this shape (`nyckel`: its name and everything that changes which
    filters `bygg` adds), built and compiled on first use in this process and thread.
    `bygg` takes no arguments: every value that varies between calls is a `Param`."""
    fragor = getattr(_lokalt, "fragor", None)
    if fragor is None:
        fragor = _lokalt.fragor = {}
    fraga = fragor.get(nyckel)
    if fraga is None:
        fraga = fragor[nyckel] = Forberedd(bygg())
    return fraga


def glom() -> None:
    """Forget this thread's prepared queries (tests that change the schema or settings)."""
    _lokalt.fragor = {}
