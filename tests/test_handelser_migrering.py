"""The old timelines (ansokan.Handelse, beslut.OverklagandeHandelse) move into the Akt's case
history with their data: rows made before the migration, checked after it."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

FORE = [
    ("bistand", "0011_namnd_forvaltningsratt"),
    ("ansokan", "0008_posttyp_lopande"),
    ("beslut", "0008_beslutsslag_och_manader"),
]


def _migrera(mal):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(mal)
    # Migrating backwards and forwards recreates content types under new ids; the process-wide
    # ContentType cache would otherwise resolve a generic relation to a stale id.
    ContentType.objects.clear_cache()
    return MigrationExecutor(connection).loader.project_state(mal).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_old_timeline_row_is_kept_in_the_case_history(
    akt, handlaggare, nytt_personnummer, django_capture_on_commit_callbacks
):
    from ansokan import services as ansokan_services
    from ansokan.models import Ansokan, Posttyp
    from beslut import services as beslut_services
    from bistand import services as kart
    from utredning import services as utredning_services

    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    ansokan, _ = ansokan_services.ansokan_registrera(
        sokande=sokande,
        av=handlaggare,
        typ="nyansokan",
        kanal="papper",
        mottagen=datetime.date(2026, 2, 2),
        poster=[(Posttyp.objects.get(kod="forsorjningsstod"), Decimal("9000"), "")],
    )
    utredning = utredning_services.utredning_starta(ansokan=ansokan, av=handlaggare)
    post = ansokan.poster.get()
    utredning_services.forslag_spara(
        utredning=utredning,
        post=post,
        utfall="delvis_bifall",
        av=handlaggare,
        belopp=Decimal("6000"),
        motivering="Utkast.",
    )
    from beslut.regler import manadens_slut

    ansokan.refresh_from_db()
    manad = (ansokan.period or ansokan.mottagen).replace(day=1)
    with django_capture_on_commit_callbacks(execute=True):
        brev = beslut_services.beslut_fatta(
            ansokan=ansokan,
            av=handlaggare,
            poster=[
                beslut_services.PostBeslut(
                    post=post,
                    utfall="delvis_bifall",
                    belopp=Decimal("6000"),
                    lagrum_kod="sol-ratt-till-bistand",
                    motivering="Din inkomst räcker till en del av behovet.",
                    period_fran=manad,
                    period_till=manadens_slut(manad) if post.posttyp.lopande else None,
                )
            ],
        )
    beslut = brev.beslut.get()
    overklagande = beslut_services.overklagande_registrera(
        beslut=beslut, text="Jag vill ha mer.", inkommen=timezone.localdate(), av_person=sokande
    )
    utan_akt = kart.person_registrera(
        identitet=nytt_personnummer(), fornamn="Ny", efternamn="Sökande"
    )
    utkast = ansokan_services.ansokan_utkast_skapa(sokande=utan_akt, typ="nyansokan")
    assert utkast.akt_id is None

    gamla = _migrera(FORE)
    GammalHandelse = gamla.get_model("ansokan", "Handelse")
    GammalOH = gamla.get_model("beslut", "OverklagandeHandelse")
    assert not any(
        m._meta.model_name == "handelse" for m in gamla.get_app_config("bistand").get_models()
    )
    rader = [
        GammalHandelse.objects.create(
            ansokan_id=ansokan.pk,
            typ="status",
            fran_status="utkast",
            till_status="inkommen",
            av_id=handlaggare.pk,
            motivering="Registrerad av handläggare.",
        ),
        GammalHandelse.objects.create(
            ansokan_id=ansokan.pk,
            typ="komplettering_begard",
            text="Lönespecifikation",
            av_id=handlaggare.pk,
            motivering="Vi behöver se din lön.",
        ),
        GammalHandelse.objects.create(
            ansokan_id=ansokan.pk,
            typ="status",
            fran_status="komplettering_begard",
            till_status="inkommen",
            av_person_id=sokande.pk,
            synlig_for_sokande=False,
        ),
        GammalHandelse.objects.create(
            ansokan_id=ansokan.pk,
            typ="meddelande_in",
            text="Meddelande från dig",
            av_person_id=sokande.pk,
        ),
    ]
    GammalHandelse.objects.create(ansokan_id=utkast.pk, typ="bilaga", text="Bilaga inkommen")
    oh = [
        GammalOH.objects.create(overklagande_id=overklagande.pk, till_status="inkommen"),
        GammalOH.objects.create(
            overklagande_id=overklagande.pk,
            fran_status="inkommen",
            till_status="rattidsprovad",
            av_id=handlaggare.pk,
            text="Lång text. " * 40,
            lagrum="FL 45 §",
        ),
    ]

    _migrera(MigrationExecutor(connection).loader.graph.leaf_nodes())

    from bistand.models import Handelse

    nya = list(Handelse.objects.select_related("typ").order_by("tidpunkt", "pk"))
    assert [(h.typ_id, h.tidpunkt) for h in nya] == [
        ("ansokan.inkommen", rader[0].tidpunkt),
        ("ansokan.komplettering_begard", rader[1].tidpunkt),
        ("ansokan.ater_inkommen", rader[2].tidpunkt),
        ("ansokan.meddelande_in", rader[3].tidpunkt),
        ("overklagande.inkommen", oh[0].tidpunkt),
        ("overklagande.rattidsprovad", oh[1].tidpunkt),
    ]
    inkommen, begard, ater, meddelande, o_in, o_ratt = nya
    assert {h.akt_id for h in nya} == {akt.pk}
    assert {h.ansokan_id for h in nya} == {ansokan.pk}
    assert (inkommen.av, inkommen.data) == (
        handlaggare,
        {"fran": "utkast", "till": "inkommen", "motivering": "Registrerad av handläggare."},
    )
    assert (begard.text, begard.data["motivering"]) == (
        "Lönespecifikation",
        "Vi behöver se din lön.",
    )
    assert (ater.av_person, ater.typ.synlig_for_sokande) == (sokande, False)
    assert (meddelande.text, meddelande.av_person) == ("Meddelande från dig", sokande)
    assert inkommen.objekt == Ansokan.objects.get(pk=ansokan.pk)
    assert (o_in.objekt_id, o_in.av_person, o_in.data["till"]) == (
        overklagande.pk,
        sokande,
        "inkommen",
    )
    assert (o_ratt.av, o_ratt.data["lagrum"], o_ratt.data["text"]) == (
        handlaggare,
        "FL 45 §",
        "Lång text. " * 40,
    )
    assert len(o_ratt.text) == 300
