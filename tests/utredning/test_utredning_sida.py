"""The utredning page of an ansökan: start, förslag per post with the beräkning's amounts
(docs/regler.md: Utredning), access and flat query counts."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from bistand.models import Atkomstlogg
from utredning import selectors, services
from utredning.models import ForslagPost, Kontroll

pytestmark = pytest.mark.django_db

IDAG = dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _tid():
    with time_machine.travel(IDAG, tick=False):
        yield


def _url(a):
    return f"/ansokningar/{a.pk}/utredning/"


def test_the_page_offers_to_start_the_utredning(client, handlaggare, akt, registrera):
    ansokan = registrera(akt)
    client.force_login(handlaggare)
    text = client.get(_url(ansokan)).content.decode()
    assert "Starta utredning" in text
    svar = client.post(_url(ansokan) + "starta/")
    assert svar.status_code == 302
    ansokan.refresh_from_db()
    assert ansokan.status == "under_utredning"
    assert Kontroll.objects.filter(utredning__ansokan=ansokan).count() >= 10


def test_an_outsider_gets_404_and_the_attempt_is_logged(client, utomstaende, akt, registrera):
    ansokan = registrera(akt)
    client.force_login(utomstaende)
    assert client.get(_url(ansokan)).status_code == 404
    assert client.post(_url(ansokan) + "starta/").status_code == 404
    assert Atkomstlogg.objects.filter(sida="utredning", beviljad=False).exists()


def test_the_forslag_form_has_the_agreed_field_names(client, handlaggare, akt, registrera):
    ansokan = registrera(akt)
    services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    client.force_login(handlaggare)
    text = client.get(_url(ansokan)).content.decode()
    fors, hyra = sorted(ansokan.poster.all(), key=lambda p: p.posttyp.ordning)
    for namn in (
        f"utfall_{fors.pk}",
        f"belopp_{fors.pk}",
        f"motivering_{fors.pk}",
        f"radrum_{hyra.pk}",
        f"radrum_slut_{hyra.pk}",
    ):
        assert f'name="{namn}"' in text
    assert f'name="radrum_{fors.pk}"' not in text
    assert "Spara förslag" in text
    for varde in ("bifall", "delvis_bifall", "avslag", "avvisning"):
        assert f'value="{varde}"' in text


def test_saving_the_forslag_stores_one_row_per_post(client, handlaggare, akt, registrera):
    ansokan = registrera(akt)
    services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    fors, hyra = sorted(ansokan.poster.all(), key=lambda p: p.posttyp.ordning)
    client.force_login(handlaggare)
    svar = client.post(
        _url(ansokan),
        {
            f"utfall_{fors.pk}": "delvis_bifall",
            f"belopp_{fors.pk}": "3000",
            f"motivering_{fors.pk}": "Inkomst av a-kassa.",
            f"utfall_{hyra.pk}": "bifall",
            f"belopp_{hyra.pk}": "7000",
            f"radrum_{hyra.pk}": "sanka_boendekostnad",
            f"radrum_slut_{hyra.pk}": "2027-02-28",
        },
    )
    assert svar.status_code == 302
    rader = {f.post_id: f for f in ForslagPost.objects.all()}
    assert rader[fors.pk].utfall == "delvis_bifall"
    assert rader[hyra.pk].radrum_slut == dt.date(2027, 2, 28)


def test_an_error_is_shown_next_to_the_field_and_nothing_typed_is_lost(
    client, handlaggare, akt, registrera
):
    ansokan = registrera(akt)
    services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    fors, hyra = sorted(ansokan.poster.all(), key=lambda p: p.posttyp.ordning)
    client.force_login(handlaggare)
    svar = client.post(
        _url(ansokan),
        {
            f"utfall_{fors.pk}": "delvis_bifall",
            f"motivering_{fors.pk}": "Min långa motivering",
            f"utfall_{hyra.pk}": "bifall",
        },
    )
    text = svar.content.decode()
    assert svar.status_code == 400
    assert "Ange det belopp som föreslås vid delvis bifall." in text
    assert "Min långa motivering" in text
    assert not ForslagPost.objects.exists()


def test_the_forslag_carries_the_berakning_amounts(client, handlaggare, akt, registrera):
    ansokan = registrera(akt, poster=("forsorjningsstod", "hyra", "hushallsel"))
    u = services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    client.force_login(handlaggare)
    svar = client.post(
        _url(ansokan) + "berakning/",
        {
            "manad": "2026-11-01",
            "kostnad_boende": "6000",
            "kostnad_hushallsel": "400",
            "inkomst_typ_0": "a_kassa",
            "inkomst_belopp_0": "1000",
        },
    )
    assert svar.status_code == 302
    berakning = selectors.berakning_senaste(ansokan)
    poster = {p.posttyp.kod: p for p in ansokan.poster.all()}
    belopp = selectors.forslag_belopp_fran_berakning(berakning, list(poster.values()))
    assert belopp[poster["hyra"].pk] == 6000
    assert belopp[poster["hushallsel"].pk] == 400
    assert belopp[poster["forsorjningsstod"].pk] == berakning.riksnorm_summa - 1000
    assert sum(belopp.values()) == berakning.bistand
    text = client.get(_url(ansokan)).content.decode()
    assert f'name="belopp_{poster["hyra"].pk}"' in text and 'value="6000"' in text
    # saving links the förslag to the sheet it carries the amounts of
    data = {f"utfall_{p.pk}": "bifall" for p in poster.values()}
    data |= {f"belopp_{p.pk}": str(belopp[p.pk]) for p in poster.values()}
    client.post(_url(ansokan), data)
    assert {f.berakning_id for f in u.forslag.all()} == {berakning.pk}


def test_income_above_the_need_leaves_no_post_negative(handlaggare, akt, registrera):
    ansokan = registrera(akt)
    u = services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    b = services.berakning_spara_for_utredning(
        utredning=u,
        av=handlaggare,
        manad=dt.date(2026, 11, 1),
        kostnader={"boende": 5000},
        inkomster=[{"typ": "lon", "belopp": 50000, "person": 0}],
    )
    belopp = selectors.forslag_belopp_fran_berakning(b, list(ansokan.poster.all()))
    assert set(belopp.values()) == {0}


@pytest.mark.parametrize("antal", [5, 50])
def test_the_page_has_a_flat_query_count(
    client, settings, handlaggare, akt, registrera, django_assert_max_num_queries, antal
):
    from utredning.models import Kontroll

    settings.SIDMINNE = False  # counts what drawing the page reads, not a kept page

    ansokan = registrera(akt)
    u = services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    Kontroll.objects.bulk_create(Kontroll(utredning=u, namn=f"K{i}") for i in range(antal))
    for i in range(min(antal, 20)):
        services.mote_boka(
            utredning=u,
            av=handlaggare,
            typ="uppfoljning",
            kanal="telefon",
            med_vem=f"Person {i}",
            bokad=IDAG,
        )
    client.force_login(handlaggare)
    client.get(_url(ansokan))
    with django_assert_max_num_queries(40) as fangade:
        assert client.get(_url(ansokan)).status_code == 200
    antal_fragor[antal] = len(fangade.captured_queries)
    if len(antal_fragor) == 2:
        assert antal_fragor[5] == antal_fragor[50]


antal_fragor: dict[int, int] = {}


def test_the_staff_ansokan_page_links_to_the_utredning(client, handlaggare, akt, registrera):
    ansokan = registrera(akt)
    client.force_login(handlaggare)
    text = client.get(f"/ansokningar/{ansokan.pk}/").content.decode()
    assert _url(ansokan) in text


def test_kontroller_sammanfattning_counts_each_status(handlaggare, akt, registrera):
    ansokan = registrera(akt)
    u = services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    k1, k2 = list(u.kontroller.all()[:2])
    services.kontroll_markera(
        kontroll=k1, status="gjord", av=handlaggare, datum=dt.date(2026, 11, 19)
    )
    services.kontroll_markera(
        kontroll=k2,
        status="avvikelse",
        av=handlaggare,
        datum=dt.date(2026, 11, 19),
        anteckning="Okänt konto",
    )
    s = selectors.kontroller_sammanfattning(ansokan)
    assert s["antal"]["gjord"] == 1 and s["avvikelser"] == 1
    assert s["ej_gjorda"] == len(s["rader"]) - 2 and not s["klar"]


def test_a_failed_control_needs_a_note(handlaggare, akt, registrera):
    from django.core.exceptions import ValidationError

    u = services.utredning_oppna(ansokan=registrera(akt), av=handlaggare)
    with pytest.raises(ValidationError) as fel:
        services.kontroll_markera(
            kontroll=u.kontroller.first(),
            status="avvikelse",
            av=handlaggare,
            datum=dt.date(2026, 11, 19),
        )
    assert "anteckning" in fel.value.message_dict
