"""Login, role start pages, health, settings and demo data (docs/arkitektur.md: Appar)."""

from __future__ import annotations

import datetime
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bistand import services
from bistand.models import Akt, HushallMedlem, Person, User
from tests.logg import loggade_akter, senaste_logg_id

ROT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "start"),
    [
        ("handlaggare", "/arbetslista/"),
        ("kvalitet", "/"),
        ("kontaktcenter", "/kontaktcenter/"),
        ("administrator", "/admin/"),
    ],
)
def test_login_sends_each_role_to_its_start_page(client, request, persona, start):
    user = request.getfixturevalue(persona)
    svar = client.post("/login/", {"username": user.username, "password": "test-losenord-1"})
    assert svar.status_code == 302
    assert svar["Location"] == start


@pytest.mark.django_db
def test_a_wrong_password_gets_a_swedish_message_and_keeps_the_username(client, handlaggare):
    svar = client.post("/login/", {"username": "agare", "password": "fel"})
    text = svar.content.decode()
    assert svar.status_code == 200
    assert "korrekt användarnamn och lösenord" in text
    assert 'value="agare"' in text


@pytest.mark.django_db
def test_the_start_page_lists_only_the_own_enhets_akter(
    client, handlaggare, skapa_akt, enhet, annan_enhet
):
    egen, annan = skapa_akt(enhet), skapa_akt(annan_enhet)
    client.force_login(handlaggare)
    text = client.get("/").content.decode()
    assert egen.aktnummer in text
    assert annan.aktnummer not in text


@pytest.mark.django_db
def test_the_start_page_names_each_akts_applicant_and_counts_its_household_now(
    client, handlaggare, skapa_akt, enhet
):
    tre, ensam = skapa_akt(enhet, barn=2), skapa_akt(enhet)
    barnet = tre.hushall.medlemmar.filter(roll="barn").first()
    services.hushall_medlem_avsluta(medlem=barnet, till=datetime.date(2026, 2, 1))
    client.force_login(handlaggare)
    text = client.get("/").content.decode()

    def rad(akt) -> list[str]:
        traff = re.search(rf"<tr>\s*<td><a [^>]*>{akt.aktnummer}</a></td>(.*?)</tr>", text, re.S)
        return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", traff[1])]

    # The child who moved out is not counted; the applicant is named, not the children.
    assert rad(tre)[:2] == ["Sara Sökande", "2 personer"]
    assert rad(ensam)[:2] == ["Sara Sökande", "1 person"]


@pytest.mark.django_db
def test_the_base_layout_has_skip_link_landmarks_and_role_navigation(client, handlaggare):
    client.force_login(handlaggare)
    text = client.get("/").content.decode()
    assert 'href="#huvudinnehall"' in text
    assert '<main id="huvudinnehall"' in text
    assert '<nav aria-label="Huvudmeny">' in text
    assert 'lang="sv"' in text
    assert "cdn" not in text.lower()


@pytest.mark.django_db
def test_health_answers_with_database_and_broker_status(client):
    svar = client.get("/health/")
    assert svar.status_code == 200
    assert svar.json() == {"database": "ok", "broker": "eager", "status": "ok"}


def test_settings_read_the_environment():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "sv"
    assert settings.TIME_ZONE == "Europe/Stockholm"
    assert settings.USE_TZ is True
    assert settings.DEBUG is False
    assert settings.CELERY_TASK_ALWAYS_EAGER is True


def test_production_settings_refuse_to_start_without_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env["DJANGO_SETTINGS_MODULE"] = "bistand.settings"
    svar = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROT)},
        capture_output=True,
        text=True,
    )
    assert svar.returncode != 0
    assert "SECRET_KEY" in svar.stderr


@pytest.mark.django_db
def test_seed_demo_refuses_without_debug():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=io.StringIO())


