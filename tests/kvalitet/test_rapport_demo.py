"""The kvalitetsrapport on the demo data: the PDF renders in under ten seconds with at least
six charts, and every chart carries figures from the demo year."""

from __future__ import annotations

import datetime
import io
import subprocess
import time

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from bistand.models import User

pytestmark = pytest.mark.django_db
AR = datetime.date.today().year  # noqa: DTZ011


def test_the_demo_years_report_renders_as_pdf_in_under_ten_seconds(client, settings, tmp_path):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False
    client.force_login(User.objects.get(username="kvalitet1"))
    sida = client.get(f"/kvalitet/rapport/{AR}/").content.decode()
    assert sida.count('<svg class="diagram"') >= 6
    assert sida.count("Inga värden för perioden.") <= 1  # the demo fills the charts
    start = time.monotonic()
    svar = client.get(f"/kvalitet/rapport/{AR}.pdf")
    tid = time.monotonic() - start
    assert svar.status_code == 200
    assert tid < 10, f"{tid:.1f} s"
    fil = tmp_path / "rapport.pdf"
    fil.write_bytes(svar.content)
    check = subprocess.run(["qpdf", "--check", str(fil)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "pdfaid" in PdfReader(fil).xmp_metadata.stream.get_data().decode("utf-8", "replace")
