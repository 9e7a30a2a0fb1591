"""A prepared query gives, for every set of values, what the same queryset built with those
values gives — instances with their joined rows and annotations, values(), values_list()
in the order asked, a page with LIMIT/OFFSET and a count — and refuses a value that would
stay fixed for the life of the process (docs/prestanda.md: Förberedda frågor)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import Count, Exists, OuterRef
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from bistand.forberedd import Lista, Param, ParamLista, datum, en_plan, forberedd, markor
from bistand.models import Akt, HushallMedlem
from bistand.selectors import akter_lista
from bistand.sidindelning import sida_av

pytestmark = pytest.mark.django_db


@pytest.fixture
def akter(skapa_akt, enhet, annan_enhet, handlaggare):
    return [skapa_akt(enhet, handlaggare, barn=i % 3) for i in range(4)] + [
        skapa_akt(annan_enhet, barn=1) for _ in range(3)
    ]


def _akter_fraga(enhet_id):
    return (
        Akt.objects.filter(enhet_id=enhet_id)
        .annotate(
            medlemmar=Count("hushall__medlemmar"),
            barn=Exists(
                HushallMedlem.objects.filter(hushall_id=OuterRef("hushall_id"), roll="barn")
            ),
        )
        .select_related("enhet", "handlaggare")
        .order_by("pk")
    )


def test_instances_come_with_their_joined_rows_and_annotations_for_each_value(
    akter, enhet, annan_enhet, django_assert_num_queries
):
    fraga = forberedd(("test_instanser",), lambda: _akter_fraga(Param("enhet")))
    for e in (enhet, annan_enhet):
        vantat = list(_akter_fraga(e.pk))
        with django_assert_num_queries(1):
            fatt = fraga.rader({"enhet": e.pk})
            beskrivning = [
                (a.pk, a.enhet.namn, a.handlaggare and a.handlaggare.username, a.medlemmar, a.barn)
                for a in fatt
            ]
        assert beskrivning == [
            (a.pk, a.enhet.namn, a.handlaggare and a.handlaggare.username, a.medlemmar, a.barn)
            for a in vantat
        ]
        assert len(fatt) in (3, 4)


def test_values_and_values_list_keep_the_order_asked_for(akter, enhet):
    def bygg(enhet_id, dag):
        return (
            HushallMedlem.objects.filter(hushall__akt__enhet_id=enhet_id, fran__lte=dag)
            .annotate(n=Count("hushall__medlemmar"))
            .order_by("pk")
        )

    listan = forberedd(
        ("test_values_list",),
        lambda: bygg(Param("enhet"), datum("dag")).values_list("n", "roll", "person__fornamn"),
    )
    ordbok = forberedd(
        ("test_values",), lambda: bygg(Param("enhet"), datum("dag")).values("roll", "n")
    )
    for dag in (datetime.date(2025, 12, 31), datetime.date(2026, 6, 1)):
        varden = {"enhet": enhet.pk, "dag": dag}
        assert listan.rader(varden) == list(
            bygg(enhet.pk, dag).values_list("n", "roll", "person__fornamn")
        )
        assert ordbok.rader(varden) == list(bygg(enhet.pk, dag).values("roll", "n"))
    assert listan.rader({"enhet": enhet.pk, "dag": datetime.date(2025, 12, 31)}) == []


def test_a_list_parameter_holds_any_number_of_ids(akter):
    fraga = forberedd(
        ("test_lista",),
        lambda: Akt.objects.filter(pk__in=ParamLista("ids")).order_by("pk").values_list("pk"),
    )
    for ids in ([], [akter[2].pk], [a.pk for a in akter[1:6]], [akter[0].pk, 10**9]):
        assert [r[0] for r in fraga.rader({"ids": ids})] == sorted(i for i in ids if i < 10**9)


def test_a_page_is_read_with_limit_and_offset_and_counted_without_rows(
    akter, enhet, django_assert_num_queries
):
    fraga = forberedd(("test_sida",), lambda: _akter_fraga(Param("enhet")))
    lista = Lista(fraga, {"enhet": enhet.pk})
    alla = [a.pk for a in _akter_fraga(enhet.pk)]
    with django_assert_num_queries(1):
        assert lista.count() == 4
    assert [a.pk for a in lista[1:3]] == alla[1:3]
    assert [a.pk for a in lista[3:]] == alla[3:]
    forfragan = RequestFactory().get("/", {"sida": "2"})
    sida = sida_av(forfragan, lista, per_sida=3)
    assert [a.pk for a in sida.object_list] == alla[3:]
    assert sida.paginator.count == 4


def test_a_shape_that_reaches_nothing_gives_nothing_without_a_query(django_assert_num_queries):
    fraga = forberedd(("test_tom",), lambda: Akt.objects.filter(pk__in=[]))
    with django_assert_num_queries(0):
        assert fraga.rader({}) == []
        assert fraga.antal({}) == 0


@pytest.mark.parametrize(
    ("villkor", "konstant"),
    [
        ("hushall__medlemmar__fran__lte", datetime.date(2026, 1, 1)),
        ("skapad__lte", datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)),
        ("pk__in", [1, 2]),
    ],
)
def test_a_date_or_a_list_of_ids_written_into_the_query_is_refused(villkor, konstant):
    with pytest.raises(ImproperlyConfigured, match="Param"):
        forberedd(
            ("test_konstant", villkor),
            lambda: HushallMedlem.objects.filter(
                Exists(Akt.objects.filter(hushall_id=OuterRef("hushall_id"), **{villkor: konstant}))
            ),
        )


def test_an_id_beyond_the_columns_range_matches_nothing(akter):
    fraga = forberedd(
        ("test_utanfor",), lambda: Akt.objects.filter(pk=Param("pk")).values_list("pk")
    )
    assert fraga.rader({"pk": akter[0].pk}) == [(akter[0].pk,)]
    assert fraga.rader({"pk": 10**30}) == []
    assert fraga.antal({"pk": -(10**30)}) == 0


def _forberedda_satser(sql: str) -> list[tuple[int, int]]:
    """(generic_plans, custom_plans) of each statement prepared on this connection with `sql`
    as its text (psycopg writes %s as $1, $2, …)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements")
        rader = cursor.fetchall()
    nummer = iter(range(1, 1000))
    text = re.sub("%s", lambda _: f"${next(nummer)}", sql)
    return [(g, c) for statement, g, c in rader if statement == text]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared on PostgreSQL only")
