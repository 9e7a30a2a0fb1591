"""The filters that every page and the periodic scan use have indexes PostgreSQL can use, shown
by EXPLAIN (docs/prestanda.md: Åtkomstkontrollen, Bevakningsskanningen). On the test database's
handful of rows a sequential scan is always cheapest, so the plans are read with sequential
scans turned off: the test shows that an index serves the filter; on the benchmark's data the
planner picks it (EXPLAIN ANALYZE in docs/prestanda.md)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection, transaction
from django.db.models import Q

from ansokan.models import OPPNA, Ansokan
from bistand.models import Akt, Bevakning, BevakningStatus, Person, Skydd

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("query plans are read on PostgreSQL, the production database")


def _plan(qs) -> str:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        return qs.explain()


def test_the_access_checks_question_about_protected_persons_has_a_partial_index(akt):
    # The predicate of `bistand.access.skyddad_medlem_finns`, on its own.
    plan = _plan(Person.objects.exclude(skydd=Skydd.INGET).values_list("pk", flat=True))
    assert "person_skyddad" in plan, plan


def test_the_worklists_open_ansokningar_have_the_status_index(akt):
    # Every open ansökan: the (status, mottagen) index, or the partial one that holds exactly
    # the open ones.
    plan = _plan(Ansokan.objects.filter(status__in=OPPNA).values_list("pk", flat=True))
    assert "ansokan_status_mottagen" in plan or "ansokan_oppen_akt" in plan, plan
    # Open ones received before a day: either index serves it, and which one the planner takes
    # on the test database's few rows follows the statistics earlier tests left.
    plan = _plan(Ansokan.objects.filter(status__in=OPPNA, mottagen__lt=dt.date(2026, 11, 1)))
    assert "ansokan_status_mottagen" in plan or "ansokan_oppen_akt" in plan, plan


def test_the_open_ansokningar_of_given_akter_have_the_partial_index(akt):
    # The förste's caseload per handläggare and the worklist's join from the Akter.
    oppna = Ansokan.objects.filter(status__in=OPPNA, akt_id__in=[akt.pk, akt.pk + 1])
    plan = _plan(oppna.values_list("pk", flat=True))
    assert "ansokan_oppen_akt" in plan, plan


def test_the_deadline_scan_reads_due_rows_through_the_status_and_due_date_index(akt):
    forfallna = Bevakning.objects.filter(
        status=BevakningStatus.AKTIV, forfaller__lt=dt.date(2026, 12, 1)
    ).order_by("forfaller", "pk")
    assert "bevakning_status_forfaller" in _plan(forfallna.values_list("pk", flat=True)[:1000])


def test_the_bevakningar_of_one_object_are_found_through_the_object_index(akt):
    # The väntetid figures (kvalitet.vantetid) and bevakning_uppfyll look a case's bevakning
    # up by its object; without the index that is a scan of every bevakning per ansökan.
    en_ansokans = Bevakning.objects.filter(typ="handlaggningsmal", objekt_id=42)
    assert "bevakning_objekt_typ" in _plan(en_ansokans.values_list("pk", flat=True))


def test_an_enhets_akter_and_a_handlaggares_own_are_read_from_the_covering_index(akt):
    # The start page's count, the worklist's Akter and the access rule: the Enhet, the
    # handläggare's own and unassigned Akter, with the household the protected-identity check
    # joins on — all in the index, so no Akt row is read.
    fran_enheten = Akt.objects.filter(enhet_id=akt.enhet_id).values_list("pk", "hushall_id")
    assert "akt_enhet_handlaggare" in _plan(fran_enheten), _plan(fran_enheten)
    egna = Akt.objects.filter(
        Q(handlaggare_id=akt.handlaggare_id) | Q(handlaggare__isnull=True), enhet_id=akt.enhet_id
    ).values_list("pk", "hushall_id")
    assert "akt_enhet_handlaggare" in _plan(egna), _plan(egna)


def test_the_open_appeals_of_given_akter_have_the_partial_index(akt):
    # The worklists' task source of appeals to handle: only the open ones, a few per cent of a
    # year's appeals, from the view's Akter.
    from beslut.models import OPPNA_OVERKLAGANDEN, Overklagande

    oppna = Overklagande.objects.filter(
        status__in=OPPNA_OVERKLAGANDEN, akt_id__in=[akt.pk, akt.pk + 1]
    )
    assert "overklagande_oppen_akt" in _plan(oppna.values_list("pk", flat=True))


def test_due_bevakningar_in_due_date_and_id_order_need_no_sort(akt):
    # The deadline scan's batches and the dashboard's lists: by due date, then id, a LIMIT at a
    # time. With the id in the index the rows come in that order; without it PostgreSQL read
    # and sorted every bevakning of the first due day (600 at storstad size) for fifty.
    forfallna = Bevakning.objects.filter(
        status=BevakningStatus.AKTIV, forfaller__lt=dt.date(2026, 12, 1)
    ).order_by("forfaller", "pk")
    plan = _plan(forfallna.values_list("pk", flat=True)[:50])
    assert "bevakning_status_forfaller" in plan, plan
    assert "Sort" not in plan, plan


def test_who_saw_an_akt_in_a_list_is_read_through_the_list_rows_gin_index(akt, handlaggare):
    # The log review's question for list views (`kvalitet.selectors.loggrader`): the rows whose
    # Akter include one of these — in every month's partition, through its GIN index.
    from bistand.access import logga_akt_ids
    from bistand.models import Atkomstlogg

    logga_akt_ids(handlaggare, [akt.pk], sida="arbetslista")
    sedda = Atkomstlogg.objects.filter(
        akt_ids__overlappar=Akt.objects.filter(aktnummer=akt.aktnummer).values("pk")
    )
    plan = _plan(sedda.values_list("pk", flat=True))
    assert re.search(r"Bitmap Index Scan on \S*akt_ids", plan), plan
    assert list(sedda.values_list("akt_ids", flat=True)) == [[akt.pk]]
