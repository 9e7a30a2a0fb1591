"""Writes of utredning (STYLE.md §1): saved calculation sheets and riktlinje versions."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from ansokan.models import Ansokan, AnsokanPost
from bistand.models import User

from .models import (
    Berakning,
    ForslagPost,
    Kommunicering,
    Radrum,
    Riktlinje,
    RiktlinjeAvsnitt,
    Utfall,
    Utredning,
)
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


# ---- the utredning and its förslag (issue 5; shared by barnkonsekvens and beslut) -------------


def utredning_starta(*, ansokan: Ansokan, av: User) -> Utredning:
    """Open the utredning: the ansökan moves to `under_utredning` through its one transition
    function (STYLE.md §2). Idempotent: an ansökan already under utredning keeps its utredning.
    """
    from ansokan.models import Status
    from ansokan.services import ansokan_overgang

    with transaction.atomic():
        befintlig = Utredning.objects.filter(ansokan=ansokan).first()
        if befintlig is not None:
            return befintlig
        if ansokan.status != Status.UNDER_UTREDNING:
            ansokan_overgang(ansokan=ansokan, till=Status.UNDER_UTREDNING, av=av)
        return Utredning.objects.create(ansokan=ansokan, startad_av=av)


def forslag_spara(
    *,
    utredning: Utredning,
    post: AnsokanPost,
    utfall: str,
    av: User,
    belopp: Decimal | int | None = None,
    motivering: str = "",
    brist_pa_underlag: bool = False,
    radrum: str = Radrum.INGET,
    radrum_slut: datetime.date | None = None,
    berakning: Berakning | None = None,
) -> ForslagPost:
    """Save the förslag till beslut for one requested post (issue 5, point 3).

    Delvis bifall needs an amount; a rådrum needs its end date; avslag for lack of underlag is
    only an avslag. Errors name the field, in Swedish.
    """
    if post.ansokan_id != utredning.ansokan_id:
        raise ValidationError({"post": "Posten hör inte till den här ansökan."})
    fel: dict[str, str] = {}
    if utfall not in Utfall.values:
        fel["utfall"] = "Välj bifall, delvis bifall, avslag eller avvisning."
    if utfall == Utfall.DELVIS_BIFALL and belopp is None:
        fel["belopp"] = "Ange det belopp som föreslås vid delvis bifall."
    if belopp is not None and Decimal(belopp) < 0:
        fel["belopp"] = "Beloppet kan inte vara negativt."
    if brist_pa_underlag and utfall != Utfall.AVSLAG:
        fel["brist_pa_underlag"] = "Brist på underlag kan bara vara skäl för avslag."
    if radrum and radrum_slut is None:
        fel["radrum_slut"] = "Ange när rådrummet slutar."
    if not radrum and radrum_slut is not None:
        fel["radrum"] = "Välj vilket rådrum slutdatumet gäller."
    if fel:
        raise ValidationError(fel)
    forslag, _ = ForslagPost.objects.update_or_create(
        post=post,
        defaults={
            "utredning": utredning,
            "utfall": utfall,
            "belopp": belopp,
            "motivering": motivering,
            "brist_pa_underlag": brist_pa_underlag,
            "radrum": radrum or Radrum.INGET,
            "radrum_slut": radrum_slut,
            "berakning": berakning,
        },
    )
    return forslag


def kommunicering_skicka(
    *,
    utredning: Utredning,
    av: User,
    vad: str,
    svara_senast: datetime.date,
    skickad: datetime.date | None = None,
) -> Kommunicering:
    """FL 25 §: send material from others to the applicant with a reply date; registers a
    bevakning for the reply date."""
    from django.utils import timezone

    from bistand.services import bevakning_skapa

    skickad = skickad or timezone.localdate()
    if svara_senast < skickad:
        raise ValidationError({"svara_senast": "Svarsdatumet kan inte vara före i dag."})
    if not vad.strip():
        raise ValidationError({"vad": "Skriv vad som kommuniceras."})
    with transaction.atomic():
        k = Kommunicering.objects.create(
            utredning=utredning,
            vad=vad,
            skickad=skickad,
            svara_senast=svara_senast,
            skickad_av=av,
        )
        bevakning_skapa(
            typ="kommunicering",
            akt=utredning.ansokan.akt,
            forfaller=svara_senast,
            objekt=k,
            agare=av,
            beskrivning="Svar på kommunicering",
        )
    return k


def kommunicering_besvara(
    *, kommunicering: Kommunicering, svar: str, besvarad: datetime.date | None = None
) -> Kommunicering:
    """Register the applicant's answer (any channel); meets the bevakning."""
    from django.utils import timezone

    from bistand.services import bevakning_uppfyll

    with transaction.atomic():
        kommunicering.svar = svar
        kommunicering.besvarad = besvarad or timezone.localdate()
        kommunicering.save(update_fields=["svar", "besvarad"])
        bevakning_uppfyll(typ="kommunicering", objekt=kommunicering)
    return kommunicering
