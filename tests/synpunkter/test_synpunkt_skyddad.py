"""A synpunkt from a person with skyddade personuppgifter is read only by those who may open
its Akt (by a grant, or as enhetschef of the Akt's Enhet) or who handle it (docs/regler.md:
Synpunkter, åtkomst)."""

from __future__ import annotations

import pytest

from synpunkter.access import synpunkter_for_user

pytestmark = pytest.mark.django_db


def test_a_protected_persons_synpunkt_is_read_only_with_the_akts_grant_or_by_its_handler(
    registrera, akt, skyddad_akt, kvalitet, enhetschef, handlaggare, avdelningschef
):
    skyddad_person = skyddad_akt.hushall.medlemmar.get(roll="sokande").person
    oppen_person = akt.hushall.medlemmar.get(roll="sokande").person
    skyddad = registrera(akt=skyddad_akt, person=skyddad_person)
    oppen = registrera(akt=akt, person=oppen_person)
    anonym = registrera(anonym=True, namn="")

    def synliga(user):
        return set(synpunkter_for_user(user).filter(pk__in=[skyddad.pk, oppen.pk, anonym.pk]))

    # Kvalitet reads the nämnd's synpunkter but has no grant to the protected Akt.
    assert synliga(kvalitet) == {oppen, anonym}
    # The Enhet's enhetschef may open the protected Akt of the own Enhet.
    assert skyddad in synliga(enhetschef)
    # The manager it is routed to handles it, protected or not.
    skyddad.handlaggs_av = avdelningschef
    skyddad.save(update_fields=["handlaggs_av"])
    assert skyddad in synliga(avdelningschef)
