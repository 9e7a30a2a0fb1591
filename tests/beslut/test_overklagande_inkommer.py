"""A new appeal reaches the handläggare at once: several decisions in one go, attachments,
the last day on the form, Bevakningar, notices, the worklist, and the full bundle to
förvaltningsrätten (FL 43–46 §§; docs/regler.md)."""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from beslut import services
from beslut.models import Beslut, Overklagande
from bistand.kalender import lagg_till_arbetsdagar
from bistand.models import Bevakning, BevakningStatus, Notis
from tests.beslut.conftest import logga_in_sokande, post_beslut

pytestmark = pytest.mark.django_db
OS = Overklagande.Status


def _pdf_med_text(text: str) -> bytes:
    from beslut.pdf import TYPSNITT, _pdf

    typsnitt = f"{TYPSNITT.as_uri()}/DejaVuSans.ttf"
    return _pdf(
        f'<html lang="sv"><head><meta charset="utf-8"><title>Bilaga</title><style>'
        f'@font-face {{ font-family: "DejaVu Sans"; src: url("{typsnitt}"); }}'
        f'html {{ font-family: "DejaVu Sans"; }}</style></head><body><p>{text}</p></body></html>'
    )


@pytest.fixture
def tva_beslut(skapa_utredd, akt, handlaggare, django_capture_on_commit_callbacks):
    a = skapa_utredd(
        akt,
        handlaggare,
        {"forsorjningsstod": ("9000", "avslag", ""), "hyra": ("7200", "delvis_bifall", "5000")},
    )
    with django_capture_on_commit_callbacks(execute=True):
        brev = services.beslut_fatta(
            ansokan=a,
            av=handlaggare,
            poster=[
                post_beslut(a, utfall="avslag", motivering="Inkomsten räcker."),
                post_beslut(
                    a,
                    "hyra",
                    utfall="delvis_bifall",
                    belopp=Decimal("5000"),
                    motivering="Hyran är över nämndens nivå.",
                ),
            ],
        )
    brev.refresh_from_db()
    return brev


@pytest.fixture
def chef(enhetschef):
    enhetschef.email = "chef@kommun.example"
    enhetschef.save()
    return enhetschef


def _overklaga(client, brev, filer=(), **data):
    logga_in_sokande(client, brev.ansokan.sokande)
    return client.post(
        f"/e-tjanst/ansokan/{brev.ansokan_id}/overklaga/",
        {
            "beslut": [str(b.pk) for b in brev.beslut.all()],
            "text": "Jag behöver hela beloppet. Hyran har höjts.",
            "filer": list(filer),
            **data,
        },
    )


def test_the_form_shows_the_last_day_for_each_decision(client, tva_beslut):
    logga_in_sokande(client, tva_beslut.ansokan.sokande)
    sida = client.get(f"/e-tjanst/ansokan/{tva_beslut.ansokan_id}/overklaga/").content.decode()
    for b in services.Beslut.objects.filter(brev=tva_beslut):
        assert b.post.posttyp.namn in sida
    from beslut.selectors import negativa_beslut_att_overklaga

    val = negativa_beslut_att_overklaga(tva_beslut.ansokan)
    assert len(val) == 2
    assert "Sista dag att överklaga" in sida
    assert f"{val[0].sista_dag:%Y-%m-%d}" in sida
    assert val[0].sista_dag >= timezone.localdate() + dt.timedelta(days=21)


def test_the_applicant_appeals_two_decisions_with_an_attachment_in_one_go(
    client, tva_beslut, handlaggare, chef, django_capture_on_commit_callbacks
):
    handlaggare.email = "agare@kommun.example"
    handlaggare.save()
    bilaga = SimpleUploadedFile(
        "hyresavi.pdf", _pdf_med_text("Hyresavi december"), "application/pdf"
    )
    with django_capture_on_commit_callbacks(execute=True):
        svar = _overklaga(client, tva_beslut, filer=[bilaga])
    assert svar.status_code == 302
    overklaganden = list(Overklagande.objects.order_by("pk"))
    assert len(overklaganden) == 2
    assert {o.beslut_id for o in overklaganden} == set(
        tva_beslut.beslut.values_list("pk", flat=True)
    )
    for o in overklaganden:
        assert o.kanal == "etjanst"
        assert [b.filnamn for b in o.bilagor.all()] == ["hyresavi.pdf"]
        rattid = Bevakning.objects.get(typ="rattidsprovning", objekt_id=o.pk)
        assert rattid.forfaller == lagg_till_arbetsdagar(o.inkommen, 1)
        assert rattid.agare == handlaggare
        assert Bevakning.objects.filter(typ="overlamnande", objekt_id=o.pk).exists()
    # Notices to the owner and the enhetschef, in the app and by e-mail.
    assert set(Notis.objects.values_list("mottagare__username", flat=True)) == {
        handlaggare.username,
        chef.username,
    }
    assert "Nytt överklagande av 2 beslut" in Notis.objects.first().text
    adresser = {a for m in mail.outbox for a in m.to}
    assert {"agare@kommun.example", "chef@kommun.example"} <= adresser


