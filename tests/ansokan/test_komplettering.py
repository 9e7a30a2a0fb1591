"""Komplettering and messages (docs/arkitektur.md: E-tjänst; docs/regler.md: Komplettering;
docs/regler.md: Bakgrund)."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from ansokan import services, sms
from ansokan.models import Kanal, Meddelande, Status, Vanteperiod
from bistand.models import Bevakning, BevakningStatus, Handelse, JournalAnteckning

from .conftest import EXE, fil

pytestmark = pytest.mark.django_db


def test_a_request_registers_a_bevakning_pauses_the_clock_and_writes_the_journal(begard):
    a = begard.ansokan
    a.refresh_from_db()
    assert a.status == Status.KOMPLETTERING_BEGARD
    b = Bevakning.objects.get(typ="komplettering", objekt_id=begard.pk)
    assert b.forfaller == begard.senast and b.status == BevakningStatus.AKTIV
    assert Vanteperiod.objects.get(ansokan=a).till is None
    assert JournalAnteckning.objects.filter(akt=a.akt, text__contains="Kontoutdrag").exists()


def test_the_notice_says_only_that_something_is_waiting(
    inkommen, handlaggare, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    sms.utkorg.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.komplettering_begar(
            ansokan=inkommen,
            av=handlaggare,
            vad="Läkarintyg om din diagnos",
            varfor="Sjukskrivning",
            senast=timezone.localdate(),
        )
    assert len(mail.outbox) == 1 and len(sms.utkorg) == 1
    for text in (mail.outbox[0].body, mail.outbox[0].subject, sms.utkorg[0][1]):
        assert "Läkarintyg" not in text and "diagnos" not in text and "Sjukskrivning" not in text


def test_the_notice_task_is_idempotent(inkommen, handlaggare, django_capture_on_commit_callbacks):
    from ansokan.models import Avisering
    from ansokan.tasks import skicka_avisering

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meddelande_skicka(ansokan=inkommen, text="Hej", av=handlaggare)
    avisering = Avisering.objects.get(typ="meddelande")
    assert skicka_avisering(avisering.pk) is False
    assert len(mail.outbox) == 1


def test_the_applicant_sees_begars_senast_and_then_inskickad(sokande_klient, begard):
    url = f"/e-tjanst/ansokan/{begard.ansokan_id}/"
    assert f"Begärs senast {begard.senast:%Y-%m-%d}" in sokande_klient.get(url).content.decode()
    svar = sokande_klient.post(
        f"/e-tjanst/komplettering/{begard.pk}/",
        {"text": "Här är det", "kategori": "kontoutdrag", "fil": fil()},
    )
    assert svar.status_code == 302
    html = sokande_klient.get(url).content.decode()
    assert f"Inskickad {timezone.localdate():%Y-%m-%d}" in html
    assert "Komplettering inkommen: Kontoutdrag" in html


def test_answering_meets_the_bevakning_ends_the_wait_and_returns_to_inkommen(begard, sokande):
    services.komplettering_besvara(komplettering=begard, text="Svar", av_person=sokande)
    a = begard.ansokan
    a.refresh_from_db()
    assert a.status == Status.INKOMMEN
    assert Bevakning.objects.get(objekt_id=begard.pk, typ="komplettering").status == "uppfylld"
    assert Vanteperiod.objects.get(ansokan=a).till == timezone.localdate()
    services.komplettering_besvara(komplettering=begard, text="Igen", av_person=sokande)
    assert (
        Handelse.objects.filter(ansokan_id=a.pk, typ="ansokan.komplettering_inkommen").count() == 1
    )


def test_an_empty_answer_or_a_bad_file_is_explained_and_the_text_kept(sokande_klient, begard):
    url = f"/e-tjanst/komplettering/{begard.pk}/"
    assert "Skriv ett svar eller ladda upp" in sokande_klient.post(url, {}).content.decode()
    svar = sokande_klient.post(
        url, {"text": "Min förklaring", "kategori": "kontoutdrag", "fil": fil("utdrag.pdf", EXE)}
    )
    html = svar.content.decode()
    assert "Filen går inte att ta emot" in html and "Min förklaring" in html
    begard.refresh_from_db()
    assert begard.besvarad is None


def test_the_applicant_proposes_a_later_date(sokande_klient, begard):
    ny = timezone.localdate() + datetime.timedelta(days=20)
    svar = sokande_klient.post(
        f"/e-tjanst/komplettering/{begard.pk}/datum/", {"senast": ny.isoformat()}
    )
    assert svar.status_code == 302
    begard.refresh_from_db()
    assert begard.senast == ny and begard.datum_foreslaget_av_sokande
    assert Bevakning.objects.get(objekt_id=begard.pk, typ="komplettering").forfaller == ny


def test_a_date_in_the_past_is_refused_for_a_request(sokande_klient, begard):
    svar = sokande_klient.post(
        f"/e-tjanst/komplettering/{begard.pk}/datum/", {"senast": "2001-01-01"}
    )
    assert "redan passerat" in svar.content.decode()


def test_staff_register_an_answer_from_another_channel(client, handlaggare, begard):
    client.force_login(handlaggare)
    svar = client.post(
        f"/ansokningar/komplettering/{begard.pk}/registrera/",
        {f"k{begard.pk}-kanal": "telefon", f"k{begard.pk}-text": "Berättade"},
    )
    assert svar.status_code == 302
    begard.refresh_from_db()
    assert begard.besvarad_kanal == Kanal.TELEFON
    assert JournalAnteckning.objects.filter(text__contains="Berättade").exists()


def test_staff_see_answered_and_overdue_requests(client, handlaggare, inkommen):
    k1 = services.komplettering_begar(
        ansokan=inkommen, av=handlaggare, vad="A", varfor="B", senast=timezone.localdate()
    )
    services.komplettering_begar(
        ansokan=inkommen, av=handlaggare, vad="C", varfor="D", senast=timezone.localdate()
    )
    services.komplettering_besvara(komplettering=k1, text="x", av=handlaggare, kanal="papper")
    from ansokan.models import Komplettering

    Komplettering.objects.filter(vad="C").update(
        senast=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(handlaggare)
    html = client.get(f"/ansokningar/{inkommen.pk}/").content.decode()
    assert "Datumet har passerat" in html and "Inskickad" in html


def test_messages_go_both_ways_and_are_filed_into_the_journal(
    sokande_klient, client, handlaggare, inkommen
):
    svar = sokande_klient.post(
        f"/e-tjanst/ansokan/{inkommen.pk}/meddelande/", {"text": "Fråga från mig"}
    )
    assert svar.status_code == 302
    client.force_login(handlaggare)
    client.post(f"/ansokningar/{inkommen.pk}/meddelande/", {"medd-text": "Svar från oss"})
    assert list(Meddelande.objects.values_list("riktning", flat=True)) == ["in", "ut"]
    journal = JournalAnteckning.objects.filter(akt=inkommen.akt, kontakttyp="etjanst")
    assert journal.filter(text__contains="Fråga från mig", signerad__isnull=False).exists()
    assert journal.filter(text__contains="Svar från oss", skapad_av=handlaggare).exists()
    assert (
        "Svar från oss" in sokande_klient.get(f"/e-tjanst/ansokan/{inkommen.pk}/").content.decode()
    )


def test_an_empty_message_is_explained(sokande_klient, inkommen):
    svar = sokande_klient.post(f"/e-tjanst/ansokan/{inkommen.pk}/meddelande/", {"text": "  "})
    assert "Skriv ett meddelande" in svar.content.decode()


def test_a_notice_another_worker_is_sending_is_not_sent_twice(
    inkommen, handlaggare, django_capture_on_commit_callbacks
):
    from ansokan.models import Avisering
    from ansokan.tasks import skicka_avisering
    from bistand.periodiskt import jobblas

    services.meddelande_skicka(ansokan=inkommen, text="Hej", av=handlaggare)
    avisering = Avisering.objects.get(typ="meddelande")
    mail.outbox.clear()
    with jobblas(f"avisering-{avisering.pk}", sekunder=60):
        assert skicka_avisering(avisering.pk) is False
    assert mail.outbox == []
    assert skicka_avisering(avisering.pk) is True
    assert len(mail.outbox) == 1
