"""The demo world holds one approved avsteg that is an avsteg under the detected-avsteg rule
(docs/regler.md: Avsteg och samråd): more than the riktlinje's level, after a samråd the
enhetschef approved, and Kvalitet's list of granted avsteg shows it."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from beslut.models import Beslut, Riktlinjeniva
from bistand.models import User

pytestmark = pytest.mark.django_db


def test_the_demo_world_has_one_approved_avsteg_above_the_riktlinje_shown_to_kvalitet(
    client, settings
):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False

    avsteg = Beslut.objects.select_related("samrad__besvarad_av", "post__posttyp").get(avsteg=True)
    niva = Riktlinjeniva.objects.get(posttyp=avsteg.post.posttyp)
    assert avsteg.utfall == "bifall" and avsteg.belopp > niva.max_belopp
    assert avsteg.samrad.status == "godkand"
    assert avsteg.samrad.besvarad_av.groups.filter(name="Enhetschef").exists()
    assert avsteg.brev.fattat_av not in (avsteg.samrad.besvarad_av, None)

    client.force_login(User.objects.get(username="kvalitet1"))
    sida = client.get("/kvalitet/listor/avsteg/").content.decode()
    assert avsteg.post.posttyp.namn in sida
    assert avsteg.samrad.giltig_till.isoformat() in sida
