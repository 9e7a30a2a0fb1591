"""The decision letter as a PDF/A with embedded fonts and a besvärshänvisning (docs/regler.md:
Beslut och beslutsbrev)."""

from __future__ import annotations

import subprocess
from decimal import Decimal

import pytest
from django.conf import settings
from pypdf import PdfReader

from beslut import services
from tests.beslut.conftest import post_beslut

pytestmark = pytest.mark.django_db
MOTIVERING = "Din inkomst från a-kassan täcker en del av behovet för januari."


@pytest.fixture
def pdf_fil(skapa_utredd, akt, handlaggare, django_capture_on_commit_callbacks):
    a = skapa_utredd(
        akt,
        handlaggare,
        {"forsorjningsstod": ("9000", "bifall", "9000"), "hyra": ("7200", "bifall", "7200")},
    )
    with django_capture_on_commit_callbacks(execute=True):
        brev = services.beslut_fatta(
            ansokan=a,
            av=handlaggare,
            poster=[
                post_beslut(
                    a, utfall="delvis_bifall", belopp=Decimal("6543"), motivering=MOTIVERING
                ),
                post_beslut(a, "hyra", belopp=Decimal("7200")),
            ],
        )
    brev.refresh_from_db()
    return settings.FILE_STORAGE_DIR / brev.sokvag, brev


def test_the_letter_passes_qpdf_check(pdf_fil):
    fil, _ = pdf_fil
    resultat = subprocess.run(["qpdf", "--check", str(fil)], capture_output=True, text=True)
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr


def test_the_letter_declares_pdf_a_in_its_xmp_metadata(pdf_fil):
    fil, _ = pdf_fil
    xmp = PdfReader(fil).xmp_metadata
    assert xmp is not None
    rå = xmp.stream.get_data().decode("utf-8", "replace")
    assert "pdfaid:part" in rå or "pdfaid" in rå


def test_every_font_in_the_letter_is_embedded(pdf_fil):
    fil, _ = pdf_fil
    resultat = subprocess.run(["pdffonts", str(fil)], capture_output=True, text=True, check=True)
    rader = resultat.stdout.splitlines()[2:]
    assert rader, "inga typsnitt"
    for rad in rader:
        # Columns: name type encoding emb sub uni object ID
        assert rad.split()[-5] == "yes", rad


def test_the_letter_holds_besvarshanvisning_amounts_and_motivering(pdf_fil):
    fil, brev = pdf_fil
    text = " ".join(p.extract_text() for p in PdfReader(fil).pages)
    text = " ".join(text.split())
    assert "Om du vill överklaga" in text
    assert "förvaltningsrätten" in text
    assert "tre veckor" in text
    assert "44 § förvaltningslagen" in text
    assert "6 543 kr" in text and "7 200 kr" in text
    assert MOTIVERING in text
    assert brev.ansokan.referens in text


def test_the_stored_checksum_matches_the_file(pdf_fil):
    import hashlib

    fil, brev = pdf_fil
    assert hashlib.sha256(fil.read_bytes()).hexdigest() == brev.sha256


def test_rendering_twice_changes_nothing(pdf_fil):
    _, brev = pdf_fil
    igen = services.beslutsbrev_rendera(brev_id=brev.pk)
    assert igen.sha256 == brev.sha256 and igen.sokvag == brev.sokvag


def test_the_periodic_job_renders_letters_the_broker_missed(utredd, handlaggare):
    from beslut.tasks import rendera_ej_renderade

    brev = services.beslut_fatta(ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd)])
    brev.refresh_from_db()
    assert not brev.sha256  # on_commit not run: as if the broker were down
    assert rendera_ej_renderade(brev.beslutsdatum) == 1
    brev.refresh_from_db()
    assert brev.sha256
    assert rendera_ej_renderade(brev.beslutsdatum) == 0


def test_a_missing_pdf_engine_leaves_the_decision_and_the_letter_waits(
    utredd, handlaggare, monkeypatch, django_capture_on_commit_callbacks
):
    """Without Pango WeasyPrint cannot load; the decision stands, the catch-up renders later."""
    from beslut import pdf
    from beslut.tasks import rendera_ej_renderade

    def utan_pango(*args, **kwargs):
        raise OSError("cannot load library 'libpango-1.0-0'")

    with monkeypatch.context() as m:
        m.setattr(pdf, "_pdf", utan_pango)
        with django_capture_on_commit_callbacks(execute=True):
            brev = services.beslut_fatta(
                ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd)]
            )
    brev.refresh_from_db()
    assert brev.sha256 == ""
    utredd.refresh_from_db()
    assert utredd.status == "beslutad"
    assert rendera_ej_renderade(None) == 1
    brev.refresh_from_db()
    assert brev.sha256 != ""


def test_an_avslag_for_lack_of_underlag_says_so_in_the_letter(
    utredd, handlaggare, django_capture_on_commit_callbacks
):
    """docs/regler.md: Komplettering — only after the deadline, and saying so."""
    import datetime as dt

    import time_machine

    from ansokan.models import Komplettering

    Komplettering.objects.create(
        ansokan=utredd, vad="Kontoutdrag", varfor="För beräkningen", senast=dt.date(2026, 5, 10)
    )
    with time_machine.travel(dt.datetime(2026, 5, 11, 12, tzinfo=dt.UTC)):
        with django_capture_on_commit_callbacks(execute=True):
            brev = services.beslut_fatta(
                ansokan=utredd,
                av=handlaggare,
                poster=[post_beslut(utredd, utfall="avslag", brist_pa_underlag=True)],
            )
    brev.refresh_from_db()
    text = " ".join(
        p.extract_text() for p in PdfReader(settings.FILE_STORAGE_DIR / brev.sokvag).pages
    )
    assert "tiden för att komplettera har gått ut" in " ".join(text.split())
