"""Domar against riktlinjer, likvärdighet, the unit's lists and ärendedragning."""

from __future__ import annotations

import datetime

import pytest

from beslut import services as beslut_services
from beslut.models import Beslut, Overklagande, Samrad
from bistand.models import JournalAnteckning
from kvalitet.analys import domar_per_avsnitt, hushallstyp, likvardighet
from kvalitet.listor import langvarighet
from kvalitet.models import Arendedragning
from utredning.models import Riktlinje, RiktlinjeAvsnitt


def _ar(ar: int) -> tuple:
    return datetime.date(ar, 1, 1), datetime.date(ar, 12, 31)


pytestmark = pytest.mark.django_db
IDAG = datetime.date.today()  # noqa: DTZ011


def _dom(beslut, handlaggare, dom, avsnitt=None):
    o = beslut_services.overklagande_registrera(
        beslut=beslut, text="Jag överklagar.", inkommen=IDAG, av=handlaggare
    )
    Overklagande.objects.filter(pk=o.pk).update(status="overlamnad", overlamnad=IDAG)
    o.refresh_from_db()
    return beslut_services.overklagande_dom_registrera(
        overklagande=o, av=handlaggare, dom=dom, dom_datum=IDAG, avsnitt=avsnitt
    )


@pytest.fixture
def avsnitt(db):
    r = Riktlinje.objects.create(
        kod="test", titel="Riktlinjer", version="1", antagen=IDAG, giltig_fran=IDAG
    )
    return (
        RiktlinjeAvsnitt.objects.create(riktlinje=r, nummer="4.2", titel="Hyra", text="…"),
        RiktlinjeAvsnitt.objects.create(riktlinje=r, nummer="5.1", titel="Tandvård", text="…"),
    )


def test_domar_are_grouped_by_section_and_post_and_a_losing_section_is_flagged(
    client, fatta, akt, handlaggare, enhetschef, enhet, avsnitt
):
    hyra, tand = avsnitt
    for dom in ("bifall", "avslag", "aterforvisning"):
        _dom(fatta(akt, handlaggare, utfall="avslag"), handlaggare, dom, hyra)
    for dom in ("avslag", "avslag"):
        _dom(fatta(akt, handlaggare, utfall="avslag"), handlaggare, dom, tand)
    grupper, grans = domar_per_avsnitt(enhet.__class__.objects.filter(pk=enhet.pk), *_ar(IDAG.year))
    per = {g.avsnitt: g for g in grupper}
    assert per["4.2 Hyra"].domar == 3 and per["4.2 Hyra"].andrade == 2
    assert per["4.2 Hyra"].andel == 66.7 and per["4.2 Hyra"].flaggad
    assert per["5.1 Tandvård"].andel == 0 and not per["5.1 Tandvård"].flaggad
    client.force_login(enhetschef)
    text = client.get("/kvalitet/domar/").content.decode()
    assert "<td>4.2 Hyra</td><td>Försörjningsstöd</td><td>3</td><td>2</td>" in text
    assert "Se över avsnittet" in text
    # The appeals list filters to the changed ones and exports CSV.
    text = client.get("/kvalitet/listor/overklaganden/?urval=andrade").content.decode()
    assert text.count("Avgjord av domstol") == 2
    csv = client.get("/kvalitet/listor/overklaganden/?urval=andrade&format=csv")
    assert csv["Content-Type"].startswith("text/csv")
    rader = csv.content.decode("utf-8-sig").strip().splitlines()
    assert rader[0].startswith("Akt;Inkom;Post;Status")
    assert len(rader) == 3


