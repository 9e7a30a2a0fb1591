"""The Akt, journal, utredning and beslut pages are drawn once per state of their Akt, and the
worklist once per state of the Akter in its view, and kept in the process (bistand.sidminne;
docs/prestanda.md: Sidor i minnet): every table they draw from is watched,
a change anywhere in the Akt — through a service, the ORM or plain SQL — shows on the next
request, each response gets its own CSRF token and one-time keys, and each user her own
rights. PostgreSQL keeps the states; on SQLite the pages are drawn every time."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from guardian.shortcuts import remove_perm

from ansokan.models import Bilaga, Forsening, Kategori, Komplettering
from beslut import services as beslut_services
from beslut import views as beslut_views
from bistand import services as kart
from bistand import sidminne
from bistand import views as bistand_views
from bistand.grunddataversion import GRUNDDATA_TABELLER, satt_version, version_las
from bistand.models import Aktandring, Atkomstlogg, Person
from bistand.periodiskt import NATTLIGA, PERIODISKA
from tests.beslut.conftest import post_beslut
from tests.logg import loggade_akter
from utredning import services as utredning_services
from utredning import views_arbete, views_utredning
from utredning.models import Hinder, Kommunicering, Mote, MoteKanal, MoteTyp, Utkast, Varning

pytestmark = pytest.mark.django_db

bara_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL keeps the Akter's states"
)

# Tables only migrations write, and SQLite's function that reads a list parameter.
OFORANDERLIGA = {"django_content_type", "auth_permission", "json_each"}


def _hela_utredningen(skapa_utredd, akt, handlaggare):
    """An ansökan whose utredning has something in every section the page shows."""
    ansokan = skapa_utredd(akt, handlaggare)
    utredning = ansokan.utredning
    idag = timezone.localdate()
    vuxen = akt.hushall.medlemmar.get(roll="sokande").person
    Varning.objects.create(utredning=utredning, typ="ny_inkomst", nyckel="v1", text="Ny lön")
    Mote.objects.create(
        utredning=utredning,
        typ=MoteTyp.values[0],
        kanal=MoteKanal.values[0],
        med_vem="Sökande",
        bokad=timezone.now(),
        skapad_av=handlaggare,
    )
    utredning_services.hinder_spara(utredning=utredning, person=vuxen, hinder=Hinder.values[0])
    utredning_services.handlingsplan_spara(
        utredning=utredning,
        mal="Arbete",
        aktiviteter="Praktik",
        sokandes_ataganden="Söka arbete",
        handlaggarens_ataganden="Stödsamtal",
    )
    remiss = utredning_services.remiss_skicka(
        utredning=utredning, av=handlaggare, person=vuxen, text="Praktik", skickad=idag
    )
    utredning_services.narvaro_registrera(
        remiss=remiss, fran=idag, till=idag, planerade_tillfallen=2, narvarande=1
    )
    kommunicering = _besvarad_kommunicering(utredning, handlaggare, "Kontoutdrag", "Här är de.")
    kommunicering.bilagor.add(
        Bilaga.objects.create(
            ansokan=ansokan,
            kategori=Kategori.KONTOUTDRAG,
            filnamn="kontoutdrag.pdf",
            sokvag="bilagor/x.pdf",
            innehallstyp="application/pdf",
            storlek=10,
            sha256="0" * 64,
        )
    )
    Utkast.objects.create(
        anvandare=handlaggare,
        akt=akt,
        nyckel=f"utredning:{utredning.pk}:sokandes_berattelse",
        text="Osparad berättelse",
    )
    return ansokan


def _besvarad_kommunicering(utredning, av, vad: str, svar: str) -> Kommunicering:
    """A kommunicering sent today and answered today, not yet read by the handläggare."""
    idag = timezone.localdate()
    return Kommunicering.objects.create(
        utredning=utredning,
        vad=vad,
        skickad=idag,
        svara_senast=idag + dt.timedelta(days=14),
        skickad_av=av,
        besvarad=idag,
        svar=svar,
    )


def _signerad_anteckning(akt, av, text: str) -> None:
    kart.journal_signera(
        anteckning=kart.journal_skriv(akt=akt, av=av, kontakttyp="telefon", text=text), av=av
    )


def _tabeller(sql: str) -> set[str]:
    return {t for t in re.findall(r'(?:FROM|JOIN)\s+"?(\w+)"?', sql) if t.islower()}


@pytest.fixture
def ritade(monkeypatch):
    """The tables each kept part was drawn from, and how many times one was drawn."""
    lasta: list[set[str]] = []

    def fanga(verklig):
        def sparad_del(request, *, sida, akt_id, rita, spara=True):
            def ritar():
                with CaptureQueriesContext(connection) as fangade:
                    html = rita()
                lasta.append(set().union(*(_tabeller(q["sql"]) for q in fangade.captured_queries)))
                return html

            return verklig(request, sida=sida, akt_id=akt_id, rita=ritar, spara=spara)

        return sparad_del

    monkeypatch.setattr(views_utredning, "sparad_del", fanga(sidminne.sparad_del))
    monkeypatch.setattr(beslut_views, "sparad_del", fanga(sidminne.sparad_del))
    monkeypatch.setattr(bistand_views, "sparad_del", fanga(sidminne.sparad_del))
    monkeypatch.setattr(views_arbete, "sparad_del", fanga(sidminne.sparad_del))

    def sparad_lista(request, *, rita, **kw):
        def ritar():
            with CaptureQueriesContext(connection) as fangade:
                svar = rita()
            lasta.append(set().union(*(_tabeller(q["sql"]) for q in fangade.captured_queries)))
            return svar

        return sidminne.sparad_lista(request, rita=ritar, **kw)

    monkeypatch.setattr(views_arbete, "sparad_lista", sparad_lista)
    return lasta


def test_every_table_the_kept_pages_draw_from_is_watched(
    client, handlaggare, akt, skapa_utredd, ritade
):
    ansokan = _hela_utredningen(skapa_utredd, akt, handlaggare)
    client.force_login(handlaggare)
    kart.bevakning_skapa(
        typ="paminnelse", akt=akt, agare=handlaggare, forfaller=timezone.localdate(), objekt=akt
    )
    for url in (
        f"/ansokningar/{ansokan.pk}/utredning/",
        f"/ansokningar/{ansokan.pk}/beslut/",
        f"/akter/{akt.pk}/",
        f"/akter/{akt.pk}/journal/",
    ):
        assert client.get(url).status_code == 200
    utredning_tabeller, beslut_tabeller, akt_tabeller, journal_tabeller = ritade
    # The page drew what the test set out to show.
    assert {"utredning_narvaro", "utredning_kommunicering_bilagor", "utredning_remiss"} <= (
        utredning_tabeller
    )
    assert {"bistand_journalanteckning", "bistand_bevakning"} <= akt_tabeller
    assert {"bistand_journalanteckning", "bistand_handelse"} <= journal_tabeller
    oanmalda = (utredning_tabeller | beslut_tabeller | akt_tabeller | journal_tabeller) - (
        set(sidminne.BEVAKADE) | GRUNDDATA_TABELLER | OFORANDERLIGA
    )
    assert not oanmalda, f"read by a kept page but not watched: {sorted(oanmalda)}"


@bara_postgresql
def test_every_watched_table_has_its_triggers_and_the_current_function():
    with connection.cursor() as c:
        c.execute(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname LIKE 'aktandring_%%' OR t.tgname = 'grunddata_andrad'"
        )
        triggers = c.fetchall()
        c.execute("SELECT proname, prosrc FROM pg_proc WHERE proname LIKE 'bistand_aktandring_%%'")
        funktioner = dict(c.fetchall())
    for tabell, vag in sidminne.BEVAKADE.items():
        assert {t for r, t in triggers if r == tabell} == {
            "aktandring_insert",
            "aktandring_update",
            "aktandring_delete",
        }, tabell
        # A changed way to the Akt needs a migration that installs it.
        assert funktioner[f"bistand_aktandring_{tabell}"].strip() in sidminne._funktion(
            tabell, vag
        ), tabell
    assert {r for r, t in triggers if t == "grunddata_andrad"} == GRUNDDATA_TABELLER


@bara_postgresql
def test_the_page_is_drawn_once_and_a_change_shows_on_the_next_request(
    client, handlaggare, akt, skapa_utredd, ritade
):
    ansokan = skapa_utredd(akt, handlaggare)
    url = f"/ansokningar/{ansokan.pk}/utredning/"
    client.force_login(handlaggare)
    forsta = client.get(url).content.decode()
    assert client.get(url).content.decode().count("<section") == forsta.count("<section")
    assert len(ritade) == 1

    Varning.objects.create(utredning=ansokan.utredning, typ="ny_inkomst", nyckel="v", text="Ny lön")
    assert "Ny lön" in client.get(url).content.decode()
    assert len(ritade) == 2

    with connection.cursor() as c:  # by hand, past every service
        c.execute(
            "UPDATE bistand_person SET fornamn = 'Saga' WHERE id = %s",
            [ansokan.sokande_id],
        )
    assert "Saga Sökande" in client.get(url).content.decode()
    assert len(ritade) == 3


@bara_postgresql
def test_the_akt_page_shows_a_new_journal_entry_on_the_next_request(
    client, handlaggare, akt, ritade
):
    url = f"/akter/{akt.pk}/"
    client.force_login(handlaggare)
    client.get(url)
    client.get(url)
    assert len(ritade) == 1
    _signerad_anteckning(akt, handlaggare, "Ringde om hyran")
    assert "Ringde om hyran" in client.get(url).content.decode()
    assert len(ritade) == 2


@bara_postgresql
def test_each_journal_page_gets_its_own_draft_id_and_shows_a_new_entry(
    client, handlaggare, akt, ritade
):
    url = f"/akter/{akt.pk}/journal/"
    client.force_login(handlaggare)
    sidor = [client.get(url).content.decode() for _ in range(2)]
    assert len(ritade) == 1
    fliken = [set(re.findall(r'data-flik="([0-9a-f]+)"', html)) for html in sidor]
    falten = [set(re.findall(r'name="flik" value="([0-9a-f]+)"', html)) for html in sidor]
    # One id per page, in the autosave's key and the form alike, and a new one per page.
    assert fliken == falten
    assert all(len(f) == 1 for f in fliken) and fliken[0] != fliken[1]
    assert sidminne.NY_ID not in sidor[0] + sidor[1]
    _signerad_anteckning(akt, handlaggare, "Besök om hyran")
    assert "Besök om hyran" in client.get(url).content.decode()
    assert len(ritade) == 2


@bara_postgresql
def test_a_kept_visit_is_logged_and_checked_like_a_drawn_one(
    client, handlaggare, skyddad_akt, ritade
):
    """Every read of case data is logged, and a protected Akt is shown only with a grant
    (docs/regler.md: Åtkomst): both run before the kept part is looked up."""
    url = f"/akter/{skyddad_akt.pk}/"
    client.force_login(handlaggare)
    fore = Atkomstlogg.objects.filter(akt_id=skyddad_akt.pk, beviljad=True).count()
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    assert len(ritade) == 1
    assert Atkomstlogg.objects.filter(akt_id=skyddad_akt.pk, beviljad=True).count() == fore + 2

    remove_perm("bistand.visa_skyddad_akt", handlaggare, skyddad_akt)
    assert client.get(url).status_code == 404
    assert Atkomstlogg.objects.filter(akt_id=skyddad_akt.pk, beviljad=False).exists()


@bara_postgresql
def test_each_response_gets_its_own_token_and_keys_and_the_token_works(
    handlaggare, akt, skapa_utredd
):
    ansokan = skapa_utredd(akt, handlaggare)
    klient = Client(enforce_csrf_checks=True)
    klient.force_login(handlaggare)
    sidor = [klient.get(f"/ansokningar/{ansokan.pk}/beslut/").content.decode() for _ in range(2)]

    def varden(html: str, namn: str) -> list[str]:
        return re.findall(rf'name="{namn}" value="([^"]+)"', html)

    tokens = [varden(html, "csrfmiddlewaretoken") for html in sidor]
    nycklar = [varden(html, "inskick") for html in sidor]
    assert tokens[0] and nycklar[0]
    assert set(tokens[0]).isdisjoint(tokens[1])
    assert set(nycklar[0]).isdisjoint(nycklar[1])

    svar = klient.post(
        f"/ansokningar/{ansokan.pk}/utredning/text/",
        {
            "csrfmiddlewaretoken": tokens[1][0],
            "falt": "sokandes_berattelse",
            "text": "Berättelsen.",
        },
    )
    assert svar.status_code == 302
    ansokan.utredning.refresh_from_db()
    assert ansokan.utredning.sokandes_berattelse == "Berättelsen."


@bara_postgresql
def test_a_reader_does_not_get_the_forms_kept_for_the_handlaggare(
    client, handlaggare, kvalitet, akt, skapa_utredd
):
    ansokan = skapa_utredd(akt, handlaggare)
    url = f"/ansokningar/{ansokan.pk}/utredning/"
    client.force_login(handlaggare)
    assert "data-autosave-form" in client.get(url).content.decode()
    client.force_login(kvalitet)
    svar = client.get(url)
    assert svar.status_code == 200
    assert "data-autosave-form" not in svar.content.decode()


@bara_postgresql
def test_a_write_changes_the_state_of_its_own_akt_only_and_packing_gives_a_new_one(
    handlaggare, akt, skapa_akt, enhet
):
    annan = skapa_akt(enhet, handlaggare)
    fore, annan_fore = sidminne.aktens_lage(akt.pk), sidminne.aktens_lage(annan.pk)
    assert fore is not None
    Person.objects.filter(pk=akt.hushall.medlemmar.get(roll="sokande").person_id).update(
        efternamn="Lind"
    )
    efter = sidminne.aktens_lage(akt.pk)
    assert efter != fore
    assert sidminne.aktens_lage(annan.pk) == annan_fore

    assert "aktandringar-packa" in NATTLIGA
    assert PERIODISKA["aktandringar-packa"](timezone.localdate()) > 0
    assert Aktandring.objects.filter(akt_id=akt.pk).count() == 1
    assert sidminne.aktens_lage(akt.pk) not in (fore, efter)


@bara_postgresql
def test_with_the_setting_off_the_page_is_drawn_every_time(
    client, settings, handlaggare, akt, skapa_utredd, ritade
):
    settings.SIDMINNE = False
    ansokan = skapa_utredd(akt, handlaggare)
    client.force_login(handlaggare)
    for _ in range(2):
        client.get(f"/ansokningar/{ansokan.pk}/utredning/")
    assert len(ritade) == 2


# ---- the worklist, kept per state of the Akter in its view ---------------------------------


@pytest.fixture
def arbetslistans_allt(
    skapa_utredd, skapa_akt, akt, enhet, handlaggare, django_capture_on_commit_callbacks
):
    """The handläggare's Akt with an ärende in every state the worklist marks — a late
    komplettering, an answered kommunicering not yet read, an underrättelse om försening — and
    a second Akt whose decision has been appealed."""
    idag = timezone.localdate()
    ansokan = skapa_utredd(akt, handlaggare)
    Komplettering.objects.create(
        ansokan=ansokan, vad="Kontoutdrag", varfor="Inkomsterna", senast=idag - dt.timedelta(days=1)
    )
    _besvarad_kommunicering(ansokan.utredning, handlaggare, "Hyresavtal", "Här är avtalet.")
    Forsening.objects.create(
        ansokan=ansokan,
        beraknat_datum=idag + dt.timedelta(days=10),
        skal="Väntar på underlag",
        av=handlaggare,
    )
    andra = skapa_akt(enhet, handlaggare)
    avgjord = skapa_utredd(andra, handlaggare)
    with django_capture_on_commit_callbacks(execute=True):
        brev = beslut_services.beslut_fatta(
            ansokan=avgjord, av=handlaggare, poster=[post_beslut(avgjord, utfall="avslag")]
        )
    beslut_services.overklagande_registrera(
        beslut=brev.beslut.get(), text="Jag behöver pengarna.", inkommen=idag, av=handlaggare
    )
    return ansokan


def test_every_table_the_worklist_draws_from_is_watched(
    client, handlaggare, forste, arbetslistans_allt, skapa_akt, enhet, ritade
):
    skapa_akt(enhet)  # unassigned: in the förste's view too
    for anvandare in (handlaggare, forste):
        client.force_login(anvandare)
        assert client.get("/arbetslista/").status_code == 200
    handlaggarens, forstes = ritade
    # The list drew what the test set out to show.
    assert {
        "ansokan_komplettering",
        "utredning_kommunicering",
        "beslut_overklagande",
        "ansokan_forsening",
        "bistand_bevakning",
    } <= handlaggarens
    oanmalda = (handlaggarens | forstes) - (
        set(sidminne.BEVAKADE) | GRUNDDATA_TABELLER | OFORANDERLIGA
    )
    assert not oanmalda, f"read by the kept worklist but not watched: {sorted(oanmalda)}"


@bara_postgresql
def test_the_worklist_is_drawn_once_per_state_of_its_akter(
    client, handlaggare, utomstaende, skapa_akt, skapa_utredd, akt, enhet, annan_enhet, ritade
):
    ansokan = skapa_utredd(akt, handlaggare)
    client.force_login(handlaggare)
    forsta = client.get("/arbetslista/").content.decode()
    assert client.get("/arbetslista/").content.decode().count("<tr") == forsta.count("<tr")
    assert len(ritade) == 1
    flagga = ">Komplettering försenad</span>"
    assert flagga not in forsta

    # A change in the view's Akt, past every service.
    Komplettering.objects.create(
        ansokan=ansokan,
        vad="Kontoutdrag",
        varfor="Inkomsterna",
        senast=timezone.localdate() - dt.timedelta(days=1),
    )
    assert flagga in client.get("/arbetslista/").content.decode()
    assert len(ritade) == 2

    # Another Enhet's Akt is not in the view: the list stays as it was.
    _signerad_anteckning(skapa_akt(annan_enhet, utomstaende), utomstaende, "Annan enhet")
    client.get("/arbetslista/")
    assert len(ritade) == 2

    # A new unassigned Akt of the Enhet joins the view, and its ärende the list.
    ny = skapa_utredd(skapa_akt(enhet), handlaggare)
    assert ny.referens in client.get("/arbetslista/").content.decode()
    assert len(ritade) == 3


@bara_postgresql
def test_a_kept_worklist_logs_every_akt_it_shows_on_every_request(
    client, handlaggare, akt, skapa_utredd, ritade
):
    """Every read of case data is logged (docs/regler.md: Åtkomst), a kept list too."""
    skapa_utredd(akt, handlaggare)
    client.force_login(handlaggare)
    client.get("/arbetslista/")
    client.get("/arbetslista/")
    assert len(ritade) == 1
    assert loggade_akter("arbetslista") == [akt.pk, akt.pk]


@bara_postgresql
def test_the_forstes_list_follows_the_caseloads_its_selects_show(
    client, forste, handlaggare, akt, skapa_akt, skapa_utredd, enhet, ritade
):
    """The förste's rows offer each handläggare with her number of open ärenden; a new count
    draws the list anew although no Akt of her view changed."""
    skapa_utredd(skapa_akt(enhet), handlaggare)  # unassigned, in the förste's view
    client.force_login(forste)
    client.get("/arbetslista/")
    client.get("/arbetslista/")
    assert len(ritade) == 1
    skapa_utredd(akt, handlaggare)  # the handläggare's own Akt: not in the förste's view
    cache.clear()  # the caseloads are counted anew (at most once a minute)
    assert "(1 ärende)" in client.get("/arbetslista/").content.decode()
    assert len(ritade) == 2


@bara_postgresql
def test_a_list_of_the_same_akter_in_another_order_is_the_same_kept_part(
    rf, handlaggare, skapa_akt, enhet
):
    """The view's query has no order of its own: the set, not its order, is the key."""
    ids = [skapa_akt(enhet).pk for _ in range(3)]
    ritningar = []

    def rita():
        ritningar.append(1)
        return "<p>Listan</p>", set(ids)

    satt_version(version_las())
    try:
        for ordning in (ids, ids[::-1]):
            begaran = rf.get("/arbetslista/")
            begaran.user = handlaggare
            text, visade = sidminne.sparad_lista(
                begaran,
                sida="test",
                akt_ids=ordning,
                rita=rita,
                lage=sidminne.akternas_lage(ordning),
            )
            assert text == "<p>Listan</p>" and visade == set(ids)
    finally:
        satt_version(None)
    assert len(ritningar) == 1


