"""In a browser, on the demo data: the ekonomiassistent attests a payment over the threshold
and runs the payment file; the handläggare is refused both. axe reports no violations."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from utbetalning.models import Betalfil, Orderstatus, Utbetalningsorder

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
DEMO = "bistand-demo"


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False


def test_attest_and_payment_run_by_the_staff_who_may_refused_to_the_handlaggare(
    demo, page, live_server, logga_in, axe
):
    vantande = Utbetalningsorder.objects.filter(status=Orderstatus.VANTAR_ATTEST)
    antal_vantande = vantande.count()
    assert antal_vantande >= 1
    vantar = vantande.order_by("betalningsdag", "pk").first()
    filer_fore = Betalfil.objects.count()

    logga_in(page, "handlaggare2", DEMO)
    svar = page.goto(f"{live_server.url}/utbetalning/")
    assert svar.status == 404
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    for url in (f"/utbetalning/order/{vantar.pk}/attestera/", "/utbetalning/betalfil/"):
        svar = page.request.post(
            f"{live_server.url}{url}",
            headers={"X-CSRFToken": token, "Referer": live_server.url},
            form={"datum": "2026-12-01"},
        )
        assert svar.status == 404
    vantar.refresh_from_db()
    assert vantar.status == Orderstatus.VANTAR_ATTEST
    assert Betalfil.objects.count() == filer_fore
    page.context.clear_cookies()

    logga_in(page, "ekonomi1", DEMO)
    assert page.url.endswith("/utbetalning/")
    axe(page)
    page.get_by_role("button", name="Attestera").first.click()
    page.wait_for_load_state("domcontentloaded")
    assert "är attesterad" in page.content()
    assert vantande.count() == antal_vantande - 1
    vantar.refresh_from_db()
    assert vantar.attesterad is not None
    page.get_by_role("button", name="Skapa betalfil").click()
    page.wait_for_load_state("domcontentloaded")
    assert "Betalfilen för" in page.content()
    assert Betalfil.objects.count() == filer_fore + 1
    axe(page)
