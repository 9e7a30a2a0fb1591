"""Access to case data (docs/arkitektur.md: Appar; docs/regler.md: Åtkomst)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from guardian.shortcuts import assign_perm

from bistand.access import atkomst_form
from bistand.models import Atkomstlogg, User
from bistand.selectors import akter_lista

pytestmark = pytest.mark.django_db


def utan_token(html: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", html)


def test_the_owner_sees_the_akt_and_its_journal(client, handlaggare, akt):
    client.force_login(handlaggare)
    svar = client.get(f"/akter/{akt.pk}/")
    assert svar.status_code == 200
    assert akt.aktnummer in svar.content.decode()


def test_a_colleague_in_the_same_enhet_sees_the_akt(client, kollega, akt):
    client.force_login(kollega)
    assert client.get(f"/akter/{akt.pk}/").status_code == 200


def test_a_handlaggare_of_another_enhet_gets_404(client, utomstaende, akt):
    client.force_login(utomstaende)
    assert client.get(f"/akter/{akt.pk}/").status_code == 404


def test_a_missing_akt_and_a_forbidden_one_answer_the_same(client, utomstaende, akt):
    client.force_login(utomstaende)
    forbjuden = client.get(f"/akter/{akt.pk}/")
    saknad = client.get("/akter/999999/")
    assert forbjuden.status_code == saknad.status_code == 404
    assert utan_token(forbjuden.content) == utan_token(saknad.content)


def test_an_anonymous_visitor_is_sent_to_login(client, akt):
    svar = client.get(f"/akter/{akt.pk}/")
    assert svar.status_code == 302
    assert svar["Location"].startswith("/login/")


def test_a_protected_person_is_hidden_from_an_ungranted_colleague(client, kollega, skyddad_akt):
    client.force_login(kollega)
    assert client.get(f"/akter/{skyddad_akt.pk}/").status_code == 404
    assert skyddad_akt.aktnummer not in client.get("/").content.decode()


def test_a_granted_handlaggare_sees_the_protected_akt(client, handlaggare, skyddad_akt):
    client.force_login(handlaggare)
    assert client.get(f"/akter/{skyddad_akt.pk}/").status_code == 200
    assert skyddad_akt.aktnummer in client.get("/").content.decode()


def test_a_protected_child_also_hides_the_akt(client, kollega, skapa_akt, enhet, nytt_personnummer):
    import datetime

    from bistand import services

    akt = skapa_akt(enhet)
    barn = services.person_registrera(
        identitet=nytt_personnummer(datetime.date(2015, 2, 2)),
        fornamn="B",
        efternamn="C",
        skydd="sekretessmarkering",
    )
    services.hushall_medlem_lagg_till(
        hushall=akt.hushall, person=barn, roll="barn", fran=datetime.date(2026, 1, 1)
    )
    client.force_login(kollega)
    assert client.get(f"/akter/{akt.pk}/").status_code == 404


def test_an_ovrig_vuxen_with_protection_makes_the_case_protected(
    client, kollega, skapa_akt, enhet, nytt_personnummer
):
    import datetime

    from bistand import services

    akt = skapa_akt(enhet)
    vuxen = services.person_registrera(
        identitet=nytt_personnummer(), fornamn="Ö", efternamn="V", skydd="sekretessmarkering"
    )
    services.hushall_medlem_lagg_till(
        hushall=akt.hushall, person=vuxen, roll="ovrig_vuxen", fran=datetime.date(2026, 1, 1)
    )
    client.force_login(kollega)
    assert client.get(f"/akter/{akt.pk}/").status_code == 404


def test_a_grant_on_one_akt_does_not_open_another(client, kollega, skapa_akt, enhet):
    forsta = skapa_akt(enhet, skydd="skyddad_folkbokforing")
    andra = skapa_akt(enhet, skydd="skyddad_folkbokforing")
    assign_perm("bistand.visa_skyddad_akt", kollega, forsta)
    client.force_login(kollega)
    assert client.get(f"/akter/{forsta.pk}/").status_code == 200
    assert client.get(f"/akter/{andra.pk}/").status_code == 404


def test_a_grant_to_a_group_opens_the_protected_akt_to_its_members(
    client, kollega, skapa_akt, enhet
):
    skyddad = skapa_akt(enhet, skydd="skyddad_folkbokforing")
    grupp = Group.objects.create(name="Skyddade ärenden i enheten")
    kollega.groups.add(grupp)
    assign_perm("bistand.visa_skyddad_akt", grupp, skyddad)
    client.force_login(kollega)
    assert client.get(f"/akter/{skyddad.pk}/").status_code == 200
    kollega.groups.remove(grupp)
    assert client.get(f"/akter/{skyddad.pk}/").status_code == 404


def test_the_roles_enhet_notices_attest_right_and_grants_are_read_in_one_query(
    handlaggare, enhet, skapa_akt, django_assert_num_queries
):
    from django.contrib.auth.models import Permission

    from bistand import access
    from bistand.models import Notis, User

    egen = skapa_akt(enhet, skydd="skyddad_folkbokforing")
    via_grupp = skapa_akt(enhet, skydd="skyddad_folkbokforing")
    grupp = Group.objects.create(name="Attest och skyddade ärenden")
    grupp.permissions.add(
        Permission.objects.get(codename="attestera", content_type__app_label="utbetalning")
    )
    handlaggare.groups.add(grupp)
    assign_perm("bistand.visa_skyddad_akt", handlaggare, egen)
    assign_perm("bistand.visa_skyddad_akt", grupp, via_grupp)

    Notis.objects.create(mottagare=handlaggare, text="Påminnelse")
    Notis.objects.create(mottagare=handlaggare, text="Läst", last=timezone.now())
    user = User.objects.get(pk=handlaggare.pk)
    with django_assert_num_queries(1):
        assert access.roller(user) == {"Handläggare", grupp.name}
        assert access.har_attestratt(user)
        assert access.enhetens_namn(user) == enhet.namn
        assert access.olasta_notiser(user) == 1
        assert access.beviljade_skyddade_akt_ids(user) == {egen.pk, via_grupp.pk}

    handlaggare.groups.remove(grupp)
    user = User.objects.get(pk=handlaggare.pk)
    assert not access.har_attestratt(user)
    assert access.beviljade_skyddade_akt_ids(user) == {egen.pk}


def test_kvalitet_reads_across_enheter_and_every_read_is_logged(
    client, kvalitet, skapa_akt, enhet, annan_enhet
):
    a1, a2 = skapa_akt(enhet), skapa_akt(annan_enhet)
    client.force_login(kvalitet)
    startsida = client.get("/").content.decode()
    assert a1.aktnummer in startsida and a2.aktnummer in startsida
    assert client.get(f"/akter/{a2.pk}/").status_code == 200
    assert Atkomstlogg.objects.filter(
        anvandare_id=kvalitet.pk, akt_id=a2.pk, sida="akt", beviljad=True
    ).exists()


def test_kvalitet_does_not_see_a_protected_identity_without_a_grant(client, kvalitet, skyddad_akt):
    client.force_login(kvalitet)
    assert client.get(f"/akter/{skyddad_akt.pk}/").status_code == 404


def test_kontaktcenter_reaches_no_akt_page(client, kontaktcenter, akt):
    client.force_login(kontaktcenter)
    assert client.get(f"/akter/{akt.pk}/").status_code == 404


def test_kontaktcenter_sees_only_that_a_case_exists(client, kontaktcenter, akt):
    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    client.force_login(kontaktcenter)
    svar = client.get("/kontaktcenter/", {"personnummer": sokande.identitet})
    text = svar.content.decode()
    assert svar.status_code == 200
    assert "Ärende finns hos Enhet Norr" in text
    assert sokande.fornamn not in text
    assert akt.aktnummer not in text


def test_kontaktcenter_gets_no_hit_for_a_protected_person(client, kontaktcenter, skyddad_akt):
    sokande = skyddad_akt.hushall.medlemmar.get(roll="sokande").person
    client.force_login(kontaktcenter)
    text = client.get("/kontaktcenter/", {"personnummer": sokande.identitet}).content.decode()
    assert "Vi hittar inget ärende" in text
    assert Atkomstlogg.objects.filter(sida="kontaktcenter-status", beviljad=False).exists()


def test_kontaktcenter_gets_a_swedish_message_for_an_invalid_number(client, kontaktcenter):
    client.force_login(kontaktcenter)
    svar = client.get("/kontaktcenter/", {"personnummer": "19900101-2384"})
    assert "kontrollsiffran är fel" in svar.content.decode()
    assert 'value="19900101-2384"' in svar.content.decode()


def test_a_handlaggare_cannot_use_the_kontaktcenter_view(client, handlaggare):
    client.force_login(handlaggare)
    assert client.get("/kontaktcenter/").status_code == 404


def test_the_admin_is_closed_to_a_handlaggare(client, handlaggare):
    handlaggare.is_staff = True
    handlaggare.save()
    client.force_login(handlaggare)
    assert client.get("/admin/").status_code == 302


def test_the_admin_opens_for_the_administrator_without_case_data(client, administrator):
    client.force_login(administrator)
    svar = client.get("/admin/")
    assert svar.status_code == 200
    text = svar.content.decode()
    assert "Lagrum" in text and "Parametrar" in text
    assert "Journalanteckningar" not in text and "Personer" not in text


def test_the_admin_refuses_a_handlaggare_without_enhet(client, administrator, kollega):
    client.force_login(administrator)
    url = f"/admin/bistand/user/{kollega.pk}/change/"
    sida = client.get(url)
    assert sida.status_code == 200
    svar = client.post(
        url,
        {
            "username": kollega.username,
            "groups": [Group.objects.get(name="Handläggare").pk],
            "enhet": "",
            "namnd": kollega.namnd_id,
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "08:00:00",
        },
    )
    assert svar.status_code == 200
    assert "måste höra till en enhet" in svar.content.decode()
    kollega.refresh_from_db()
    assert kollega.enhet_id is not None


def test_the_akt_page_query_count_does_not_grow_with_the_journal(
    client, settings, handlaggare, akt, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bistand import services

    settings.SIDMINNE = False  # counts what drawing the page reads (bistand.sidminne)

    client.force_login(handlaggare)
    client.get(f"/akter/{akt.pk}/")
    with CaptureQueriesContext(connection) as en:
        client.get(f"/akter/{akt.pk}/")
    for i in range(15):
        services.journal_signera(
            anteckning=services.journal_skriv(
                akt=akt, av=handlaggare, kontakttyp="telefon", text=f"Samtal {i}"
            ),
            av=handlaggare,
        )
    with CaptureQueriesContext(connection) as manga:
        client.get(f"/akter/{akt.pk}/")
    assert len(manga) == len(en)


def _parameternamn(fraga) -> set[str]:
    return {getattr(p, "namn", None) for p in fraga.params}


def test_without_a_grant_the_access_rule_carries_no_list_of_granted_akter(
    kollega, skapa_akt, enhet, akt
):
    # Most users hold no grant: their lists are one query PostgreSQL plans once for all of
    # them (docs/prestanda.md: Åtkomstregelns form), and still never show the protected Akt.
    skyddad = skapa_akt(enhet, skydd="skyddad_folkbokforing")
    lista = akter_lista(kollega)
    assert atkomst_form(kollega)[2] is False
    assert "beviljade" not in _parameternamn(lista.fraga)
    assert [r["pk"] for r in lista[0:50]] == [akt.pk] and lista.count() == 1

    assign_perm("bistand.visa_skyddad_akt", kollega, skyddad)
    kollega = User.objects.get(pk=kollega.pk)  # the next request reads her grants anew
    lista = akter_lista(kollega)
    assert atkomst_form(kollega)[2] is True
    assert "beviljade" in _parameternamn(lista.fraga)
    assert sorted(r["pk"] for r in lista[0:50]) == sorted([akt.pk, skyddad.pk])
    assert lista.count() == 2


def test_the_start_page_counts_its_akter_without_joining_what_the_rows_name(kollega, akt):
    lista = akter_lista(kollega)
    assert "bistand_enhet" in lista.fraga.sql and "bistand_user" in lista.fraga.sql
    assert "bistand_enhet" not in lista.antal_fraga.antal_sql
    assert "bistand_user" not in lista.antal_fraga.antal_sql
    assert lista.count() == 1
