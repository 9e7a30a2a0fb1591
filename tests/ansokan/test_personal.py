"""Staff side: the list of ansökningar (every channel side by side), intake in other channels,
outsider tests and query counts (docs/arkitektur.md: E-tjänst)."""

from __future__ import annotations

import datetime
import re
import uuid

import pytest
from django.utils import timezone

from ansokan import services
from ansokan.models import Ansokan, Bilaga, Kanal, Status, Typ
from bistand.models import Atkomstlogg

from .conftest import EXE, PDF, fil, sokande_av

pytestmark = pytest.mark.django_db


@pytest.fixture
def papper(annan_akt, handlaggare):
    a, _ = services.ansokan_registrera(
        sokande=sokande_av(annan_akt),
        av=handlaggare,
        typ=Typ.NYANSOKAN,
        kanal=Kanal.PAPPER,
        mottagen=timezone.localdate() - datetime.timedelta(days=3),
    )
    return a


def test_an_etjanst_and_a_paper_application_are_listed_side_by_side(
    client, handlaggare, inkommen, papper
):
    client.force_login(handlaggare)
    html = client.get("/ansokningar/").content.decode()
    assert inkommen.referens in html and papper.referens in html
    assert "E-tjänst" in html and "Papper" in html


def test_the_selector_returns_both_channels_and_never_a_draft(
    handlaggare, inkommen, papper, sokande
):
    from ansokan.access import ansokningar_for_user
    from ansokan.selectors import ansokningar_lista

    services.ansokan_utkast_skapa(sokande=sokande, typ=Typ.AKUT)
    rader = ansokningar_lista(ansokningar_for_user(handlaggare))
    assert {a.kanal for a in rader} == {Kanal.ETJANST, Kanal.PAPPER}
    assert all(a.status != Status.UTKAST for a in rader)


