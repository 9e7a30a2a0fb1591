"""An ändringsbeslut on the nämnd's own initiative (FL 37–38 §§), from the decision's page,
through real requests: the new decision replaces the old one, which stays on record and no
longer stands; the change is in the case history and a new letter is made. Delegation decides
who may make it; Kvalitet reads and never changes; an outsider gets 404."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from beslut import services
from beslut.models import Beslut, Beslutsbrev, Beslutsmanad
from bistand.models import Handelse
from tests.beslut.conftest import manad_for, manadens_slut, post_beslut

pytestmark = pytest.mark.django_db


@pytest.fixture
def beslut(utredd, handlaggare, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        brev = services.beslut_fatta(ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd)])
    return brev.beslut.get()


def _andring(b, **kw):
    fran = manad_for(b.brev.ansokan)
    p = f"p{b.post_id}"
    data = {
        f"{p}-anledning": "nya_omstandigheter",
        f"{p}-utfall": "delvis_bifall",
        f"{p}-belopp": "7000",
        f"{p}-lagrum": "sol-ratt-till-bistand",
        f"{p}-motivering": "Du har fått lön i december som vi inte kände till.",
        f"{p}-andringsgrund": "oriktiga_uppgifter",
        f"{p}-period_fran": fran.isoformat(),
        f"{p}-period_till": manadens_slut(fran).isoformat(),
    }
    data.update({f"{p}-{k}": v for k, v in kw.items()})
    return data


def test_a_handlaggare_changes_a_decision_on_the_namnds_own_initiative(
    client, beslut, handlaggare, django_capture_on_commit_callbacks
):
    client.force_login(handlaggare)
    brevsida = client.get(f"/beslut/brev/{beslut.brev_id}/").content.decode()
    assert f'href="/beslut/{beslut.pk}/andra/"' in brevsida
    sida = client.get(f"/beslut/{beslut.pk}/andra/")
    assert sida.status_code == 200
    assert 'value="9000"' in sida.content.decode()  # prefilled from the decision

    with django_capture_on_commit_callbacks(execute=True):
        svar = client.post(f"/beslut/{beslut.pk}/andra/", _andring(beslut))

    nytt = Beslut.objects.get(andrar=beslut)
    assert svar.status_code == 302 and svar.url == f"/beslut/brev/{nytt.brev_id}/"
    assert (nytt.typ, nytt.utfall, nytt.belopp) == ("andring", "delvis_bifall", Decimal("7000"))
    assert (nytt.andringsgrund, nytt.delegation.roll) == ("oriktiga_uppgifter", "Handläggare")
    # The old decision stays on record but no longer stands for its month; the new one does.
    assert set(Beslutsmanad.objects.values_list("beslut_id", "star_fast")) == {
        (beslut.pk, False),
        (nytt.pk, True),
    }
    andrat = Handelse.objects.get(typ_id="beslut.andrat")
    assert (andrat.objekt_id, andrat.av, andrat.ansokan_id) == (
        beslut.pk,
        handlaggare,
        beslut.brev.ansokan_id,
    )
    assert andrat.data["anledning"] == "nya_omstandigheter"
    assert andrat.data["andrat_genom"] == nytt.pk
    assert Handelse.objects.filter(typ_id="beslut.fattat", data__andrar=beslut.pk).exists()
    # A new letter, rendered, beside the old one.
    assert Beslutsbrev.objects.count() == 2
    assert Beslutsbrev.objects.get(pk=nytt.brev_id).sha256
    # Why it was changed (FL 37 § 1 st.) is on the decision itself and on its page.
    skal = f"Vi ändrar beslutet från {beslut.brev.beslutsdatum:%Y-%m-%d} eftersom"
    assert nytt.andringsanledning == "nya_omstandigheter"
    nya_sidan = client.get(f"/beslut/brev/{nytt.brev_id}/").content.decode()
    assert f"{skal} det har kommit fram nya omständigheter." in nya_sidan
    gamla_sidan = client.get(f"/beslut/brev/{beslut.brev_id}/").content.decode()
    assert "Gäller inte längre" in gamla_sidan
    assert f'href="/beslut/{beslut.pk}/andra/"' not in gamla_sidan
    andra_gangen = client.post(f"/beslut/{beslut.pk}/andra/", _andring(beslut, belopp="6000"))
    assert andra_gangen.status_code == 400
    assert Beslut.objects.count() == 2


def test_a_change_to_the_applicants_disadvantage_needs_its_ground_and_keeps_what_was_typed(
    client, beslut, handlaggare
):
    client.force_login(handlaggare)
    svar = client.post(f"/beslut/{beslut.pk}/andra/", _andring(beslut, andringsgrund=""))
    sida = svar.content.decode()
    assert svar.status_code == 400
    assert "37 § förvaltningslagen – välj skälet" in sida
    assert "Du har fått lön i december som vi inte kände till." in sida
    assert 'value="7000"' in sida
    assert Beslut.objects.count() == 1


def test_the_reason_for_the_change_and_its_motivering_are_required(client, beslut, handlaggare):
    client.force_login(handlaggare)
    svar = client.post(f"/beslut/{beslut.pk}/andra/", _andring(beslut, anledning="", motivering=""))
    sida = svar.content.decode()
    assert svar.status_code == 400
    assert "Välj varför beslutet ändras." in sida
    assert "Skriv varför beslutet ändras." in sida
    assert Beslut.objects.count() == 1


def test_a_change_beyond_the_handlaggares_delegation_is_refused_and_names_who_may(
    client, skapa_utredd, akt, handlaggare
):
    ansokan = skapa_utredd(akt, handlaggare, {"forsorjningsstod": ("40000", "avslag", "")})
    gammalt = services.beslut_fatta(
        ansokan=ansokan, av=handlaggare, poster=[post_beslut(ansokan, utfall="avslag")]
    ).beslut.get()
    client.force_login(handlaggare)
    sida = client.get(f"/beslut/{gammalt.pk}/andra/").content.decode()
    assert "Du har inte delegation" not in sida  # an avslag: the handläggare may
    svar = client.post(
        f"/beslut/{gammalt.pk}/andra/",
        _andring(gammalt, utfall="bifall", belopp="40000", andringsgrund=""),
    )
    assert svar.status_code == 400
    assert "Beslutet kan fattas av" in svar.content.decode()
    assert Beslut.objects.count() == 1


def test_kvalitet_reads_the_decision_but_cannot_change_it(client, beslut, kvalitet):
    client.force_login(kvalitet)
    brevsida = client.get(f"/beslut/brev/{beslut.brev_id}/").content.decode()
    assert f"/beslut/{beslut.pk}/andra/" not in brevsida
    svar = client.post(f"/beslut/{beslut.pk}/andra/", _andring(beslut))
    assert svar.status_code == 404
    assert Beslut.objects.count() == 1
    assert not Handelse.objects.filter(typ_id="beslut.andrat").exists()


def test_an_outsider_gets_404_for_the_change_page(client, beslut, utomstaende):
    client.force_login(utomstaende)
    assert client.get(f"/beslut/{beslut.pk}/andra/").status_code == 404
    assert client.post(f"/beslut/{beslut.pk}/andra/", _andring(beslut)).status_code == 404
    assert Beslut.objects.count() == 1


def test_a_change_that_is_an_avsteg_asks_for_samrad_from_the_page_and_is_made_once_approved(
    client, skapa_utredd, akt, handlaggare, enhetschef
):
    from ansokan.models import Posttyp
    from beslut.models import Riktlinjeniva, Samrad

    ansokan = skapa_utredd(
        akt, handlaggare, {"forsorjningsstod": ("9000", "delvis_bifall", "6000")}
    )
    gammalt = services.beslut_fatta(
        ansokan=ansokan,
        av=handlaggare,
        poster=[post_beslut(ansokan, utfall="delvis_bifall", belopp=Decimal("6000"))],
    ).beslut.get()
    Riktlinjeniva.objects.create(
        posttyp=Posttyp.objects.get(kod="forsorjningsstod"),
        giltig_fran=datetime.date(2020, 1, 1),
        max_belopp=Decimal("8000"),
    )
    client.force_login(handlaggare)
    url = f"/beslut/{gammalt.pk}/andra/"
    bifall = _andring(gammalt, utfall="bifall", belopp="9000", andringsgrund="")

    svar = client.post(url, bifall)
    assert svar.status_code == 400
    assert "Beslutet är ett avsteg" in svar.content.decode()

    p = f"p{gammalt.post_id}"
    fraga = {
        **bifall,
        "begar_samrad": "1",
        f"{p}-avsteg_avser": "riktlinje",
        f"{p}-avsteg_skal": "Nya kostnader för barnets medicin.",
    }
    sida = client.post(url, fraga).content.decode()
    assert "Samråd begärt" in sida
    assert "Du har fått lön i december som vi inte kände till." in sida  # nothing typed is lost
    samrad = Samrad.objects.get(post=gammalt.post)
    services.samrad_besvara(samrad=samrad, av=enhetschef, godkand=True, kommentar="")

    svar = client.post(url, bifall)
    nytt = Beslut.objects.get(andrar=gammalt)
    assert svar.status_code == 302
    assert (nytt.utfall, nytt.belopp, nytt.avsteg, nytt.samrad_id) == (
        "bifall",
        Decimal("9000"),
        True,
        samrad.pk,
    )


def test_the_akt_and_ansokan_pages_show_that_a_replaced_decision_no_longer_stands(
    client, beslut, handlaggare, django_capture_on_commit_callbacks
):
    client.force_login(handlaggare)
    ansokan = beslut.brev.ansokan
    akt_fore = client.get(f"/akter/{ansokan.akt_id}/").content.decode()
    assert "inte längre" not in akt_fore
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/beslut/{beslut.pk}/andra/", _andring(beslut))
    nytt = Beslut.objects.get(andrar=beslut)
    lank = f'href="/beslut/brev/{nytt.brev_id}/"'

    akt_sida = client.get(f"/akter/{ansokan.akt_id}/").content.decode()
    assert "Beslut som inte längre gäller" in akt_sida
    assert f'href="/beslut/brev/{beslut.brev_id}/"' in akt_sida and lank in akt_sida
    assert "eftersom det har kommit fram nya omständigheter" in akt_sida

    ansokan_sida = client.get(f"/ansokningar/{ansokan.pk}/").content.decode()
    assert "gäller inte längre</strong> – ändrat genom" in ansokan_sida
    assert ansokan_sida.count("gäller inte längre") == 1  # the old decision, not the new one
    assert lank in ansokan_sida
