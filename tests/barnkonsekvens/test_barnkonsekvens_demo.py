"""Demo data (docs/regler.md: Barnkonsekvensanalys) and the admin of the guidance texts (point
2)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from barnkonsekvens.guard import barnkonsekvens_vakt
from barnkonsekvens.models import Barnkonsekvensanalys, Handlaggningsstod
from barnkonsekvens.regler import barnkonsekvens_krav

pytestmark = pytest.mark.django_db


def test_seed_demo_has_a_family_case_missing_its_analysis_and_one_done_with_a_barnsamtal(
    settings,
):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    med_samtal = [
        a
        for a in Barnkonsekvensanalys.objects.filter(signerad__isnull=False, barnsamtal=True)
        if a.ansokan.utredning.forslag.filter(utfall="delvis_bifall").exists()
    ]
    assert med_samtal and med_samtal[0].barnets_asikt
    assert barnkonsekvens_vakt(ansokan=med_samtal[0].ansokan).uppfyllt is True

    from utredning.models import ForslagPost

    saknade = [
        f.utredning.ansokan
        for f in ForslagPost.objects.filter(utfall="avslag", post__posttyp__kod="forsorjningsstod")
        if not barnkonsekvens_vakt(ansokan=f.utredning.ansokan).uppfyllt
    ]
    assert saknade
    assert barnkonsekvens_krav(ansokan=saknade[0]).barn

    antal = (Barnkonsekvensanalys.objects.count(), ForslagPost.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Barnkonsekvensanalys.objects.count(), ForslagPost.objects.count()) == antal


def test_the_guidance_texts_are_loaded_and_editable_in_admin(client, administrator):
    stod = Handlaggningsstod.objects.get(utlosare="akut")
    client.force_login(administrator)
    url = f"/admin/barnkonsekvens/handlaggningsstod/{stod.pk}/change/"
    assert client.get(url).status_code == 200
    svar = client.post(url, {"rubrik": "Akut ansökan", "text": "Ny stödtext."})
    assert svar.status_code == 302
    stod.refresh_from_db()
    assert stod.text == "Ny stödtext."
    assert Handlaggningsstod.objects.count() == 6


def test_analyses_are_case_data_and_not_in_admin(client, administrator):
    client.force_login(administrator)
    assert client.get("/admin/barnkonsekvens/barnkonsekvensanalys/").status_code == 404
    assert client.get("/admin/barnkonsekvens/orosanmalan/").status_code == 404
