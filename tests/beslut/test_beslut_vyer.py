"""The pages of beslut through real requests: access (404 for outsiders, logged), the decision
form, samråd, the letter and the appeal in the e-tjänst."""

from __future__ import annotations

import pytest

from beslut import services
from beslut.models import Beslut, Overklagande, Samrad
from bistand.models import Atkomstlogg
from tests.beslut.conftest import logga_in_sokande, manad_for, manadens_slut, post_beslut

pytestmark = pytest.mark.django_db


@pytest.fixture
def brev(utredd, handlaggare, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        b = services.beslut_fatta(
            ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd, utfall="avslag")]
        )
    b.refresh_from_db()
    return b


def _form(post, **kw):
    fran = manad_for(post.ansokan)
    data = {
        f"p{post.pk}-period_fran": fran.isoformat(),
        f"p{post.pk}-period_till": manadens_slut(fran).isoformat(),
        f"p{post.pk}-utfall": "bifall",
        f"p{post.pk}-belopp": "9000",
        f"p{post.pk}-lagrum": "sol-ratt-till-bistand",
        f"p{post.pk}-motivering": "",
    }
    data.update({f"p{post.pk}-{k}": v for k, v in kw.items()})
    return data


def test_the_owner_decides_through_the_form(client, utredd, handlaggare):
    client.force_login(handlaggare)
    url = f"/ansokningar/{utredd.pk}/beslut/"
    assert client.get(url).status_code == 200
    svar = client.post(url, _form(utredd.poster.get()))
    assert svar.status_code == 302
    assert Beslut.objects.get().utfall == "bifall"


def test_an_avslag_without_motivering_shows_the_error_next_to_the_field(
    client, utredd, handlaggare
):
    client.force_login(handlaggare)
    svar = client.post(
        f"/ansokningar/{utredd.pk}/beslut/", _form(utredd.poster.get(), utfall="avslag")
    )
    assert svar.status_code == 200
    assert "32 § förvaltningslagen" in svar.content.decode()
    assert not Beslut.objects.exists()


def test_a_refusal_beyond_delegation_names_who_may_decide(client, skapa_utredd, akt, handlaggare):
    a = skapa_utredd(akt, handlaggare, {"forsorjningsstod": ("40000", "bifall", "40000")})
    client.force_login(handlaggare)
    sida = client.get(f"/ansokningar/{a.pk}/beslut/").content.decode()
    assert "Du har inte delegation" in sida and "Förste socialsekreterare" in sida
    svar = client.post(f"/ansokningar/{a.pk}/beslut/", _form(a.poster.get(), belopp="40000"))
    assert svar.status_code == 400
    assert "Beslutet kan fattas av" in svar.content.decode()


def test_an_outsider_gets_404_on_every_beslut_page_and_it_is_logged(
    client, brev, utomstaende, handlaggare
):
    o = services.overklagande_registrera(
        beslut=brev.beslut.get(), text="Fel", inkommen=brev.beslutsdatum, av=handlaggare
    )
    s = services.samrad_begar(
        ansokan=brev.ansokan, post=brev.ansokan.poster.get(), av=handlaggare, avser="norm", skal="x"
    )
    client.force_login(utomstaende)
    for url in [
        f"/ansokningar/{brev.ansokan_id}/beslut/",
        f"/ansokningar/{brev.ansokan_id}/overklagande/",
        f"/beslut/brev/{brev.pk}/",
        f"/beslut/brev/{brev.pk}/pdf/",
        f"/samrad/{s.pk}/",
        f"/overklagande/{o.pk}/",
        f"/overklagande/{o.pk}/bunt/",
    ]:
        assert client.get(url).status_code == 404, url
    assert (
        Atkomstlogg.objects.filter(anvandarnamn=utomstaende.username, beviljad=False).count() >= 6
    )


def test_staff_can_open_the_letter_pdf(client, brev, kollega):
    client.force_login(kollega)
    svar = client.get(f"/beslut/brev/{brev.pk}/pdf/")
    assert svar.status_code == 200
    assert b"".join(svar.streaming_content).startswith(b"%PDF")


def test_the_applicant_opens_the_letter_which_sets_delgivning(client, brev):
    sokande = brev.ansokan.sokande
    logga_in_sokande(client, sokande)
    sida = client.get(f"/e-tjanst/ansokan/{brev.ansokan_id}/").content.decode()
    assert f"/e-tjanst/beslut/{brev.pk}/" in sida
    svar = client.get(f"/e-tjanst/beslut/{brev.pk}/")
    assert svar.status_code == 200
    b = brev.beslut.get()
    b.refresh_from_db()
    assert b.delgiven is not None and b.besvarstid_slut is not None


