"""The ansokan app's part of "the last entry in the Akt" for gallring (SoL 2025:400 16 kap. 1 §;
docs/regler.md: Gallring och registerutdrag): the latest application received and the latest
event in the case history of any of the Akt's applications."""

from __future__ import annotations

import datetime

from django.db.models import Max, Q
from django.utils import timezone

from bistand.gallring import filer_bort, radera
from bistand.models import Handelse
from bistand.registerutdrag import Del

from .models import (
    Ansokan,
    AnsokanPost,
    Avisering,
    BegaranOmAvgorande,
    Bilaga,
    Forsening,
    Komplettering,
    Meddelande,
    Vanteperiod,
)


def senaste_i_ansokningar(akt_ids: list[int]) -> dict[int, datetime.date]:
    senast: dict[int, datetime.date] = {}
    for r in (
        Ansokan.objects.filter(akt_id__in=akt_ids).values("akt_id").annotate(sist=Max("mottagen"))
    ):
        if r["sist"]:
            senast[r["akt_id"]] = r["sist"]
    for r in (
        Handelse.objects.filter(akt_id__in=akt_ids).values("akt_id").annotate(sist=Max("tidpunkt"))
    ):
        dag = timezone.localdate(r["sist"])
        akt_id = r["akt_id"]
        if akt_id not in senast or dag > senast[akt_id]:
            senast[akt_id] = dag
    return senast


def registerutdrag_del(person) -> list:
    """The applications she made or was co-applicant in, and the files she uploaded
    (docs/regler.md: Registerutdrag). The free-text answers are hers only when she is the
    sökande; for a medsökande only the application's own facts are listed."""
    ansokningar = Ansokan.objects.filter(
        Q(sokande=person) | Q(medsokande=person), referens__isnull=False
    ).order_by("mottagen")
    del_ = Del("Ansökningar")
    for a in ansokningar:
        poster = ", ".join(p.posttyp.namn for p in a.poster.select_related("posttyp"))
        del_.rader.append(
            (
                f"Ansökan {a.referens}",
                f"{a.get_typ_display()}, inkommen {a.mottagen:%Y-%m-%d}, "
                f"{a.get_status_display().lower()}. Söker: {poster or '–'}.",
            )
        )
    filer = Del(
        "Bilagor du har skickat",
        [
            (b.filnamn, f"{b.get_kategori_display()}, {b.uppladdad:%Y-%m-%d}")
            for b in Bilaga.objects.filter(uppladdad_av_person=person)
        ],
    )
    return [del_, filer]


def ansokningar_for(urval) -> list[int]:
    """The applications of the culled Akter, and the culled persons' drafts that never got one."""
    return list(
        Ansokan.objects.filter(
            Q(akt_id__in=urval.akt_ids) | Q(akt__isnull=True, sokande_id__in=urval.person_ids)
        ).values_list("pk", flat=True)
    )


def gallra(urval) -> dict[str, int]:
    """Remove the applications of the culled Akter with everything they hold, and their files
    (SoL 2025:400 16 kap. 1 §; docs/regler.md: Gallring och registerutdrag)."""
    ids = ansokningar_for(urval)
    filer_bort(Bilaga.objects.filter(ansokan_id__in=ids).values_list("sokvag", flat=True))
    return radera(
        Avisering.objects.filter(ansokan_id__in=ids),
        Forsening.objects.filter(ansokan_id__in=ids),
        BegaranOmAvgorande.objects.filter(ansokan_id__in=ids),
        Meddelande.objects.filter(ansokan_id__in=ids),
        Vanteperiod.objects.filter(ansokan_id__in=ids),
        Bilaga.objects.filter(ansokan_id__in=ids),
        Komplettering.objects.filter(ansokan_id__in=ids),
        AnsokanPost.objects.filter(ansokan_id__in=ids),
        Ansokan.objects.filter(pk__in=ids),
    )
