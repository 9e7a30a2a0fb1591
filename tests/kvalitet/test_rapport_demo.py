"""The kvalitetsrapport on the demo data: the PDF renders with at least six charts, and every
chart carries figures from the demo year. Its rendering time belongs to the benchmark
(docs/prestanda.md), not to a timed test."""

from __future__ import annotations

import datetime
import io
import subprocess

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from bistand.models import User
from kvalitet.demo import demons_ar

pytestmark = pytest.mark.django_db
AR = demons_ar(datetime.date.today())  # noqa: DTZ011


def test_the_demo_years_report_renders_as_a_checked_pdf(client, settings, tmp_path):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False
    client.force_login(User.objects.get(username="kvalitet1"))
    sida = client.get(f"/kvalitet/rapport/{AR}/").content.decode()
    assert sida.count('<svg class="diagram"') >= 6
    assert sida.count("Inga värden för perioden.") <= 1  # the demo fills the charts
    svar = client.get(f"/kvalitet/rapport/{AR}.pdf")
    assert svar.status_code == 200
    fil = tmp_path / "rapport.pdf"
    fil.write_bytes(svar.content)
    check = subprocess.run(["qpdf", "--check", str(fil)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "pdfaid" in PdfReader(fil).xmp_metadata.stream.get_data().decode("utf-8", "replace")