def test_a_bad_file_gets_a_message_beside_the_field_and_the_text_is_kept(client, tva_beslut):
    fel = SimpleUploadedFile("virus.exe", b"MZ\x90\x00 not a document", "application/pdf")
    svar = _overklaga(client, tva_beslut, filer=[fel], text="Min hyra har höjts i december.")
    assert svar.status_code == 200
    sida = svar.content.decode()
    assert "virus.exe: Filen går inte att ta emot." in sida
    assert "Min hyra har höjts i december." in sida
    assert not Overklagande.objects.exists()


def test_no_decision_chosen_gets_a_message_beside_the_field(client, tva_beslut):
    svar = _overklaga(client, tva_beslut, beslut=[])
    assert "Välj minst ett beslut som du vill överklaga." in svar.content.decode()
    assert "Jag behöver hela beloppet." in svar.content.decode()
    assert not Overklagande.objects.exists()


def test_a_decision_from_another_application_cannot_be_slipped_in(
    client, tva_beslut, skapa_utredd, skapa_akt, enhet, handlaggare
):
    annan = skapa_utredd(skapa_akt(enhet, handlaggare), handlaggare)
    annat_brev = services.beslut_fatta(
        ansokan=annan, av=handlaggare, poster=[post_beslut(annan, utfall="avslag")]
    )
    svar = _overklaga(client, tva_beslut, beslut=[str(annat_brev.beslut.get().pk)])
    assert svar.status_code == 200
    assert not Overklagande.objects.exists()


def test_a_new_appeal_is_in_the_owners_worklist_after_todays_akut_and_not_for_outsiders(
    client, tva_beslut, handlaggare, utomstaende, akt, skapa_akt, enhet
):
    from ansokan import services as ansokan_services
    from ansokan.models import Posttyp

    _overklaga(client, tva_beslut)
    sokande = skapa_akt(enhet, handlaggare).hushall.medlemmar.get(roll="sokande").person
    akut, _ = ansokan_services.ansokan_registrera(
        sokande=sokande,
        av=handlaggare,
        typ="akut",
        kanal="besok",
        mottagen=timezone.localdate(),
        poster=[(Posttyp.objects.get(kod="forsorjningsstod"), Decimal("500"), "")],
    )
    client.force_login(handlaggare)
    svar = client.get("/arbetslista/")
    assert [u.slag for u in svar.context["uppgifter"]] == ["Nytt överklagande"] * 2
    sida = svar.content.decode()
    assert sida.index(akut.referens) < sida.index("Nytt överklagande")
    o = Overklagande.objects.first()
    assert f'href="/overklagande/{o.pk}/"' in sida

    client.force_login(utomstaende)
    svar = client.get("/arbetslista/?visa=alla")
    assert svar.context["uppgifter"] == []
    assert "Nytt överklagande" not in svar.content.decode()


def test_rattidsprovning_meets_its_bevakning_and_the_task_moves_on(client, tva_beslut, handlaggare):
    _overklaga(client, tva_beslut)
    o = Overklagande.objects.first()
    services.overklagande_rattidsprova(overklagande=o, av=handlaggare)
    assert (
        Bevakning.objects.get(typ="rattidsprovning", objekt_id=o.pk).status
        == BevakningStatus.UPPFYLLD
    )
    client.force_login(handlaggare)
    slag = [u.slag for u in client.get("/arbetslista/").context["uppgifter"]]
    assert sorted(slag) == ["Nytt överklagande", "Överklagande att ompröva"]


