"""The data migration that replaced the lapsed state (`forfallen`) of an appeal: an appeal
that "lapsed" after an ändring covers the new decision and waits to be forwarded unless the
appellant withdraws it (FL 46 § 2 st.), so it becomes `omprovad` and its forwarding watch opens
again (beslut/migrations/0003_overklagande_aterkallad.py)."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

FORE = [("beslut", "0002_grunddata_och_skydd")]


def _migrera(mal):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(mal)
    ContentType.objects.clear_cache()
    return MigrationExecutor(connection).loader.project_state(mal).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_lapsed_appeal_becomes_omprovad_and_waits_to_be_forwarded_again(
    utredd, handlaggare, django_capture_on_commit_callbacks
):
    from beslut import services
    from bistand.models import Bevakning
    from tests.beslut.conftest import post_beslut

    with django_capture_on_commit_callbacks(execute=True):
        brev = services.beslut_fatta(
            ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd, utfall="avslag")]
        )
    beslut = brev.beslut.get()
    sokande = utredd.sokande
    forfallet, kvar = (
        services.overklagande_registrera(
            beslut=beslut, text=text, inkommen=timezone.localdate(), av_person=sokande
        )
        for text in ("Jag vill ha bistånd.", "Ett andra överklagande.")
    )
    assert Bevakning.objects.filter(typ="overlamnande", objekt_id=forfallet.pk).exists()

    gamla = _migrera(FORE)
    GammaltOverklagande = gamla.get_model("beslut", "Overklagande")
    GammalBevakning = gamla.get_model("bistand", "Bevakning")
    GammaltOverklagande.objects.filter(pk=forfallet.pk).update(status="forfallen")
    GammaltOverklagande.objects.filter(pk=kvar.pk).update(status="rattidsprovad")
    GammalBevakning.objects.filter(typ="overlamnande", objekt_id=forfallet.pk).update(
        status="uppfylld", avslutad=timezone.now()
    )
    gamla.get_model("bistand", "Lagrum").objects.filter(kod="fl-overklagande-nytt-beslut").delete()

    _migrera(MigrationExecutor(connection).loader.graph.leaf_nodes())

    from beslut.models import Overklagande
    from bistand.models import BevakningStatus, Lagrum

    assert Overklagande.objects.get(pk=forfallet.pk).status == "omprovad"
    assert Overklagande.objects.get(pk=kvar.pk).status == "rattidsprovad"
    assert not Overklagande.objects.filter(status="forfallen").exists()
    bevakning = Bevakning.objects.get(typ="overlamnande", objekt_id=forfallet.pk)
    assert bevakning.status == BevakningStatus.AKTIV and bevakning.avslutad is None
    assert Lagrum.objects.get(kod="fl-overklagande-nytt-beslut").verifierad
