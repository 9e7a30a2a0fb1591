"""Journal: internal stays internal; only an entry "till den enskilde" is shared in Mina sidor
(docs/regler.md: intern anteckning)."""

from __future__ import annotations

import pytest

from bistand import services as kart
from bistand.models import Handelse
from utredning.models import Publicering

pytestmark = pytest.mark.django_db


def _signerad(akt, av, *, kontakttyp="telefon", till_enskilde=False, text="Samtal."):
    anteckning = kart.journal_skriv(
        akt=akt, av=av, kontakttyp=kontakttyp, text=text, till_enskilde=till_enskilde
    )
    return kart.journal_signera(anteckning=anteckning, av=av)


def test_an_internal_entry_has_no_share_button_and_the_server_refuses_to_share_it(
    client, handlaggare, akt, registrera
):
    ansokan = registrera(akt)
    intern = _signerad(akt, handlaggare, kontakttyp="intern", text="Samråd med enhetschef.")
    client.force_login(handlaggare)
    sida = client.get(f"/akter/{akt.pk}/journal/").content.decode()
    assert "Samråd med enhetschef." in sida
    assert f"/journal/{intern.pk}/publicera/" not in sida

    svar = client.post(
        f"/akter/{akt.pk}/journal/{intern.pk}/publicera/", {"ansokan": ansokan.pk}, follow=True
    )
    assert svar.status_code == 200
    assert "Anteckningen är intern och kan inte visas för sökande" in svar.content.decode()
    assert not Publicering.objects.filter(anteckning=intern).exists()
    assert not Handelse.objects.filter(ansokan_id=ansokan.pk, typ="journal.delad").exists()


def test_an_external_look_up_is_filed_internal_and_cannot_be_shared(
    client, handlaggare, akt, registrera
):
    from utredning import services
    from utredning.models import Utredning

    ansokan = registrera(akt)
    utredning = Utredning.objects.filter(ansokan=ansokan).first()
    if utredning is None:
        utredning = services.utredning_starta(ansokan=ansokan, av=handlaggare)
    services.externt_uppslag_gor(utredning=utredning, av=handlaggare)
    uppslag = akt.journal.get(text__startswith="Externt uppslag")
    assert uppslag.till_enskilde is False
    client.force_login(handlaggare)
    client.post(f"/akter/{akt.pk}/journal/{uppslag.pk}/publicera/", {"ansokan": ansokan.pk})
    assert not Publicering.objects.filter(anteckning=uppslag).exists()


def test_an_entry_till_den_enskilde_is_shared_and_the_sharing_is_an_event(
    client, handlaggare, akt, registrera
):
    ansokan = registrera(akt)
    anteckning = _signerad(akt, handlaggare, till_enskilde=True, text="Vi ses den 3 december.")
    client.force_login(handlaggare)
    sida = client.get(f"/akter/{akt.pk}/journal/").content.decode()
    assert f"/journal/{anteckning.pk}/publicera/" in sida

    svar = client.post(
        f"/akter/{akt.pk}/journal/{anteckning.pk}/publicera/",
        {"ansokan": ansokan.pk},
        follow=True,
    )
    assert "Anteckningen visas nu för sökande på Mina sidor." in svar.content.decode()
    assert Publicering.objects.filter(anteckning=anteckning, ansokan=ansokan).exists()
    handelse = Handelse.objects.get(ansokan_id=ansokan.pk, typ="journal.delad")
    assert handelse.av == handlaggare
    assert handelse.typ.synlig_for_sokande
    assert handelse.objekt == anteckning
    # Sharing twice is one share and one event.
    client.post(f"/akter/{akt.pk}/journal/{anteckning.pk}/publicera/", {"ansokan": ansokan.pk})
    assert Handelse.objects.filter(ansokan_id=ansokan.pk, typ="journal.delad").count() == 1
    assert (
        f"/journal/{anteckning.pk}/publicera/"
        not in client.get(f"/akter/{akt.pk}/journal/").content.decode()
    )


def test_an_internal_kontakt_written_till_den_enskilde_gets_a_message_beside_the_field(
    client, handlaggare, akt
):
    client.force_login(handlaggare)
    svar = client.post(
        f"/akter/{akt.pk}/journal/",
        {
            "kontakttyp": "intern",
            "handelse_datum": "2026-11-20",
            "text": "Slutsats av barnkonsekvensanalysen.",
            "mottagare": "enskilde",
        },
    )
    assert svar.status_code == 400
    sida = svar.content.decode()
    assert "En intern anteckning kan inte skrivas till den enskilde." in sida
    assert "Slutsats av barnkonsekvensanalysen." in sida
    assert not akt.journal.exists()


def test_the_journal_form_writes_an_entry_till_den_enskilde_when_chosen(client, handlaggare, akt):
    client.force_login(handlaggare)
    client.post(
        f"/akter/{akt.pk}/journal/",
        {
            "kontakttyp": "telefon",
            "handelse_datum": "2026-11-20",
            "text": "Ringde och bokade tid.",
            "mottagare": "enskilde",
            "signera": "on",
        },
    )
    assert akt.journal.get().till_enskilde is True


def test_an_entry_is_internal_unless_written_till_den_enskilde(client, handlaggare, akt):
    client.force_login(handlaggare)
    client.post(
        f"/akter/{akt.pk}/journal/",
        {"kontakttyp": "besok", "handelse_datum": "2026-11-20", "text": "Besök.", "signera": "on"},
    )
    assert akt.journal.get().till_enskilde is False


def test_the_service_refuses_an_internal_note_till_den_enskilde(akt, handlaggare):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        kart.journal_skriv(
            akt=akt, av=handlaggare, kontakttyp="intern", text="x", till_enskilde=True
        )


def test_an_entry_is_offered_to_the_latest_ten_submitted_ansokningar_never_a_draft(
    client, handlaggare, akt, registrera
):
    from ansokan.models import Ansokan

    inlamnade = [registrera(akt) for _ in range(11)]
    utkast = registrera(akt)
    Ansokan.objects.filter(pk=utkast.pk).update(status="utkast")
    _signerad(akt, handlaggare, till_enskilde=True, text="Beslutet förklarat.")
    client.force_login(handlaggare)
    sida = client.get(f"/akter/{akt.pk}/journal/").content.decode()
    erbjudna = [a for a in inlamnade if f'<option value="{a.pk}">{a.referens}</option>' in sida]
    assert erbjudna == inlamnade[1:]  # the ten latest
    assert f'<option value="{utkast.pk}">' not in sida
