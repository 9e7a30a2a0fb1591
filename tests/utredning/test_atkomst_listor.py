"""A list of what lies in Akter applies the same access rule as the Akter themselves
(docs/regler.md: Åtkomst; `bistand.access.akt_atkomst` against `akter_for_user`): the own
Enhet for the case-working roles, the nämnd for Kvalitet, a protected household only with a
grant or as the Enhet's enhetschef, nothing for Kontaktcenter — whatever the path to the Akt,
and as the parameters of a prepared query (bistand.forberedd)."""

from __future__ import annotations

import pytest
from guardian.shortcuts import assign_perm

from ansokan.models import Ansokan, AnsokanPost
from bistand.access import (
    akt_atkomst,
    akt_atkomst_form,
    akter_for_user,
    atkomst_form,
    atkomst_parametrar,
    atkomst_varden,
)
from bistand.forberedd import forberedd
from bistand.models import User

pytestmark = pytest.mark.django_db


def test_every_role_reaches_through_a_list_exactly_the_akter_it_may_open(
    handlaggare,
    kollega,
    utomstaende,
    enhetschef,
    kvalitet,
    kontaktcenter,
    skapa_akt,
    enhet,
    annan_enhet,
    registrera,
):
    vanlig = skapa_akt(enhet, handlaggare)
    skyddad = skapa_akt(enhet, handlaggare, skydd="skyddad_folkbokforing")
    beviljad = skapa_akt(enhet, skydd="sekretessmarkering")
    annan = skapa_akt(annan_enhet)
    skyddad_annan = skapa_akt(annan_enhet, skydd="skyddad_folkbokforing")
    for akt in (vanlig, skyddad, beviljad):
        registrera(akt)
    for akt in (annan, skyddad_annan):
        registrera(akt, av=utomstaende)
    assign_perm("bistand.visa_skyddad_akt", kollega, beviljad)

    vantat = {
        handlaggare: {vanlig},
        kollega: {vanlig, beviljad},
        utomstaende: {annan},
        enhetschef: {vanlig, skyddad, beviljad},
        kvalitet: {vanlig, annan},
        kontaktcenter: set(),
    }
    for user, akter in vantat.items():
        user = User.objects.get(pk=user.pk)  # a fresh request's user
        hela = set(akter_for_user(user))
        assert hela == akter, user.username
        via_ansokan = set(
            Ansokan.objects.filter(akt_atkomst(user)).values_list("akt_id", flat=True)
        )
        via_post = set(
            AnsokanPost.objects.filter(akt_atkomst(user, "ansokan__akt")).values_list(
                "ansokan__akt_id", flat=True
            )
        )
        # The same rule as parameters of a query prepared once per shape: a second user of
        # the same shape (handläggare and kollega, enhetschef) gets her own values, not the
        # first one's.
        form = atkomst_form(user)
        via_forberedd = forberedd(
            ("test_atkomst_listor", form),
            lambda form=form: AnsokanPost.objects.filter(
                akt_atkomst_form(form, atkomst_parametrar(), "ansokan__akt")
            ).values_list("ansokan__akt_id"),
        ).rader(atkomst_varden(user))
        assert via_ansokan == via_post == {a.pk for a in akter}, user.username
        assert {rad[0] for rad in via_forberedd} == via_ansokan, user.username
