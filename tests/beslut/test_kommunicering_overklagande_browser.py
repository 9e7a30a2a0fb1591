"""Done when, in a browser (Debian's Chromium):

1. a kommunicering is sent → the applicant reads it and answers in the e-tjänst → the
   handläggare is notified and the adverse decision may proceed;
2. the applicant appeals two decisions with an attachment → the appeals are in the
   handläggare's worklist and notices are sent → rättidsprövning and forwarding; the bundle PDF
   holds every part (its text and page count).

Axe reports no violations on the pages visited.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from beslut.models import Overklagande
from tests.beslut.conftest import signera_analyser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
DEMO = "bistand-demo"
PERSONNUMMER = "19900101-2385"


def _pdf(text: str) -> bytes:
    from bistand.pdf import TYPSNITT, html_till_pdf

    typsnitt = f"{TYPSNITT.as_uri()}/DejaVuSans.ttf"
    return html_till_pdf(
        f'<html lang="sv"><head><meta charset="utf-8"><title>Bilaga</title><style>'
        f'@font-face {{ font-family: "DejaVu Sans"; src: url("{typsnitt}"); }}'
        f'html {{ font-family: "DejaVu Sans"; }}</style></head><body><p>{text}</p></body></html>'
    )


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False


def _ny_ansokan(poster):
    """A new ansökan of the demo applicant under utredning with a förslag per post."""
    from ansokan import services as ansokan_services
    from ansokan.models import Posttyp
    from bistand.models import Person, User
    from utredning import services as utredning_services

    h1 = User.objects.get(username="handlaggare1")
    sokande = Person.objects.get(identitet="199001162396")
    ansokan, _ = ansokan_services.ansokan_registrera(
        sokande=sokande,
        av=h1,
        typ="ateransokan",
        kanal="telefon",
        mottagen=timezone.localdate(),
        poster=[(Posttyp.objects.get(kod=k), Decimal(v[0]), "") for k, v in poster.items()],
    )
    utredning = utredning_services.utredning_starta(ansokan=ansokan, av=h1)
    for post in ansokan.poster.select_related("posttyp"):
        _, utfall, belopp = poster[post.posttyp.kod]
        utredning_services.forslag_spara(
            utredning=utredning,
            post=post,
            utfall=utfall,
            av=h1,
            belopp=Decimal(belopp),
            motivering="" if utfall == "bifall" else "Inkomsten räcker till en del av behovet.",
        )
    signera_analyser(ansokan, h1)  # the household has children (tested in barnkonsekvens)
    return ansokan, h1


def _sokande_loggar_in(page, live_server, personnummer="19900116-2396"):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/e-tjanst/")
    page.get_by_label("Personnummer").fill(personnummer)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state("domcontentloaded")


def _personal(page, logga_in, namn="handlaggare1"):
    page.context.clear_cookies()
    logga_in(page, namn, DEMO)


def test_kommunicering_sent_read_answered_and_the_decision_proceeds(
    page, live_server, axe, logga_in, demo, tmp_path
):
    from bistand.models import Notis
    from utredning.models import Kommunicering

    ansokan, h1 = _ny_ansokan({"forsorjningsstod": ("9800", "delvis_bifall", "6200")})
    underlag = tmp_path / "hyresvard.pdf"
    underlag.write_bytes(_pdf("Hyresvärdens besked om hyran"))
    svarsfil = tmp_path / "hyresavi.pdf"
    svarsfil.write_bytes(_pdf("Min hyresavi för januari"))

    # The handläggare sends the kommunicering from the utredning page.
    _personal(page, logga_in)
    page.goto(f"{live_server.url}/ansokningar/{ansokan.pk}/utredning/")
    page.get_by_text("Kommunicera uppgifter").click()
    page.get_by_label("Vad som kommuniceras").fill("Hyresvärden uppger att hyran är 5 900 kr.")
    page.get_by_label("Svar senast").fill(
        f"{timezone.localdate() + dt.timedelta(days=10):%Y-%m-%d}"
    )
    page.get_by_label("Handlingar som skickas med (om några)").set_input_files(str(underlag))
    page.get_by_role("button", name="Skicka till sökande").click()
    assert "Kommuniceringen är skickad" in page.content()
    k = Kommunicering.objects.get(utredning__ansokan=ansokan)
    assert k.pdf_sokvag

    # The adverse decision waits.
    page.goto(f"{live_server.url}/ansokningar/{ansokan.pk}/beslut/")
    page.get_by_role("button", name="Fatta beslut", exact=True).click()
    assert "kommuniceringen" in page.get_by_role("alert").inner_text()

    # The applicant finds it in Mina sidor, reads it and answers with a file.
    _sokande_loggar_in(page, live_server)
    axe(page)
    page.get_by_role("link", name=f"Svara på underlag till ansökan {ansokan.referens}").click()
    assert "Hyresvärden uppger att hyran är 5 900 kr." in page.content()
    axe(page)
    pdf = page.request.get(
        live_server.url
        + page.get_by_role("link", name="Läs hela underlaget (PDF)").get_attribute("href")
    )
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    page.get_by_label("Ditt svar").fill("Hyran är 6 450 kr från januari. Se min hyresavi.")
    page.get_by_label("Filer (om du vill skicka med något)").set_input_files(str(svarsfil))
    page.get_by_role("button", name="Skicka ditt svar").click()
    assert "Ditt svar har kommit fram" in page.content()
    axe(page)
    k.refresh_from_db()
    assert k.besvarad == timezone.localdate() and k.svar_kanal == "etjanst"

    # The handläggare is notified, sees the answer first in the worklist, and decides.
    assert Notis.objects.filter(mottagare=h1, text__contains="kommunicering").exists()
    _personal(page, logga_in)
    page.goto(f"{live_server.url}/arbetslista/")
    assert "Svar på kommunicering" in page.content()
    axe(page)
    page.get_by_role("link", name="Svar på kommunicering").first.click()
    assert "Hyran är 6 450 kr från januari." in page.content()
    page.get_by_role("button", name="Markera svaret som läst").click()
    page.goto(f"{live_server.url}/ansokningar/{ansokan.pk}/beslut/")
    post = ansokan.poster.get()
    page.locator(f"input[name='p{post.pk}-utfall'][value='delvis_bifall']").check()
    page.locator(f"#id_p{post.pk}-belopp").fill("6200")
    page.locator(f"#id_p{post.pk}-motivering").fill("Vi räknar med hyran i hyresavin.")
    page.get_by_role("button", name="Fatta beslut", exact=True).click()
    page.wait_for_load_state("domcontentloaded")
    rubrik = page.get_by_role("heading", level=1).inner_text()
    assert rubrik.startswith("Beslut"), page.locator("main").inner_text()[:800]
    ansokan.refresh_from_db()
    assert ansokan.status == "beslutad"


def test_two_decisions_appealed_with_an_attachment_forwarded_in_one_full_bundle(
    page, live_server, axe, logga_in, demo, tmp_path
):
    from django.conf import settings
    from pypdf import PdfReader

    from beslut import services
    from bistand.models import Notis

    ansokan, h1 = _ny_ansokan(
        {
            "forsorjningsstod": ("9800", "delvis_bifall", "6200"),
            "hyra": ("7200", "delvis_bifall", "5000"),
        }
    )
    # A decision names the month it concerns (the month the ansökan came in, today).
    manad = timezone.localdate().replace(day=1)
    manadens_slut = (manad + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    brev = services.beslut_fatta(
        ansokan=ansokan,
        av=h1,
        poster=[
            services.PostBeslut(
                post=p,
                utfall="delvis_bifall",
                belopp=Decimal("6200" if p.posttyp.kod == "forsorjningsstod" else "5000"),
                lagrum_kod="sol-ratt-till-bistand",
                motivering=f"Motivering för {p.posttyp.namn.lower()}.",
                period_fran=manad,
                period_till=manadens_slut if p.posttyp.lopande else None,
            )
            for p in ansokan.poster.select_related("posttyp")
        ],
    )
    services.beslutsbrev_rendera(brev_id=brev.pk)
    bilaga = tmp_path / "kvitton.pdf"
    bilaga.write_bytes(_pdf("Kvitton på elräkningen"))

    # The applicant appeals both decisions at once, with an attachment, seeing the last day.
    _sokande_loggar_in(page, live_server)
    page.goto(f"{live_server.url}/e-tjanst/ansokan/{ansokan.pk}/overklaga/")
    assert "Sista dag att överklaga" in page.content()
    axe(page)
    page.get_by_label("Försörjningsstöd: delvis bifall").check()
    page.get_by_label("Hyra: delvis bifall").check()
    page.get_by_label("Hur vill du att beslutet ska ändras, och varför?").fill(
        "Jag behöver hela beloppet. Elräkningen var högre i vintras."
    )
    page.get_by_label("Handlingar som stöder ditt överklagande (om du vill)").set_input_files(
        str(bilaga)
    )
    page.get_by_role("button", name="Skicka överklagandet").click()
    assert "Ditt överklagande har kommit in" in page.content()
    overklaganden = list(Overklagande.objects.filter(beslut__brev=brev).order_by("pk"))
    assert len(overklaganden) == 2
    assert Notis.objects.filter(mottagare=h1, text__contains="Nytt överklagande av 2 beslut")

    # In the handläggare's worklist at once; rättidsprövning, omprövning, forwarding.
    _personal(page, logga_in)
    page.goto(f"{live_server.url}/arbetslista/")
    axe(page)
    o = overklaganden[1]
    page.locator(f'a[href="/overklagande/{o.pk}/"]').click()
    assert "kvitton.pdf" in page.content()
    axe(page)
    page.get_by_role("button", name="Pröva om överklagandet kom in i tid").click()
    assert "kom in i tid" in page.content()
    page.get_by_label("Nej, beslutet ändras inte").check()
    page.get_by_label("Nämndens bedömning").fill("Beräkningen av hyran är riktig.")
    page.get_by_role("button", name="Spara omprövning").click()
    page.get_by_label("Nämndens yttrande till förvaltningsrätten").fill(
        "Nämnden vidhåller beslutet om hyra."
    )
    page.get_by_role("button", name="Överlämna till förvaltningsrätten").click()
    assert "Överlämnad till förvaltningsrätten" in page.content()
    axe(page)
    o.refresh_from_db()
    svar = page.request.get(f"{live_server.url}/overklagande/{o.pk}/bunt/")
    assert svar.ok
    lasare = PdfReader(io.BytesIO(svar.body()))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in lasare.pages)
    namn = h1.get_full_name() or h1.username
    for del_ in (
        f"Överlämnat av: {namn}",  # the official who forwards it
        "Nämnden vidhåller beslutet om hyra.",  # the yttrande
        "Jag behöver hela beloppet.",  # the appeal
        "Utredning",
        "Beräkning",  # the utredning with the calculation
        "Motivering för hyra.",  # the appealed decision letter
        "Kvitton på elräkningen",  # the appeal's attachment
    ):
        assert del_ in text, del_
    brevsidor = len(PdfReader(settings.FILE_STORAGE_DIR / o.beslut.brev.sokvag).pages)
    assert len(lasare.pages) >= 1 + brevsidor + 1
