"""The yearly kvalitetsrapport: six areas with figures and charts, as a page and as a PDF that
passes the same checks as the decision letters."""

from __future__ import annotations

import datetime
import subprocess
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from kvalitet.models import BrukarundersokningSvar, RapportText, Risk

pytestmark = pytest.mark.django_db
AR = datetime.date.today().year  # noqa: DTZ011


@pytest.fixture
def data(fatta, skapa_akt, enhet, handlaggare, kollega):
    for utfall in ("bifall", "bifall", "avslag"):
        fatta(skapa_akt(enhet, handlaggare), handlaggare, utfall=utfall)
    fatta(skapa_akt(enhet, kollega), kollega, typ="akut")


def test_the_report_shows_six_areas_with_the_known_figures(client, data, kvalitet):
    client.force_login(kvalitet)
    text = client.get(f"/kvalitet/rapport/{AR}/").content.decode()
    for omrade in (
        "Rättssäkerhet",
        "Likvärdighet",
        "Effektivitet",
        "Tillgänglighet",
        "Bemötande och delaktighet",
        "Vägledning till egen försörjning",
    ):
        assert f". {omrade}</h2>" in text
    assert '<th scope="row">Ansökningar som kom in</th><td>4</td>' in text
    assert '<th scope="row">Akuta ansökningar</th><td>1</td>' in text
    assert '<th scope="row">Beslut om bifall, delvis bifall eller avslag</th><td>4</td>' in text
    assert "<td>Enhet Norr</td><td>75,0</td>" in text  # bifall share, chart's table
    assert text.count('<svg class="diagram"') >= 6


def test_the_pdf_passes_the_letter_checks_with_six_charts_in_under_ten_seconds(
    client, data, kvalitet, tmp_path
):
    client.force_login(kvalitet)
    start = time.monotonic()
    svar = client.get(f"/kvalitet/rapport/{AR}.pdf")
    tid = time.monotonic() - start
    assert svar.status_code == 200 and svar["Content-Type"] == "application/pdf"
    assert tid < 10, f"{tid:.1f} s"
    fil = tmp_path / "rapport.pdf"
    fil.write_bytes(svar.content)
    check = subprocess.run(["qpdf", "--check", str(fil)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    xmp = PdfReader(fil).xmp_metadata
    assert "pdfaid" in xmp.stream.get_data().decode("utf-8", "replace")
    fonts = subprocess.run(["pdffonts", str(fil)], capture_output=True, text=True, check=True)
    rader = fonts.stdout.splitlines()[2:]
    assert rader
    for rad in rader:
        assert rad.split()[-5] == "yes", rad
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(fil).pages).split())
    for titel in (
        "Journalgranskning: andel uppfyllt per punkt",
        "Domar: andel ändrade beslut per avsnitt",
        "Andel bifall per enhet",
        "Andel beslut med avsteg per enhet",
        "Väntetid till beslut, medel dagar per månad",
        "Ansökningar per kanal",
        "Försörjningshinder hos vuxna i utredningar",
    ):
        assert titel in text


def test_kvalitet_writes_the_texts_and_registers_and_bad_csv_is_explained(client, kvalitet, enhet):
    client.force_login(kvalitet)
    url = f"/kvalitet/rapport/{AR}/redigera/"
    svar = client.post(url, {"formular": "texter", "rattssakerhet": "Domarna visar att …"})
    assert svar.status_code == 302
    assert RapportText.objects.get(omrade="rattssakerhet").text == "Domarna visar att …"
    client.post(
        url,
        {
            "formular": "risk",
            "omrade": "tillganglighet",
            "risk": "Telefontiden räcker inte",
            "sannolikhet": "3",
            "konsekvens": "2",
        },
    )
    assert Risk.objects.get().riskvarde == 6
    fel = SimpleUploadedFile(
        "b.csv", "område;fråga;antal;andel\nBemötande;Fick du hjälp?;12;mycket\n".encode()
    )
    svar = client.post(url, {"formular": "brukar", "fil": fel})
    assert "Rad 2: okänt område" in svar.content.decode()
    rad = "Bemötande och delaktighet;Blev du väl bemött?;40;82,5"
    ok = SimpleUploadedFile("b.csv", f"område;fråga;antal;andel\n{rad}\n".encode())
    assert client.post(url, {"formular": "brukar", "fil": ok}).status_code == 302
    assert float(BrukarundersokningSvar.objects.get().andel_positiva) == 82.5
    text = client.get(f"/kvalitet/rapport/{AR}/").content.decode()
    assert "Domarna visar att …" in text and "Telefontiden räcker inte" in text
    assert "<td>Blev du väl bemött?</td><td>40</td><td>82,5 %</td>" in text


def test_the_enhetschef_reads_the_own_units_report_but_cannot_edit(
    client, enhetschef, handlaggare, annan_enhet
):
    client.force_login(enhetschef)
    text = client.get(f"/kvalitet/rapport/{AR}/?enhet={annan_enhet.pk}").content.decode()
    assert "– Enhet Norr</h1>" in text
    assert client.get(f"/kvalitet/rapport/{AR}/redigera/").status_code == 404
    assert client.get(f"/kvalitet/rapport/{AR + 1}/").status_code == 404
    client.force_login(handlaggare)
    assert client.get(f"/kvalitet/rapport/{AR}/").status_code == 404


def test_the_report_counts_synpunkter_from_the_synpunkter_app(
    client, kvalitet, enhet, namnd, enhetschef
):
    from synpunkter import services as sp
    from synpunkter.models import Omrade

    omrade = Omrade.objects.order_by("pk").first()
    for slag in ("klagomal", "klagomal", "berom"):
        sp.synpunkt_registrera(
            namnd=namnd,
            kanal="etjanst",
            slag=slag,
            text="Det tog lång tid.",
            anonym=True,
            enhet=enhet,
            omraden=[omrade],
        )
    client.force_login(kvalitet)
    text = client.get(f"/kvalitet/rapport/{AR}/").content.decode()
    assert '<th scope="row">Synpunkter</th><td>3</td>' in text
    assert '<th scope="row">varav klagomål</th><td>2</td>' in text
    assert f"<td>{omrade.namn}</td><td>3</td>" in text
