"""External look-ups (SSBTEK) behind an interface with a fake (docs/regler.md: Utredning)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from utredning import services
from utredning.externa import EjAnslutet, TestUppslag, UppslagEjTillgangligt, uppslag

pytestmark = pytest.mark.django_db


def test_the_fake_answers_the_same_for_the_same_person_and_month():
    a = TestUppslag().hamta(personnummer="199001012385", manad=dt.date(2026, 11, 1))
    b = TestUppslag().hamta(personnummer="199001012385", manad=dt.date(2026, 11, 1))
    assert a == b
    assert {u.kalla for u in a} == {
        "Arbetsförmedlingen",
        "Försäkringskassan",
        "Arbetslöshetskassan",
        "CSN",
    }


def test_an_unconnected_service_says_so_instead_of_answering_empty():
    with pytest.raises(UppslagEjTillgangligt, match="manuellt"):
        EjAnslutet().hamta(personnummer="199001012385", manad=dt.date(2026, 11, 1))


def test_test_data_is_refused_in_production(settings):
    settings.DEBUG = False
    settings.TESTDATA_TILLATEN = False
    settings.EXTERNA_UPPSLAG = "utredning.externa.TestUppslag"
    with pytest.raises(UppslagEjTillgangligt, match="produktion"):
        uppslag()


def test_production_defaults_to_not_connected():
    import os
    import subprocess
    import sys

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bistand.settings", "SECRET_KEY": "x" * 50}
    env.pop("DEBUG", None)
    env.pop("EXTERNA_UPPSLAG", None)
    ut = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import django;django.setup();from django.conf import settings;"
            "print(settings.EXTERNA_UPPSLAG)",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ut.strip() == "utredning.externa.EjAnslutet"


def test_the_answers_are_filed_as_a_signed_journal_entry(client, handlaggare, akt):
    from ansokan import services as ansokan_services

    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    ansokan, _ = ansokan_services.ansokan_registrera(
        sokande=sokande,
        av=handlaggare,
        typ="nyansokan",
        kanal="papper",
        mottagen=dt.date(2026, 11, 2),
    )
    services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    client.force_login(handlaggare)
    svar = client.post(f"/ansokningar/{ansokan.pk}/utredning/externt-uppslag/")
    assert svar.status_code == 302
    post = akt.journal.get()
    assert post.signerad is not None
    assert "SSBTEK (testdata)" in post.text and "Arbetsförmedlingen" in post.text


def test_a_failed_look_up_is_explained_and_nothing_is_filed(settings, handlaggare, akt):
    from ansokan import services as ansokan_services

    settings.EXTERNA_UPPSLAG = "utredning.externa.EjAnslutet"
    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    ansokan, _ = ansokan_services.ansokan_registrera(
        sokande=sokande,
        av=handlaggare,
        typ="nyansokan",
        kanal="papper",
        mottagen=dt.date(2026, 11, 2),
    )
    utredning = services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    with pytest.raises(ValidationError, match="inte anslutit"):
        services.externt_uppslag_gor(utredning=utredning, av=handlaggare)
    assert not akt.journal.exists()


def test_an_outsider_cannot_look_up(client, utomstaende, handlaggare, akt):
    from ansokan import services as ansokan_services

    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    ansokan, _ = ansokan_services.ansokan_registrera(
        sokande=sokande,
        av=handlaggare,
        typ="nyansokan",
        kanal="papper",
        mottagen=dt.date(2026, 11, 2),
    )
    services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    client.force_login(utomstaende)
    assert client.post(f"/ansokningar/{ansokan.pk}/utredning/externt-uppslag/").status_code == 404
