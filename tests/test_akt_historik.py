"""The Akt's history page: events and journal entries merged by time, filtered by kind and
ansökan, in Swedish, and the same as a PDF/A; outsiders get 404; the query count stays flat."""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone
from pypdf import PdfReader

from ansokan import services as ansokan_services
from ansokan.models import Posttyp
from bistand import services as kart

pytestmark = pytest.mark.django_db


def _ansokan(akt, handlaggare):
    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    ansokan, _ = ansokan_services.ansokan_registrera(
        sokande=sokande,
        av=handlaggare,
        typ="nyansokan",
        kanal="papper",
        mottagen=timezone.localdate(),
        poster=[(Posttyp.objects.get(kod="forsorjningsstod"), Decimal("9000"), "")],
    )
    return ansokan


def _komplettering(ansokan, handlaggare, vad="Lönespecifikation"):
    return ansokan_services.komplettering_begar(
        ansokan=ansokan,
        av=handlaggare,
        vad=vad,
        varfor="Vi behöver se din inkomst.",
        senast=timezone.localdate() + dt.timedelta(days=7),
    )


@pytest.fixture
def historik(akt, handlaggare):
    forsta = _ansokan(akt, handlaggare)
    anteckning = kart.journal_skriv(
        akt=akt, av=handlaggare, kontakttyp="telefon", text="Ringde om hyran."
    )
    kart.journal_signera(anteckning=anteckning, av=handlaggare)
    _komplettering(forsta, handlaggare)
    return forsta


def test_the_history_lists_events_and_journal_entries_by_time_in_swedish(
    client, akt, handlaggare, historik
):
    client.force_login(handlaggare)
    sida = client.get(f"/akter/{akt.pk}/historik/").content.decode().split("<tbody>")[1]
    ordning = ["Ansökan mottagen", "Ringde om hyran.", "Komplettering begärd"]
    assert [sida.index(t) for t in ordning] == sorted(sida.index(t) for t in ordning)
    assert historik.referens in sida and "Lönespecifikation" in sida
    assert "ansokan.inkommen" not in sida
    assert "Systemet" not in sida  # every step here was made by a person


def test_the_history_filters_by_kind_and_by_ansokan(client, akt, handlaggare, historik):
    andra = _ansokan(akt, handlaggare)
    client.force_login(handlaggare)
    bara_komplettering = client.get(
        f"/akter/{akt.pk}/historik/", {"typ": "ansokan.komplettering_begard"}
    ).content.decode()
    tabell = bara_komplettering.split("<tbody>")[1]
    assert "Komplettering begärd" in tabell and "Ansökan mottagen" not in tabell
    assert "Ringde om hyran." not in tabell
    bara_andra = client.get(f"/akter/{akt.pk}/historik/", {"ansokan": andra.pk}).content.decode()
    tabell = bara_andra.split("<tbody>")[1]
    assert andra.referens in tabell and historik.referens not in tabell
    bara_journal = client.get(f"/akter/{akt.pk}/historik/", {"typ": "journal"}).content.decode()
    tabell = bara_journal.split("<tbody>")[1]
    assert "Ringde om hyran." in tabell and "Ansökan mottagen" not in tabell
    # An unknown kind or another Akt's ansökan shows everything rather than failing.
    svar = client.get(f"/akter/{akt.pk}/historik/", {"typ": "x", "ansokan": "999999"})
    assert svar.status_code == 200 and "Ringde om hyran." in svar.content.decode()


def test_an_outsider_gets_404_for_the_history_and_its_pdf(client, akt, utomstaende, historik):
    client.force_login(utomstaende)
    assert client.get(f"/akter/{akt.pk}/historik/").status_code == 404
    assert client.get(f"/akter/{akt.pk}/historik/pdf/").status_code == 404


def test_the_history_query_count_does_not_grow_with_the_events(
    client, akt, handlaggare, historik, django_assert_max_num_queries
):
    client.force_login(handlaggare)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as fore:
        client.get(f"/akter/{akt.pk}/historik/")
    for i in range(4):
        _komplettering(_ansokan(akt, handlaggare), handlaggare, vad=f"Intyg {i}")
        kart.journal_skriv(akt=akt, av=handlaggare, kontakttyp="besok", text=f"Besök {i}")
    with django_assert_max_num_queries(len(fore.captured_queries)):
        sida = client.get(f"/akter/{akt.pk}/historik/").content.decode()
    assert "Intyg 3" in sida and "Besök 3" in sida


def test_the_history_exports_as_a_pdf_a_with_embedded_fonts(
    client, akt, handlaggare, historik, tmp_path
):
    client.force_login(handlaggare)
    svar = client.get(f"/akter/{akt.pk}/historik/pdf/", {"typ": ""})
    assert svar.status_code == 200
    assert svar["Content-Type"] == "application/pdf"
    assert f"historik-{akt.aktnummer}.pdf" in svar["Content-Disposition"]
    fil = tmp_path / "historik.pdf"
    fil.write_bytes(svar.content)
    kontroll = subprocess.run(["qpdf", "--check", str(fil)], capture_output=True, text=True)
    assert kontroll.returncode == 0, kontroll.stdout + kontroll.stderr
    lasare = PdfReader(BytesIO(svar.content))
    xmp = lasare.xmp_metadata
    assert xmp is not None and "pdfaid" in xmp.stream.get_data().decode("utf-8", "replace")
    typsnitt = subprocess.run(["pdffonts", str(fil)], capture_output=True, text=True, check=True)
    rader = typsnitt.stdout.splitlines()[2:]
    assert rader and all(rad.split()[-5] == "yes" for rad in rader)
    text = " ".join(" ".join(p.extract_text() for p in lasare.pages).split())
    assert "Ansökan mottagen" in text and "Ringde om hyran." in text
    assert historik.referens in text and akt.aktnummer in text