def test_likvardighet_flags_the_handlaggare_whose_bifall_share_differs(
    client, fatta, skapa_akt, enhet, handlaggare, kollega, enhetschef, skapa_anvandare
):
    from bistand.models import Enhet, Parameter

    tredje = skapa_anvandare("tredje", "Handläggare", enhet)
    Parameter.objects.filter(kod="likvardighet-minsta-antal").update(varde=3)
    for h, utfall in (
        (handlaggare, ["bifall"] * 4),
        (kollega, ["bifall"] * 3 + ["avslag"]),
        (tredje, ["avslag"] * 4),
    ):
        for u in utfall:
            fatta(skapa_akt(enhet, h), h, utfall=u)
    jamforelser = likvardighet(Enhet.objects.filter(pk=enhet.pk), *_ar(IDAG.year))
    assert len(jamforelser) == 1
    j = jamforelser[0]
    assert j.rubrik == "Nyansökan, ensamstående utan barn, försörjningsstöd"
    assert j.alla.beslut == 12 and j.alla.andel_bifall == 58.3
    per = {h.namn: h for h in j.per_handlaggare}
    assert per["Tredje"].andel_bifall == 0 and per["Tredje"].avviker
    assert per["Agare"].andel_bifall == 100 and per["Agare"].avviker
    assert per["Kollega"].andel_bifall == 75 and not per["Kollega"].avviker
    assert per["Agare"].medelbelopp == 9000
    client.force_login(enhetschef)
    text = client.get("/kvalitet/likvardighet/").content.decode()
    assert "<strong>Avviker</strong>" in text and '<svg class="diagram"' in text
    client.force_login(handlaggare)  # never shown to the persons themselves
    assert client.get("/kvalitet/likvardighet/").status_code == 404


def test_household_composition_counts_adults_and_children_on_the_day(skapa_akt, enhet):
    akt = skapa_akt(enhet, barn=1)
    medlemmar = list(akt.hushall.medlemmar.all())
    assert hushallstyp(medlemmar, datetime.date(2026, 6, 1)) == "Ensamstående med barn"
    assert hushallstyp(medlemmar, datetime.date(2025, 6, 1)) == "Ensamstående utan barn"


@pytest.mark.parametrize(
    ("manader", "ar", "vantat"),
    [
        ({(2026, m) for m in range(1, 10)}, 2026, (9, 0)),
        ({(2026, m) for m in range(1, 11)}, 2026, (10, 1)),
        ({(y, m) for y in (2024, 2025, 2026) for m in range(1, 11)}, 2026, (10, 3)),
        ({(y, m) for y in (2023, 2025, 2026) for m in range(1, 13)}, 2026, (12, 2)),
    ],
)
def test_langvarigt_is_10_to_12_months_and_mycket_langvarigt_three_years_in_a_row(
    manader, ar, vantat
):
    assert langvarighet({datetime.date(y, m, 1) for y, m in manader}, ar) == vantat


def test_the_lists_filter_link_to_the_case_and_refuse_outsiders(
    client, fatta, akt, skapa_akt, enhet, handlaggare, kollega, enhetschef, utomstaende
):
    b = fatta(akt, handlaggare, utfall="delvis_bifall", belopp="5000")
    samrad = Samrad.objects.create(
        ansokan=b.brev.ansokan,
        post=b.post,
        avser="norm",
        skal="Särskilda skäl.",
        begard_av=handlaggare,
        status="godkand",
        besvarad_av=enhetschef,
        giltig_fran=IDAG,
        giltig_till=IDAG + datetime.timedelta(days=20),
    )
    client.force_login(enhetschef)
    text = client.get("/kvalitet/listor/avsteg/?urval=snart").content.decode()
    assert f'href="/akter/{akt.pk}/"' in text and "20 dagar kvar" in text
    assert "Inga rader." in client.get("/kvalitet/listor/avsteg/?urval=upphort").content.decode()
    Samrad.objects.filter(pk=samrad.pk).update(giltig_till=IDAG - datetime.timedelta(days=1))
    assert "Har upphört" in client.get("/kvalitet/listor/avsteg/?urval=upphort").content.decode()
    # Akut this week, filtered by handläggare.
    fatta(skapa_akt(enhet, kollega), kollega, typ="akut")
    text = client.get("/kvalitet/listor/akut/").content.decode()
    assert "Kollega" in text
    text = client.get(f"/kvalitet/listor/akut/?handlaggare={handlaggare.pk}").content.decode()
    assert "Inga rader." in text
    # Waiting times per handläggare.
    text = client.get("/kvalitet/listor/vantetider/").content.decode()
    assert (
        "<td>Agare</td><td>1</td><td>0,0</td>" in text
        or "<td>Agare</td><td>1</td><td>0.0</td>" in text
    )
    # Bad dates: a message beside the field, no 5xx.
    svar = client.get("/kvalitet/listor/akut/?fran=2026-11-20&till=2026-11-01")
    assert (
        svar.status_code == 200 and "Slutdatumet ligger före startdatumet." in svar.content.decode()
    )
    client.force_login(utomstaende)
    assert f"/akter/{akt.pk}/" not in client.get("/kvalitet/listor/avsteg/").content.decode()
    client.force_login(handlaggare)
    assert client.get("/kvalitet/listor/avsteg/").status_code == 404


