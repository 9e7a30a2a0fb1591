"""The ansökan's own deadlines: handling target (paused while waiting), nybesök, akut
(docs/arkitektur.md: Periodiska jobb)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from ansokan import services
from ansokan.klocka import handlaggningsmal_forfaller
from bistand.bevakning_skanning import bevakningar_markera_overskridna
from bistand.models import Bevakning

D = dt.date


@pytest.mark.parametrize(
    ("mottagen", "perioder", "forfaller"),
    [
        # Ten working days, no wait.
        (D(2026, 11, 2), [], D(2026, 11, 16)),
        # Christmas: julafton, juldagen, annandagen and nyårsafton are not working days.
        (D(2026, 12, 18), [], D(2027, 1, 8)),
        # Midsommarafton is not a working day.
        (D(2026, 6, 12), [], D(2026, 6, 29)),
        # Three working days of waiting push the target three working days.
        (D(2026, 11, 2), [(D(2026, 11, 3), D(2026, 11, 6))], D(2026, 11, 19)),
        # An open wait pauses the clock: no date.
        (D(2026, 11, 2), [(D(2026, 11, 3), None)], None),
    ],
)
def test_the_handling_target_counts_working_days_outside_waits(mottagen, perioder, forfaller):
    assert (
        handlaggningsmal_forfaller(mottagen=mottagen, vanteperioder=perioder, mal=10) == forfaller
    )


@pytest.fixture
def registrera(akt, handlaggare):
    sokande = akt.hushall.medlemmar.get(roll="sokande").person

    def registrera(typ="nyansokan", mottagen=None):
        ansokan, _ = services.ansokan_registrera(
            sokande=sokande,
            av=handlaggare,
            typ=typ,
            kanal="besok",
            mottagen=mottagen or D(2026, 11, 2),
        )
        return ansokan

    return registrera


def _bevakning(ansokan, typ):
    return (
        Bevakning.objects.filter(typ=typ, objekt_id=ansokan.pk).exclude(status="makulerad").first()
    )


@pytest.mark.django_db
def test_a_complete_nyansokan_gets_a_handling_target_and_a_nybesok_deadline(registrera):
    ansokan = registrera()
    assert _bevakning(ansokan, "handlaggningsmal").forfaller == D(2026, 11, 16)
    assert _bevakning(ansokan, "nybesok").forfaller == D(2026, 11, 16)


@pytest.mark.django_db
def test_a_komplettering_pauses_the_target_and_the_answer_resumes_it(registrera, handlaggare):
    with time_machine.travel(dt.datetime(2026, 11, 3, 9, tzinfo=dt.UTC), tick=False):
        ansokan = registrera()
        k = services.komplettering_begar(
            ansokan=ansokan,
            av=handlaggare,
            vad="Kontoutdrag",
            varfor="Behövs för inkomsterna.",
            senast=D(2026, 11, 10),
        )
    assert _bevakning(ansokan, "handlaggningsmal") is None
    with time_machine.travel(dt.datetime(2026, 11, 6, 9, tzinfo=dt.UTC), tick=False):
        services.komplettering_besvara(
            komplettering=k, text="Skickar dem.", av=handlaggare, kanal="epost"
        )
    assert _bevakning(ansokan, "handlaggningsmal").forfaller == D(2026, 11, 19)


@pytest.mark.django_db
def test_marking_complete_ends_the_wait(registrera, handlaggare, client):
    with time_machine.travel(dt.datetime(2026, 11, 3, 9, tzinfo=dt.UTC), tick=False):
        ansokan = registrera()
        services.komplettering_begar(
            ansokan=ansokan,
            av=handlaggare,
            vad="Hyresavi",
            varfor="För boendekostnaden.",
            senast=D(2026, 11, 20),
        )
        client.force_login(handlaggare)
        assert "Markera som komplett" in client.get(f"/ansokningar/{ansokan.pk}/").content.decode()
        client.post(f"/ansokningar/{ansokan.pk}/komplett/")
    # Requested and marked complete the same day: no day was lost.
    assert _bevakning(ansokan, "handlaggningsmal").forfaller == D(2026, 11, 16)


@pytest.mark.django_db
def test_an_outsider_cannot_mark_complete(registrera, utomstaende, client):
    ansokan = registrera()
    client.force_login(utomstaende)
    assert client.post(f"/ansokningar/{ansokan.pk}/komplett/").status_code == 404


@pytest.mark.django_db
def test_an_akut_ansokan_on_a_saturday_is_due_the_next_working_day_and_overdue_after(registrera):
    with time_machine.travel(dt.datetime(2026, 12, 26, 9, tzinfo=dt.UTC), tick=False):
        ansokan = registrera(typ="akut", mottagen=D(2026, 12, 26))
    b = _bevakning(ansokan, "akut_ansokan")
    assert b.forfaller == D(2026, 12, 28)
    assert bevakningar_markera_overskridna(D(2026, 12, 28)) == 0
    bevakningar_markera_overskridna(D(2026, 12, 29))
    b.refresh_from_db()
    assert b.status == "overskriden"


@pytest.mark.django_db
def test_a_decision_meets_the_target_and_the_same_day_rule(registrera, handlaggare):
    ansokan = registrera(typ="akut")
    services.ansokan_overgang(ansokan=ansokan, till="under_utredning", av=handlaggare)
    services.ansokan_overgang(ansokan=ansokan, till="beslutad", av=handlaggare)
    assert Bevakning.objects.get(typ="akut_ansokan", objekt_id=ansokan.pk).status == "uppfylld"
    assert Bevakning.objects.get(typ="handlaggningsmal", objekt_id=ansokan.pk).status == "uppfylld"


@pytest.mark.django_db
def test_withdrawing_cancels_every_open_deadline(registrera, handlaggare):
    ansokan = registrera()
    services.ansokan_overgang(ansokan=ansokan, till="aterkallad", av=handlaggare)
    assert not Bevakning.objects.filter(objekt_id=ansokan.pk, status="aktiv").exists()


@pytest.mark.django_db
def test_a_notice_whose_task_never_ran_is_sent_by_the_periodic_catch_up(akt, handlaggare):
    """docs/arkitektur.md: Periodiska jobb — the broker was down when the notice was queued."""
    from django.core import mail

    from ansokan.models import Avisering
    from ansokan.tasks import skicka_ej_skickade

    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    ansokan, _ = services.ansokan_registrera(
        sokande=sokande, av=handlaggare, typ="nyansokan", kanal="besok", mottagen=D(2026, 11, 2)
    )
    with time_machine.travel(dt.datetime(2026, 12, 1, 8, tzinfo=dt.UTC), tick=False):
        Avisering.objects.create(
            nyckel="test-missad", ansokan=ansokan, typ="beslut", epost="sara@example.org"
        )
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC), tick=False):
        assert skicka_ej_skickade(D(2026, 12, 1)) == 1
        assert skicka_ej_skickade(D(2026, 12, 1)) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sara@example.org"]
    assert "Det finns något nytt att se i e-tjänsten" in mail.outbox[0].body


@pytest.mark.django_db
def test_a_file_left_by_a_failed_upload_is_removed_and_a_registered_one_kept(
    akt, handlaggare, settings, tmp_path, caplog
):
    import os
    import time

    from django.core.files.uploadedfile import SimpleUploadedFile

    from ansokan.tasks import stada_filer_utan_bilaga

    settings.FILE_STORAGE_DIR = tmp_path
    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    ansokan, _ = services.ansokan_registrera(
        sokande=sokande, av=handlaggare, typ="nyansokan", kanal="besok", mottagen=D(2026, 11, 2)
    )
    bilaga = services.bilaga_spara(
        ansokan=ansokan,
        av=handlaggare,
        kategori="kontoutdrag",
        fil=SimpleUploadedFile("k.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
    )
    foraldralos = tmp_path / "ansokan" / str(ansokan.pk) / "foraldralos"
    foraldralos.write_bytes(b"%PDF-1.4\n")
    gammal = time.time() - 2 * 24 * 3600
    for p in (foraldralos, tmp_path / bilaga.sokvag):
        os.utime(p, (gammal, gammal))
    assert stada_filer_utan_bilaga(D(2026, 11, 24)) == 1
    assert not foraldralos.exists()
    assert (tmp_path / bilaga.sokvag).exists()
    assert "Tog bort fil utan bilaga" in caplog.text
