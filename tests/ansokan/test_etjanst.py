"""The e-tjänst: guided steps saved on the server, incomplete submission, receipts, the
co-applicant's signature, återansökan, akut ansökan, attachments and bad input (docs/arkitektur.md:
E-tjänst)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ansokan import services, sms
from ansokan.models import Ansokan, Bilaga, Enhetsregel, Status, Typ
from bistand.models import Bevakning, Handelse, Person

from .conftest import EXE, HEIC, JPEG, PDF, PNG, fil, logga_in_sokande

pytestmark = pytest.mark.django_db


def _utkast(klient, typ="nyansokan") -> Ansokan:
    svar = klient.post(f"/e-tjanst/ny/{typ}/")
    assert svar.status_code == 302
    return Ansokan.objects.filter(status=Status.UTKAST).order_by("-pk").first()


def test_each_step_is_saved_on_the_server_and_shown_again(sokande_klient):
    a = _utkast(sokande_klient)
    url = f"/e-tjanst/ansokan/{a.pk}/steg/"
    svar = sokande_klient.post(
        url + "kontakt/",
        {
            "adress": "Storgatan 1",
            "postnummer": "123 45",
            "ort": "Exempelstad",
            "epost": "a@exempel.se",
        },
    )
    assert svar["Location"] == url + "hushall/"
    a.refresh_from_db()
    assert a.uppgifter["kontakt"]["adress"] == "Storgatan 1" and a.epost == "a@exempel.se"
    assert 'value="Storgatan 1"' in sokande_klient.get(url + "kontakt/").content.decode()


def test_save_and_continue_later_returns_to_mina_sidor_with_the_draft_listed(sokande_klient):
    a = _utkast(sokande_klient)
    svar = sokande_klient.post(
        f"/e-tjanst/ansokan/{a.pk}/steg/berattelse/", {"berattelse": "Min text", "spara": "1"}
    )
    assert svar["Location"] == "/e-tjanst/"
    assert "Inte inskickad (sparad)" in sokande_klient.get("/e-tjanst/").content.decode()


def test_starting_twice_resumes_the_same_draft(sokande_klient):
    assert _utkast(sokande_klient).pk == _utkast(sokande_klient).pk


def test_the_household_step_registers_the_co_applicant_and_children(
    sokande_klient, nytt_personnummer
):
    a = _utkast(sokande_klient)
    medsokande = nytt_personnummer(kvinna=True)
    barn = nytt_personnummer(datetime.date(2018, 4, 2))
    svar = sokande_klient.post(
        f"/e-tjanst/ansokan/{a.pk}/steg/hushall/",
        {
            "har_medsokande": "on",
            "medsokande_personnummer": medsokande,
            "medsokande_fornamn": "Mia",
            "medsokande_efternamn": "Med",
            "barn-TOTAL_FORMS": "2",
            "barn-INITIAL_FORMS": "0",
            "barn-0-fornamn": "Liv",
            "barn-0-personnummer": barn,
            "barn-0-boende": "umgange",
            "barn-0-umgangesdagar": "8",
        },
    )
    assert svar.status_code == 302
    a.refresh_from_db()
    assert a.medsokande.identitet == medsokande
    assert a.uppgifter["hushall"]["barn"][0]["umgangesdagar"] == 8


@pytest.mark.parametrize(
    ("falt", "varde", "fel"),
    [
        ("hyra", "-100", "kan inte vara negativt"),
        ("hyra", "99999999", "orimligt stort"),
        ("lon", "mycket", "med siffror"),
    ],
)
def test_bad_amounts_get_a_swedish_error_and_nothing_typed_is_lost(
    sokande_klient, falt, varde, fel
):
    a = _utkast(sokande_klient)
    svar = sokande_klient.post(
        f"/e-tjanst/ansokan/{a.pk}/steg/ekonomi/", {falt: varde, "hemforsakring": "150"}
    )
    assert svar.status_code == 200
    html = svar.content.decode()
    assert fel in html and 'value="150"' in html and f'value="{varde}"' in html
    a.refresh_from_db()
    assert "ekonomi" not in a.uppgifter


def test_a_date_in_the_future_is_refused(sokande_klient):
    a = _utkast(sokande_klient)
    imorgon = timezone.localdate() + datetime.timedelta(days=1)
    svar = sokande_klient.post(
        f"/e-tjanst/ansokan/{a.pk}/steg/situation/",
        {"sedan": imorgon.isoformat(), "forsorjningshinder": "Sjuk"},
    )
    assert "kan inte vara i framtiden" in svar.content.decode()
    assert "Sjuk" in svar.content.decode()


def test_an_invalid_co_applicant_personnummer_is_explained(sokande_klient):
    a = _utkast(sokande_klient)
    svar = sokande_klient.post(
        f"/e-tjanst/ansokan/{a.pk}/steg/hushall/",
        {
            "har_medsokande": "on",
            "medsokande_personnummer": "12345",
            "medsokande_fornamn": "Mia",
            "barn-TOTAL_FORMS": "0",
            "barn-INITIAL_FORMS": "0",
        },
    )
    assert "10 eller 12 siffror" in svar.content.decode()


def test_requested_posts_are_stored_as_rows_and_annat_needs_a_description(sokande_klient):
    a = _utkast(sokande_klient)
    url = f"/e-tjanst/ansokan/{a.pk}/steg/poster/"
    svar = sokande_klient.post(url, {"post_annat": "on"})
    assert "Beskriv vad du söker för" in svar.content.decode()
    svar = sokande_klient.post(
        url,
        {
            "post_tandvard": "on",
            "belopp_tandvard": "2400,50",
            "post_annat": "on",
            "beskrivning_annat": "Säng",
        },
    )
    assert svar.status_code == 302
    rader = {p.posttyp.kod: p for p in a.poster.all()}
    assert set(rader) == {"tandvard", "annat"}
    assert str(rader["tandvard"].belopp) == "2400.50"


def test_an_incomplete_application_is_submitted_and_registered_with_a_receipt(
    sokande_klient, sokande, akt, django_capture_on_commit_callbacks
):
    a = _utkast(sokande_klient)
    url = f"/e-tjanst/ansokan/{a.pk}/steg/granska/"
    svar = sokande_klient.post(url, {})
    assert "Kryssa i rutan" in svar.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        svar = sokande_klient.post(url, {"intygar": "on"})
    assert svar["Location"] == f"/e-tjanst/ansokan/{a.pk}/kvitto/"
    a.refresh_from_db()
    assert a.status == Status.INKOMMEN and a.akt == akt
    assert a.mottagen == timezone.localdate() and a.referens.startswith("EB-")
    kvitto = sokande_klient.get(svar["Location"]).content.decode()
    assert a.referens in kvitto and f"{a.mottagen:%Y-%m-%d}" in kvitto
    assert len(mail.outbox) == 1 and a.referens in mail.outbox[0].body
    assert sms.utkorg and "ekonomiskt bistånd" in sms.utkorg[0][1]


def test_double_submission_results_in_one_ansokan(
    sokande_klient, django_capture_on_commit_callbacks
):
    a = _utkast(sokande_klient)
    url = f"/e-tjanst/ansokan/{a.pk}/steg/granska/"
    with django_capture_on_commit_callbacks(execute=True):
        forsta = sokande_klient.post(url, {"intygar": "on"})
        andra = sokande_klient.post(url, {"intygar": "on"})
    assert forsta["Location"] == andra["Location"]
    assert Ansokan.objects.exclude(status=Status.UTKAST).count() == 1
    a.refresh_from_db()
    assert Handelse.objects.filter(ansokan_id=a.pk, typ="ansokan.inkommen").count() == 1
    assert len(mail.outbox) == 1


def test_a_new_applicant_gets_an_unassigned_akt_in_the_enhet_of_the_postal_code_rule(
    client, nytt_personnummer, enhet, annan_enhet
):
    Enhetsregel.objects.create(standard=True, enhet=enhet)
    Enhetsregel.objects.create(postnummer_prefix="55", enhet=annan_enhet)
    person = Person.objects.create(
        identitet=nytt_personnummer(),
        id_typ="personnummer",
        fornamn="Ny",
        efternamn="Sökande",
        fodelsedatum=datetime.date(1985, 1, 1),
    )
    logga_in_sokande(client, person)
    a = _utkast(client)
    client.post(f"/e-tjanst/ansokan/{a.pk}/steg/kontakt/", {"postnummer": "553 21"})
    client.post(f"/e-tjanst/ansokan/{a.pk}/steg/granska/", {"intygar": "on"})
    a.refresh_from_db()
    assert a.akt.enhet == annan_enhet and a.akt.handlaggare is None


def test_the_standard_rule_takes_a_postal_code_without_a_matching_prefix(enhet, annan_enhet):
    from ansokan.selectors import enhet_for_postnummer

    Enhetsregel.objects.create(standard=True, enhet=enhet)
    Enhetsregel.objects.create(postnummer_prefix="5", enhet=annan_enhet)
    Enhetsregel.objects.create(postnummer_prefix="553", enhet=enhet)
    assert enhet_for_postnummer("123 45") == enhet
    assert enhet_for_postnummer("55421") == annan_enhet
    assert enhet_for_postnummer("55321") == enhet


def test_a_missing_co_applicant_signature_becomes_a_komplettering_not_a_refusal(
    sokande, nytt_personnummer, skicka_in
):
    a = skicka_in(
        sokande,
        hushall={
            "har_medsokande": True,
            "medsokande_personnummer": nytt_personnummer(kvinna=True),
            "medsokande_fornamn": "Mia",
            "medsokande_efternamn": "Med",
        },
    )
    assert a.status == Status.KOMPLETTERING_BEGARD
    k = a.kompletteringar.get()
    assert k.vad == "Medsökandes underskrift"
    assert Bevakning.objects.filter(typ="komplettering", objekt_id=k.pk).exists()
    assert a.akt.hushall.medlemmar.filter(person=a.medsokande, roll="medsokande").exists()


def test_the_co_applicant_signs_in_the_e_tjanst_and_the_request_is_met(
    client, sokande, nytt_personnummer, skicka_in
):
    a = skicka_in(
        sokande,
        hushall={
            "har_medsokande": True,
            "medsokande_personnummer": nytt_personnummer(kvinna=True),
            "medsokande_fornamn": "Mia",
            "medsokande_efternamn": "Med",
        },
    )
    logga_in_sokande(client, a.medsokande)
    assert "Skriv under ansökan" in client.get(f"/e-tjanst/ansokan/{a.pk}/").content.decode()
    client.post(f"/e-tjanst/ansokan/{a.pk}/signera/")
    a.refresh_from_db()
    assert a.signerad_medsokande and a.status == Status.INKOMMEN
    assert a.kompletteringar.get().besvarad is not None


def test_mina_sidor_offers_to_apply_again_only_after_a_submitted_ansokan_read_from_its_rows(
    sokande, skicka_in, sokande_klient
):
    """The page's own rows tell whether she has submitted one when they are all there are
    (docs/prestanda.md: Tabellrader): no query of its own."""
    services.ansokan_utkast_skapa(sokande=sokande, typ="nyansokan")
    assert "Ansök för nästa månad" not in sokande_klient.get("/e-tjanst/").content.decode()
    skicka_in(sokande)
    with CaptureQueriesContext(connection) as fragor:
        text = sokande_klient.get("/e-tjanst/").content.decode()
    assert "Ansök för nästa månad" in text
    assert not any("'aterkallad'" in q["sql"] for q in fragor.captured_queries)


def test_an_ateransokan_is_prefilled_from_the_last_one(sokande, skicka_in, sokande_klient):
    forra = skicka_in(sokande, ekonomi={"hyra": "6450"})
    from ansokan.models import AnsokanPost, Posttyp

    AnsokanPost.objects.create(ansokan=forra, posttyp=Posttyp.objects.get(kod="hyra"), belopp=6450)
    assert "Ansök för nästa månad" in sokande_klient.get("/e-tjanst/").content.decode()
    ny = _utkast(sokande_klient, "ateransokan")
    assert ny.typ == Typ.ATERANSOKAN and ny.akt_id == forra.akt_id
    assert ny.uppgifter["ekonomi"]["hyra"] == "6450"
    assert [p.posttyp.kod for p in ny.poster.all()] == ["hyra"]
    assert ny.period == (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).replace(
        day=1
    )
    html = sokande_klient.get(f"/e-tjanst/ansokan/{ny.pk}/steg/andringar/").content.decode()
    assert "Vad har ändrats" in html


def test_an_akut_ansokan_is_marked_for_same_day_handling(sokande, skicka_in):
    a = skicka_in(sokande, "akut", akut={"vad": "Pengar till mat"})
    b = Bevakning.objects.get(typ="akut_ansokan", objekt_id=a.pk)
    assert b.forfaller == timezone.localdate()


@pytest.mark.parametrize(
    ("namn", "innehall", "typ"),
    [
        ("a.pdf", PDF, "application/pdf"),
        ("b.png", PNG, "image/png"),
        ("c.jpg", JPEG, "image/jpeg"),
        ("IMG_0001.HEIC", HEIC, "image/heic"),
    ],
)
def test_pdf_png_jpeg_and_heic_are_accepted_by_content(sokande_klient, namn, innehall, typ):
    a = _utkast(sokande_klient)
    svar = sokande_klient.post(
        f"/e-tjanst/ansokan/{a.pk}/steg/bilagor/",
        {"kategori": "kontoutdrag", "fil": fil(namn, innehall, "x/y")},
    )
    assert svar.status_code == 302
    b = Bilaga.objects.get(ansokan=a)
    assert b.innehallstyp == typ
    lagrad = Path(settings.FILE_STORAGE_DIR) / b.sokvag
    assert lagrad.read_bytes() == innehall
    assert not str(lagrad).startswith(str(settings.STATIC_ROOT))


@pytest.mark.parametrize(
    ("innehall", "fel"),
    [
        (EXE, "Filen går inte att ta emot"),
        (b"", "Filen är tom"),
        (b"%PDF-" + b"0" * 2048, "för stor"),
    ],
)
def test_a_disguised_empty_or_oversized_file_gets_an_error_next_to_the_field(
    sokande_klient, settings, innehall, fel
):
    settings.ETJANST_MAX_FILSTORLEK = 1024
    a = _utkast(sokande_klient)
    svar = sokande_klient.post(
        f"/e-tjanst/ansokan/{a.pk}/steg/bilagor/",
        {"kategori": "hyreskontrakt", "fil": fil("kontrakt.pdf", innehall, "application/pdf")},
    )
    assert svar.status_code == 200
    html = svar.content.decode()
    assert fel in html and 'id="id_fil_error"' in html
    assert '<option value="hyreskontrakt" selected>' in html
    assert not Bilaga.objects.exists()


def test_the_applicant_downloads_their_own_attachment(sokande_klient):
    a = _utkast(sokande_klient)
    sokande_klient.post(
        f"/e-tjanst/ansokan/{a.pk}/steg/bilagor/", {"kategori": "kontoutdrag", "fil": fil()}
    )
    svar = sokande_klient.get(f"/e-tjanst/bilaga/{Bilaga.objects.get().pk}/")
    assert svar.status_code == 200 and b"".join(svar.streaming_content) == PDF
    assert svar["Content-Type"] == "application/pdf"


def test_mina_sidor_shows_the_office_contact(sokande_klient, namnd):
    namnd.telefontid = "Måndag–fredag 9–11"
    namnd.adress = "Stadshuset"
    namnd.save()
    html = sokande_klient.get("/e-tjanst/").content.decode()
    assert "Måndag–fredag 9–11" in html and "Stadshuset" in html and "0123-456" in html


def test_a_submitted_ansokan_can_no_longer_be_edited(sokande_klient, inkommen):
    svar = sokande_klient.post(f"/e-tjanst/ansokan/{inkommen.pk}/steg/kontakt/", {"ort": "X"})
    assert svar.status_code == 302
    inkommen.refresh_from_db()
    assert inkommen.uppgifter.get("kontakt", {}).get("ort") != "X"


def test_mina_sidor_logs_one_row_per_akt_shown(sokande_klient, inkommen, sokande):
    from bistand.models import Atkomstlogg

    sokande_klient.get("/e-tjanst/")
    rad = Atkomstlogg.objects.get(sida="mina-sidor")
    assert (rad.akt_id, rad.person_id, rad.beviljad) == (inkommen.akt_id, sokande.pk, True)
    assert rad.anvandarnamn == f"sokande:{sokande.pk}"


def test_mina_sidor_shows_a_year_of_ansokningar_a_page_and_its_queries_stay_flat(
    sokande_klient, inkommen, sokande, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ansokan.models import Ansokan

    def fler(antal):
        Ansokan.objects.bulk_create(
            Ansokan(akt_id=inkommen.akt_id, sokande=sokande, typ="ateransokan", kanal="etjanst")
            for _ in range(antal)
        )

    fler(4)
    sokande_klient.get("/e-tjanst/")
    with CaptureQueriesContext(connection) as fa:
        sokande_klient.get("/e-tjanst/")
    fler(20)
    # + the COUNT, now that it overflows, and whether she has submitted one before: the
    # page's rows, twelve new drafts, do not tell.
    with django_assert_max_num_queries(len(fa) + 2):
        svar = sokande_klient.get("/e-tjanst/")
    assert len(svar.context["ansokningar"]) == 12
    assert "Sida 1 av 3" in svar.content.decode()
    assert len(sokande_klient.get("/e-tjanst/", {"sida": "3"}).context["ansokningar"]) == 1


def test_mina_sidor_lists_each_ansokan_with_its_status_and_what_she_must_do(
    sokande_klient, sokande, inkommen, annans_ansokan, handlaggare
):
    from ansokan import services

    utkast = services.ansokan_utkast_skapa(sokande=sokande, typ=Typ.AKUT)
    services.komplettering_begar(
        ansokan=inkommen,
        av=handlaggare,
        vad="Kontoutdrag",
        varfor="För beräkningen",
        senast=timezone.localdate() + datetime.timedelta(days=7),
    )
    # She is the co-applicant of someone else's ansökan and has not signed it.
    Ansokan.objects.filter(pk=annans_ansokan.pk).update(
        medsokande=sokande, signerad_medsokande=None
    )
    html = sokande_klient.get("/e-tjanst/").content.decode()
    inkommen.refresh_from_db()
    assert (
        f'<h3><a href="/e-tjanst/ansokan/{inkommen.pk}/">Nyansökan {inkommen.referens}</a></h3>'
        in html
    )
    assert (
        f"Status: <strong>Komplettering begärd</strong> · Mottagen {inkommen.mottagen:%Y-%m-%d}</p>"
        '\n    <p class="etikett etikett-varning">Vi behöver mer underlag från dig</p>' in html
    )
    # A draft has no referens and is not received.
    assert f'<a href="/e-tjanst/ansokan/{utkast.pk}/">Akut ansökan</a>' in html
    assert "Status: <strong>Inte inskickad (sparad)</strong></p>" in html
    assert html.count("Väntar på din underskrift") == 1
