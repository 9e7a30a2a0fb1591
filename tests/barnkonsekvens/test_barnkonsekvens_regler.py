"""The rule of docs/regler.md: Barnkonsekvensanalys (docs/regler.md: Bakgrund; docs/regler.md: Akut
ansökan; docs/regler.md: Barnkonsekvensanalys): one row per trigger, and rows where a child exists
but nothing triggers."""

from __future__ import annotations

import datetime

import pytest

from ansokan.models import Posttyp
from barnkonsekvens.regler import barnkonsekvens_krav

pytestmark = pytest.mark.django_db

# (name, posts applied for, ansökan type, förslag [(post, utfall, radrum)], annat skäl,
#  expected required, words the reason must contain)
TABELL = [
    (
        "umgängesresor",
        ["forsorjningsstod", "umgangesresor"],
        "nyansokan",
        [("umgangesresor", "bifall", "")],
        "",
        True,
        "umgängesresor",
    ),
    ("akut ansökan", ["forsorjningsstod"], "akut", [], "", True, "akut ansökan"),
    ("hyresskuld", ["hyresskuld"], "nyansokan", [], "", True, "hyresskuld"),
    ("elskuld", ["elskuld"], "nyansokan", [], "", True, "elskuld"),
    (
        "rådrum för att sänka boendekostnaden",
        ["hyra"],
        "nyansokan",
        [("hyra", "bifall", "sanka_boendekostnad")],
        "",
        True,
        "rådrum för att sänka boendekostnaden",
    ),
    (
        "rådrum för att sälja bostaden",
        ["hyra"],
        "nyansokan",
        [("hyra", "bifall", "salja_bostad")],
        "",
        True,
        "sälja bostaden",
    ),
    (
        "avslag på försörjningsstöd",
        ["forsorjningsstod"],
        "nyansokan",
        [("forsorjningsstod", "avslag", "")],
        "",
        True,
        "avslag på försörjningsstöd",
    ),
    (
        "delvis bifall på boende",
        ["hyra"],
        "ateransokan",
        [("hyra", "delvis_bifall", "")],
        "",
        True,
        "delvis bifall på boende",
    ),
    (
        "annat skäl",
        ["forsorjningsstod"],
        "nyansokan",
        [("forsorjningsstod", "bifall", "")],
        "Familjen ska flytta till en annan kommun.",
        True,
        "Familjen ska flytta",
    ),
    (
        "barn finns men inget utlöser",
        ["forsorjningsstod", "hyra", "tandvard"],
        "nyansokan",
        [("forsorjningsstod", "bifall", ""), ("hyra", "bifall", ""), ("tandvard", "avslag", "")],
        "",
        False,
        "",
    ),
    (
        "barn finns, förslag ännu inte gjort",
        ["forsorjningsstod"],
        "ateransokan",
        [],
        "",
        False,
        "",
    ),
]


@pytest.mark.parametrize(
    ("poster", "typ", "forslag", "annat", "kravs", "ord"),
    [rad[1:] for rad in TABELL],
    ids=[rad[0] for rad in TABELL],
)
def test_the_rule_answers_for_each_trigger_with_a_child_in_the_household(
    familj, ny_ansokan, foresla, poster, typ, forslag, annat, kravs, ord
):
    ansokan = ny_ansokan(familj, *poster, typ=typ)
    for kod, utfall, radrum in forslag:
        foresla(ansokan, kod, utfall, radrum=radrum)
    if annat:
        ansokan.utredning.barnkonsekvens_annat_skal = annat
        ansokan.utredning.save()
    krav = barnkonsekvens_krav(ansokan=ansokan)
    assert krav.kravs is kravs
    if kravs:
        assert any(ord in s for s in krav.skal), krav.skal
        assert [b.fornamn for b in krav.barn] == ["Barn0"]
    else:
        assert krav.skal == [] and krav.barn == []


@pytest.mark.parametrize(
    ("poster", "typ", "forslag"),
    [
        (["forsorjningsstod"], "akut", []),
        (["hyresskuld"], "nyansokan", []),
        (["forsorjningsstod"], "nyansokan", [("forsorjningsstod", "avslag")]),
    ],
    ids=["akut", "hyresskuld", "avslag"],
)
def test_household_triggers_need_a_child_living_in_or_visiting_the_household(
    akt, ny_ansokan, foresla, poster, typ, forslag
):
    ansokan = ny_ansokan(akt, *poster, typ=typ)
    for kod, utfall in forslag:
        foresla(ansokan, kod, utfall)
    assert barnkonsekvens_krav(ansokan=ansokan).kravs is False


def test_umgangesresor_require_it_even_when_no_child_lives_in_the_household(akt, ny_ansokan):
    krav = barnkonsekvens_krav(ansokan=ny_ansokan(akt, "umgangesresor"))
    assert krav.kravs is True
    assert krav.barn == []
    assert krav.utlosare == ["post_barn"]


def test_umgangesresor_concern_the_visiting_child(familj, ny_ansokan, lagg_till_barn):
    besok = lagg_till_barn(familj, umgangesdagar=8, fornamn="Umgänge")
    krav = barnkonsekvens_krav(ansokan=ny_ansokan(familj, "umgangesresor"))
    assert krav.barn == [besok]


def test_a_post_type_flagged_as_directly_concerning_a_child_requires_it(akt, ny_ansokan):
    Posttyp.objects.filter(kod="glasogon").update(beror_barn_direkt=True)
    krav = barnkonsekvens_krav(ansokan=ny_ansokan(akt, "glasogon"))
    assert krav.kravs is True
    assert krav.skal == ["Ansökan gäller glasögon, som direkt rör barnet."]


def test_a_visiting_child_counts_for_an_avslag(akt, ny_ansokan, foresla, lagg_till_barn):
    besok = lagg_till_barn(akt, umgangesdagar=4)
    ansokan = ny_ansokan(akt, "forsorjningsstod")
    foresla(ansokan, "forsorjningsstod", "avslag")
    krav = barnkonsekvens_krav(ansokan=ansokan)
    assert krav.kravs is True
    assert krav.barn == [besok]


def test_a_child_who_has_moved_out_does_not_count(familj, ny_ansokan, foresla):
    from bistand.services import hushall_medlem_avsluta

    medlem = familj.hushall.medlemmar.get(roll="barn")
    hushall_medlem_avsluta(medlem=medlem, till=datetime.date(2026, 2, 1))
    ansokan = ny_ansokan(familj, "forsorjningsstod", typ="akut")
    assert barnkonsekvens_krav(ansokan=ansokan).kravs is False


def test_several_triggers_give_every_reason(familj, ny_ansokan, foresla):
    ansokan = ny_ansokan(familj, "forsorjningsstod", "hyresskuld", typ="akut")
    foresla(ansokan, "forsorjningsstod", "avslag")
    krav = barnkonsekvens_krav(ansokan=ansokan)
    assert krav.utlosare == ["akut", "skuld", "avslag"]
    assert len(krav.skal) == 3
