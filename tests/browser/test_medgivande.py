"""End to end in Chromium: the enhetschef grants a handläggare access to a protected identity
at /skyddade-akter/ with a reason and an end date; the handläggare then opens the Akt; after the
end date the periodic job ends the grant and the Akt answers 404 again (docs/regler.md:
Behörighet och skyddade personuppgifter)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from bistand import access
from bistand.models import Medgivande, User
from bistand.periodiskt import PERIODISKA

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demodata(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False


def test_a_grant_given_on_the_page_opens_the_akt_until_the_job_ends_it(
    browser, live_server, logga_in, axe, demodata
):
    chef = User.objects.get(username="enhetschef1")
    handlaggare = User.objects.get(username="handlaggare1")
    akt = (
        access.skyddade_akter_for_chef(chef)
        .exclude(pk__in=access.akter_for_user(handlaggare).values("pk"))
        .order_by("pk")
        .first()
    )
    assert akt is not None, "Demon saknar en skyddad akt som handlaggare1 inte når."
    till = timezone.localdate() + dt.timedelta(days=7)

    handlaggarens = browser.new_context().new_page()
    logga_in(handlaggarens, "handlaggare1", "bistand-demo")
    assert handlaggarens.goto(f"{live_server.url}/akter/{akt.pk}/").status == 404

    chefens = browser.new_context().new_page()
    logga_in(chefens, "enhetschef1", "bistand-demo")
    chefens.goto(f"{live_server.url}/skyddade-akter/")
    axe(chefens)
    chefens.get_by_role(
        "link", name=f"Ge eller återkalla behörighet för akt {akt.aktnummer}"
    ).click()
    chefens.wait_for_load_state("domcontentloaded")
    assert (
        chefens.get_by_role("heading", level=1).inner_text()
        == f"Behörighet till akt {akt.aktnummer}"
    )
    chefens.get_by_label("Vem").select_option(str(handlaggare.pk))
    chefens.get_by_label("Skäl").fill("Vikarierar under semestern")
    chefens.get_by_label("Gäller till och med").fill(till.isoformat())
    chefens.get_by_role("button", name="Ge behörighet").click()
    chefens.wait_for_load_state("domcontentloaded")
    assert "Behörigheten är given." in chefens.content()
    givna = chefens.get_by_role("region", name="Givna behörigheter").inner_text()
    assert "Vikarierar under semestern" in givna and till.isoformat() in givna
    axe(chefens)
    medgivande = Medgivande.objects.get(akt=akt, anvandare=handlaggare)
    assert medgivande.till == till and medgivande.beviljat_av == chef

    svar = handlaggarens.goto(f"{live_server.url}/akter/{akt.pk}/")
    assert svar.status == 200
    assert handlaggarens.get_by_role("heading", name=f"Akt {akt.aktnummer}").is_visible()

    # The day after the end date the periodic job revokes the grant by itself.
    assert PERIODISKA["medgivanden"](till + dt.timedelta(days=1)) >= 1
    medgivande.refresh_from_db()
    assert medgivande.aterkallat is not None
    svar = handlaggarens.goto(f"{live_server.url}/akter/{akt.pk}/")
    assert svar.status == 404
    assert handlaggarens.get_by_role("heading", name="Sidan finns inte").is_visible()

    chefens.reload()
    assert "Upphörde" in chefens.get_by_role("region", name="Givna behörigheter").inner_text()