@bara_postgresql
def test_the_worklists_state_comes_with_its_akter_in_one_query(
    client, handlaggare, akt, skapa_akt, skapa_utredd, enhet, ritade
):
    """The state of the view's Akter is read in the query that reads them (one round trip
    less; docs/prestanda.md: Sidor i minnet), and it is the state `akternas_lage` reads."""
    from utredning.selectors import arbetslista_akter

    skapa_utredd(akt, handlaggare)
    skapa_utredd(skapa_akt(enhet), handlaggare)  # unassigned: in the view too
    skapa_akt(enhet)  # no ärende, but in the view
    client.force_login(handlaggare)
    client.get("/arbetslista/")
    with CaptureQueriesContext(connection) as fangade:
        client.get("/arbetslista/")
    assert len(ritade) == 1
    aktandring = [q["sql"] for q in fangade.captured_queries if "bistand_aktandring" in q["sql"]]
    assert len(aktandring) == 1 and 'FROM "bistand_akt"' in aktandring[0], aktandring
    ids, lage = arbetslista_akter(handlaggare, "mina")
    assert len(ids) == 3 and lage == sidminne.akternas_lage(ids)
    assert sidminne.lage_av([[None, 0], [4, 1], [9, 2]]) == (9, 3)
    assert sidminne.lage_av([[None, 0]]) is None