def test_the_worklist_query_count_stays_flat_with_appeals(
    client, tva_beslut, handlaggare, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.SIDMINNE = False  # the drawn list is measured, not the kept one

    def fragor():
        client.force_login(handlaggare)
        client.get("/arbetslista/")
        with CaptureQueriesContext(connection) as ctx:
            svar = client.get("/arbetslista/")
        return len(ctx.captured_queries), len(svar.context["uppgifter"])

    forsorjning, hyra = tva_beslut.beslut.order_by("pk")
    _overklaga(client, tva_beslut, beslut=[str(forsorjning.pk)])
    ett = fragor()
    _overklaga(client, tva_beslut, beslut=[str(hyra.pk)])
    tva = fragor()
    assert (ett[1], tva[1]) == (1, 2)
    assert ett[0] == tva[0]


@pytest.fixture
def bunt(client, tva_beslut, handlaggare, django_capture_on_commit_callbacks):
    from django.conf import settings

    from ansokan import services as ansokan_services

    handlaggare.first_name, handlaggare.last_name = "Maja", "Handläggarsson"
    handlaggare.befattning = "Socialsekreterare"
    handlaggare.save()
    ansokan = tva_beslut.ansokan
    ansokan_services.bilaga_spara(
        ansokan=ansokan,
        fil=SimpleUploadedFile("lon.pdf", _pdf_med_text("Lönespecifikation november"), "x"),
        kategori="lonespecifikation",
        av=handlaggare,
    )
    _overklaga(
        client,
        tva_beslut,
        beslut=[str(tva_beslut.beslut.get(post__posttyp__kod="hyra").pk)],
        filer=[SimpleUploadedFile("hyresavi.pdf", _pdf_med_text("Hyresavi december"), "x")],
    )
    o = Overklagande.objects.get()
    o = services.overklagande_rattidsprova(overklagande=o, av=handlaggare)
    with django_capture_on_commit_callbacks(execute=True):
        o = services.overklagande_omprova(
            overklagande=o,
            av=handlaggare,
            andras=True,
            motivering="Hyran är styrkt; beslutet ändras delvis.",
            nytt=services.PostBeslut(
                post=o.beslut.post,
                utfall="delvis_bifall",
                belopp=Decimal("6000"),
                lagrum_kod="sol-ratt-till-bistand",
                motivering="Hyran godtas upp till 6000 kr.",
            ),
        )
    o = services.overklagande_overlamna(
        overklagande=o, av=handlaggare, yttrande="Nämnden vidhåller beslutet i övrigt."
    )
    return settings.FILE_STORAGE_DIR / o.bunt_sokvag, o


def test_the_bundle_holds_every_part_and_names_the_official(bunt):
    from pypdf import PdfReader

    fil, o = bunt
    lasare = PdfReader(fil)
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in lasare.pages)
    assert "Överlämnat av: Maja Handläggarsson, Socialsekreterare" in text
    assert "Nämnden vidhåller beslutet i övrigt." in text  # yttrande
    assert "Jag behöver hela beloppet. Hyran har höjts." in text  # the appeal
    assert "Hyran är styrkt; beslutet ändras delvis." in text  # omprövning
    assert "Utredning" in text and "Beräkning" in text
    assert "Ändringsbeslut" in text
    assert "46 § andra stycket" in text
    assert "Hyran är över nämndens nivå." in text  # the appealed decision letter
    assert "Hyran godtas upp till 6000 kr." in text  # the ändringsbeslut letter
    assert "Lönespecifikation november" in text  # a document the decision rests on
    assert "Hyresavi december" in text  # the appeal's attachment
    # cover (at least one page) + both letters + two one-page attachments
    brev = [o.beslut.brev, Beslut.objects.get(andrar=o.beslut).brev]
    from django.conf import settings

    sidor_brev = sum(len(PdfReader(settings.FILE_STORAGE_DIR / b.sokvag).pages) for b in brev)
    assert len(lasare.pages) >= sidor_brev + 2 + 1
    assert o.overlamnad_av_id is not None


def test_the_bundle_passes_the_same_checks_as_the_letters(bunt):
    from pypdf import PdfReader

    fil, _ = bunt
    resultat = subprocess.run(["qpdf", "--check", str(fil)], capture_output=True, text=True)
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    rader = subprocess.run(
        ["pdffonts", str(fil)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert rader
    for rad in rader:
        assert rad.split()[-5] == "yes", rad
    xmp = PdfReader(fil).xmp_metadata
    assert xmp is not None
    assert "pdfaid" in xmp.stream.get_data().decode("utf-8", "replace")
