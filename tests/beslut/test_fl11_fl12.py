"""FL 11 §: the applicant is told of a considerable delay; FL 12 §: after six months she may
ask for a decision, which starts four weeks, and a refusal is an appealable decision
(docs/regler.md: underrättelse om försening, begäran om avgörande)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from ansokan import selectors as ansokan_selectors
from ansokan.models import BegaranOmAvgorande, Forsening
from beslut.models import Beslutsbrev
from bistand.models import Bevakning, BevakningStatus, Handelse, Notis
from tests.beslut.conftest import logga_in_sokande, post_beslut

pytestmark = pytest.mark.django_db


@pytest.fixture
def ansokan(skapa_utredd, akt, handlaggare):
    a = skapa_utredd(akt, handlaggare, mottagen=dt.date(2026, 5, 4))
    a.sokande.epost = "sara@exempel.se"
    a.sokande.save()
    return a


def _mal(ansokan):
    return Bevakning.objects.get(
        typ="handlaggningsmal", objekt_typ__model="ansokan", objekt_id=ansokan.pk
    )


def test_the_handlaggare_is_prompted_when_the_handling_target_will_be_passed(
    client, ansokan, handlaggare, time_machine
):
    forfaller = _mal(ansokan).forfaller
    time_machine.move_to(dt.datetime.combine(forfaller - dt.timedelta(days=20), dt.time(9)))
    client.force_login(handlaggare)
    assert "underrätta sökanden" not in client.get(f"/ansokningar/{ansokan.pk}/").content.decode()
    time_machine.move_to(dt.datetime.combine(forfaller, dt.time(9), tzinfo=dt.UTC))
    client.force_login(handlaggare)
    sida = client.get(f"/ansokningar/{ansokan.pk}/").content.decode()
    assert "Handläggningen blir försenad – underrätta sökanden" in sida
    slag = [u.slag for u in client.get("/arbetslista/").context["uppgifter"]]
    assert slag == ["Underrätta om försening"]


def test_the_fl11_notice_reaches_mina_sidor_by_the_chosen_channel_and_stops_the_prompt(
    client, ansokan, handlaggare, django_capture_on_commit_callbacks, time_machine
):
    forfaller = _mal(ansokan).forfaller
    time_machine.move_to(dt.datetime.combine(forfaller + dt.timedelta(days=1), dt.time(9)))
    idag = forfaller + dt.timedelta(days=1)
    client.force_login(handlaggare)
    url = f"/ansokningar/{ansokan.pk}/forsening/"
    fel = client.post(url, {"fors-skal": "Vi väntar på svar från Försäkringskassan."})
    assert fel.status_code == 400
    assert "Ange ett datum." in fel.content.decode()
    assert "Vi väntar på svar från Försäkringskassan." in fel.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        svar = client.post(
            url,
            {
                "fors-skal": "Vi väntar på svar från Försäkringskassan.",
                "fors-beraknat_datum": f"{idag + dt.timedelta(days=14):%Y-%m-%d}",
            },
        )
    assert svar.status_code == 302
    f = Forsening.objects.get()
    assert f.av == handlaggare
    assert Handelse.objects.get(
        ansokan_id=ansokan.pk, typ="ansokan.forsening"
    ).typ.synlig_for_sokande
    assert [m.to for m in mail.outbox] == [["sara@exempel.se"]]
    assert not ansokan_selectors.forsening_behover_underrattelse(ansokan, idag)
    assert "underrätta sökanden" not in client.get(f"/ansokningar/{ansokan.pk}/").content.decode()
    assert client.get("/arbetslista/").context["uppgifter"] == []

    logga_in_sokande(client, ansokan.sokande)
    sida = client.get(f"/e-tjanst/ansokan/{ansokan.pk}/").content.decode()
    assert "Handläggningen blir försenad." in sida
    assert "Vi väntar på svar från Försäkringskassan." in sida
    assert f"{f.beraknat_datum:%Y-%m-%d}" in sida


def test_a_request_for_a_decision_is_offered_only_after_six_months(client, ansokan, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 3, 9, tzinfo=dt.UTC))
    logga_in_sokande(client, ansokan.sokande)
    sida = client.get(f"/e-tjanst/ansokan/{ansokan.pk}/").content.decode()
    assert "Begär att ärendet avgörs" not in sida
    svar = client.post(f"/e-tjanst/ansokan/{ansokan.pk}/begar-avgorande/", follow=True)
    assert "när det har väntat på beslut i sex månader" in svar.content.decode()
    assert not BegaranOmAvgorande.objects.exists()
    time_machine.move_to(dt.datetime(2026, 11, 4, 9, tzinfo=dt.UTC))
    client.cookies.clear()  # the session from yesterday has ended
    logga_in_sokande(client, ansokan.sokande)
    assert (
        "Begär att ärendet avgörs"
        in client.get(f"/e-tjanst/ansokan/{ansokan.pk}/").content.decode()
    )


def test_the_fl12_request_starts_four_weeks_and_tells_the_handlaggare(
    client, ansokan, handlaggare, time_machine
):
    time_machine.move_to(dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC))
    logga_in_sokande(client, ansokan.sokande)
    svar = client.post(
        f"/e-tjanst/ansokan/{ansokan.pk}/begar-avgorande/",
        {"text": "Jag har väntat länge."},
        follow=True,
    )
    assert "senast 2026-12-28" in svar.content.decode()
    b = BegaranOmAvgorande.objects.get()
    assert (b.begard, b.senast, b.lage) == (
        dt.date(2026, 11, 30),
        dt.date(2026, 12, 28),
        "vantar",
    )
    bevakning = Bevakning.objects.get(typ="begaran_avgorande")
    assert bevakning.forfaller == dt.date(2026, 12, 28)
    assert Notis.objects.filter(mottagare=handlaggare, text__contains="12 §").exists()
    assert (
        "Begär att ärendet avgörs"
        not in client.get(f"/e-tjanst/ansokan/{ansokan.pk}/").content.decode()
    )  # one request at a time


def test_a_refusal_is_a_decision_with_its_own_besvarshanvisning(
    client, ansokan, handlaggare, time_machine, django_capture_on_commit_callbacks
):
    from django.conf import settings
    from pypdf import PdfReader

    time_machine.move_to(dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC))
    logga_in_sokande(client, ansokan.sokande)
    client.post(f"/e-tjanst/ansokan/{ansokan.pk}/begar-avgorande/", {"text": ""})
    b = BegaranOmAvgorande.objects.get()
    client.force_login(handlaggare)
    url = f"/ansokningar/{ansokan.pk}/begaran-avgorande/{b.pk}/avsla/"
    tomt = client.post(url, {"avg-motivering": ""})
    assert tomt.status_code == 400
    assert "Skriv varför ärendet inte kan avgöras nu" in tomt.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url, {"avg-motivering": "Utlåtandet från läkaren har inte kommit. Vi påminner."}
        )
    b.refresh_from_db()
    assert b.lage == "avslagen"
    assert Bevakning.objects.get(typ="begaran_avgorande").status == BevakningStatus.UPPFYLLD
    brev = Beslutsbrev.objects.get(typ="avgorande")
    beslut = brev.beslut.get()
    assert beslut.utfall == "avslag" and "12 §" in beslut.lagrum.text
    brev.refresh_from_db()
    text = " ".join(
        " ".join(p.extract_text().split())
        for p in PdfReader(settings.FILE_STORAGE_DIR / brev.sokvag).pages
    )
    assert "Beslut om din begäran att ärendet ska avgöras" in text
    assert "Utlåtandet från läkaren har inte kommit." in text
    assert "Om du vill överklaga" in text and "tre veckor" in text
    ansokan.refresh_from_db()
    assert ansokan.status == "under_utredning"  # the matter itself stays open


def test_deciding_the_matter_meets_the_four_week_bevakning(
    client, ansokan, handlaggare, time_machine, django_capture_on_commit_callbacks
):
    from beslut import services

    time_machine.move_to(dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC))
    logga_in_sokande(client, ansokan.sokande)
    client.post(f"/e-tjanst/ansokan/{ansokan.pk}/begar-avgorande/", {"text": ""})
    with django_capture_on_commit_callbacks(execute=True):
        services.beslut_fatta(ansokan=ansokan, av=handlaggare, poster=[post_beslut(ansokan)])
    assert Bevakning.objects.get(typ="begaran_avgorande").status == BevakningStatus.UPPFYLLD
    assert BegaranOmAvgorande.objects.get().lage == "avgjord"


def test_the_applicant_appeals_a_refusal_to_decide_through_the_etjanst_like_a_decision(
    client, ansokan, handlaggare, time_machine, django_capture_on_commit_callbacks
):
    from beslut.models import Overklagande

    time_machine.move_to(dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC))
    logga_in_sokande(client, ansokan.sokande)
    client.post(f"/e-tjanst/ansokan/{ansokan.pk}/begar-avgorande/", {"text": ""})
    b = BegaranOmAvgorande.objects.get()
    client.force_login(handlaggare)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/ansokningar/{ansokan.pk}/begaran-avgorande/{b.pk}/avsla/",
            {"avg-motivering": "Utlåtandet från läkaren har inte kommit. Vi påminner."},
        )
    avslag = Beslutsbrev.objects.get(typ="avgorande").beslut.get()
    client.logout()
    logga_in_sokande(client, ansokan.sokande)
    sida = client.get(f"/e-tjanst/ansokan/{ansokan.pk}/").content.decode()
    assert "Din begäran om avgörande: Avslag" in sida
    assert f"/e-tjanst/ansokan/{ansokan.pk}/overklaga/" in sida
    url = f"/e-tjanst/ansokan/{ansokan.pk}/overklaga/"
    form = client.get(url).content.decode()
    assert "Begäran om avgörande: avslag" in form and "sista dag att överklaga" in form
    svar = client.post(
        url,
        {"beslut": [str(avslag.pk)], "text": "Jag har väntat i sju månader. Avgör ärendet nu."},
    )
    assert svar.status_code == 302
    o = Overklagande.objects.get()
    assert o.beslut == avslag and o.av_person == ansokan.sokande
    assert Bevakning.objects.filter(typ="rattidsprovning", objekt_id=o.pk).exists()
    assert Notis.objects.filter(mottagare=handlaggare, lank=f"/overklagande/{o.pk}/").exists()
    client.force_login(handlaggare)
    sida = client.get(f"/overklagande/{o.pk}/").content.decode()
    assert "Överklagande av beslut om begäran om avgörande" in sida
