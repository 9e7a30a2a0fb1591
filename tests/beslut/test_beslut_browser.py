"""Done when (docs/regler.md: Beslut och beslutsbrev), the full journey in a browser: handlaggare1
tries an avslag in a family case without a barnkonsekvensanalys and is refused with the reason; the
analysis is signed; a delvis bifall with an avsteg is blocked until forste1 approves the samråd; the
decision is made; the applicant reads the letter in the e-tjänst and appeals; the appeal is found
timely, not changed on omprövning, and forwarded. axe reports zero violations on the pages visited.

The analysis is written and signed through barnkonsekvens' services here (its pages are
tested by that app's own browser test).
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from beslut.models import Beslut, Overklagande
from tests.beslut.conftest import signera_analyser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
DEMO = "bistand-demo"


@pytest.fixture
def familjeansokan(settings):
    """A new ansökan of the demo applicant 19900101-2385 (who has a child), under utredning
    with a förslag, made through the real services."""
    from ansokan import services as ansokan_services
    from ansokan.models import Posttyp
    from bistand.models import Person, User
    from utredning import services as utredning_services

    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False
    h1 = User.objects.get(username="handlaggare1")
    sokande = Person.objects.get(identitet="199001012385")
    ansokan, _ = ansokan_services.ansokan_registrera(
        sokande=sokande,
        av=h1,
        typ="ateransokan",
        kanal="telefon",
        mottagen=timezone.localdate(),
        poster=[(Posttyp.objects.get(kod="forsorjningsstod"), Decimal("9800"), "")],
    )
    utredning = utredning_services.utredning_starta(ansokan=ansokan, av=h1)
    utredning_services.forslag_spara(
        utredning=utredning, post=ansokan.poster.get(), utfall="bifall", av=h1, belopp=9800
    )
    from beslut.models import Riktlinjeniva

    # The riktlinjer grant försörjningsstöd up to 7 000 kr here: more is an avsteg.
    Riktlinjeniva.objects.create(
        posttyp=Posttyp.objects.get(kod="forsorjningsstod"),
        giltig_fran=timezone.localdate().replace(day=1),
        max_belopp=7000,
    )
    return ansokan


def _staff(page, live_server, logga_in, namn):
    page.context.clear_cookies()
    logga_in(page, namn, DEMO)


def _valj(page, post, utfall, motivering, belopp=None):
    page.locator(f"input[name='p{post.pk}-utfall'][value='{utfall}']").check()
    if belopp is not None:
        page.locator(f"#id_p{post.pk}-belopp").fill(str(belopp))
    page.locator(f"#id_p{post.pk}-motivering").fill(motivering)


def test_the_whole_decision_and_appeal_journey(page, live_server, axe, logga_in, familjeansokan):
    a = familjeansokan
    post = a.poster.get()
    url = f"{live_server.url}/ansokningar/{a.pk}/beslut/"

    # 1. An avslag without a barnkonsekvensanalys is refused with the reason.
    _staff(page, live_server, logga_in, "handlaggare1")
    page.goto(url)
    axe(page)
    _valj(page, post, "avslag", "Inkomsten räcker till hela behovet.")
    page.get_by_role("button", name="Fatta beslut", exact=True).click()
    fel = page.get_by_role("alert")
    assert "barnkonsekvensanalys" in fel.inner_text().lower()
    assert "Ebba" in fel.inner_text()
    axe(page)
    assert not Beslut.objects.filter(post=post).exists()

    # 2. The analysis is written and signed (through barnkonsekvens' services).
    from bistand.models import User

    signera_analyser(a, User.objects.get(username="handlaggare1"))

    # 3. A delvis bifall above the riktlinje level is an avsteg, detected, and blocked until
    #    samråd; the request keeps what was typed.
    page.goto(url)
    _valj(page, post, "delvis_bifall", "Vi godtar en del av elkostnaden.", belopp=7400)
    page.get_by_role("button", name="Fatta beslut", exact=True).click()
    assert "Beslutet är ett avsteg" in page.content()
    page.get_by_label("Skäl för avsteget (för samrådet)").fill(
        "Familjen har en tillfälligt hög elkostnad."
    )
    page.get_by_role("button", name="Begär samråd om avsteg").click()
    assert "Samråd begärt" in page.content()
    assert page.locator(f"#id_p{post.pk}-belopp").input_value() == "7400"

    # 4. forste1 approves.
    _staff(page, live_server, logga_in, "forste1")
    page.goto(f"{live_server.url}/samrad/")
    axe(page)
    page.get_by_role("link", name=a.referens).click()
    page.get_by_label("Godkänn avsteget").check()
    page.get_by_label("Kommentar").fill("Godkänt i samråd.")
    page.get_by_role("button", name="Spara svar").click()
    assert "Godkänt" in page.content()
    axe(page)

    # 5. handlaggare1 makes the decision.
    _staff(page, live_server, logga_in, "handlaggare1")
    page.goto(url)
    _valj(page, post, "delvis_bifall", "Vi godtar en del av elkostnaden.", belopp=7400)
    page.get_by_role("button", name="Fatta beslut", exact=True).click()
    page.wait_for_load_state("domcontentloaded")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Beslut")
    beslut = Beslut.objects.get(post=post)
    assert beslut.utfall == "delvis_bifall" and beslut.samrad is not None
    axe(page)

    # 6. The applicant reads the letter in the e-tjänst and appeals.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/e-tjanst/")
    page.get_by_label("Personnummer").fill("19900101-2385")
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{live_server.url}/e-tjanst/ansokan/{a.pk}/")
    axe(page)
    lank = page.get_by_role("link", name="Läs beslutet").first
    svar = page.request.get(live_server.url + lank.get_attribute("href"))
    assert svar.ok and svar.body().startswith(b"%PDF")
    beslut.refresh_from_db()
    assert beslut.delgiven == timezone.localdate()
    page.get_by_role("link", name="Överklaga beslutet").click()
    axe(page)
    page.get_by_label("Försörjningsstöd: delvis bifall").check()
    page.get_by_label("Hur vill du att beslutet ska ändras, och varför?").fill(
        "Jag behöver hela beloppet för elräkningen."
    )
    page.get_by_role("button", name="Skicka överklagandet").click()
    assert "Ditt överklagande har kommit in" in page.content()
    o = Overklagande.objects.get(beslut=beslut)

    # 7. Staff: timely, not changed on omprövning, forwarded.
    _staff(page, live_server, logga_in, "handlaggare1")
    page.goto(f"{live_server.url}/overklagande/{o.pk}/")
    axe(page)
    page.get_by_role("button", name="Pröva om överklagandet kom in i tid").click()
    assert "kom in i tid" in page.content()
    page.get_by_label("Nej, beslutet ändras inte").check()
    page.get_by_label("Nämndens bedömning").fill("Beräkningen är riktig.")
    page.get_by_role("button", name="Spara omprövning").click()
    page.get_by_label("Nämndens yttrande till förvaltningsrätten").fill("Nämnden vidhåller.")
    page.get_by_role("button", name="Överlämna till förvaltningsrätten").click()
    assert "Överlämnad till förvaltningsrätten" in page.content()
    axe(page)
    o.refresh_from_db()
    assert o.status == "overlamnad" and o.rattidig and o.bunt_sha256
