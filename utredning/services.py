"""Writes of utredning (STYLE.md §1): saved calculation sheets and riktlinje versions."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from ansokan.models import Ansokan
from bistand.models import User

from .models import Berakning, Riktlinje, RiktlinjeAvsnitt
from .selectors import berakning_utfor
from .underlag import OgiltigtUnderlag, underlag_som_dict


def berakning_spara(
    *, underlag: dict[str, Any], av: User | None = None, ansokan: Ansokan | None = None
) -> Berakning:
    """Calculate and save the sheet as it is now (issue 4): the input, the result and every
    line with its parameter and source, so later edits of the figures leave it unchanged.

    Raises `ValidationError` with Swedish messages per field (the API's paths as keys).
    """
    try:
        utfall = berakning_utfor(underlag)
    except OgiltigtUnderlag as fel:
        raise ValidationError(fel.fel) from None
    resultat = utfall.resultat
    return Berakning.objects.create(
        manad=resultat.manad,
        underlag=underlag_som_dict(utfall.underlag),
        resultat=resultat.som_blad(),
        riksnorm=utfall.riksnorm,
        riksnorm_summa=resultat.riksnorm,
        skaliga_kostnader=resultat.skaliga_kostnader,
        inkomster=resultat.inkomster,
        behov=resultat.behov,
        bistand=resultat.bistand,
        verifierad=resultat.verifierad,
        skapad_av=av,
        ansokan=ansokan,
    )


@transaction.atomic
def riktlinje_ny_version(
    *,
    riktlinje: Riktlinje,
    version: str,
    giltig_fran: datetime.date,
    antagen: datetime.date,
) -> Riktlinje:
    """A new version of a guideline document: a copy with all its sections, to be edited.

    The old version and its sections stay as they were, so an avsteg or a dom that points at a
    section keeps the text it concerned. A section's own dates are cleared: it takes the new
    version's unless the administrator sets them.
    """
    if giltig_fran <= riktlinje.giltig_fran:
        raise ValidationError(
            {"giltig_fran": "Den nya versionen måste gälla från ett senare datum än den gamla."}
        )
    if Riktlinje.objects.filter(kod=riktlinje.kod, version=version).exists():
        raise ValidationError({"version": "Det finns redan en version med den beteckningen."})
    ny = Riktlinje.objects.create(
        kod=riktlinje.kod,
        titel=riktlinje.titel,
        version=version,
        antagen=antagen,
        giltig_fran=giltig_fran,
        beslutad_av="",
        diarienummer="",
        ingress=riktlinje.ingress,
    )
    RiktlinjeAvsnitt.objects.bulk_create(
        RiktlinjeAvsnitt(
            riktlinje=ny, ordning=a.ordning, nummer=a.nummer, titel=a.titel, text=a.text
        )
        for a in riktlinje.avsnitt.order_by("ordning", "id")
    )
    return ny
