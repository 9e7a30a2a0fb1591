"""The access log and signed journal entries are append-only, enforced by the database."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, InternalError, connection, transaction
from django.db.utils import DatabaseError

from bistand import services
from bistand.models import Atkomstlogg, JournalAnteckning

pytestmark = pytest.mark.django_db


def test_each_read_of_an_akt_writes_a_log_row(client, handlaggare, akt):
    client.force_login(handlaggare)
    client.get(f"/akter/{akt.pk}/")
    client.get(f"/akter/{akt.pk}/")
    rader = Atkomstlogg.objects.filter(akt_id=akt.pk, anvandare_id=handlaggare.pk, sida="akt")
    assert rader.count() == 2
    assert all(r.beviljad for r in rader)
    assert rader.first().sokvag == f"/akter/{akt.pk}/"


def test_a_denied_read_is_logged_as_denied(client, utomstaende, akt):
    client.force_login(utomstaende)
    client.get(f"/akter/{akt.pk}/")
    rad = Atkomstlogg.objects.get(anvandare_id=utomstaende.pk, akt_id=akt.pk)
    assert rad.beviljad is False


def test_a_list_view_is_one_log_row_naming_every_akt_shown(
    client, handlaggare, skapa_akt, enhet, django_assert_num_queries
):
    akter = sorted(skapa_akt(enhet, handlaggare).pk for _ in range(5))
    client.force_login(handlaggare)
    client.get("/")  # warm the session
    Atkomstlogg.objects.all().count()
    # The session with its user; the roles with the nav's attest-right link, unread count, the
    # Enhet's name for the heading and the user's grants (on PostgreSQL in the session's query:
    # bistand.inlasning); the page's Akter with their households' applicant and size (five fit
    # on the first page, so no COUNT); the one insert of the log's rows.
    with django_assert_num_queries(3 if connection.vendor == "postgresql" else 4):
        client.get("/")
    rader = Atkomstlogg.objects.filter(sida="startsida")
    assert [(r.akt_id, r.akt_ids) for r in rader] == [(None, akter), (None, akter)]


def test_a_lists_rows_and_a_mixed_set_of_rows_are_written_as_given(handlaggare, skapa_akt, enhet):
    from bistand.access import logga_akt_ids, skriv_atkomstlogg

    akter = [skapa_akt(enhet, handlaggare).pk for _ in range(3)]
    logga_akt_ids(
        handlaggare,
        [*reversed(akter), akter[0]],
        sida="arbetslista",
        sokvag="/arbetslista/?visa=alla",
    )
    rader = Atkomstlogg.objects.filter(sida="arbetslista")
    assert [
        (r.anvandare_id, r.anvandarnamn, r.akt_id, r.akt_ids, r.person_id, r.sokvag, r.beviljad)
        for r in rader
    ] == [(handlaggare.pk, "agare", None, sorted(akter), None, "/arbetslista/?visa=alla", True)]
    # An empty list is no read: nothing is written.
    logga_akt_ids(handlaggare, [], sida="tom")
    assert not Atkomstlogg.objects.filter(sida="tom").exists()
    # Rows that differ in more than their Akt keep every value of their own.
    skriv_atkomstlogg(
        [
            (handlaggare.pk, "agare", akter[0], None, "blandat", "/a", True),
            (None, "anonym", None, 7, "blandat", "/b", False),
        ]
    )
    assert sorted(
        Atkomstlogg.objects.filter(sida="blandat").values_list(
            "anvandarnamn", "akt_id", "person_id", "sokvag", "beviljad"
        )
    ) == [("agare", akter[0], None, "/a", True), ("anonym", None, 7, "/b", False)]


def test_the_start_page_query_count_does_not_grow_with_akter(
    client, handlaggare, skapa_akt, enhet, django_assert_max_num_queries
):
    skapa_akt(enhet, handlaggare)
    client.force_login(handlaggare)
    client.get("/")
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as en:
        client.get("/")
    for _ in range(20):
        skapa_akt(enhet, handlaggare)
    with CaptureQueriesContext(connection) as manga:
        client.get("/")
    assert len(manga) == len(en)


def _forsok(fn):
    with pytest.raises((IntegrityError, InternalError, DatabaseError)), transaction.atomic():
        fn()


def test_the_log_cannot_be_edited_or_deleted(client, handlaggare, akt):
    client.force_login(handlaggare)
    client.get(f"/akter/{akt.pk}/")
    rad = Atkomstlogg.objects.get(akt_id=akt.pk)
    _forsok(lambda: Atkomstlogg.objects.filter(pk=rad.pk).update(beviljad=False))
    _forsok(lambda: Atkomstlogg.objects.filter(pk=rad.pk).delete())
    rad.refresh_from_db()
    assert rad.beviljad is True


def test_the_log_cannot_be_edited_with_raw_sql(client, handlaggare, akt):
    client.force_login(handlaggare)
    client.get(f"/akter/{akt.pk}/")

    def andra():
        with connection.cursor() as c:
            c.execute("UPDATE bistand_atkomstlogg SET anvandarnamn = 'någon annan'")

    _forsok(andra)
    assert not Atkomstlogg.objects.filter(anvandarnamn="någon annan").exists()


def test_a_signed_journal_entry_cannot_be_changed_or_deleted(akt, handlaggare):
    anteckning = services.journal_skriv(
        akt=akt, av=handlaggare, kontakttyp="telefon", text="Samtal om ansökan."
    )
    services.journal_signera(anteckning=anteckning, av=handlaggare)
    _forsok(lambda: JournalAnteckning.objects.filter(pk=anteckning.pk).update(text="ändrad"))
    _forsok(lambda: JournalAnteckning.objects.filter(pk=anteckning.pk).delete())
    anteckning.refresh_from_db()
    assert anteckning.text == "Samtal om ansökan."


def test_an_unsigned_draft_can_still_be_edited(akt, handlaggare):
    anteckning = services.journal_skriv(akt=akt, av=handlaggare, kontakttyp="besok", text="Utkast")
    services.journal_andra_utkast(anteckning=anteckning, text="Utkast, fortsättning")
    anteckning.refresh_from_db()
    assert anteckning.text == "Utkast, fortsättning"


def test_the_service_refuses_to_edit_a_signed_entry_with_a_swedish_message(akt, handlaggare):
    from django.core.exceptions import ValidationError

    anteckning = services.journal_skriv(akt=akt, av=handlaggare, kontakttyp="besok", text="Text")
    services.journal_signera(anteckning=anteckning, av=handlaggare)
    with pytest.raises(ValidationError, match="Skriv en rättelse"):
        services.journal_andra_utkast(anteckning=anteckning, text="ny")


def test_a_correction_is_a_new_signed_entry_pointing_at_the_old(akt, handlaggare):
    original = services.journal_signera(
        anteckning=services.journal_skriv(
            akt=akt, av=handlaggare, kontakttyp="telefon", text="Fel datum nämnt."
        ),
        av=handlaggare,
    )
    rattelse = services.journal_ratta(original=original, av=handlaggare, text="Rätt datum: 3 mars.")
    assert rattelse.rattar == original
    assert rattelse.signerad is not None
    assert akt.journal.count() == 2


def test_the_akt_page_shows_the_journal(client, handlaggare, akt):
    services.journal_signera(
        anteckning=services.journal_skriv(
            akt=akt, av=handlaggare, kontakttyp="besok", text="Nybesök hölls på kontoret."
        ),
        av=handlaggare,
    )
    client.force_login(handlaggare)
    assert "Nybesök hölls på kontoret." in client.get(f"/akter/{akt.pk}/").content.decode()


def test_the_admin_shows_a_list_views_akter_as_numbers_not_python_data(
    client, administrator, handlaggare, skapa_akt, enhet
):
    from bistand.access import logga_akt_ids

    akter = sorted(skapa_akt(enhet, handlaggare).pk for _ in range(2))
    logga_akt_ids(handlaggare, akter, sida="arbetslista")
    client.force_login(administrator)
    text = client.get("/admin/bistand/atkomstlogg/").content.decode()
    assert "akter i listan" in text.lower()
    assert f"{akter[0]}, {akter[1]}" in text
    assert f"[{akter[0]}, {akter[1]}]" not in text
