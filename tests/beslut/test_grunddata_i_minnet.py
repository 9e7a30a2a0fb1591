"""Grunddata kept in the process while unchanged (bistand.grunddataversion; docs/prestanda.md:
Grunddata i minnet): every write to a grunddata table bumps the number read with the
session, each kept query reads only such tables, and a change is seen on the next page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bistand.grunddataversion import GRUNDDATA_TABELLER, REGISTRERADE, grunddata_rader
from bistand.models import GrunddataVersion, Lagrum

from ..conftest import krav_tjanst

pytestmark = pytest.mark.django_db

# The grunddata tables, and the staff's names, Enheter and roles that the kept pages show.
BEVAKADE = sorted(GRUNDDATA_TABELLER)


def _pg():
    krav_tjanst("PostgreSQL (DATABASE_URL)", connection.vendor == "postgresql")


def _version() -> int:
    return GrunddataVersion.objects.get(pk=1).version


@pytest.mark.parametrize("tabell", BEVAKADE)
def test_every_kind_of_write_to_a_grunddata_table_bumps_the_number(tabell):
    """Statement triggers: an UPDATE or DELETE that touches no row still counts, so no
    write path (admin, bulk, by hand) can change the table unseen."""
    _pg()
    fore = _version()
    # The user table counts only an update of what pages show (a name, not a login's time).
    kolumn = {"bistand_user": "first_name", "bistand_handelsetyp": "kod"}.get(tabell, "id")
    with connection.cursor() as c:
        c.execute(f'UPDATE "{tabell}" SET {kolumn} = {kolumn} WHERE false')  # noqa: S608
        c.execute(f'DELETE FROM "{tabell}" WHERE false')  # noqa: S608
    assert _version() == fore + 2


def test_a_login_leaves_the_number_as_it_was(client, handlaggare):
    _pg()
    fore = _version()
    client.force_login(handlaggare)  # sets last_login
    handlaggare.refresh_from_db()
    assert handlaggare.last_login is not None
    assert _version() == fore


def test_every_kept_query_reads_only_tables_whose_writes_bump_the_number(
    client, utredd, handlaggare
):
    _pg()
    client.force_login(handlaggare)
    # The pages that use them: the beslut page (lagrum, sections, delegation, levels,
    # the beräkning's mapping) and the worklist (a parameter).
    assert client.get(f"/ansokningar/{utredd.pk}/beslut/").status_code == 200
    assert client.get("/arbetslista/").status_code == 200
    assert {n[0] for n in REGISTRERADE} >= {
        "lagrum_val",
        "avsnitt_val",
        "delegationer_pa_dag",
        "beslutsformular_nivaer",
        "berakning_koppling",
        "parameter_rad",
    }
    with connection.cursor() as c:
        c.execute(
            "SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger "
            "WHERE tgname = 'grunddata_andrad'"
        )
        bevakade = {r[0].strip('"') for r in c.fetchall()}
    assert bevakade == set(BEVAKADE)
    for nyckel, bygg in REGISTRERADE.items():
        qs = bygg()
        qs.query.get_compiler(using="default").as_sql()  # fills the query's tables
        lasta = {a.table_name for a in qs.query.alias_map.values()}
        assert lasta <= bevakade, (nyckel, lasta - bevakade)


def test_the_beslut_page_reads_grunddata_once_and_sees_a_change_on_the_next_visit(
    client, utredd, handlaggare
):
    _pg()
    client.force_login(handlaggare)
    url = f"/ansokningar/{utredd.pk}/beslut/"
    client.get(url)
    with CaptureQueriesContext(connection) as andra:
        assert client.get(url).status_code == 200
    assert not any('FROM "bistand_lagrum"' in q["sql"] for q in andra.captured_queries)
    assert not any('FROM "beslut_delegation"' in q["sql"] for q in andra.captured_queries)

    rad = Lagrum.objects.filter(kod="sol-ratt-till-bistand").latest("giltig_fran")
    rad.beskrivning = "Rätten till bistånd, ny lydelse"
    rad.save()
    with CaptureQueriesContext(connection) as efter:
        text = client.get(url).content.decode()
    assert any('FROM "bistand_lagrum"' in q["sql"] for q in efter.captured_queries)
    assert "Rätten till bistånd, ny lydelse" in text


def test_without_a_number_every_read_goes_to_the_database(django_assert_num_queries):
    """Outside a request with a session (a task, a command, SQLite) nothing is kept."""
    from beslut.forms import lagrum_val

    idag = timezone.localdate()
    with django_assert_num_queries(2):
        lagrum_val(idag)
        lagrum_val(idag)


def test_a_kept_result_is_a_fresh_list_each_time():
    from bistand.grunddataversion import satt_version

    satt_version(10**9)
    try:
        forsta = grunddata_rader(("lagrum_alla",), lambda: Lagrum.objects.all(), {})
        forsta.clear()
        assert grunddata_rader(("lagrum_alla",), lambda: Lagrum.objects.all(), {}) != []
    finally:
        satt_version(None)


def test_the_provberakning_reads_its_figures_once_and_sees_a_change_on_the_next_call(client):
    """The public provberäkning has no session: it reads the number itself, and the month's
    riksnorm, housing levels and parameters are kept while it is the same."""
    import datetime
    import json

    from utredning.berakning import hushallstyp
    from utredning.models import Boendeniva

    _pg()
    underlag = json.dumps(
        {
            "manad": f"{timezone.localdate():%Y-%m}",
            "personer": [{"roll": "sokande", "fodelsedatum": "1985-04-02"}],
            "kostnader": {"boende": 6900},
        }
    )

    def rakna() -> tuple[dict, list[str]]:
        with CaptureQueriesContext(connection) as fragor:
            svar = client.post("/api/provberakning", underlag, content_type="application/json")
        assert svar.status_code == 200
        return svar.json(), [q["sql"] for q in fragor.captured_queries]

    forsta, _ = rakna()
    andra, fragor = rakna()
    assert andra == forsta
    assert not any('"utredning_riksnorm' in f or '"utredning_boendeniva"' in f for f in fragor)

    # A level for the household's type, added in the admin: the number is bumped.
    Boendeniva.objects.create(
        hushallstyp=hushallstyp(vuxna=1, barn=0),
        giltig_fran=datetime.date(2020, 1, 1),
        belopp=5000,
        kalla="Nämndens riktlinje",
    )
    efter, fragor = rakna()
    assert any('"utredning_boendeniva"' in f for f in fragor)
    texter = [r["text"] for r in efter["rader"]]
    assert any("högre än kommunens nivå" in t for t in texter), texter
    assert not any("högre än kommunens nivå" in r["text"] for r in forsta["rader"])
