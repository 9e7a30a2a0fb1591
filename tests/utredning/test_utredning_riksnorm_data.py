"""The figures loaded by migration 0002 are exactly those of docs/regler.md: Riksnorm, with source
and flag."""

from __future__ import annotations

import datetime

import pytest

from bistand.models import Parameter
from utredning.berakning import RIKSNORM_POSTER
from utredning.models import Riksnorm

pytestmark = pytest.mark.django_db

RIKSNORM_2021 = {
    "barn_0": 2180,
    "barn_1_2": 2440,
    "barn_3": 2170,
    "barn_4_6": 2440,
    "barn_7_10": 3060,
    "barn_11_14": 3520,
    "barn_15_18": 3970,
    "barn_19_20": 4000,
    "barn_0_ej_lunch": 2050,
    "barn_1_2_ej_lunch": 2240,
    "barn_3_ej_lunch": 1990,
    "barn_4_6_ej_lunch": 2170,
    "ensamstaende": 3160,
    "sambor": 5700,
    "gemensam_1": 1020,
    "gemensam_2": 1130,
    "gemensam_3": 1420,
    "gemensam_4": 1610,
    "gemensam_5": 1860,
    "gemensam_6": 2100,
    "gemensam_7": 2270,
}

# docs/regler.md: Riksnorm, the published figures of the secondary sources (lunch at home where two
# exist).
PUBLICERAT = {
    2022: {
        "barn_0": 2220,
        "barn_1_2": 2480,
        "barn_3": 2210,
        "barn_4_6": 2480,
        "barn_7_10": 3110,
        "barn_11_14": 3580,
        "barn_15_18": 4040,
        "barn_19_20": 4070,
        "ensamstaende": 3210,
        "sambor": 5800,
        "gemensam_1": 1040,
        "gemensam_2": 1150,
        "gemensam_3": 1450,
        "gemensam_4": 1640,
        "gemensam_5": 1890,
        "gemensam_6": 2140,
        "gemensam_7": 2310,
    },
    2023: {
        "barn_0": 2420,
        "barn_1_2": 2700,
        "barn_3": 2410,
        "barn_4_6": 2700,
        "barn_7_10": 3380,
        "barn_11_14": 3890,
        "barn_15_18": 4390,
        "barn_19_20": 4430,
        "ensamstaende": 3490,
        "sambor": 6300,
        "gemensam_1": 1130,
        "gemensam_3": 1580,
        "gemensam_4": 1790,
        "gemensam_5": 2060,
        "gemensam_6": 2330,
        "gemensam_7": 2510,
    },
}


def belopp(ar: int) -> dict[str, tuple[int, bool, str]]:
    riksnorm = Riksnorm.objects.get(giltig_fran=datetime.date(ar, 1, 1))
    return {b.post: (b.belopp, b.verifierad, b.kalla) for b in riksnorm.belopp.all()}


@pytest.mark.parametrize("ar", range(2021, 2027))
def test_every_year_2021_to_2026_has_every_item_with_a_source(ar):
    rader = belopp(ar)
    assert set(rader) == {post for post, _ in RIKSNORM_POSTER}
    assert all(kalla for _, _, kalla in rader.values())


def test_2021_is_complete_from_sfs_2020_1013_and_verified():
    rader = belopp(2021)
    assert {post: b for post, (b, _, _) in rader.items()} == RIKSNORM_2021
    assert all(verifierad for _, verifierad, _ in rader.values())
    assert all("SFS 2020:1013" in kalla for _, _, kalla in rader.values())


@pytest.mark.parametrize("ar", [2022, 2023])
def test_secondary_sources_are_loaded_as_published_and_unverified(ar):
    rader = belopp(ar)
    for post, varde in PUBLICERAT[ar].items():
        assert rader[post][0] == varde, post
    assert not any(verifierad for _, verifierad, _ in rader.values())


def test_the_estimated_2024_is_unverified():
    assert not any(verifierad for _, verifierad, _ in belopp(2024).values())


@pytest.mark.parametrize(
    ("ar", "varde", "verifierad"),
    [
        (2021, 47600, False),
        (2022, 48300, False),
        (2023, 52500, True),
        (2024, 57300, False),
        (2025, 58800, False),
        (2026, 59200, False),
    ],
)
def test_prisbasbelopp_is_dated_with_only_2023_verified(ar, varde, verifierad):
    rad = Parameter.objects.get(kod="prisbasbelopp", giltig_fran=datetime.date(ar, 1, 1))
    assert rad.varde == varde
    assert rad.verifierad is verifierad
    assert rad.kalla


def test_jobbstimulans_figures_are_dated_parameters():
    varden = {p.kod: p.varde for p in Parameter.objects.filter(kod__startswith="jobbstimulans-")}
    assert varden == {
        "jobbstimulans-procent": 25,
        "jobbstimulans-efter-manader": 6,
        "jobbstimulans-antal-manader": 24,
    }
