"""The demo's example riksnorm for a year whose figures are not entered yet (docs/regler.md:
Riksnorm; socialtjänstförordningen (2025:468) 12 kap. 2 §)."""

from __future__ import annotations

import datetime

import pytest

from utredning.demo import riksnorm_exempel_sakerstall
from utredning.models import Riksnorm

SOK = {"roll": "sokande", "fodelsedatum": "1980-01-01"}


@pytest.mark.django_db
def test_a_year_without_riksnorm_gets_last_years_amounts_marked_unverified_once():
    ar = datetime.date.today().year + 2  # noqa: DTZ011
    forra = Riksnorm.objects.order_by("-giltig_fran").first()

    exempel = riksnorm_exempel_sakerstall(datetime.date(ar, 3, 15))

    assert exempel.giltig_fran == datetime.date(ar, 1, 1)
    assert dict(exempel.belopp.values_list("post", "belopp")) == dict(
        forra.belopp.values_list("post", "belopp")
    )
    assert not exempel.belopp.filter(verifierad=True).exists()
    assert all(
        "ersätt med regeringens belopp" in k for k in exempel.belopp.values_list("kalla", flat=True)
    )
    assert riksnorm_exempel_sakerstall(datetime.date(ar, 9, 1)) is None
    assert Riksnorm.objects.filter(giltig_fran__year=ar).count() == 1


@pytest.mark.django_db
def test_a_year_with_its_own_riksnorm_gets_no_example():
    belopp = list(Riksnorm.objects.get(giltig_fran=datetime.date(2026, 1, 1)).belopp.values())

    assert riksnorm_exempel_sakerstall(datetime.date(2026, 6, 1)) is None
    assert (
        list(Riksnorm.objects.get(giltig_fran=datetime.date(2026, 1, 1)).belopp.values()) == belopp
    )


@pytest.mark.django_db
def test_a_calculation_with_the_example_says_it_is_preliminary(berakna):
    ar = datetime.date.today().year + 2  # noqa: DTZ011
    riksnorm_exempel_sakerstall(datetime.date(ar, 1, 1))

    resultat = berakna(manad=f"{ar}-02", personer=[SOK])

    assert not resultat.verifierad