def test_the_list_page_query_count_does_not_grow_with_rows(
    client, handlaggare, skapa_akt, enhet, django_assert_max_num_queries
):
    client.force_login(handlaggare)

    def registrera(n):
        for _ in range(n):
            akt = skapa_akt(enhet, handlaggare)
            services.ansokan_registrera(
                sokande=sokande_av(akt),
                av=handlaggare,
                typ="nyansokan",
                kanal="telefon",
                mottagen=timezone.localdate(),
            )

    registrera(1)
    client.get("/ansokningar/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as en:
        client.get("/ansokningar/")
    registrera(5)
    with django_assert_max_num_queries(len(en.captured_queries)):
        svar = client.get("/ansokningar/")
    assert svar.content.decode().count("EB-") == 6


def test_an_outsider_sees_none_of_the_units_ansokningar(client, utomstaende, inkommen, papper):
    client.force_login(utomstaende)
    html = client.get("/ansokningar/").content.decode()
    assert inkommen.referens not in html and papper.referens not in html


@pytest.mark.parametrize(
    "url",
    ["/ansokningar/{a}/", "/ansokningar/bilaga/{b}/"],
)
def test_an_outsider_gets_404_on_an_ansokan_and_its_attachment(
    client, utomstaende, kollega, inkommen, url
):
    b = services.bilaga_spara(ansokan=inkommen, fil=fil(), kategori="kontoutdrag")
    client.force_login(utomstaende)
    assert client.get(url.format(a=inkommen.pk, b=b.pk)).status_code == 404
    assert Atkomstlogg.objects.filter(anvandarnamn="utomstaende", beviljad=False).exists()
    client.force_login(kollega)
    assert client.get(url.format(a=inkommen.pk, b=b.pk)).status_code == 200


def test_an_outsider_cannot_request_komplettering_or_write_to_the_applicant(
    client, utomstaende, inkommen
):
    client.force_login(utomstaende)
    assert (
        client.post(
            f"/ansokningar/{inkommen.pk}/komplettering/",
            {
                "begar-vad": "X",
                "begar-varfor": "Y",
                "begar-senast": timezone.localdate().isoformat(),
            },
        ).status_code
        == 404
    )
    assert (
        client.post(f"/ansokningar/{inkommen.pk}/meddelande/", {"medd-text": "Hej"}).status_code
        == 404
    )
    assert not inkommen.kompletteringar.exists() and not inkommen.meddelanden.exists()


@pytest.mark.parametrize("roll", ["Kvalitet", "Avdelningschef"])
def test_a_reader_sees_the_ansokan_without_any_form_to_post(
    client, skapa_anvandare, roll, inkommen, begard
):
    client.force_login(skapa_anvandare("lasare", roll))
    svar = client.get(f"/ansokningar/{inkommen.pk}/")
    html = svar.content.decode()
    assert svar.status_code == 200
    assert "Kontoutdrag" in html
    assert not re.search(r'<form[^>]*method="post"', html[html.index("<main") :])
    assert "Begär komplettering" not in html and "Skicka till sökande" not in html


def test_the_handlaggare_gets_the_komplettering_and_message_forms(
    client, handlaggare, inkommen, begard
):
    client.force_login(handlaggare)
    html = client.get(f"/ansokningar/{inkommen.pk}/").content.decode()
    assert f'action="/ansokningar/{inkommen.pk}/komplettering/"' in html
    assert f'action="/ansokningar/{inkommen.pk}/meddelande/"' in html
    assert f'action="/ansokningar/komplettering/{begard.pk}/registrera/"' in html


def test_staff_never_see_an_applicants_draft(client, handlaggare, sokande):
    utkast = services.ansokan_utkast_skapa(sokande=sokande, typ=Typ.NYANSOKAN)
    client.force_login(handlaggare)
    assert client.get(f"/ansokningar/{utkast.pk}/").status_code == 404


def test_kontaktcenter_sees_only_arrival_and_whether_decided(
    client, kontaktcenter, inkommen, begard
):
    client.force_login(kontaktcenter)
    assert client.get("/ansokningar/").status_code == 404
    assert client.get(f"/ansokningar/{inkommen.pk}/").status_code == 404
    html = client.get(
        "/kontaktcenter/", {"personnummer": inkommen.sokande.identitet}
    ).content.decode()
    assert f"inkom {inkommen.mottagen:%Y-%m-%d}: beslut är inte fattat" in html
    assert "Kontoutdrag" not in html and "komplettering" not in html.lower()


def test_a_handlaggare_requests_a_komplettering_through_the_page(client, handlaggare, inkommen):
    client.force_login(handlaggare)
    svar = client.post(
        f"/ansokningar/{inkommen.pk}/komplettering/",
        {
            "begar-vad": "Hyreskontrakt",
            "begar-varfor": "Boendekostnad",
            "begar-senast": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
        },
    )
    assert svar.status_code == 302
    inkommen.refresh_from_db()
    assert inkommen.status == Status.KOMPLETTERING_BEGARD
    html = client.get(f"/ansokningar/{inkommen.pk}/").content.decode()
    assert "Hyreskontrakt" in html


def test_a_komplettering_deadline_in_the_past_is_refused(client, handlaggare, inkommen):
    client.force_login(handlaggare)
    svar = client.post(
        f"/ansokningar/{inkommen.pk}/komplettering/",
        {"begar-vad": "X", "begar-varfor": "Y", "begar-senast": "2020-01-01"},
    )
    assert "redan passerat" in svar.content.decode()


def _intag(**extra):
    return {
        "personnummer": extra.pop("personnummer"),
        "fornamn": "Per",
        "efternamn": "Papper",
        "typ": "nyansokan",
        "kanal": "papper",
        "mottagen": (timezone.localdate() - datetime.timedelta(days=2)).isoformat(),
        "uppgifter": "Ansökan på blankett",
        "inskick_nyckel": str(uuid.uuid4()),
        "post-post_hyra": "on",
        "post-belopp_hyra": "5000",
        **extra,
    }


def test_staff_register_a_paper_application_with_received_date_and_scan(
    client, handlaggare, nytt_personnummer, enhet
):
    client.force_login(handlaggare)
    data = _intag(personnummer=nytt_personnummer(), fil=fil("skanning.pdf", PDF))
    svar = client.post("/ansokningar/registrera/", data)
    assert svar.status_code == 302
    a = Ansokan.objects.get()
    assert (a.kanal, a.status, a.registrerad_av) == (Kanal.PAPPER, Status.INKOMMEN, handlaggare)
    assert a.mottagen == timezone.localdate() - datetime.timedelta(days=2)
    assert a.akt.enhet == enhet and a.poster.get().posttyp.kod == "hyra"
    assert Bilaga.objects.get(ansokan=a).kategori == "inskannad"
    client.post("/ansokningar/registrera/", data)
    assert Ansokan.objects.count() == 1


@pytest.mark.parametrize(
    ("extra", "fel"),
    [
        ({"mottagen": "2999-01-01"}, "kan inte vara i framtiden"),
        ({"personnummer": "19900101-0000"}, "Numret stämmer inte"),
        ({"post-belopp_hyra": "-5"}, "kan inte vara negativt"),
        ({"fil": "exe"}, "Filen går inte att ta emot"),
    ],
)
def test_bad_intake_input_is_explained_and_kept(client, handlaggare, nytt_personnummer, extra, fel):
    client.force_login(handlaggare)
    data = _intag(personnummer=extra.pop("personnummer", nytt_personnummer()), **extra)
    if data.get("fil") == "exe":
        data["fil"] = fil("a.pdf", EXE)
    svar = client.post("/ansokningar/registrera/", data)
    assert svar.status_code == 200
    html = svar.content.decode()
    assert fel in html and "Ansökan på blankett" in html
    assert not Ansokan.objects.exists()


def test_the_staff_page_query_count_is_flat(
    client, handlaggare, inkommen, django_assert_max_num_queries
):
    client.force_login(handlaggare)
    client.get(f"/ansokningar/{inkommen.pk}/")
    for i in range(4):
        services.meddelande_skicka(ansokan=inkommen, text=f"m{i}", av=handlaggare)
        services.bilaga_spara(ansokan=inkommen, fil=fil(), kategori="annat")
    # + FL 11 § prompt, delays, requests, the user's grants and the navigation (each once)
    with django_assert_max_num_queries(34):
        client.get(f"/ansokningar/{inkommen.pk}/")


def test_intake_for_a_protected_persons_akt_is_registered_without_showing_the_case(
    client, kollega, skyddad_akt
):
    """Never rejected (docs/regler.md: Bakgrund), never revealing (docs/regler.md: Åtkomst): the
    application goes to the person's Akt, and an ungranted colleague is told only that it is
    registered."""
    sokande = skyddad_akt.hushall.medlemmar.get(roll="sokande").person
    client.force_login(kollega)
    svar = client.post(
        "/ansokningar/registrera/", _intag(personnummer=sokande.identitet), follow=True
    )
    a = Ansokan.objects.get()
    assert a.akt == skyddad_akt
    text = svar.content.decode()
    assert "har gått till den enhet som handlägger personens ärenden" in text
    assert skyddad_akt.aktnummer not in text
