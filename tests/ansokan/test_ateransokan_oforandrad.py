"""An återansökan where nothing has changed: "Nej, allt är som förra månaden" keeps last
month's economy and posts and goes on without an empty form (docs/arkitektur.md: E-tjänst)."""

from __future__ import annotations

import pytest

from ansokan.models import Ansokan, AnsokanPost, Posttyp, Status

pytestmark = pytest.mark.django_db


def test_nothing_changed_skips_the_economy_and_keeps_last_months_figures(
    sokande, skicka_in, sokande_klient
):
    forra = skicka_in(sokande, ekonomi={"hyra": "6450", "barnbidrag": "2500"})
    AnsokanPost.objects.create(ansokan=forra, posttyp=Posttyp.objects.get(kod="hyra"), belopp=6450)
    assert sokande_klient.post("/e-tjanst/ny/ateransokan/").status_code == 302
    ny = Ansokan.objects.filter(status=Status.UTKAST).order_by("-pk").first()
    url = f"/e-tjanst/ansokan/{ny.pk}/steg/"

    svar = sokande_klient.post(url + "andringar/", {"andrat": "nej"})
    assert svar.status_code == 302
    assert svar["Location"] == url + "bilagor/"

    html = sokande_klient.get(url + "granska/").content.decode()
    assert "6\xa0450\xa0kr" in html or "6 450 kr" in html
    ny.refresh_from_db()
    assert ny.uppgifter["ekonomi"]["hyra"] == "6450"
    assert [p.posttyp.kod for p in ny.poster.all()] == ["hyra"]


def test_something_changed_asks_for_the_economy(sokande, skicka_in, sokande_klient):
    skicka_in(sokande, ekonomi={"hyra": "6450"})
    sokande_klient.post("/e-tjanst/ny/ateransokan/")
    ny = Ansokan.objects.filter(status=Status.UTKAST).order_by("-pk").first()
    url = f"/e-tjanst/ansokan/{ny.pk}/steg/"
    svar = sokande_klient.post(url + "andringar/", {"andrat": "ja", "beskrivning": "Ny hyra."})
    assert svar["Location"] == url + "ekonomi/"
    html = sokande_klient.get(url + "ekonomi/").content.decode()
    assert "6450" in html or "6 450" in html
