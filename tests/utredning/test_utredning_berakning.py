"""Table tests of the beräkning (docs/regler.md: Beräkning, "Done when"), with the figures the
migrations load.

2021 uses the complete, verified figures of SFS 2020:1013; 2026 the confirmed totals.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from utredning import berakning
from utredning.berakning import (
    AVDRAG,
    GEMENSAM,
    INKOMST,
    KOSTNAD,
    PERSONLIG,
    UPPLYSNING,
    Varde,
)
from utredning.models import Boendeniva
from utredning.underlag import OgiltigtUnderlag

SOK = {"roll": "sokande", "fodelsedatum": "1980-01-01"}
SAMBO = {"roll": "medsokande", "fodelsedatum": "1982-01-01"}


def barn(fodd: str, **extra) -> dict:
    return {"roll": "barn", "fodelsedatum": fodd, **extra}


def belopp(resultat, typ: str) -> list[int]:
    return [rad.belopp for rad in resultat.rader if rad.typ == typ]


# --- personal costs per child: every age band and the lunch rule (2021, age on 1 June) -----

ALDERSBAND_2021 = [
    # fodelsedatum, lunch_hemma, amount — the boundary days either side of each birthday
    ("2021-06-15", True, 2180),  # born later in the month: under 1
    ("2020-06-02", True, 2180),  # 0 years
    ("2020-06-01", True, 2440),  # 1
    ("2018-06-02", True, 2440),  # 2
    ("2018-06-01", True, 2170),  # 3
    ("2017-06-02", True, 2170),  # 3
    ("2017-06-01", True, 2440),  # 4
    ("2014-06-02", True, 2440),  # 6
    ("2014-06-01", True, 3060),  # 7
    ("2010-06-02", True, 3060),  # 10
    ("2010-06-01", True, 3520),  # 11
    ("2006-06-02", True, 3520),  # 14
    ("2006-06-01", True, 3970),  # 15
    ("2002-06-02", True, 3970),  # 18
    ("2002-06-01", True, 4000),  # 19, at home in school
    ("2000-06-02", True, 4000),  # 20
    # lunch at preschool or school five days a week: the lower amount under 7
    ("2020-06-02", False, 2050),  # 0
    ("2019-06-01", False, 2240),  # 2
    ("2018-06-01", False, 1990),  # 3
    ("2017-06-01", False, 2170),  # 4
    ("2014-06-02", False, 2170),  # 6
    # from 7 there is one amount whatever the lunch
    ("2014-06-01", False, 3060),  # 7
    ("2006-06-01", False, 3970),  # 15
]


@pytest.mark.django_db
@pytest.mark.parametrize(("fodd", "lunch_hemma", "vantat"), ALDERSBAND_2021)
def test_a_child_costs_the_amount_of_its_age_band(berakna, fodd, lunch_hemma, vantat):
    resultat = berakna(manad="2021-06", personer=[SOK, barn(fodd, lunch_hemma=lunch_hemma)])
    assert belopp(resultat, PERSONLIG) == [3160, vantat]


@pytest.mark.django_db
def test_lunch_hemma_defaults_to_the_higher_amount(berakna):
    resultat = berakna(manad="2021-06", personer=[SOK, barn("2018-06-01")])
    assert belopp(resultat, PERSONLIG) == [3160, 2170]


# --- common costs by household size 1–9 ---------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("antal", "gemensamma"),
    [
        (1, 1020),
        (2, 1130),
        (3, 1420),
        (4, 1610),
        (5, 1860),
        (6, 2100),
        (7, 2270),
        # above 7: add the difference between 6 and 7 persons (170) for each further person
        (8, 2440),
        (9, 2610),
    ],
)
def test_common_costs_follow_the_household_size(berakna, antal, gemensamma):
    barnen = [barn("2011-01-01") for _ in range(antal - 1)]
    resultat = berakna(manad="2021-06", personer=[SOK, *barnen])
    assert belopp(resultat, GEMENSAM) == [gemensamma]
    assert resultat.personliga == 3160 + 3060 * (antal - 1)
    assert resultat.riksnorm == resultat.personliga + gemensamma


# --- adults: ensamstående or sambor -------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("personer", "personliga", "gemensamma"),
    [
        ([SOK], 3160, 1020),
        ([SOK, SAMBO], 5700, 1130),
        ([SOK, barn("2011-01-01")], 3160 + 3060, 1130),
        ([SOK, SAMBO, barn("2011-01-01")], 5700 + 3060, 1420),
    ],
)
def test_adults_are_ensamstaende_or_sambor(berakna, personer, personliga, gemensamma):
    resultat = berakna(manad="2021-06", personer=personer)
    assert (resultat.personliga, resultat.gemensamma) == (personliga, gemensamma)


# --- an adult sharing a household who is not a sambo (övrig vuxen, hushållsgemenskap) ------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("antal", "andel"),
    [
        (2, 565),  # 1130 / 2
        (3, 473),  # 1420 / 3 = 473.33
        (4, 403),  # 1610 / 4 = 402.5, rounded half up
        (5, 372),  # 1860 / 5
        (6, 350),  # 2100 / 6
        (7, 324),  # 2270 / 7 = 324.29
        (8, 305),  # 2440 / 8
        (9, 290),  # 2610 / 9
    ],
)
def test_sharing_adult_gets_ensamstaende_and_a_share_of_common_costs(berakna, antal, andel):
    resultat = berakna(manad="2021-06", personer=[SOK], hushallsgemenskap=antal)
    assert belopp(resultat, PERSONLIG) == [3160]
    assert belopp(resultat, GEMENSAM) == [andel]
    assert resultat.riksnorm == 3160 + andel


# --- children visiting for umgänge --------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("manad", "fodd", "dagar", "personlig"),
    [
        ("2021-06", "2013-01-01", 10, 1020),  # 3060 × 10/30
        ("2021-06", "2013-01-01", 15, 1530),  # 3060 × 15/30
        ("2021-06", "2013-01-01", 30, 3060),  # the whole month
        ("2021-07", "2013-01-01", 10, 987),  # 3060 × 10/31 = 987.10
        ("2021-02", "2018-01-01", 1, 78),  # 2170 × 1/28 = 77.5, rounded half up
        ("2021-02", "2018-01-01", 7, 543),  # 2170 × 7/28 = 542.5
        ("2021-02", "2018-01-01", 14, 1085),  # 2170 × 14/28
    ],
)
def test_visiting_child_counts_in_proportion_to_days(berakna, manad, fodd, dagar, personlig):
    resultat = berakna(manad=manad, personer=[SOK, barn(fodd, umgangesdagar=dagar)])
    assert belopp(resultat, PERSONLIG) == [3160, personlig]
    # common costs are for the household without visiting children
    assert belopp(resultat, GEMENSAM) == [1020]


@pytest.mark.django_db
def test_visiting_and_resident_children_together(berakna):
    resultat = berakna(
        manad="2021-06",
        personer=[SOK, barn("2013-01-01"), barn("2013-01-01", umgangesdagar=6)],
    )
    assert belopp(resultat, PERSONLIG) == [3160, 3060, 612]
    assert belopp(resultat, GEMENSAM) == [1130]


# --- jobbstimulans -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("manader", "avdrag", "inkomster"),
    [(0, [], 4000), (5, [], 4000), (6, [-1000], 3000), (29, [-1000], 3000), (30, [], 4000)],
)
def test_jobbstimulans_disregards_25_percent_in_months_6_to_29(berakna, manader, avdrag, inkomster):
    resultat = berakna(
        manad="2021-06",
        personer=[SOK],
        inkomster=[{"person": 0, "typ": "lon", "belopp": 4000}],
        manader_i_foljd_med_bistand=manader,
    )
    assert belopp(resultat, AVDRAG) == avdrag
    assert resultat.inkomster == inkomster


@pytest.mark.django_db
def test_jobbstimulans_applies_to_wages_only_and_rounds_half_up(berakna):
    resultat = berakna(
        manad="2021-06",
        personer=[SOK, SAMBO],
        inkomster=[
            {"person": 0, "typ": "lon", "belopp": 4002},  # 1000.5 → 1001
            {"person": 1, "typ": "lon", "belopp": 1000},
            {"person": 1, "typ": "a_kassa", "belopp": 3000},
        ],
        manader_i_foljd_med_bistand=12,
    )
    assert belopp(resultat, AVDRAG) == [-1001, -250]
    assert resultat.inkomster == 4002 + 1000 + 3000 - 1001 - 250


# --- children's earnings --------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("manad", "loner", "avdrag", "verifierad"),
    [
        # 2021: prisbasbelopp 47 600 / 12 = 3 966.67 → 3 967 a month
        ("2021-06", [3000], [-3000], False),
        ("2021-06", [3967], [-3967], False),
        ("2021-06", [5000], [-3967], False),
        ("2021-06", [2000, 2500], [-2000, -1967], False),  # one limit per child and month
        # 2023: 52 500 / 12 = 4 375, the verified prisbasbelopp
        ("2023-06", [6000], [-4375], False),
    ],
)
def test_childrens_earnings_are_disregarded_up_to_a_twelfth_of_prisbasbelopp(
    berakna, manad, loner, avdrag, verifierad
):
    resultat = berakna(
        manad=manad,
        personer=[SOK, barn("2005-01-01")],
        inkomster=[{"person": 1, "typ": "lon", "belopp": lon} for lon in loner],
        manader_i_foljd_med_bistand=10,  # jobbstimulans is not for the child's wages
    )
    assert belopp(resultat, AVDRAG) == avdrag
    assert resultat.inkomster == sum(loner) + sum(avdrag)
    pbb_rader = [rad for rad in resultat.rader if rad.typ == AVDRAG]
    assert all("prisbasbelopp" in rad.text for rad in pbb_rader)


@pytest.mark.django_db
def test_unverified_prisbasbelopp_makes_the_result_preliminary(berakna):
    ensam = berakna(manad="2021-06", personer=[SOK, barn("2005-01-01")])
    med_lon = berakna(
        manad="2021-06",
        personer=[SOK, barn("2005-01-01")],
        inkomster=[{"person": 1, "typ": "lon", "belopp": 1000}],
    )
    assert ensam.verifierad is True
    assert med_lon.verifierad is False  # prisbasbelopp 2021 is not verified


@pytest.mark.django_db
def test_only_a_childs_wages_are_disregarded(berakna):
    resultat = berakna(
        manad="2021-06",
        personer=[SOK, barn("2005-01-01")],
        inkomster=[{"person": 1, "typ": "underhallsstod", "belopp": 1573}],
    )
    assert belopp(resultat, AVDRAG) == []
    assert resultat.inkomster == 1573


# --- the confirmed 2026 totals ---------------------------------------------------------------


@pytest.mark.django_db
def test_2026_ensamstaende_is_5220_and_verified(berakna):
    resultat = berakna(manad="2026-03", personer=[SOK])
    assert (resultat.personliga, resultat.gemensamma, resultat.riksnorm) == (3940, 1280, 5220)
    assert resultat.verifierad is True
    assert resultat.som_api()["parametrar"] == {"riksnorm": "Riksnorm 2026", "verifierad": True}


@pytest.mark.django_db
def test_2026_couple_is_8510_and_verified(berakna):
    resultat = berakna(manad="2026-12", personer=[SOK, SAMBO])
    assert resultat.riksnorm == 8510
    assert resultat.verifierad is True


@pytest.mark.django_db
def test_2024_estimates_stay_preliminary(berakna):
    resultat = berakna(manad="2024-12", personer=[SOK, SAMBO])
    assert resultat.verifierad is False
    assert all(not rad.verifierad for rad in resultat.rader)


@pytest.mark.django_db
def test_2021_figures_are_verified(berakna):
    resultat = berakna(
        manad="2021-06", personer=[SOK, SAMBO, barn("2019-01-01", lunch_hemma=False)]
    )
    assert resultat.riksnorm == 5700 + 2240 + 1420
    assert resultat.verifierad is True


# --- costs, totals, never negative ----------------------------------------------------------


@pytest.mark.django_db
def test_totals_are_sums_of_lines(berakna):
    resultat = berakna(
        manad="2021-06",
        personer=[SOK, SAMBO, barn("2013-01-01"), barn("2018-01-01", umgangesdagar=7)],
        kostnader={
            "boende": 7800,
            "hushallsel": 350,
            "hemforsakring": 180,
            "arbetsresor": 500,
            "fackavgift_akassa": 420,
            "barnomsorg": 0,
        },
        inkomster=[
            {"person": 0, "typ": "lon", "belopp": 9999},
            {"typ": "barnbidrag", "belopp": 1250},
        ],
        manader_i_foljd_med_bistand=8,
    )
    rader = resultat.rader
    assert resultat.personliga == sum(belopp(resultat, PERSONLIG))
    assert resultat.gemensamma == sum(belopp(resultat, GEMENSAM))
    assert resultat.skaliga_kostnader == 7800 + 350 + 180 + 500 + 420
    assert resultat.inkomster == sum(belopp(resultat, INKOMST)) + sum(belopp(resultat, AVDRAG))
    assert resultat.behov == resultat.riksnorm + resultat.skaliga_kostnader
    assert resultat.bistand == resultat.behov - resultat.inkomster
    assert all(isinstance(rad.belopp, int) for rad in rader)
    # 7 days of 30 of 2170 = 506.33; 25 % of 9999 = 2499.75
    assert belopp(resultat, PERSONLIG) == [5700, 3060, 506]
    assert belopp(resultat, AVDRAG) == [-2500]
    assert belopp(resultat, KOSTNAD) == [7800, 350, 180, 500, 420]  # a 0 cost has no line


@pytest.mark.django_db
def test_never_negative(berakna):
    resultat = berakna(
        manad="2021-06", personer=[SOK], inkomster=[{"person": 0, "typ": "lon", "belopp": 20000}]
    )
    assert resultat.behov == 4180
    assert resultat.inkomster == 20000
    assert resultat.bistand == 0


@pytest.mark.django_db
def test_every_line_names_its_source(berakna):
    resultat = berakna(
        manad="2021-06",
        personer=[SOK, barn("2013-01-01")],
        kostnader={"boende": 5000},
        inkomster=[{"typ": "barnbidrag", "belopp": 1250}],
    )
    assert all(rad.kalla for rad in resultat.rader)
    riksnorm = [rad for rad in resultat.rader if rad.typ in (PERSONLIG, GEMENSAM)]
    assert all("Riksnorm 2021" in rad.parameter for rad in riksnorm)
    assert all("SFS 2020:1013" in rad.kalla for rad in riksnorm)


# --- housing above the municipality's level ----------------------------------------------


@pytest.fixture
def boendenivaer(db):
    for typ, niva, verifierad in [("vuxen_1", 6000, True), ("barn_2", 9000, False)]:
        Boendeniva.objects.create(
            hushallstyp=typ,
            giltig_fran=datetime.date(2020, 1, 1),
            belopp=niva,
            kalla="Socialnämnden § 12/2020",
            verifierad=verifierad,
        )


@pytest.mark.django_db
def test_housing_above_the_level_counts_in_full_and_a_line_says_so(berakna, boendenivaer):
    resultat = berakna(manad="2021-06", personer=[SOK], kostnader={"boende": 7000})
    assert resultat.skaliga_kostnader == 7000
    upplysning = [rad for rad in resultat.rader if rad.typ == UPPLYSNING]
    assert len(upplysning) == 1
    assert "högre än kommunens nivå" in upplysning[0].text
    assert "1 vuxen" in upplysning[0].text
    assert upplysning[0].belopp == 0
    assert upplysning[0].kalla == "Socialnämnden § 12/2020"
    assert resultat.verifierad is True


@pytest.mark.django_db
def test_housing_within_the_level_has_no_remark(berakna, boendenivaer):
    resultat = berakna(manad="2021-06", personer=[SOK], kostnader={"boende": 6000})
    assert [rad for rad in resultat.rader if rad.typ == UPPLYSNING] == []


@pytest.mark.django_db
def test_an_unverified_housing_level_makes_the_result_preliminary(berakna, boendenivaer):
    resultat = berakna(
        manad="2021-06",
        personer=[SOK, barn("2013-01-01"), barn("2014-01-01", umgangesdagar=4)],
        kostnader={"boende": 9500},
    )
    assert "1–2 vuxna och 2 barn" in [r for r in resultat.rader if r.typ == UPPLYSNING][0].text
    assert resultat.verifierad is False


@pytest.mark.django_db
def test_housing_without_a_level_says_it_was_not_compared(berakna):
    resultat = berakna(manad="2021-06", personer=[SOK], kostnader={"boende": 7000})
    assert "ingen nivå" in [r for r in resultat.rader if r.typ == UPPLYSNING][0].text


@pytest.mark.parametrize(
    ("vuxna", "antal_barn", "typ"),
    [
        (1, 0, "vuxen_1"),
        (2, 0, "vuxna_2"),
        (1, 1, "barn_1"),
        (2, 2, "barn_2"),
        (2, 3, "barn_3"),
        (1, 4, "barn_4"),
        (2, 7, "barn_4"),
    ],
)
def test_household_type_of_the_housing_levels(vuxna, antal_barn, typ):
    assert berakning.hushallstyp(vuxna=vuxna, barn=antal_barn) == typ


# --- months without figures ----------------------------------------------------------------


AR = datetime.date.today().year  # noqa: DTZ011 - this year; next year and later have none


@pytest.mark.django_db
@pytest.mark.parametrize("manad", ["2020-12", f"{AR + 1}-01", f"{AR + 5}-06"])
def test_a_month_without_riksnorm_is_an_error(berakna, manad):
    with pytest.raises(OgiltigtUnderlag) as fel:
        berakna(manad=manad, personer=[SOK])
    assert list(fel.value.fel) == ["manad"]
    assert "ingen riksnorm" in fel.value.fel["manad"][0]


# --- the small rules, without the database -----------------------------------------------


@pytest.mark.parametrize(
    ("varde", "vantat"),
    [
        (Decimal("0.5"), 1),
        (Decimal("1.5"), 2),
        (Decimal("2.5"), 3),
        (Decimal("2.49"), 2),
        (Decimal("-0.5"), -1),
        (Decimal("1000.5"), 1001),
    ],
)
def test_rounding_is_half_up(varde, vantat):
    assert berakning.avrunda(varde) == vantat


@pytest.mark.parametrize(
    ("manader", "galler"),
    [(0, False), (5, False), (6, True), (7, True), (29, True), (30, False), (100, False)],
)
def test_jobbstimulans_period(manader, galler):
    assert berakning.jobbstimulans_galler(manader, efter=6, antal=24) is galler


@pytest.mark.parametrize(
    ("fodd", "alder"),
    [("2000-06-01", 21), ("2000-06-02", 20), ("2020-02-29", 1), ("2021-06-30", 0)],
)
def test_age_is_taken_on_the_first_day_of_the_month(fodd, alder):
    manad = datetime.date(2021, 6, 1)
    assert berakning.alder(datetime.date.fromisoformat(fodd), manad) == alder


def test_pure_function_reports_a_missing_item():
    parametrar = berakning.Parametrar(
        riksnorm_namn="Riksnorm test",
        riksnorm={"ensamstaende": Varde(Decimal(3000), "x", "källa", True)},
    )
    underlag = berakning.Underlag(
        manad=datetime.date(2021, 6, 1),
        personer=(berakning.PersonUppgift(roll="sokande", fodelsedatum=datetime.date(1980, 1, 1)),),
    )
    with pytest.raises(berakning.BerakningFel) as fel:
        berakning.berakna(underlag, parametrar)
    assert fel.value.falt == "manad"
    assert "gemensamma hushållskostnader, 1 person" in fel.value.meddelande
