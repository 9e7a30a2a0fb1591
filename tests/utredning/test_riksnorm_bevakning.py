"""Next year's riksnorm is watched from 1 December (docs/regler.md: Riksnorm;
socialtjänstförordningen (2025:468) 12 kap. 2 §)."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from bistand.models import Bevakning, BevakningStatus
from bistand.periodiskt import NATTLIGA, PERIODISKA
from utredning.models import Riksnorm
from utredning.riksnorm_bevakning import TYP, riksnorm_bevaka

pytestmark = pytest.mark.django_db


def _senaste_ar() -> int:
    return Riksnorm.objects.order_by("-giltig_fran").first().giltig_fran.year


def _ny_riksnorm(ar: int) -> Riksnorm:
    return Riksnorm.objects.create(
        giltig_fran=datetime.date(ar, 1, 1), benamning=f"Riksnorm {ar}", kalla="SFS"
    )


def test_the_nightly_job_is_registered():
    assert PERIODISKA["riksnorm-nasta-ar"] is riksnorm_bevaka
    assert "riksnorm-nasta-ar" in NATTLIGA


def test_from_the_first_of_december_a_missing_riksnorm_is_a_deadline_every_enhetschef_sees(
    client, enhetschef
):
    ar = _senaste_ar()
    assert riksnorm_bevaka(datetime.date(ar, 11, 30)) == 0
    assert not Bevakning.objects.filter(typ=TYP).exists()

    assert riksnorm_bevaka(datetime.date(ar, 12, 1)) == 1
    assert riksnorm_bevaka(datetime.date(ar, 12, 2)) == 0  # one deadline per year
    bevakning = Bevakning.objects.get(typ=TYP)
    assert bevakning.akt is None and bevakning.agare is None
    assert bevakning.forfaller == datetime.date(ar, 12, 31)
    assert f"Riksnormen för {ar + 1} är inte inlagd" in bevakning.beskrivning

    with time_machine.travel(datetime.datetime(ar, 12, 2, 9, tzinfo=datetime.UTC)):
        client.force_login(enhetschef)
        html = client.get("/notiser/").content.decode()
    assert "Riksnorm för nästa år" in html
    assert f"Riksnormen för {ar + 1} är inte inlagd" in html
    assert "ingen ägare än" in html and "None" not in html


def test_entering_the_years_riksnorm_meets_the_deadline():
    ar = _senaste_ar()
    riksnorm_bevaka(datetime.date(ar, 12, 1))
    _ny_riksnorm(ar + 1)

    assert riksnorm_bevaka(datetime.date(ar, 12, 10)) == 1
    assert Bevakning.objects.get(typ=TYP).status == BevakningStatus.UPPFYLLD
    assert riksnorm_bevaka(datetime.date(ar, 12, 11)) == 0


def test_the_admin_list_warns_while_the_year_is_missing(client, administrator):
    ar = _senaste_ar()
    with time_machine.travel(datetime.datetime(ar, 12, 5, 9, tzinfo=datetime.UTC)):
        client.force_login(administrator)
        varning = f"Riksnormen för {ar + 1} är inte inlagd"
        assert varning in client.get("/admin/utredning/riksnorm/").content.decode()
        _ny_riksnorm(ar + 1)
        assert "inte inlagd" not in client.get("/admin/utredning/riksnorm/").content.decode()


def test_the_namnd_sets_how_long_before_new_year_the_watch_starts():
    from bistand.models import Parameter

    ar = _senaste_ar()
    Parameter.objects.filter(kod="riksnorm-bevakas-dagar-fore").update(varde=10)
    assert riksnorm_bevaka(datetime.date(ar, 12, 1)) == 0
    assert riksnorm_bevaka(datetime.date(ar, 12, 22)) == 1
