"""Kommunicering that reaches the applicant (FL 25 §; docs/regler.md): Mina sidor with the
material as a PDF, a notice by her chosen channel, a printable letter, her answer in the
e-tjänst or registered by staff, a notice to the handläggare, and the adverse decision
waiting until the answer."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ansokan.models import Avisering
from beslut import services as beslut_services
from bistand.models import Bevakning, BevakningStatus, Handelse, Notis
from tests.beslut.conftest import logga_in_sokande, post_beslut
from utredning.models import Kommunicering

pytestmark = pytest.mark.django_db


def _pdf_med_text(text: str) -> bytes:
    from bistand.pdf import TYPSNITT, html_till_pdf

    typsnitt = f"{TYPSNITT.as_uri()}/DejaVuSans.ttf"
    return html_till_pdf(
        f'<html lang="sv"><head><meta charset="utf-8"><title>Bilaga</title><style>'
        f'@font-face {{ font-family: "DejaVu Sans"; src: url("{typsnitt}"); }}'
        f'html {{ font-family: "DejaVu Sans"; }}</style></head><body><p>{text}</p></body></html>'
    )


@pytest.fixture(autouse=True)
def _sms(settings):
    from ansokan import sms

    settings.SMS_BACKEND = "ansokan.sms.LocmemSmsBackend"
    sms.utkorg.clear()


@pytest.fixture
def ansokan(skapa_utredd, akt, handlaggare):
    a = skapa_utredd(akt, handlaggare, {"forsorjningsstod": ("9000", "avslag", "")})
    a.sokande.epost = "sara@exempel.se"
    a.sokande.telefon = "070-1234567"
    a.sokande.save()
    return a


@pytest.fixture
def skickad(client, ansokan, handlaggare, django_capture_on_commit_callbacks):
    client.force_login(handlaggare)
    with django_capture_on_commit_callbacks(execute=True):
        svar = client.post(
            f"/ansokningar/{ansokan.pk}/utredning/kommunicering/",
            {
                "komm-vad": "Arbetsförmedlingen uppger att du inte kom till mötet 12 november.",
                "komm-svara_senast": f"{timezone.localdate() + dt.timedelta(days=10):%Y-%m-%d}",
                "komm-filer": [
                    SimpleUploadedFile("af.pdf", _pdf_med_text("Intyg från Arbetsförmedlingen"))
                ],
            },
        )
    assert svar.status_code == 302
    client.logout()
    return Kommunicering.objects.get()


def test_sending_puts_the_material_in_mina_sidor_as_a_pdf_and_notifies_her(
    client, skickad, ansokan
):
    from django.conf import settings
    from pypdf import PdfReader

    from ansokan import sms

    fil = settings.FILE_STORAGE_DIR / skickad.pdf_sokvag
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(fil).pages)
    assert "inte kom till mötet 12 november" in text
    assert "Intyg från Arbetsförmedlingen" in text  # the attachment is in the same PDF
    assert f"Svara senast {skickad.svara_senast:%Y-%m-%d}" in text
    assert ansokan.sokande.namn in text  # printable as a letter to her
    # A notice by her chosen channels, saying only that something waits.
    avisering = Avisering.objects.get(nyckel=f"kommunicering:{skickad.pk}")
    assert avisering.skickad is not None
    assert [m.to for m in mail.outbox] == [["sara@exempel.se"]]
    assert "inte kom till mötet" not in mail.outbox[0].body
    assert sms.utkorg and "Logga in i e-tjänsten" in sms.utkorg[0][1]
    assert Handelse.objects.filter(ansokan_id=ansokan.pk, typ="kommunicering.skickad").exists()

    logga_in_sokande(client, ansokan.sokande)
    mina = client.get("/e-tjanst/").content.decode()
    lank = f"/e-tjanst/ansokan/{ansokan.pk}/kommunicering/{skickad.pk}/"
    assert lank in mina and "Att göra" in mina
    sida = client.get(lank).content.decode()
    assert "inte kom till mötet 12 november" in sida
    pdf = client.get(f"{lank}pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_the_kommunicering_pdf_passes_the_same_checks_as_the_letters(skickad):
    from django.conf import settings
    from pypdf import PdfReader

    fil = settings.FILE_STORAGE_DIR / skickad.pdf_sokvag
    resultat = subprocess.run(["qpdf", "--check", str(fil)], capture_output=True, text=True)
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    rader = subprocess.run(
        ["pdffonts", str(fil)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert rader
    for rad in rader:
        assert rad.split()[-5] == "yes", rad
    assert "pdfaid" in PdfReader(fil).xmp_metadata.stream.get_data().decode("utf-8", "replace")


def test_staff_print_the_letter_and_an_outsider_cannot(client, skickad, ansokan, utomstaende):
    client.force_login(utomstaende)
    url = f"/ansokningar/{ansokan.pk}/utredning/kommunicering/{skickad.pk}/pdf/"
    assert client.get(url).status_code == 404


def test_the_adverse_decision_waits_and_proceeds_after_her_answer_in_the_etjanst(
    client, skickad, ansokan, handlaggare, django_capture_on_commit_callbacks
):
    with pytest.raises(beslut_services.BeslutNekat, match="kommuniceringen"):
        beslut_services.beslut_fatta(
            ansokan=ansokan, av=handlaggare, poster=[post_beslut(ansokan, utfall="avslag")]
        )
    logga_in_sokande(client, ansokan.sokande)
    url = f"/e-tjanst/ansokan/{ansokan.pk}/kommunicering/{skickad.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        svar = client.post(
            url,
            {
                "svar": "Jag var sjuk den dagen. Läkarintyget bifogas.",
                "filer": [SimpleUploadedFile("intyg.pdf", _pdf_med_text("Läkarintyg"))],
            },
        )
    assert svar.status_code == 302
    skickad.refresh_from_db()
    assert skickad.besvarad == timezone.localdate()
    assert skickad.svar_kanal == "etjanst" and skickad.svar_av_person == ansokan.sokande
    assert [b.filnamn for b in skickad.bilagor.filter(kategori="komm_svar")] == ["intyg.pdf"]
    assert (
        Bevakning.objects.get(typ="kommunicering", objekt_id=skickad.pk).status
        == BevakningStatus.UPPFYLLD
    )
    assert Notis.objects.filter(mottagare=handlaggare, text__contains="kommunicering").exists()
    assert Handelse.objects.filter(ansokan_id=ansokan.pk, typ="kommunicering.besvarad").exists()

    client.force_login(handlaggare)
    # The utredning page shows the answer with the file that came with it.
    intyg = skickad.bilagor.get(kategori="komm_svar")
    sida = client.get(f"/ansokningar/{ansokan.pk}/utredning/").content.decode()
    assert "Jag var sjuk den dagen." in sida
    assert f'<a href="{reverse("ansokan:personal_bilaga", args=[intyg.pk])}">intyg.pdf</a>' in sida
    uppgifter = client.get("/arbetslista/").context["uppgifter"]
    assert [u.slag for u in uppgifter] == ["Svar på kommunicering"]
    client.post(f"/ansokningar/{ansokan.pk}/utredning/kommunicering/{skickad.pk}/last/")
    assert client.get("/arbetslista/").context["uppgifter"] == []

    brev = beslut_services.beslut_fatta(
        ansokan=ansokan,
        av=handlaggare,
        poster=[post_beslut(ansokan, utfall="avslag", motivering="Inkomsten räcker.")],
    )
    assert brev.beslut.get().utfall == "avslag"


def test_an_empty_answer_gets_a_message_beside_the_field(client, skickad, ansokan):
    logga_in_sokande(client, ansokan.sokande)
    url = f"/e-tjanst/ansokan/{ansokan.pk}/kommunicering/{skickad.pk}/"
    svar = client.post(url, {"svar": "   "})
    assert svar.status_code == 400
    assert "Skriv ett svar eller bifoga en fil." in svar.content.decode()
    fel = client.post(
        url, {"svar": "Mitt svar.", "filer": [SimpleUploadedFile("x.exe", b"MZ not a pdf")]}
    )
    assert "x.exe: Filen går inte att ta emot." in fel.content.decode()
    assert "Mitt svar." in fel.content.decode()
    skickad.refresh_from_db()
    assert skickad.besvarad is None


def test_another_applicant_cannot_read_or_answer(client, skickad, ansokan, skapa_akt, enhet):
    annan = skapa_akt(enhet).hushall.medlemmar.get(roll="sokande").person
    logga_in_sokande(client, annan)
    url = f"/e-tjanst/ansokan/{ansokan.pk}/kommunicering/{skickad.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"svar": "x"}).status_code == 404
    assert client.get(f"{url}pdf/").status_code == 404


def test_staff_register_an_answer_that_came_by_phone(client, skickad, ansokan, kollega):
    client.force_login(kollega)
    url = f"/ansokningar/{ansokan.pk}/utredning/kommunicering/{skickad.pk}/svar/"
    client.post(url, {f"ks{skickad.pk}-svar": "Hon ringde och förklarade."})
    skickad.refresh_from_db()
    assert skickad.besvarad is None  # no channel chosen: nothing saved
    sida = client.get(f"/ansokningar/{ansokan.pk}/utredning/").content.decode()
    assert "Välj hur svaret kom in." in sida
    assert "Hon ringde och förklarade." in sida
    client.post(
        url,
        {f"ks{skickad.pk}-svar": "Hon ringde och förklarade.", f"ks{skickad.pk}-kanal": "telefon"},
    )
    skickad.refresh_from_db()
    assert skickad.besvarad == timezone.localdate()
    assert skickad.svar_kanal == "telefon" and skickad.svar_registrerat_av == kollega
