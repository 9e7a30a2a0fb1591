"""A synpunkt handed over to another manager: recorded with its reason, an event on the Akt,
the Bevakningar and a notice follow to the new manager — never to the person it is about
(docs/regler.md: Synpunkter)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from bistand.models import Bevakning, Handelse, Notis
from synpunkter import services
from synpunkter.models import Omfordelning

pytestmark = pytest.mark.django_db


def test_the_enhetschef_hands_a_synpunkt_over_to_the_avdelningschef(
    client, registrera, akt, enhetschef, avdelningschef
):
    s = registrera(akt=akt, vill_ha_svar=True, svarssatt="brev", adress="Storgatan 1")
    assert s.handlaggs_av == enhetschef
    client.force_login(enhetschef)
    sida = client.get(f"/synpunkter/{s.pk}/").content.decode()
    assert "Lämna över till" in sida
    fel = client.post(f"/synpunkter/{s.pk}/omfordela/", {"omf-till": avdelningschef.pk})
    assert fel.status_code == 200
    assert "Skriv varför synpunkten lämnas över." in fel.content.decode()
    svar = client.post(
        f"/synpunkter/{s.pk}/omfordela/",
        {"omf-till": avdelningschef.pk, "omf-skal": "Klagomålet gäller hela enhetens rutiner."},
    )
    assert svar.status_code == 302
    s.refresh_from_db()
    assert s.handlaggs_av == avdelningschef
    o = Omfordelning.objects.get(synpunkt=s)
    assert (o.fran, o.till, o.av) == (enhetschef, avdelningschef, enhetschef)
    assert set(
        Bevakning.objects.filter(objekt_id=s.pk, typ__startswith="synpunkt_").values_list(
            "agare", flat=True
        )
    ) == {avdelningschef.pk}
    notis = Notis.objects.get(mottagare=avdelningschef, text__contains=s.nummer)
    assert notis.lank == f"/synpunkter/{s.pk}/"
    assert Handelse.objects.filter(akt=akt, typ__kod="synpunkter.omfordelad").exists()
    client.force_login(avdelningschef)
    sida = client.get(f"/synpunkter/{s.pk}/").content.decode()
    assert "Klagomålet gäller hela enhetens rutiner." in sida
    assert client.post(f"/synpunkter/{s.pk}/kvittera/").status_code == 302


def test_a_synpunkt_is_never_handed_to_the_person_it_is_about(
    client, registrera, enhet, enhetschef, annan_enhetschef, avdelningschef
):
    s = registrera(enhet=enhet, berord_personal=enhetschef)
    assert s.handlaggs_av == avdelningschef
    client.force_login(avdelningschef)
    sida = client.get(f"/synpunkter/{s.pk}/").content.decode()
    assert f'value="{annan_enhetschef.pk}"' in sida
    assert f'value="{enhetschef.pk}"' not in sida
    svar = client.post(
        f"/synpunkter/{s.pk}/omfordela/",
        {"omf-till": enhetschef.pk, "omf-skal": "Försök"},
    )
    assert svar.status_code == 200
    s.refresh_from_db()
    assert s.handlaggs_av == avdelningschef
    assert not Notis.objects.filter(mottagare=enhetschef).exists()
    with pytest.raises(ValidationError) as fel:
        services.synpunkt_omfordela(synpunkt=s, av=avdelningschef, till=enhetschef, skal="X")
    assert "aldrig" in fel.value.message_dict["till"][0]
    assert not Omfordelning.objects.exists()


def test_only_the_handling_manager_may_hand_it_over(
    client, registrera, enhet, enhetschef, handlaggare, avdelningschef
):
    s = registrera(enhet=enhet)
    client.force_login(handlaggare)
    svar = client.post(
        f"/synpunkter/{s.pk}/omfordela/", {"omf-till": avdelningschef.pk, "omf-skal": "X"}
    )
    assert svar.status_code == 404
    s.refresh_from_db()
    assert s.handlaggs_av == enhetschef