def test_another_applicant_gets_404_for_the_letter(client, brev, skapa_akt, enhet):
    annan = skapa_akt(enhet).hushall.medlemmar.get(roll="sokande").person
    logga_in_sokande(client, annan)
    assert client.get(f"/e-tjanst/beslut/{brev.pk}/").status_code == 404
    assert client.get(f"/e-tjanst/ansokan/{brev.ansokan_id}/overklaga/").status_code == 404


def test_the_applicant_appeals_in_the_etjanst(client, brev):
    logga_in_sokande(client, brev.ansokan.sokande)
    url = f"/e-tjanst/ansokan/{brev.ansokan_id}/overklaga/"
    svar = client.post(url, {"beslut": str(brev.beslut.get().pk), "text": ""})
    assert "Skriv hur du vill" in svar.content.decode()
    svar = client.post(url, {"beslut": str(brev.beslut.get().pk), "text": "Jag behöver pengarna."})
    assert svar.status_code == 302
    o = Overklagande.objects.get()
    assert o.kanal == "etjanst" and o.av_person == brev.ansokan.sokande


def test_forste_approves_a_samrad_on_its_page(client, utredd, handlaggare, forste):
    s = services.samrad_begar(
        ansokan=utredd, post=utredd.poster.get(), av=handlaggare, avser="riktlinje", skal="Skäl"
    )
    client.force_login(forste)
    assert "Samråd om avsteg" in client.get("/samrad/").content.decode()
    svar = client.post(f"/samrad/{s.pk}/", {"beslut": "godkand", "kommentar": "Ok"})
    assert svar.status_code == 302
    s.refresh_from_db()
    assert s.status == Samrad.Status.GODKAND


def test_the_staff_ansokan_page_shows_the_beslut_panel_with_flat_queries(
    client, brev, handlaggare, django_assert_max_num_queries
):
    client.force_login(handlaggare)
    with django_assert_max_num_queries(60):
        sida = client.get(f"/ansokningar/{brev.ansokan_id}/").content.decode()
    assert "Beslutsbrev (PDF)" in sida


def test_the_preview_is_the_letter_marked_utkast_and_stores_nothing(client, utredd, handlaggare):
    import io

    from pypdf import PdfReader

    from beslut.models import Beslutsbrev

    client.force_login(handlaggare)
    data = _form(utredd.poster.get()) | {"forhandsgranska": "1"}
    svar = client.post(f"/ansokningar/{utredd.pk}/beslut/", data)
    assert svar.status_code == 200 and svar["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(svar.content)).pages)
    assert "Utkast" in text and "9 000 kr" in " ".join(text.split())
    assert not Beslut.objects.exists() and not Beslutsbrev.objects.exists()
    utredd.refresh_from_db()
    assert utredd.status == "under_utredning"


def test_asking_for_samrad_keeps_what_was_typed(client, utredd, handlaggare):
    client.force_login(handlaggare)
    post = utredd.poster.get()
    data = _form(
        post,
        motivering="Mitt utkast till motivering.",
        period_skal="",
        avsteg_avser="norm",
        avsteg_skal="Särskilda skäl för högre belopp.",
    ) | {"begar_samrad": "1"}
    svar = client.post(f"/ansokningar/{utredd.pk}/beslut/", data)
    assert svar.status_code == 200
    html = svar.content.decode()
    assert "Mitt utkast till motivering." in html
    assert data[f"p{post.pk}-period_fran"] in html
    assert Samrad.objects.get().skal == "Särskilda skäl för högre belopp."


def test_an_unverified_lagrum_is_refused_beside_the_field_and_nothing_typed_is_lost(
    client, utredd, handlaggare
):
    from bistand.models import Lagrum

    Lagrum.objects.filter(kod="sol-ratt-till-bistand").update(verifierad=False)
    client.force_login(handlaggare)
    post = utredd.poster.get()
    svar = client.post(
        f"/ansokningar/{utredd.pk}/beslut/",
        _form(post, utfall="delvis_bifall", belopp="7000", motivering="Min egen motivering."),
    )
    assert svar.status_code == 200
    form = dict((f"p{p.pk}", f) for p, f, _ in svar.context["rader"])[f"p{post.pk}"]
    assert "inte är verifierat" in " ".join(form.errors["lagrum"])
    assert "Min egen motivering." in svar.content.decode()
    assert not Beslut.objects.exists()