def test_on_postgresql_a_prepared_query_is_planned_once_per_connection_not_per_call(
    akter, enhet, annan_enhet, django_assert_num_queries
):
    fraga = forberedd(("test_planerad",), lambda: _akter_fraga(Param("enhet")))
    for e in (enhet, annan_enhet, enhet):
        vantat = [a.pk for a in _akter_fraga(e.pk)]
        with django_assert_num_queries(1):
            assert [a.pk for a in fraga.rader({"enhet": e.pk})] == vantat
    # One statement on the server, executed three times (its plans counted there).
    assert [g + c for g, c in _forberedda_satser(fraga.sql)] == [3]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared on PostgreSQL only")
def test_on_postgresql_constants_are_written_into_the_statement_so_its_generic_plan_can_be_used(
    akter, enhet, annan_enhet
):
    fraga = forberedd(
        ("test_konstanter",),
        lambda: (
            HushallMedlem.objects.filter(hushall__akt__enhet_id=Param("enhet"), roll="barn")
            .order_by("pk")
            .values_list("pk")
        ),
    )
    assert "'barn'" in fraga.sql and len(fraga.params) == 1
    for _ in range(4):
        for e in (enhet, annan_enhet):
            vantat = list(
                HushallMedlem.objects.filter(hushall__akt__enhet_id=e.pk, roll="barn")
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            assert [r[0] for r in fraga.rader({"enhet": e.pk})] == vantat
    [(generiska, _)] = _forberedda_satser(fraga.sql)
    assert generiska > 0


def test_a_text_constant_with_quotes_and_percent_signs_matches_as_the_orm_does(akter, enhet):
    udda = "O'Brien 100%s %% ''"
    akter[0].aktnummer = udda
    akter[0].save()
    for villkor in ({"aktnummer": udda}, {"aktnummer__startswith": "O'Brien 100%s"}):
        fraga = forberedd(
            ("test_udda_text", *villkor),
            lambda v=villkor: Akt.objects.filter(enhet_id=Param("enhet"), **v).values_list(
                "pk", "aktnummer"
            ),
        )
        vantat = list(
            Akt.objects.filter(enhet_id=enhet.pk, **villkor).values_list("pk", "aktnummer")
        )
        assert vantat == [(akter[0].pk, udda)]
        assert fraga.rader({"enhet": enhet.pk}) == vantat
        assert fraga.antal({"enhet": enhet.pk}) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared on PostgreSQL only")
def test_with_prepared_statements_turned_off_the_query_still_runs_unprepared(akter, enhet):
    connection.ensure_connection()
    ratt = connection.connection
    fore = ratt.prepare_threshold
    ratt.prepare_threshold = None
    try:
        fraga = forberedd(("test_oplanerad",), lambda: _akter_fraga(Param("enhet")))
        assert [a.pk for a in fraga.rader({"enhet": enhet.pk})] == [
            a.pk for a in _akter_fraga(enhet.pk)
        ]
        assert _forberedda_satser(fraga.sql) == []
        with markor(connection) as cursor:
            assert type(cursor.cursor).__name__ == "Cursor"
    finally:
        ratt.prepare_threshold = fore


def test_a_count_reads_the_same_rows_without_sorting_them(akter, enhet):
    fraga = forberedd(("test_antal_osorterad",), lambda: _akter_fraga(Param("enhet")))
    with CaptureQueriesContext(connection) as fangade:
        antal = fraga.antal({"enhet": enhet.pk})
    assert antal == _akter_fraga(enhet.pk).count() == 4
    assert "ORDER BY" not in fangade.captured_queries[0]["sql"]


def test_rows_read_beforehand_answer_a_relation_as_prefetch_related_would(
    akter, django_assert_num_queries
):
    from bistand.forberedd import som_forladdade
    from bistand.selectors import hushall_forladda, hushall_medlemskap

    hushall = Akt.objects.get(pk=akter[2].pk).hushall  # the applicant and two children
    vantat = list(HushallMedlem.objects.filter(hushall=hushall).order_by("pk"))
    namn = [m.person.fornamn for m in vantat]
    with django_assert_num_queries(1):
        hushall_forladda(hushall)
    with django_assert_num_queries(0):
        medlemmar = hushall_medlemskap(hushall)
        assert medlemmar == vantat and len(vantat) == 3
        assert [m.person.fornamn for m in medlemmar] == namn
        assert all(m.hushall is hushall for m in medlemmar)  # known without reading it again
        assert hushall.medlemmar.filter  # still a manager: a filter reads the database
    tomt = Akt.objects.get(pk=akter[0].pk).hushall
    som_forladdade(tomt, "medlemmar", [])
    with django_assert_num_queries(0):
        assert list(tomt.medlemmar.all()) == []


def test_a_list_of_texts_is_one_parameter_and_gives_what_the_queryset_gives(akter, enhet):
    fraga = forberedd(
        ("test_textlista",),
        lambda: HushallMedlem.objects.filter(
            hushall__akt__enhet_id=Param("enhet"), roll__in=ParamLista("roller", text=True)
        ).values_list("pk"),
    )
    for roller in (["barn"], ["sokande", "barn"], [], ["'; DROP TABLE x; --"]):
        vantat = set(
            HushallMedlem.objects.filter(
                hushall__akt__enhet_id=enhet.pk, roll__in=roller
            ).values_list("pk", flat=True)
        )
        with CaptureQueriesContext(connection) as fangade:
            rader = fraga.rader({"enhet": enhet.pk, "roller": roller})
        assert {r[0] for r in rader} == vantat
        assert len(fangade.captured_queries) == 1
    assert {r[0] for r in fraga.rader({"enhet": enhet.pk, "roller": ["barn"]})}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared on PostgreSQL only")
def test_on_postgresql_the_start_pages_list_is_planned_once_for_a_user_without_grants(
    akter, enhet, handlaggare
):
    # The page's bounds are written into the SQL and the rule holds no list of grants, so
    # PostgreSQL takes the statement's generic plan instead of planning it on every call
    # (docs/prestanda.md: Åtkomstregelns form).
    for _ in range(8):
        lista = akter_lista(handlaggare)
        assert len(lista[0:50]) == 4  # her own Enhet's
    [(generiska, _)] = _forberedda_satser(f"{lista.fraga.sql} LIMIT 50 OFFSET 0")
    assert generiska > 0


def test_one_plan_is_set_only_around_its_statements_and_only_where_they_are_prepared():
    """`en_plan`: the setting holds inside and is reset after; behind a pooler (statements
    not prepared, docs/drift.md: Databasen) nothing is set that could reach another client."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")

    def lage() -> str:
        with connection.cursor() as c:
            c.execute("SHOW plan_cache_mode")
            return c.fetchone()[0]

    connection.ensure_connection()
    ratt = connection.connection
    with en_plan(connection):
        assert lage() == "force_generic_plan"
    assert lage() == "auto"
    troskel, ratt.prepare_threshold = ratt.prepare_threshold, None
    try:
        with en_plan(connection):
            assert lage() == "auto"
    finally:
        ratt.prepare_threshold = troskel