@pytest.mark.django_db
def test_seed_demo_creates_staff_and_varied_households_and_is_idempotent(settings):
    settings.DEBUG = True
    ut = io.StringIO()
    call_command("seed_demo", stdout=ut)
    antal = (Person.objects.count(), Akt.objects.count(), HushallMedlem.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Person.objects.count(), Akt.objects.count(), HushallMedlem.objects.count()) == antal

    assert "bistand-demo" in ut.getvalue()
    for namn in [
        "handlaggare1",
        "forste1",
        "enhetschef1",
        "handlaggare2",
        "forste2",
        "enhetschef2",
        "kontaktcenter1",
        "kvalitet1",
        "admin",
    ]:
        assert User.objects.get(username=namn).check_password("bistand-demo")
    assert User.objects.get(username="handlaggare1").enhet.kod == "enhet-1"
    assert User.objects.get(username="handlaggare2").enhet.kod == "enhet-2"
    assert User.objects.get(username="kvalitet1").enhet is None

    assert Akt.objects.count() >= 30
    assert HushallMedlem.objects.filter(roll="medsokande").exists()
    assert HushallMedlem.objects.filter(roll="ovrig_vuxen").exists()
    assert HushallMedlem.objects.filter(boende="umgange").exists()
    assert Person.objects.exclude(skydd="inget").exists()
    tvaa_hushall = [p for p in Person.objects.all() if p.medlemskap.count() > 1]
    assert tvaa_hushall, "ett barn ska höra till två hushåll"
    assert Person.objects.filter(identitet="199001012385").exists()


@pytest.mark.django_db
def test_seed_demo_in_a_new_years_first_week_covers_every_age_band_and_dates_nothing_ahead(
    settings,
):
    """Demo data made in the first week of a year whose riksnorm is not entered yet: the year
    gets the demo's example riksnorm, unverified, the year of past decisions is last year's,
    and nothing is received or decided after today."""
    import datetime

    import time_machine

    from ansokan.models import Ansokan
    from beslut.models import Beslutsbrev
    from utredning.models import Riksnorm

    settings.DEBUG = True
    ar = datetime.date.today().year + 1  # noqa: DTZ011
    assert not Riksnorm.objects.filter(giltig_fran__year=ar).exists()
    with time_machine.travel(datetime.datetime(ar, 1, 4, 9, tzinfo=datetime.UTC)):
        call_command("seed_demo", stdout=io.StringIO())
        idag = datetime.date.today()  # noqa: DTZ011
    aldrar = {
        (idag - m.person.fodelsedatum).days // 365
        for m in HushallMedlem.objects.filter(roll="barn").select_related("person")
    }
    band = [(0, 0), (1, 2), (3, 3), (4, 6), (7, 10), (11, 14), (15, 18), (19, 20)]
    assert all(any(lo <= a <= hi for a in aldrar) for lo, hi in band), aldrar

    exempel = Riksnorm.objects.get(giltig_fran=datetime.date(ar, 1, 1))
    assert "exempel" in exempel.benamning
    assert exempel.belopp.count() > 0
    assert not exempel.belopp.filter(verifierad=True).exists()
    assert not Ansokan.objects.filter(mottagen__gt=idag).exists()
    assert not Beslutsbrev.objects.filter(beslutsdatum__gt=idag).exists()


@pytest.mark.django_db
def test_the_start_page_shows_a_page_of_akter_and_logs_only_those_with_flat_queries(
    client, handlaggare, skapa_akt, enhet
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bistand.sidindelning import PER_SIDA

    for _ in range(5):
        skapa_akt(enhet)
    client.force_login(handlaggare)
    client.get("/")  # the first request of a session does more
    with CaptureQueriesContext(connection) as fa:
        assert len(client.get("/").context["akter"]) == 5
    for _ in range(PER_SIDA):
        skapa_akt(enhet)
    fore = senaste_logg_id()
    with CaptureQueriesContext(connection) as manga:
        svar = client.get("/")
    assert len(svar.context["akter"]) == PER_SIDA
    # Not counted: the page's rows and one more tell that a next page follows.
    assert len(manga) == len(fa)
    assert not any(q["sql"].startswith("SELECT COUNT(*)") for q in manga.captured_queries)
    assert loggade_akter("startsida", efter=fore) == sorted(a.pk for a in svar.context["akter"])
    text = svar.content.decode()
    assert "Sida 1</p>" in text and "?sida=2" in text and "Föregående sida" not in text
    with CaptureQueriesContext(connection) as andra_sidan:
        andra = client.get("/?sida=2")
    assert len(andra.context["akter"]) == 5
    assert len(andra_sidan) == len(fa)
    assert "Sida 2</p>" in andra.content.decode() and "Nästa sida" not in andra.content.decode()
    assert "?sida=1" in andra.content.decode()
    assert len(client.get("/?sida=nonsens").context["akter"]) == PER_SIDA
    # A number past the end shows the last page, as a counted list does.
    assert len(client.get("/?sida=7").context["akter"]) == 5
    assert len(client.get(f"/?sida={10**30}").context["akter"]) == 5
