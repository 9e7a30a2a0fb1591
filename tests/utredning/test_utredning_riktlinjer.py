"""Riktlinjer: versioned documents in admin, readable and searchable by staff (docs/regler.md:
Beräkning, p. 4)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from utredning import services
from utredning.models import Riktlinje, RiktlinjeAvsnitt

pytestmark = pytest.mark.django_db


@pytest.fixture
def riktlinje():
    dokument = Riktlinje.objects.create(
        kod="ekonomiskt-bistand",
        titel="Riktlinjer för ekonomiskt bistånd",
        version="2025:1",
        antagen=datetime.date(2024, 11, 20),
        giltig_fran=datetime.date(2025, 1, 1),
        beslutad_av="Socialnämnden § 45",
    )
    for i, (nummer, titel, text) in enumerate(
        [
            ("1", "Inledning", "Riktlinjerna stöder en likvärdig bedömning."),
            (
                "3.1",
                "Skälig boendekostnad",
                "Boendekostnad godtas upp till nämndens nivå. Över nivån ges rådrum.",
            ),
            ("3.2", "Hushållsel", "Efter faktisk kostnad."),
            ("5", "Ärenden med barn", "Överväg alltid barnets bästa."),
        ]
    ):
        RiktlinjeAvsnitt.objects.create(
            riktlinje=dokument, ordning=i, nummer=nummer, titel=titel, text=text
        )
    return dokument


def test_staff_read_the_guidelines_in_force(client, handlaggare, riktlinje):
    client.force_login(handlaggare)
    svar = client.get("/riktlinjer/")
    assert svar.status_code == 200
    assert "Riktlinjer för ekonomiskt bistånd" in svar.content.decode()
    svar = client.get(f"/riktlinjer/{riktlinje.pk}/")
    html = svar.content.decode()
    assert "3.1 Skälig boendekostnad" in html
    assert "Socialnämnden § 45" in html


@pytest.mark.parametrize(
    "persona", ["handlaggare", "enhetschef", "kontaktcenter", "kvalitet", "administrator"]
)
def test_every_staff_role_may_read(client, request, riktlinje, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/riktlinjer/").status_code == 200
    assert client.get(f"/riktlinjer/{riktlinje.pk}/").status_code == 200


def test_a_user_without_a_staff_role_gets_404(client, riktlinje):
    from bistand.models import User

    client.force_login(User.objects.create_user("utan-roll", password="x-y-z-123456"))
    assert client.get("/riktlinjer/").status_code == 404
    assert client.get(f"/riktlinjer/{riktlinje.pk}/").status_code == 404


def test_anonymous_is_sent_to_login(client, riktlinje):
    svar = client.get("/riktlinjer/")
    assert svar.status_code == 302
    assert svar["Location"].startswith("/login/")


@pytest.mark.parametrize(
    ("fraga", "traffar"),
    [
        ("rådrum", ["3.1"]),
        ("RÅDRUM", ["3.1"]),  # case-insensitive also for å, ä, ö
        ("ärenden", ["5"]),
        ("kostnad", ["3.1", "3.2"]),
        ("boendekostnad nivå", ["3.1"]),  # every word must match
        ("3.2", ["3.2"]),
        ("tandvård", []),
    ],
)
def test_staff_search_the_sections(client, handlaggare, riktlinje, fraga, traffar):
    client.force_login(handlaggare)
    svar = client.get("/riktlinjer/", {"q": fraga})
    assert [a.nummer for a in svar.context["traffar"]] == traffar
    for avsnitt in svar.context["traffar"]:
        assert f"/riktlinjer/{riktlinje.pk}/#avsnitt-{avsnitt.pk}" in svar.content.decode()


def test_a_new_version_copies_the_sections_and_leaves_the_old_one(riktlinje):
    ny = services.riktlinje_ny_version(
        riktlinje=riktlinje,
        version="2026:1",
        giltig_fran=datetime.date(2026, 1, 1),
        antagen=datetime.date(2025, 11, 20),
    )
    assert ny.pk != riktlinje.pk
    assert [a.nummer for a in ny.avsnitt.all()] == ["1", "3.1", "3.2", "5"]
    assert riktlinje.avsnitt.count() == 4
    assert set(ny.avsnitt.values_list("pk", flat=True)).isdisjoint(
        riktlinje.avsnitt.values_list("pk", flat=True)
    )


def test_a_new_version_must_start_later(riktlinje):
    with pytest.raises(ValidationError):
        services.riktlinje_ny_version(
            riktlinje=riktlinje,
            version="2024:9",
            giltig_fran=datetime.date(2024, 1, 1),
            antagen=datetime.date(2023, 11, 20),
        )


def test_search_and_list_use_the_version_in_force(client, handlaggare, riktlinje, time_machine):
    time_machine.move_to(datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC))
    ny = services.riktlinje_ny_version(
        riktlinje=riktlinje,
        version="2026:1",
        giltig_fran=datetime.date(2026, 1, 1),
        antagen=datetime.date(2025, 11, 20),
    )
    RiktlinjeAvsnitt.objects.filter(riktlinje=ny, nummer="3.1").update(text="Ny lydelse.")
    client.force_login(handlaggare)
    svar = client.get("/riktlinjer/", {"q": "rådrum"})
    assert [a.riktlinje.pk for a in svar.context["traffar"]] == [riktlinje.pk]
    assert [r.pk for r in svar.context["kommande"]] == [ny.pk]
    # an old version says that it is not the one in force
    time_machine.move_to(datetime.datetime(2026, 2, 1, 12, tzinfo=datetime.UTC))
    client.force_login(handlaggare)  # the session of eight hours has run out
    html = client.get(f"/riktlinjer/{riktlinje.pk}/").content.decode()
    assert "inte den version som gäller i dag" in html
    assert client.get("/riktlinjer/", {"q": "rådrum"}).context["traffar"] == []


def test_pages_have_a_flat_query_count(
    client, handlaggare, riktlinje, django_assert_max_num_queries
):
    client.force_login(handlaggare)
    for i in range(10):
        RiktlinjeAvsnitt.objects.create(
            riktlinje=riktlinje,
            ordning=10 + i,
            nummer=f"9.{i}",
            titel="Extra",
            text="Text om boende",
        )
    with django_assert_max_num_queries(13):  # + one EXISTS: the nav's attest-right link
        client.get(f"/riktlinjer/{riktlinje.pk}/")
    with django_assert_max_num_queries(13):  # + one EXISTS: the nav's attest-right link
        client.get("/riktlinjer/", {"q": "boende"})
