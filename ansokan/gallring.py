"""The ansokan app's part of "the last entry in the Akt" for gallring (SoL 2025:400 16 kap. 1 §;
docs/regler.md: Gallring och registerutdrag): the latest application received and the latest
event in the case history of any of the Akt's applications."""

from __future__ import annotations

import datetime

from django.db.models import Max
from django.utils import timezone

from .models import Ansokan, Handelse


def senaste_i_ansokningar(akt_ids: list[int]) -> dict[int, datetime.date]:
    senast: dict[int, datetime.date] = {}
    for r in (
        Ansokan.objects.filter(akt_id__in=akt_ids).values("akt_id").annotate(sist=Max("mottagen"))
    ):
        if r["sist"]:
            senast[r["akt_id"]] = r["sist"]
    for r in (
        Handelse.objects.filter(ansokan__akt_id__in=akt_ids)
        .values("ansokan__akt_id")
        .annotate(sist=Max("tidpunkt"))
    ):
        dag = timezone.localdate(r["sist"])
        akt_id = r["ansokan__akt_id"]
        if akt_id not in senast or dag > senast[akt_id]:
            senast[akt_id] = dag
    return senast
