"""Journalgranskning: a reproducible random sample per handläggare, reviewed by someone else,
with feedback the handläggare sees."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kvalitet import services
from kvalitet.models import Granskning, GranskningsPunkt

pytestmark = pytest.mark.django_db
AR = datetime.date.today().year  # noqa: DTZ011


@pytest.fixture
def akter(akt_med_ansokan, enhet, handlaggare, kollega):
    return {
        "agare": [akt_med_ansokan(enhet, handlaggare) for _ in range(6)],
        "kollega": [akt_med_ansokan(enhet, kollega) for _ in range(2)],
    }


def test_the_sample_takes_the_number_per_handlaggare_and_never_ones_own(
    akter, enhet, enhetschef, handlaggare, kollega
):
    nya = services.granskning_dra_stickprov(enhet=enhet, ar=AR, av=enhetschef, urvalsfro=42)
    per = {}
    for g in nya:
        per.setdefault(g.handlaggare_id, []).append(g)
        assert g.granskare_id != g.handlaggare_id
        assert g.akt.handlaggare_id == g.handlaggare_id
    assert len(per[handlaggare.pk]) == 3  # the parameter: three a year
    assert len(per[kollega.pk]) == 2  # only two Akter to draw from


def test_the_same_seed_gives_the_same_sample(akter, enhet, enhetschef, handlaggare):
    forsta = services.granskning_dra_stickprov(enhet=enhet, ar=AR, av=enhetschef, urvalsfro=7)
    valda = sorted(g.akt_id for g in forsta if g.handlaggare_id == handlaggare.pk)
    Granskning.objects.all().delete()
    igen = services.granskning_dra_stickprov(enhet=enhet, ar=AR, av=enhetschef, urvalsfro=7)
    assert sorted(g.akt_id for g in igen if g.handlaggare_id == handlaggare.pk) == valda
    Granskning.objects.all().delete()
    samlingar = {
        tuple(
            sorted(
                g.akt_id
                for g in services.granskning_dra_stickprov(
                    enhet=enhet, ar=AR, av=enhetschef, urvalsfro=fro
                )
                if g.handlaggare_id == handlaggare.pk
            )
        )
        for fro in range(1, 6)
        if not Granskning.objects.all().delete() or True
    }
    assert len(samlingar) > 1  # another seed gives another sample


def test_drawing_again_the_same_year_adds_nothing(akter, enhet, enhetschef):
    services.granskning_dra_stickprov(enhet=enhet, ar=AR, av=enhetschef, urvalsfro=1)
    assert services.granskning_dra_stickprov(enhet=enhet, ar=AR, av=enhetschef, urvalsfro=2) == []


def test_akter_without_an_ansokan_that_year_or_protected_are_not_drawn(
    akt_med_ansokan, enhet, enhetschef, handlaggare
):
    akt_med_ansokan(enhet, handlaggare, mottagen=datetime.date(AR - 1, 6, 1))
    akt_med_ansokan(enhet, handlaggare, skydd="skyddad_folkbokforing")
    ratt = akt_med_ansokan(enhet, handlaggare)
    nya = services.granskning_dra_stickprov(enhet=enhet, ar=AR, av=enhetschef, urvalsfro=3)
    assert [g.akt_id for g in nya] == [ratt.pk]


def test_the_database_refuses_a_review_of_ones_own_work(akter, enhet, enhetschef, handlaggare):
    g = services.granskning_dra_stickprov(enhet=enhet, ar=AR, av=enhetschef, urvalsfro=1)[0]
    with pytest.raises(ValidationError):
        services.granskning_byt_granskare(granskning=g, granskare=g.handlaggare)
    with pytest.raises(IntegrityError), transaction.atomic():
        Granskning.objects.filter(pk=g.pk).update(granskare=g.handlaggare)


def test_the_reviewer_reviews_and_the_handlaggare_sees_the_feedback(
    client, akter, enhet, kvalitet, handlaggare
):
    client.force_login(kvalitet)
    svar = client.post(
        "/kvalitet/journalgranskning/",
        {"enhet": enhet.pk, "ar": AR, "urvalsfro": 5, "granskare": "jag", "antal": 1},
    )
    assert svar.status_code == 302
    g = Granskning.objects.get(handlaggare=handlaggare)
    assert g.granskare == kvalitet
    punkter = list(GranskningsPunkt.objects.filter(aktiv=True))
    assert len(punkter) == 7
    # Sending without judging every point is refused beside the field, nothing lost.
    data = {"aterkoppling": "Bra motiveringar.", "skicka": "1", f"punkt_{punkter[0].pk}": "delvis"}
    svar = client.post(f"/kvalitet/journalgranskning/{g.pk}/", data)
    text = svar.content.decode()
    assert svar.status_code == 200
    assert "Bedöm punkten innan återkopplingen skickas." in text
    assert "Bra motiveringar." in text
    # The handläggare sees nothing before it is sent.
    client.force_login(handlaggare)
    assert client.get(f"/kvalitet/journalgranskning/{g.pk}/").status_code == 404
    client.force_login(kvalitet)
    for p in punkter:
        data[f"punkt_{p.pk}"] = "uppfyllt"
    data[f"kommentar_{punkter[0].pk}"] = "Journalen saknar två signeringar."
    data["atgard"] = "Signera journalen löpande."
    data["atgard_senast"] = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()  # noqa: DTZ011
    assert client.post(f"/kvalitet/journalgranskning/{g.pk}/", data).status_code == 302
    g.refresh_from_db()
    assert g.status == "aterkopplad"
    client.force_login(handlaggare)
    lista = client.get("/kvalitet/journalgranskning/").content.decode()
    assert "Återkoppling på dina ärenden" in lista
    sida = client.get(f"/kvalitet/journalgranskning/{g.pk}/").content.decode()
    assert "Bra motiveringar." in sida
    assert "Journalen saknar två signeringar." in sida
    assert "Signera journalen löpande." in sida
    g.refresh_from_db()
    assert g.last_av_handlaggaren is not None
    # Figures per unit, as a chart with its table.
    client.force_login(kvalitet)
    oversikt = client.get(f"/kvalitet/journalgranskning/?ar={AR}").content.decode()
    assert "<td>Dokumentation</td><td>100,0 %</td><td>1</td>" in oversikt
    assert '<svg class="diagram"' in oversikt


def test_a_handlaggare_cannot_draw_and_an_outsider_cannot_open(
    client, akter, enhet, enhetschef, handlaggare, utomstaende
):
    client.force_login(handlaggare)
    svar = client.post(
        "/kvalitet/journalgranskning/", {"enhet": enhet.pk, "ar": AR, "urvalsfro": 5}
    )
    assert svar.status_code == 404
    g = services.granskning_dra_stickprov(enhet=enhet, ar=AR, av=enhetschef, urvalsfro=1)[0]
    client.force_login(utomstaende)
    assert client.get(f"/kvalitet/journalgranskning/{g.pk}/").status_code == 404


def test_bad_input_to_the_draw_gets_a_message_beside_the_field(client, enhet, enhetschef):
    client.force_login(enhetschef)
    svar = client.post(
        "/kvalitet/journalgranskning/",
        {"enhet": enhet.pk, "ar": AR + 1, "urvalsfro": "abc", "granskare": "kollegor"},
    )
    text = svar.content.decode()
    assert svar.status_code == 200
    assert "Året har inte börjat." in text
    assert "Fyll i ett heltal." in text
