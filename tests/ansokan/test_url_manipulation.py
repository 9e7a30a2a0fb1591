"""URL tampering: another applicant's ansökan, attachment, request or message is never
reachable, and a tampered form changes nothing (docs/arkitektur.md: E-tjänst; docs/regler.md:
Åtkomst)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from ansokan import services
from ansokan.models import Ansokan, Bilaga, Meddelande, Status
from bistand.models import Atkomstlogg

from .conftest import fil

pytestmark = pytest.mark.django_db


@pytest.fixture
def annans(annans_ansokan, annan_sokande, handlaggare):
    b = services.bilaga_spara(ansokan=annans_ansokan, fil=fil(), kategori="kontoutdrag")
    k = services.komplettering_begar(
        ansokan=annans_ansokan,
        av=handlaggare,
        vad="X",
        varfor="Y",
        senast=timezone.localdate() + datetime.timedelta(days=3),
    )
    m = services.meddelande_skicka(ansokan=annans_ansokan, text="Hemligt", av=handlaggare)
    return {"a": annans_ansokan, "b": b, "k": k, "m": m}


@pytest.mark.parametrize(
    "url",
    [
        "/e-tjanst/ansokan/{a}/",
        "/e-tjanst/ansokan/{a}/kvitto/",
        "/e-tjanst/ansokan/{a}/steg/kontakt/",
        "/e-tjanst/ansokan/{a}/meddelande/",
        "/e-tjanst/bilaga/{b}/",
        "/e-tjanst/komplettering/{k}/",
        "/e-tjanst/meddelande/{m}/",
    ],
)
def test_another_applicants_objects_answer_404(sokande_klient, annans, inkommen, url):
    ids = {"a": annans["a"].pk, "b": annans["b"].pk, "k": annans["k"].pk, "m": annans["m"].pk}
    svar = sokande_klient.get(url.format(**ids))
    assert svar.status_code == 404
    assert "Hemligt" not in svar.content.decode()
    assert Atkomstlogg.objects.filter(anvandarnamn__startswith="sokande:", beviljad=False).exists()


def test_a_missing_id_answers_the_same_404(sokande_klient):
    assert sokande_klient.get("/e-tjanst/ansokan/999999/").status_code == 404
    assert sokande_klient.get("/e-tjanst/bilaga/999999/").status_code == 404


def test_the_own_objects_are_reachable(sokande_klient, inkommen, handlaggare):
    m = services.meddelande_skicka(ansokan=inkommen, text="Till dig", av=handlaggare)
    assert sokande_klient.get(f"/e-tjanst/meddelande/{m.pk}/").status_code == 200
    assert sokande_klient.get(f"/e-tjanst/ansokan/{inkommen.pk}/").status_code == 200


def test_tampered_posts_at_someone_elses_ansokan_change_nothing(sokande_klient, annans):
    a, k = annans["a"], annans["k"]
    posts = [
        (f"/e-tjanst/ansokan/{a.pk}/steg/granska/", {"intygar": "on"}),
        (f"/e-tjanst/ansokan/{a.pk}/meddelande/", {"text": "Intrång"}),
        (f"/e-tjanst/ansokan/{a.pk}/signera/", {}),
        (f"/e-tjanst/komplettering/{k.pk}/", {"text": "Intrång"}),
        (f"/e-tjanst/komplettering/{k.pk}/datum/", {"senast": "2099-01-01"}),
        (f"/e-tjanst/ansokan/{a.pk}/steg/bilagor/", {"kategori": "annat", "fil": fil()}),
    ]
    for url, data in posts:
        assert sokande_klient.post(url, data).status_code == 404, url
    k.refresh_from_db()
    assert k.besvarad is None and k.svar == ""
    assert not Meddelande.objects.filter(text="Intrång").exists()
    assert Bilaga.objects.filter(ansokan=a).count() == 1


def test_a_co_applicant_reads_but_cannot_edit_the_draft(client, sokande, nytt_personnummer):
    from .conftest import logga_in_sokande

    utkast = services.ansokan_utkast_skapa(sokande=sokande, typ="nyansokan")
    services.ansokan_utkast_spara(
        ansokan=utkast,
        steg="hushall",
        data={
            "har_medsokande": True,
            "medsokande_personnummer": nytt_personnummer(kvinna=True),
            "medsokande_fornamn": "Mia",
            "medsokande_efternamn": "Med",
        },
    )
    utkast.refresh_from_db()
    logga_in_sokande(client, utkast.medsokande)
    assert client.get(f"/e-tjanst/ansokan/{utkast.pk}/steg/kontakt/").status_code == 404
    assert (
        client.post(f"/e-tjanst/ansokan/{utkast.pk}/steg/granska/", {"intygar": "on"}).status_code
        == 404
    )
    assert Ansokan.objects.get(pk=utkast.pk).status == Status.UTKAST