def test_kommunicering_awaiting_answer_is_listed(client, akt, handlaggare, enhetschef, fatta):
    from utredning.models import Kommunicering

    b = fatta(akt, handlaggare)
    Kommunicering.objects.create(
        utredning=b.brev.ansokan.utredning,
        vad="Uppgift från hyresvärden.",
        skickad=IDAG - datetime.timedelta(days=10),
        svara_senast=IDAG - datetime.timedelta(days=2),
        skickad_av=handlaggare,
    )
    client.force_login(enhetschef)
    text = client.get("/kvalitet/listor/kommunicering/?urval=passerat").content.decode()
    assert "Svarsdatum passerat" in text and akt.aktnummer in text


def test_an_arende_goes_to_the_forum_and_the_conclusion_lands_in_the_journal(
    client, akt_med_ansokan, enhet, handlaggare, forste, kvalitet
):
    akt = akt_med_ansokan(enhet, handlaggare)
    client.force_login(handlaggare)
    svar = client.post(
        "/kvalitet/arendedragning/ny/",
        {"aktnummer": akt.aktnummer, "motesdatum": IDAG - datetime.timedelta(days=1)},
    )
    text = svar.content.decode()
    assert "Mötet kan inte ligga bakåt i tiden." not in text  # required fields first
    assert "Detta fält måste fyllas i." in text
    data = {
        "aktnummer": akt.aktnummer,
        "motesdatum": (IDAG + datetime.timedelta(days=2)).isoformat(),
        "forslag": "Bifall till tandvård, 4 000 kr.",
        "fraga": "Är kostnadsförslaget skäligt?",
    }
    assert client.post("/kvalitet/arendedragning/ny/", data).status_code == 302
    a = Arendedragning.objects.get()
    assert a.ansokan.akt_id == akt.pk
    text = client.get("/kvalitet/arendedragning/").content.decode()
    assert "Är kostnadsförslaget skäligt?" in text and "Väntar på forumet." in text
    # A handläggare cannot record the conclusion; the förste socialsekreterare can.
    url = f"/kvalitet/arendedragning/{a.pk}/slutsats/"
    assert client.post(url, {"slutsats": "Bifall."}).status_code == 404
    client.force_login(forste)
    client.post(url, {"slutsats": "Forumet föreslår bifall med 4 000 kr."})
    a.refresh_from_db()
    assert a.slutsats == "Forumet föreslår bifall med 4 000 kr."
    post = JournalAnteckning.objects.get(pk=a.journal_id)
    assert post.akt_id == akt.pk and post.signerad is not None
    assert "Forumet föreslår bifall" in post.text
    # Kvalitet sees the forum list of every unit.
    client.force_login(kvalitet)
    assert "Forumet föreslår bifall" in client.get("/kvalitet/arendedragning/").content.decode()


