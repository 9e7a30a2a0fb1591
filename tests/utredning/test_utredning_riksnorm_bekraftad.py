"""The provberäkning for 2025 and 2026 gives the confirmed riksnorm tables for every age band,
lunch variant, adult amount and household size (socialtjänstförordningen 2025:468 12 kap. 2 §;
SFS 2025:1046)."""

from __future__ import annotations

import datetime

import pytest

from utredning.models import Riksnorm

URL = "/e-tjanst/provberakning/"

pytestmark = pytest.mark.django_db

# age band → (age in years, lunch at home, lunch away five days or None)
BARN = {
    2025: {
        0: (2720, 2540),
        1: (3030, 2780),
        3: (2700, 2480),
        5: (3030, 2700),
        8: (3790, None),
        12: (4350, None),
        16: (4920, None),
        19: (4960, None),
    },
    2026: {
        0: (2740, 2560),
        1: (3060, 2800),
        3: (2720, 2500),
        5: (3060, 2720),
        8: (3820, None),
        12: (4390, None),
        16: (4960, None),
        19: (5000, None),
    },
}
VUXNA = {2025: (3910, 7050), 2026: (3940, 7100)}
GEMENSAM = {
    2025: [1270, 1400, 1770, 2010, 2310, 2620, 2810],
    2026: [1280, 1410, 1790, 2030, 2330, 2640, 2830],
}


def _fodd(ar: int, alder: int) -> str:
    return f"{ar - alder}-03-15"


def _rader(client, ar: int, **falt) -> list[dict]:
    data = {"manad": f"{ar}-07", "sokande_fodelsedatum": "1980-03-01", "manader": "0"}
    data.update(falt)
    svar = client.post(URL, data)
    assert svar.status_code == 200, svar.content.decode()[:2000]
    return svar.context["resultat"]["rader"]


def _personliga(rader) -> list[int]:
    return [r["belopp"] for r in rader if r["typ"] == "personlig"]


@pytest.mark.parametrize("ar", [2025, 2026])
def test_every_child_age_band_matches_the_confirmed_table(client, ar):
    for alder, (hemma, borta) in BARN[ar].items():
        rader = _rader(client, ar, barn1_fodelsedatum=_fodd(ar, alder))
        assert _personliga(rader)[1] == hemma, (ar, alder)
        if borta is not None:
            rader = _rader(
                client, ar, barn1_fodelsedatum=_fodd(ar, alder), barn1_lunch_ej_hemma="on"
            )
            assert _personliga(rader)[1] == borta, (ar, alder, "ej lunch")


@pytest.mark.parametrize("ar", [2025, 2026])
def test_adults_and_every_household_size_match_the_confirmed_table(client, ar):
    ensam, sambor = VUXNA[ar]
    assert _personliga(_rader(client, ar))[0] == ensam
    assert _personliga(_rader(client, ar, sambo_fodelsedatum="1982-01-01"))[0] == sambor
    for antal, gemensam in enumerate(GEMENSAM[ar], start=1):
        barn = {f"barn{i}_fodelsedatum": _fodd(ar, 8) for i in range(1, antal)}
        rader = _rader(client, ar, **barn)
        assert [r["belopp"] for r in rader if r["typ"] == "gemensam"] == [gemensam], antal


@pytest.mark.parametrize("ar", [2025, 2026])
def test_the_confirmed_years_are_verified_with_their_sfs(ar):
    riksnorm = Riksnorm.objects.get(giltig_fran=datetime.date(ar, 1, 1))
    rader = list(riksnorm.belopp.all())
    assert len(rader) == 21
    assert all(r.verifierad for r in rader)
    sfs = "SFS 2025:468" if ar == 2025 else "SFS 2025:1046"
    assert all(sfs in r.kalla for r in rader)


def test_2024_stays_an_unverified_estimate():
    riksnorm = Riksnorm.objects.get(giltig_fran=datetime.date(2024, 1, 1))
    assert not any(r.verifierad for r in riksnorm.belopp.all())
