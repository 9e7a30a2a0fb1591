"""Uploads: size refused while streaming, files per ansökan bounded, active PDFs and image bombs
refused, every file scanned by ClamAV with quarantine (docs/drift.md: Uppladdningar)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import time
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ansokan.models import Ansokan, Bilaga, Status
from bistand import virus
from bistand.models import Notis, Parameter

from ..conftest import krav_tjanst
from .conftest import PDF, PNG, fil

pytestmark = pytest.mark.django_db

SIGNATURER = Path(__file__).resolve().parent.parent / "clamav"
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
EICAR_PDF = b"%PDF-1.4\n% " + EICAR + b"\n%%EOF\n"


@pytest.fixture(scope="session")
def clamd(tmp_path_factory):
    """Debian's clamd, started here with its own config and the repository's test signatures
    (no internet for signature updates: tests/clamav/ holds one that detects EICAR)."""
    program = shutil.which("clamd") or (
        "/usr/sbin/clamd" if Path("/usr/sbin/clamd").exists() else None
    )
    krav_tjanst("ClamAV clamd (Debian: clamav-daemon)", bool(program))
    katalog = tmp_path_factory.mktemp("clamd")
    uttag = katalog / "clamd.sock"
    konfig = katalog / "clamd.conf"
    konfig.write_text(
        f"DatabaseDirectory {SIGNATURER}\nLocalSocket {uttag}\nForeground yes\n"
        f"TemporaryDirectory {katalog}\nLogFile {katalog / 'clamd.log'}\n"
        "StreamMaxLength 50M\n",
        encoding="utf-8",
    )
    process = subprocess.Popen(  # noqa: S603
        [program, "-c", str(konfig)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(300):
            if uttag.exists():
                break
            if process.poll() is not None:
                pytest.fail(f"clamd avslutades: {(katalog / 'clamd.log').read_text()}")
            time.sleep(0.1)
        yield str(uttag)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def skannar(clamd, settings):
    settings.CLAMD_SOCKET = clamd
    settings.CLAMD_ADRESS = ""
    assert virus.svarar()


def utkast(klient) -> Ansokan:
    assert klient.post("/e-tjanst/ny/nyansokan/").status_code == 302
    return Ansokan.objects.filter(status=Status.UTKAST).order_by("-pk").first()


def ladda_upp(klient, a, innehall, namn="underlag.pdf", typ="application/pdf"):
    return klient.post(
        f"/e-tjanst/ansokan/{a.pk}/steg/bilagor/",
        {"kategori": "kontoutdrag", "fil": fil(namn, innehall, typ)},
    )


# ---- virus scanning ----------------------------------------------------------------------------


def test_the_eicar_string_is_refused_and_put_in_quarantine(skannar, sokande_klient):
    a = utkast(sokande_klient)
    svar = ladda_upp(sokande_klient, a, EICAR_PDF)
    assert svar.status_code == 302
    text = sokande_klient.get(svar["Location"]).content.decode()
    assert "skadlig kod" in text and "Skadlig kod – i karantän" in text
    b = Bilaga.objects.get(ansokan=a)
    assert b.skanning == "karantan" and "EICAR" in b.virusfynd
    assert b.sokvag.startswith("karantan/")
    assert sokande_klient.get(f"/e-tjanst/bilaga/{b.pk}/").status_code == 404


def test_a_clean_file_is_scanned_and_can_be_opened(skannar, sokande_klient):
    a = utkast(sokande_klient)
    assert ladda_upp(sokande_klient, a, PDF).status_code == 302
    b = Bilaga.objects.get(ansokan=a)
    assert b.skanning == "ren"
    svar = sokande_klient.get(f"/e-tjanst/bilaga/{b.pk}/")
    assert svar.status_code == 200 and b"".join(svar.streaming_content) == PDF


def test_malware_sent_with_an_application_reaches_the_handlaggare_as_a_notice(
    skannar, sokande, skicka_in, handlaggare, client
):
    from ansokan import services

    a = skicka_in(sokande)
    b = services.bilaga_spara(
        ansokan=a,
        fil=SimpleUploadedFile("k.pdf", EICAR_PDF, content_type="application/pdf"),
        kategori="kontoutdrag",
        av_person=sokande,
    )
    assert b.skanning == "karantan"
    notis = Notis.objects.get(mottagare=handlaggare)
    assert "karantän" in notis.text
    client.force_login(handlaggare)
    sida = client.get(f"/ansokningar/{a.pk}/").content.decode()
    assert "Skadlig kod – i karantän" in sida
    assert f"/ansokningar/bilaga/{b.pk}/" not in sida
    assert client.get(f"/ansokningar/bilaga/{b.pk}/").status_code == 404


def test_without_a_scanner_a_file_is_shown_as_not_scanned(sokande_klient, settings):
    settings.CLAMD_SOCKET = ""
    settings.CLAMD_ADRESS = ""
    a = utkast(sokande_klient)
    svar = ladda_upp(sokande_klient, a, PDF)
    assert "Ej virusskannad" in sokande_klient.get(svar["Location"]).content.decode()
    assert Bilaga.objects.get(ansokan=a).skanning == "ej_skannad"


def test_when_the_configured_scanner_is_down_the_file_waits_and_cannot_be_opened(
    sokande_klient, settings, tmp_path
):
    settings.CLAMD_SOCKET = str(tmp_path / "finns-inte.sock")
    a = utkast(sokande_klient)
    ladda_upp(sokande_klient, a, PDF)
    b = Bilaga.objects.get(ansokan=a)
    assert b.skanning == "vantar"
    assert sokande_klient.get(f"/e-tjanst/bilaga/{b.pk}/").status_code == 404


def test_production_settings_require_the_scanner(settings):
    from bistand.checks import virusskanner_i_drift

    settings.DEBUG = False
    settings.CLAMD_SOCKET = ""
    settings.CLAMD_ADRESS = ""
    assert [e.id for e in virusskanner_i_drift(None)] == ["bistand.E003"]
    settings.CLAMD_ADRESS = "clamav:3310"
    assert virusskanner_i_drift(None) == []


# ---- size, while the body streams in -------------------------------------------------------


def test_an_oversized_upload_is_refused_before_it_is_stored_anywhere(
    sokande_klient, settings, tmp_path
):
    settings.ETJANST_MAX_FILSTORLEK = 1024
    temp = tmp_path / "temp"
    temp.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(temp)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # Django's own handlers would spool to disk
    a = utkast(sokande_klient)
    fore = set(Path(settings.FILE_STORAGE_DIR).rglob("*"))
    svar = ladda_upp(sokande_klient, a, b"%PDF-1.4\n" + b"0" * 200_000)
    assert svar.status_code == 200
    assert "för stor" in svar.content.decode()
    assert list(temp.iterdir()) == []
    assert set(Path(settings.FILE_STORAGE_DIR).rglob("*")) == fore
    assert not Bilaga.objects.filter(ansokan=a).exists()


def test_the_handler_keeps_nothing_past_the_limit(settings, rf):
    from bistand.uppladdning import BegransadUppladdning

    settings.ETJANST_MAX_FILSTORLEK = 100
    h = BegransadUppladdning(rf.post("/"))
    h.handle_raw_input(None, {}, 10_000, b"x")
    h.new_file("fil", "a.pdf", "application/pdf", None)
    for start in range(0, 10_000, 64):
        h.receive_data_chunk(b"x" * 64, start)
        assert len(h.buffer.getvalue()) <= 100
    resultat = h.file_complete(10_000)
    assert resultat.for_stor and resultat.size == 157 * 64 and resultat.read() == b""


def test_a_body_far_over_the_limit_is_refused_unread(sokande_klient, settings):
    settings.ETJANST_MAX_FILSTORLEK = 1024
    settings.UPPLADDNING_MAX_BEGARAN = 4096
    a = utkast(sokande_klient)
    svar = ladda_upp(sokande_klient, a, b"%PDF-1.4\n" + b"0" * 20_000)
    assert svar.status_code == 400
    assert "för stor" in svar.content.decode()
    assert not Bilaga.objects.filter(ansokan=a).exists()


# ---- files per ansökan ----------------------------------------------------------------------


def test_files_per_application_are_bounded_by_a_parameter(sokande_klient):
    Parameter.objects.filter(kod="bilagor-max-per-ansokan").update(varde=2)
    a = utkast(sokande_klient)
    assert ladda_upp(sokande_klient, a, PDF).status_code == 302
    assert ladda_upp(sokande_klient, a, PNG, "b.png", "image/png").status_code == 302
    svar = ladda_upp(sokande_klient, a, PDF)
    assert svar.status_code == 200
    assert "redan 2 bilagor" in svar.content.decode()
    assert Bilaga.objects.filter(ansokan=a).count() == 2


# ---- active PDFs and image bombs ------------------------------------------------------------

JS_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction 3 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"3 0 obj<</S/JavaScript/JS(app.alert\\('x'\\))>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
HEX_PDF = b"%PDF-1.4\n1 0 obj<</S/J#61vaScript/J#53(x)>>endobj\ntrailer<<>>\n%%EOF\n"
_gomt = zlib.compress(b"<</S/Launch/F(cmd.exe)>>")
STROM_PDF = (
    b"%PDF-1.5\n1 0 obj<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length "
    + str(len(_gomt)).encode()
    + b">>stream\n"
    + _gomt
    + b"\nendstream endobj\ntrailer<<>>\n%%EOF\n"
)


@pytest.mark.parametrize("innehall", [JS_PDF, HEX_PDF, STROM_PDF], ids=["js", "hex", "strom"])
def test_a_pdf_with_active_content_is_refused(sokande_klient, innehall):
    a = utkast(sokande_klient)
    svar = ladda_upp(sokande_klient, a, innehall)
    assert svar.status_code == 200
    assert "innehåller program eller automatiska åtgärder" in svar.content.decode()
    assert not Bilaga.objects.filter(ansokan=a).exists()


def test_a_png_decompression_bomb_is_refused(sokande_klient):
    ut = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(ut, format="PNG", optimize=True)
    bomb = ut.getvalue()
    assert len(bomb) < 1024 * 1024
    a = utkast(sokande_klient)
    svar = ladda_upp(sokande_klient, a, bomb, "bomb.png", "image/png")
    assert svar.status_code == 200
    assert "för många bildpunkter" in svar.content.decode()
    assert not Bilaga.objects.filter(ansokan=a).exists()


def test_the_repository_signature_file_detects_eicar():
    text = (SIGNATURER / "bistand-test.ndb").read_text(encoding="utf-8").strip()
    namn, _, _, hexa = text.split(":")
    assert bytes.fromhex(hexa) == EICAR and namn
    assert os.sep not in namn