def test_an_outsider_does_not_see_another_units_forum(
    client, akt_med_ansokan, enhet, handlaggare, utomstaende
):
    akt = akt_med_ansokan(enhet, handlaggare)
    Arendedragning.objects.create(
        enhet=enhet,
        akt=akt,
        motesdatum=IDAG,
        forslag="F",
        fraga="Hemlig fråga",
        anmald_av=handlaggare,
    )
    client.force_login(utomstaende)
    assert "Hemlig fråga" not in client.get("/kvalitet/arendedragning/").content.decode()
    svar = client.post(
        "/kvalitet/arendedragning/ny/",
        {"aktnummer": akt.aktnummer, "motesdatum": IDAG, "forslag": "x", "fraga": "y"},
    )
    assert "Det finns ingen akt med det numret som du kan öppna." in svar.content.decode()
    assert Beslut.objects.count() == 0


def test_payments_against_budget_show_a_twelfth_of_the_years_budget_per_month(
    client, enhet, enhetschef
):
    from utbetalning.models import Budget

    Budget.objects.create(ar=IDAG.year, enhet=enhet, belopp=1_200_000)
    client.force_login(enhetschef)
    text = client.get("/kvalitet/listor/utbetalningar/").content.decode()
    assert f"<td>{IDAG.year}-01</td><td>0</td><td>100000</td><td>-100000</td>" in text
    csv = client.get("/kvalitet/listor/utbetalningar/?format=csv").content.decode("utf-8-sig")
    assert len(csv.strip().splitlines()) == IDAG.month + 1


@pytest.mark.parametrize(
    "kod",
    [
        "overklaganden",
        "kommunicering",
        "avsteg",
        "langvarigt",
        "vantetider",
        "akut",
        "utbetalningar",
    ],
)
def test_kvalitet_filters_every_list_by_enhet_across_the_namnd(
    client, kvalitet, enhet, annan_enhet, kod
):
    client.force_login(kvalitet)
    assert client.get(f"/kvalitet/listor/{kod}/").status_code == 200
    assert client.get(f"/kvalitet/listor/{kod}/?enhet=&urval=").status_code == 200
    svar = client.get(f"/kvalitet/listor/{kod}/?enhet={annan_enhet.pk}&format=csv")
    assert svar.status_code == 200


def test_list_and_review_pages_keep_a_flat_query_count(
    client, akt_med_ansokan, enhet, handlaggare, kollega, enhetschef
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kvalitet import services

    akt_med_ansokan(enhet, handlaggare, typ="akut")
    akt_med_ansokan(enhet, kollega)
    services.granskning_dra_stickprov(enhet=enhet, ar=IDAG.year, av=enhetschef, urvalsfro=1)
    client.force_login(enhetschef)
    sidor = [
        "/kvalitet/listor/akut/",
        "/kvalitet/journalgranskning/",
        "/kvalitet/listor/vantetider/",
    ]
    fore = {}
    for url in sidor:
        client.get(url)
        with CaptureQueriesContext(connection) as q:
            client.get(url)
        fore[url] = len(q)
    for _ in range(4):
        akt_med_ansokan(enhet, handlaggare, typ="akut")
        akt_med_ansokan(enhet, kollega)
    services.granskning_dra_stickprov(enhet=enhet, ar=IDAG.year, av=enhetschef, urvalsfro=1)
    for url in sidor:
        with CaptureQueriesContext(connection) as q:
            client.get(url)
        assert len(q) == fore[url], url


@pytest.mark.parametrize(
    ("idag", "veckodag", "forum"),
    [
        (datetime.date(2026, 11, 30), 3, datetime.date(2026, 12, 2)),  # Monday → Wednesday
        (datetime.date(2026, 12, 2), 3, datetime.date(2026, 12, 9)),  # on the day → next week
        (datetime.date(2026, 12, 2), 5, datetime.date(2026, 12, 4)),  # Friday forum
    ],
)
def test_the_next_forum_day_follows_the_parameter(db, idag, veckodag, forum):
    from bistand.models import Parameter
    from kvalitet.forms import nasta_forum

    Parameter.objects.filter(kod="arendedragning-veckodag").update(varde=veckodag)
    assert nasta_forum(idag) == forum
