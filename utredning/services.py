"""Writes of utredning (docs/arkitektur.md: Kodstil (services och selectors)): saved calculation
sheets and riktlinje versions."""

from __future__ import annotations

import datetime
import logging
import uuid
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ansokan import filer as filkontroll
from ansokan.models import OPPNA, Ansokan, AnsokanPost, Kategori, Status
from ansokan.services import ansokan_overgang, avisering_skapa, bilaga_spara
from bistand import access as kart_access
from bistand import services as kart
from bistand.access import skrivratt_krav
from bistand.handelser import handelse_registrera
from bistand.inskick import ett_inskick
from bistand.models import Akt, JournalAnteckning, MedlemsRoll, User
from bistand.pdf import lagra_pdf
from bistand.services import (
    akt_tilldela,
    bevakning_skapa,
    bevakning_uppfyll,
    hushall_medlem_registrera,
    journal_signera,
    journal_skriv,
    personal_underratta,
)

from .externa import UppslagEjTillgangligt, uppslag
from .models import (
    SVARSKANALER,
    Berakning,
    ForslagPost,
    Forsorjningshinder,
    Handlingsplan,
    Hinder,
    Kommunicering,
    Kontroll,
    KontrollMall,
    KontrollStatus,
    Mote,
    MoteTyp,
    Narvaro,
    Publicering,
    Radrum,
    Remiss,
    Riktlinje,
    RiktlinjeAvsnitt,
    Utfall,
    Utkast,
    Utredning,
    Varning,
)
from .pdf import rendera_kommunicering
from .selectors import (
    ansokan_manad,
    ateransokan_andringar,
    berakning_senaste,
    berakning_utfor,
    forra_ansokan,
    forslag_belopp_fran_berakning,
    forslag_for_ansokan,
    hushall_berakningsunderlag,
    hushall_forslag,
    inkomster_till_hushallet,
)
from .underlag import OgiltigtUnderlag, underlag_som_dict


def berakning_spara(
    *, underlag: dict[str, Any], av: User | None = None, ansokan: Ansokan | None = None
) -> Berakning:
    """Calculate and save the sheet as it is now (docs/regler.md: Beräkning): the input, the result
    and every line with its parameter and source, so later edits of the figures leave it unchanged.

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


# ---- the utredning and its förslag (docs/regler.md: Utredning; shared by barnkonsekvens and
# beslut) -------------


def _handelse(utredning: Utredning, typ: str, **kwargs: Any) -> None:
    """One case-history event about the utredning's ansökan, in the caller's transaction
    (docs/regler.md: "Händelser i akten")."""
    ansokan = utredning.ansokan
    handelse_registrera(typ=typ, akt=ansokan.akt, ansokan=ansokan, **kwargs)


def utredning_starta(*, ansokan: Ansokan, av: User) -> Utredning:
    """Open the utredning: the ansökan moves to `under_utredning` through its one transition
    function (docs/arkitektur.md: Kodstil (en tillståndsmaskin)). Idempotent: an ansökan already
    under utredning keeps its utredning.
    """
    skrivratt_krav(av, ansokan.akt_id)

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
    """Save the förslag till beslut for one requested post (docs/regler.md: Utredning).

    Delvis bifall needs an amount; a rådrum needs its end date; avslag for lack of underlag is
    only an avslag. Errors name the field, in Swedish.
    """
    skrivratt_krav(av, utredning.ansokan.akt_id)
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


def _filer_kontrollera(filer, falt: str) -> None:

    fel = []
    for fil in filer:
        try:
            filkontroll.kontrollera_fil(fil)
        except ValidationError as e:
            fel.append(f"{fil.name}: {' '.join(e.messages)}")
    if fel:
        raise ValidationError({falt: fel})


@ett_inskick("kommunicering", modell=Kommunicering)  # one per sent form (docs/regler.md)
def kommunicering_skicka(
    *,
    utredning: Utredning,
    av: User,
    vad: str,
    svara_senast: datetime.date,
    skickad: datetime.date | None = None,
    filer: list | tuple = (),
) -> Kommunicering:
    """FL 25 §: send material from others to the applicant with a reply date. The material
    (text and attachments) becomes one PDF shown in Mina sidor and printable as a letter for
    an applicant without the e-tjänst; a notice goes by her chosen channel (e-mail, SMS); the
    reply date is watched, and the sending is an event in the case history."""
    skrivratt_krav(av, utredning.ansokan.akt_id)
    skickad = skickad or timezone.localdate()
    if svara_senast < skickad:
        raise ValidationError({"svara_senast": "Svarsdatumet kan inte vara före i dag."})
    if not vad.strip():
        raise ValidationError({"vad": "Skriv vad som kommuniceras."})
    _filer_kontrollera(filer, "filer")
    ansokan = utredning.ansokan
    with transaction.atomic():
        k = Kommunicering.objects.create(
            utredning=utredning,
            vad=vad.strip(),
            skickad=skickad,
            svara_senast=svara_senast,
            skickad_av=av,
        )
        k.bilagor.set(
            [
                bilaga_spara(ansokan=ansokan, fil=fil, kategori=Kategori.KOMM_UNDERLAG, av=av)
                for fil in filer
            ]
        )
        try:
            sokvag, summa = lagra_pdf(rendera_kommunicering(k), "kommunicering")
        except OSError:  # no PDF engine here: the text still reaches Mina sidor
            logging.getLogger(__name__).exception("Kommuniceringens PDF kunde inte skapas")
        else:
            Kommunicering.objects.filter(pk=k.pk).update(pdf_sokvag=sokvag, pdf_sha256=summa)
            k.pdf_sokvag, k.pdf_sha256 = sokvag, summa
        bevakning_skapa(
            typ="kommunicering",
            akt=ansokan.akt,
            forfaller=svara_senast,
            objekt=k,
            agare=av,
            beskrivning="Svar på kommunicering",
        )
        _handelse(
            utredning,
            "kommunicering.skickad",
            objekt=k,
            av=av,
            text=f"{vad.strip()[:200]} – svar senast {svara_senast:%Y-%m-%d}",
            data={"svara_senast": svara_senast.isoformat()},
        )
        avisering_skapa(ansokan=ansokan, typ="kommunicering", nyckel=f"kommunicering:{k.pk}")
    return k


def kommunicering_besvara(
    *,
    kommunicering: Kommunicering,
    svar: str,
    besvarad: datetime.date | None = None,
    kanal: str = "",
    av: User | None = None,
    av_person=None,
    filer: list | tuple = (),
) -> Kommunicering:
    """The applicant's answer (FL 25 §): in the e-tjänst (text and files) or registered by
    staff from any channel. It lands on the case, meets the bevakning, is an event in the case
    history, and the handläggare is told. An adverse decision may then proceed."""
    skrivratt_krav(av, kommunicering.utredning.ansokan.akt_id)

    if kommunicering.besvarad is not None:
        raise ValidationError("Kommuniceringen är redan besvarad.")
    if not svar.strip() and not filer:
        raise ValidationError({"svar": "Skriv ett svar eller bifoga en fil."})
    besvarad = besvarad or timezone.localdate()
    if besvarad > timezone.localdate():
        raise ValidationError({"besvarad": "Datumet kan inte vara i framtiden."})
    if av_person is not None:
        kanal = "etjanst"
    elif kanal not in dict(SVARSKANALER):
        raise ValidationError({"kanal": "Välj hur svaret kom in."})
    _filer_kontrollera(filer, "filer")
    ansokan = kommunicering.utredning.ansokan
    with transaction.atomic():
        kommunicering.svar = svar.strip()
        kommunicering.besvarad = besvarad
        kommunicering.svar_kanal = kanal
        kommunicering.svar_av_person = av_person
        kommunicering.svar_registrerat_av = av
        kommunicering.save(
            update_fields=[
                "svar",
                "besvarad",
                "svar_kanal",
                "svar_av_person",
                "svar_registrerat_av",
            ]
        )
        kommunicering.bilagor.add(
            *[
                bilaga_spara(
                    ansokan=ansokan,
                    fil=fil,
                    kategori=Kategori.KOMM_SVAR,
                    av=av,
                    av_person=av_person,
                )
                for fil in filer
            ]
        )
        bevakning_uppfyll(typ="kommunicering", objekt=kommunicering)
        _handelse(
            kommunicering.utredning,
            "kommunicering.besvarad",
            objekt=kommunicering,
            av=av,
            av_person=av_person,
            text=f"Via {dict(SVARSKANALER)[kanal].lower()}",
            data={"besvarad": besvarad.isoformat(), "kanal": kanal},
        )
        handlaggare = ansokan.akt.handlaggare or kommunicering.skickad_av
        if handlaggare.pk != getattr(av, "pk", None):
            personal_underratta(
                mottagare=[handlaggare],
                text=f"Svar på kommunicering i ansökan {ansokan.referens}.",
                lank=f"/ansokningar/{ansokan.pk}/utredning/#kommunicering",
                amne="svar på kommunicering",
            )
    return kommunicering


def kommunicering_svar_last(*, kommunicering: Kommunicering, av: User) -> Kommunicering:
    """The handläggare has read the answer: it leaves the worklist."""
    skrivratt_krav(av, kommunicering.utredning.ansokan.akt_id)

    if kommunicering.besvarad is None:
        raise ValidationError("Kommuniceringen är inte besvarad än.")
    Kommunicering.objects.filter(pk=kommunicering.pk, svar_last__isnull=True).update(
        svar_last=timezone.now()
    )
    kommunicering.refresh_from_db()
    return kommunicering


# ---- docs/regler.md: Utredning — the handläggare's work in the utredning
# ------------------------------------------

UTREDNING_TEXTFALT = ("sokandes_berattelse", "sokandes_syn", "individuell_bedomning")


def kontroller_skapa(*, utredning: Utredning) -> int:
    """Copy the checklist of the ansökan's type into the utredning (docs/regler.md: Bakgrund);
    idempotent."""

    if utredning.kontroller.exists():
        return 0
    mallar = KontrollMall.objects.filter(ansokningstyp=utredning.ansokan.typ, aktiv=True).order_by(
        "ordning", "id"
    )
    rader = Kontroll.objects.bulk_create(
        Kontroll(utredning=utredning, mall=m, namn=m.namn, ordning=m.ordning) for m in mallar
    )
    return len(rader)


def _kontroller_for_over(*, utredning: Utredning, forra: Utredning, idag: datetime.date) -> list:
    """Carry last month's control results over where still valid (docs/regler.md: Bakgrund):
    a control kind valid `giltighet_manader` months keeps a result checked on a date less than
    that many months ago, marked as carried over with the original date; a kind valid 0 months
    (the monthly income and account checks) is left to be done. A control is matched by its
    checklist row, else by its name. Only undone controls are filled. Returns those carried."""

    tidigare = [
        k
        for k in forra.kontroller.all()
        if k.status in (KontrollStatus.GJORD, KontrollStatus.EJ_AKTUELL) and k.datum is not None
    ]
    per_mall = {k.mall_id: k for k in tidigare if k.mall_id}
    per_namn = {k.namn.casefold(): k for k in tidigare}
    overforda = []
    for k in utredning.kontroller.select_related("mall").filter(status=KontrollStatus.EJ_GJORD):
        manader = k.mall.giltighet_manader if k.mall is not None else 0
        forra_k = per_mall.get(k.mall_id) or per_namn.get(k.namn.casefold())
        if manader <= 0 or forra_k is None or forra_k.datum + relativedelta(months=manader) <= idag:
            continue
        k.status, k.datum, k.anteckning = forra_k.status, forra_k.datum, forra_k.anteckning
        k.av, k.overford = forra_k.av, True
        k.save(update_fields=["status", "datum", "anteckning", "av", "overford"])
        overforda.append(k)
    return overforda


def utredning_oppna(*, ansokan: Ansokan, av: User) -> Utredning:
    """Start the utredning (`utredning_starta`) and prepare its checklist and the warnings of
    an återansökan. Safe to call twice."""
    skrivratt_krav(av, ansokan.akt_id)
    with transaction.atomic():
        utredning = utredning_starta(ansokan=ansokan, av=av)
        kontroller_skapa(utredning=utredning)
        varningar_uppdatera(utredning=utredning)
        _berattelse_fran_ansokan(utredning)
    return utredning


def _berattelse_fran_ansokan(utredning: Utredning) -> None:
    """The applicant's own account and plans from the e-tjänst become the first text of the
    utredning's berättelse and syn, never overwriting what the handläggare wrote
    (docs/regler.md: Bakgrund — delaktighet)."""
    berattelse = (utredning.ansokan.uppgifter or {}).get("berattelse") or {}
    falt = []
    for kalla, mal in (("berattelse", "sokandes_berattelse"), ("planer", "sokandes_syn")):
        text = str(berattelse.get(kalla) or "").strip()
        if text and not getattr(utredning, mal).strip():
            setattr(utredning, mal, text)
            falt.append(mal)
    if falt:
        utredning.save(update_fields=[*falt, "andrad"])


def utkast_spara(*, anvandare: User, akt, nyckel: str, text: str):
    """Autosave (docs/regler.md: Bakgrund — text is never lost): one draft per user and field,
    overwritten."""

    utkast, _ = Utkast.objects.update_or_create(
        anvandare=anvandare,
        nyckel=nyckel[:120],
        defaults={"akt": akt, "text": text.replace("\r\n", "\n")},
    )
    return utkast


JOURNAL_TIDIGARE = "tidigare"


def journal_utkast_nyckel(akt, flik: str) -> str:
    """The draft key of one open journal editor: `journal:<akt>:<flik>`, where `flik` is the
    page's own key (a uuid, hex); `tidigare` names the one draft per Akt kept before each page
    had its own (docs/regler.md: Bakgrund — text is never lost)."""
    if flik == JOURNAL_TIDIGARE:
        return f"journal:{akt.pk}"
    try:
        return f"journal:{akt.pk}:{uuid.UUID(flik).hex}"
    except (ValueError, TypeError, AttributeError):
        return ""


def utkast_radera(*, anvandare: User, nyckel: str) -> None:

    Utkast.objects.filter(anvandare=anvandare, nyckel=nyckel).delete()


def utredning_text_spara(*, utredning: Utredning, falt: str, text: str, av: User) -> Utredning:
    """Save one of the utredning's long texts (docs/regler.md: Bakgrund — the applicant's account
    and view; the individual assessment by a person) and drop the user's draft of it."""
    skrivratt_krav(av, utredning.ansokan.akt_id)
    if falt not in UTREDNING_TEXTFALT:
        raise ValueError(falt)
    with transaction.atomic():
        setattr(utredning, falt, text.strip())
        utredning.save(update_fields=[falt, "andrad"])
        utkast_radera(anvandare=av, nyckel=f"utredning:{utredning.pk}:{falt}")
    return utredning


@transaction.atomic
def hushall_bekrafta(
    *, utredning: Utredning, dag: datetime.date, av: User | None = None, sokvag: str = ""
) -> Utredning:
    """Confirm the household in one action: the persons the applicant declared and the
    household lacks (`selectors.hushall_forslag`) join it from the first day of the ansökan's
    month (or from the day the ansökan came in, if earlier), then the household is marked
    confirmed. The norm and the barnkonsekvens requirement
    read the household, so they follow (SoL (2025:400) 11 kap. 1 §; docs/regler.md: Utredning).

    Each person is added through `bistand.services.hushall_medlem_registrera`: the look-up by
    personnummer is logged and a protected identity is neither shown nor skipped
    (docs/regler.md: Behörighet och skyddade personuppgifter)."""
    skrivratt_krav(av, utredning.ansokan.akt_id)

    ansokan = utredning.ansokan
    # From the month's first day, or from the day the ansökan came in when it concerns a later
    # month (an återansökan): the applicant declared the household as it is when applying.
    fran = min(ansokan_manad(ansokan), ansokan.mottagen or dag)
    tillagda = []
    for medlem in hushall_forslag(ansokan):
        hushall_medlem_registrera(
            hushall=ansokan.akt.hushall,
            personnummer=medlem.personnummer,
            fornamn=medlem.fornamn,
            efternamn=medlem.efternamn,
            roll=medlem.roll,
            fran=fran,
            umgangesdagar=medlem.umgangesdagar,
            av=av,
            sokvag=sokvag,
        )
        tillagda.append(medlem.roll)
    utredning.hushall_bekraftat = dag
    utredning.save(update_fields=["hushall_bekraftat", "andrad"])
    text = "Hushållets uppgifter är bekräftade"
    if tillagda:
        text += f"; {len(tillagda)} person(er) från ansökan tillagda från {fran:%Y-%m-%d}"
    _handelse(
        utredning,
        "hushall.bekraftat",
        objekt=utredning,
        av=av,
        text=text + ".",
        data={"tillagda": tillagda, "fran": fran},
    )
    return utredning


def berakning_spara_for_utredning(
    *,
    utredning: Utredning,
    av: User,
    manad: datetime.date,
    kostnader: dict[str, int],
    inkomster: list[dict[str, Any]],
    manader_i_foljd: int = 0,
) -> Berakning:
    """A beräkning sheet of the utredning: the household from the Akt on the first of the
    month, the costs and incomes the handläggare entered (docs/regler.md: Beräkning and 5)."""
    skrivratt_krav(av, utredning.ansokan.akt_id)

    ansokan = utredning.ansokan
    underlag = hushall_berakningsunderlag(ansokan.akt.hushall, manad)
    underlag["kostnader"] = {k: int(v or 0) for k, v in kostnader.items()}
    underlag["inkomster"] = inkomster
    underlag["manader_i_foljd_med_bistand"] = manader_i_foljd
    return berakning_spara(underlag=underlag, av=av, ansokan=ansokan)


def forslag_spara_alla(
    *, utredning: Utredning, av: User, rader: list[dict[str, Any]], berakning: Berakning | None
) -> list[ForslagPost]:
    """Save the förslag of several posts at once; any error rolls all back. The errors are
    returned per post as {post_pk: {field: message}} in a `ValidationError`."""
    skrivratt_krav(av, utredning.ansokan.akt_id)
    fel: dict[str, list[str]] = {}
    sparade = []
    with transaction.atomic():
        for rad in rader:
            try:
                sparade.append(
                    forslag_spara(utredning=utredning, av=av, berakning=berakning, **rad)
                )
            except ValidationError as e:
                for falt, texter in e.message_dict.items():
                    fel[f"{falt}_{rad['post'].pk}"] = texter
        if fel:
            transaction.set_rollback(True)
            raise ValidationError(fel)
    return sparade


def kontroll_markera(
    *, kontroll, status: str, av: User, datum: datetime.date | None, anteckning: str = ""
):
    """Mark a control done, not applicable or failed (docs/regler.md: Bakgrund), with date and note.
    A failed control needs a note saying what was found."""
    skrivratt_krav(av, kontroll.utredning.ansokan.akt_id)

    if status not in KontrollStatus.values:
        raise ValidationError({"status": "Välj ett giltigt värde."})
    if status == KontrollStatus.AVVIKELSE and not anteckning.strip():
        raise ValidationError({"anteckning": "Skriv vad avvikelsen gäller."})
    if status != KontrollStatus.EJ_GJORD and datum is None:
        raise ValidationError({"datum": "Ange datum för kontrollen."})
    kontroll.status = status
    kontroll.datum = datum if status != KontrollStatus.EJ_GJORD else None
    kontroll.anteckning = anteckning.strip()
    kontroll.av = av
    kontroll.overford = False
    kontroll.save(update_fields=["status", "datum", "anteckning", "av", "overford"])
    return kontroll


def kontroller_spara(
    *,
    utredning: Utredning,
    av: User,
    rader: list[dict[str, Any]],
    alla_gjorda: bool = False,
    idag: datetime.date,
) -> int:
    """Save every control of the utredning in one action (docs/regler.md: Utredning; docs/regler.md:
    Bakgrund — controls are not skipped under pressure). With `alla_gjorda` a control left undone
    is marked done today; a control with a new status and no date gets today. Only changed rows
    are written. Errors are keyed `<field>_<control pk>` and roll everything back. Returns the
    number of controls changed."""
    skrivratt_krav(av, utredning.ansokan.akt_id)

    fel: dict[str, list[str]] = {}
    andrade = 0
    with transaction.atomic():
        for rad in rader:
            k = rad["kontroll"]
            if k.utredning_id != utredning.pk:
                raise ValidationError("Kontrollen hör inte till utredningen.")
            status = rad["status"]
            if alla_gjorda and status == KontrollStatus.EJ_GJORD:
                status = KontrollStatus.GJORD
            datum = rad.get("datum")
            if status != KontrollStatus.EJ_GJORD and datum is None:
                datum = idag
            anteckning = (rad.get("anteckning") or "").strip()
            if status == KontrollStatus.EJ_GJORD:
                datum = None
            if (status, datum, anteckning) == (k.status, k.datum, k.anteckning):
                continue
            try:
                kontroll_markera(
                    kontroll=k, status=status, av=av, datum=datum, anteckning=anteckning
                )
            except ValidationError as e:
                for falt, texter in e.message_dict.items():
                    fel[f"{falt}_{k.pk}"] = texter
            else:
                andrade += 1
        if fel:
            transaction.set_rollback(True)
            raise ValidationError(fel)
    return andrade


def varningar_uppdatera(*, utredning: Utredning) -> int:
    """Compare an återansökan with the applicant's previous ansökan and store a warning for each
    change (docs/regler.md: Utredning; Sundsvall). Existing warnings keep their acknowledgement."""

    nya = 0
    for typ, nyckel, text in ateransokan_andringar(utredning.ansokan):
        _, skapad = Varning.objects.get_or_create(
            utredning=utredning, typ=typ, nyckel=nyckel[:100], defaults={"text": text[:300]}
        )
        nya += skapad
    return nya


def varning_kvittera(*, varning, av: User):
    skrivratt_krav(av, varning.utredning.ansokan.akt_id)

    if varning.kvitterad is None:
        varning.kvitterad = timezone.now()
        varning.kvitterad_av = av
        varning.save(update_fields=["kvitterad", "kvitterad_av"])
    return varning


def mote_boka(*, utredning: Utredning, av: User, typ: str, kanal: str, med_vem: str, bokad):
    skrivratt_krav(av, utredning.ansokan.akt_id)

    mote = Mote(
        utredning=utredning, typ=typ, kanal=kanal, med_vem=med_vem, bokad=bokad, skapad_av=av
    )
    mote.full_clean()
    with transaction.atomic():
        mote.save()
        _handelse(
            utredning,
            "mote.bokat",
            objekt=mote,
            av=av,
            text=f"{mote.get_typ_display()}, {mote.get_kanal_display().lower()}",
            data={"bokad": str(bokad)},
        )
    return mote


def mote_halla(*, mote, hallen, anteckning: str = ""):
    """Register that the meeting was held; `hallen` drives the nybesök rule (docs/regler.md:
    Bakgrund).

    A held nybesök meets the ansökan's nybesök bevakning; a held uppföljning meets the
    handlingsplan's follow-up (docs/arkitektur.md: Periodiska jobb)."""

    with transaction.atomic():
        mote.hallen = hallen
        mote.anteckning = anteckning.strip() or mote.anteckning
        mote.save(update_fields=["hallen", "anteckning"])
        _handelse(
            mote.utredning,
            "mote.hallet",
            objekt=mote,
            av=mote.skapad_av,
            text=mote.get_typ_display(),
            data={"hallen": str(hallen)},
        )
        if mote.typ == MoteTyp.NYBESOK:
            bevakning_uppfyll(typ="nybesok", objekt=mote.utredning.ansokan)
        elif mote.typ == MoteTyp.UPPFOLJNING:
            for plan in Handlingsplan.objects.filter(utredning=mote.utredning):
                bevakning_uppfyll(typ="handlingsplan", objekt=plan)
    return mote


def hinder_spara(*, utredning: Utredning, person, hinder: str, anteckning: str = ""):

    if hinder not in Hinder.values:
        raise ValidationError({"hinder": "Välj ett försörjningshinder."})
    rad, _ = Forsorjningshinder.objects.update_or_create(
        utredning=utredning, person=person, defaults={"hinder": hinder, "anteckning": anteckning}
    )
    return rad


def handlingsplan_spara(*, utredning: Utredning, **falt: Any):
    """Write the plan; a plan signed by anyone cannot change (make a new utredning's plan)."""

    plan = Handlingsplan.objects.filter(utredning=utredning).first()
    if plan and (plan.signerad_sokande or plan.signerad_handlaggare):
        raise ValidationError("Handlingsplanen är underskriven och kan inte ändras.")
    plan = plan or Handlingsplan(utredning=utredning)
    for namn, varde in falt.items():
        setattr(plan, namn, varde)
    plan.full_clean(exclude=["utredning"])
    with transaction.atomic():
        plan.save()
        if plan.uppfoljning:
            bevakning_skapa(
                typ="handlingsplan",
                akt=utredning.ansokan.akt,
                forfaller=plan.uppfoljning,
                objekt=plan,
                beskrivning="Följ upp handlingsplanen",
            )
    return plan


def handlingsplan_signera(*, plan, av: User | None = None, sokande: bool = False):
    """docs/regler.md: Bakgrund — the plan is signed by the applicant (e-tjänst) and by the
    handläggare."""
    skrivratt_krav(av, plan.utredning.ansokan.akt_id)

    with transaction.atomic():
        if sokande:
            if plan.signerad_sokande is None:
                plan.signerad_sokande = timezone.now()
                plan.save(update_fields=["signerad_sokande"])
                _handelse(
                    plan.utredning,
                    "handlingsplan.signerad_sokande",
                    objekt=plan,
                    av_person=plan.utredning.ansokan.sokande,
                )
            return plan
        if plan.signerad_handlaggare is None:
            plan.signerad_handlaggare = timezone.now()
            plan.signerad_handlaggare_av = av
            plan.save(update_fields=["signerad_handlaggare", "signerad_handlaggare_av"])
            _handelse(plan.utredning, "handlingsplan.signerad_handlaggare", objekt=plan, av=av)
    return plan


def remiss_skicka(*, utredning: Utredning, av: User, person, text: str, skickad: datetime.date):
    skrivratt_krav(av, utredning.ansokan.akt_id)

    if not text.strip():
        raise ValidationError({"text": "Skriv vad remissen gäller."})
    with transaction.atomic():
        remiss = Remiss.objects.create(
            utredning=utredning, person=person, text=text.strip(), skickad=skickad, skickad_av=av
        )
        _handelse(
            utredning,
            "remiss.skickad",
            objekt=remiss,
            av=av,
            text=f"{person.fornamn}: {text.strip()[:200]}",
            data={"skickad": skickad.isoformat()},
        )
    return remiss


def narvaro_registrera(
    *, remiss, fran, till, planerade_tillfallen: int, narvarande: int, anteckning=""
):

    if till < fran:
        raise ValidationError({"till": "Slutdatum kan inte vara före startdatum."})
    if narvarande > planerade_tillfallen:
        raise ValidationError({"narvarande": "Fler närvarotillfällen än planerade."})
    with transaction.atomic():
        narvaro = Narvaro.objects.create(
            remiss=remiss,
            fran=fran,
            till=till,
            planerade_tillfallen=planerade_tillfallen,
            narvarande=narvarande,
            anteckning=anteckning,
        )
        _handelse(
            remiss.utredning,
            "narvaro.registrerad",
            objekt=narvaro,
            text=f"{narvarande} av {planerade_tillfallen} tillfällen "
            f"{fran:%Y-%m-%d}–{till:%Y-%m-%d}",
            data={"narvarande": narvarande, "planerade": planerade_tillfallen},
        )
    return narvaro


@ett_inskick("journal", modell=JournalAnteckning)  # one entry per sent form (docs/regler.md)
def journal_anteckning_skriv(
    *,
    akt,
    av: User,
    kontakttyp: str,
    text: str,
    handelse_datum: datetime.date,
    signera: bool,
    till_enskilde: bool = False,
    utkast_nyckel: str = "",
):
    """Write a journal entry from the journal page and drop the author's draft of it — the
    draft of the editor that sent it (`utkast_nyckel`, one per open page), so a draft in
    another tab stays. Signing locks it (docs/regler.md: Journal)."""
    skrivratt_krav(av, akt)
    with transaction.atomic():
        anteckning = kart.journal_skriv(
            akt=akt,
            av=av,
            kontakttyp=kontakttyp,
            text=text.replace("\r\n", "\n").strip(),
            handelse_datum=handelse_datum,
            till_enskilde=till_enskilde,
        )
        if signera:
            kart.journal_signera(anteckning=anteckning, av=av)
        if utkast_nyckel == f"journal:{akt.pk}" or utkast_nyckel.startswith(f"journal:{akt.pk}:"):
            utkast_radera(anvandare=av, nyckel=utkast_nyckel)
    return anteckning


def journal_anteckning_kan_delas(anteckning) -> bool:
    """Only a signed entry written "till den enskilde" may be shown in Mina sidor; an internal
    note (barnkonsekvens conclusions, external look-ups, samråd) never (docs/regler.md:
    intern anteckning; FL 25 §, OSL 26 kap. 1 §)."""
    return anteckning.signerad is not None and anteckning.till_enskilde


def journal_publicera(*, anteckning, ansokan: Ansokan, av: User):
    """Share a signed entry "till den enskilde" in the applicant's Mina sidor; the sharing is
    an event in the case history (docs/regler.md: intern anteckning)."""
    skrivratt_krav(av, anteckning.akt_id)

    if anteckning.signerad is None:
        raise ValidationError("Signera anteckningen innan du publicerar den.")
    if not anteckning.till_enskilde:
        raise ValidationError(
            "Anteckningen är intern och kan inte visas för sökande. Bara en anteckning "
            "skriven till den enskilde kan visas på Mina sidor."
        )
    if ansokan.akt_id != anteckning.akt_id:
        raise ValidationError("Ansökan hör inte till samma akt.")
    with transaction.atomic():
        pub, skapad = Publicering.objects.get_or_create(
            anteckning=anteckning, defaults={"ansokan": ansokan, "av": av}
        )
        if skapad:
            handelse_registrera(
                typ="journal.delad",
                akt=ansokan.akt,
                ansokan=ansokan,
                objekt=anteckning,
                av=av,
                text=f"Anteckning från {anteckning.handelse_datum:%Y-%m-%d}",
            )
    return pub


def externt_uppslag_gor(*, utredning: Utredning, av: User, manad: datetime.date | None = None):
    """Ask the configured external service (SSBTEK) about every adult of the assistance unit
    and file the answers as a signed journal entry (SOSFS 2014:5: a journal of what was done).
    Returns the answers per person; raises ValidationError when the service cannot answer."""
    skrivratt_krav(av, utredning.ansokan.akt_id)

    manad = (manad or timezone.localdate()).replace(day=1)
    try:
        backend = uppslag()
        vuxna = [
            m.person
            for m in utredning.ansokan.akt.hushall.medlemmar.filter(
                till__isnull=True, roll__in=[MedlemsRoll.SOKANDE, MedlemsRoll.MEDSOKANDE]
            ).select_related("person")
        ]
        svar = {p: backend.hamta(personnummer=p.identitet, manad=manad) for p in vuxna}
    except UppslagEjTillgangligt as fel:
        raise ValidationError(str(fel)) from None
    rader = [f"Externt uppslag i {backend.namn} för {manad:%Y-%m}:"]
    for person, uppgifter in svar.items():
        rader.append(f"{person.namn}:")
        rader += [
            f"  {u.kalla}: {u.text}" + (f" {u.belopp} kr/månad" if u.belopp else "")
            for u in uppgifter
        ]
    with transaction.atomic():
        anteckning = journal_skriv(
            akt=utredning.ansokan.akt, av=av, kontakttyp="intern", text="\n".join(rader)
        )
        journal_signera(anteckning=anteckning, av=av)
    return svar


# ---- docs/regler.md: Utredning — an unchanged återansökan ("som förra månaden")
# ------------------------------------


@transaction.atomic
def utredning_som_forra_manaden(
    *, ansokan: Ansokan, av: User, sokvag: str = ""
) -> tuple[Utredning, list[str]]:
    """Prepare an unchanged återansökan in one action: start the utredning, confirm the
    household, calculate this month's sheet again from last month's inputs (costs, incomes,
    months with assistance plus one) so this month's riksnorm and the children's ages apply,
    and propose for each post last month's outcome with this month's amounts and last
    month's reasons (docs/regler.md: Utredning; SoL (2025:400) 11 kap. 1 §: the need is
    assessed for each month); last month's controls still valid are carried over
    (`_kontroller_for_over`), the others are left to be done. Nothing is decided: the decision
    keeps every guard. Last month's income rows follow their persons into this month's
    household; the rows of a person who left are left out, and the returned notes name them
    for the handläggare.

    Raises `ValidationError` when there is no earlier ansökan with a saved sheet."""
    skrivratt_krav(av, ansokan.akt_id)

    forra = forra_ansokan(ansokan)
    forra_blad = berakning_senaste(forra) if forra is not None else None
    if forra_blad is None:
        raise ValidationError(
            "Det finns ingen beräkning från förra månaden att utgå från. Gör beräkningen här."
        )
    utredning = utredning_oppna(ansokan=ansokan, av=av)
    hushall_bekrafta(utredning=utredning, dag=timezone.localdate(), av=av, sokvag=sokvag)
    forra_utredning = Utredning.objects.filter(ansokan=forra).first()
    overforda = (
        _kontroller_for_over(utredning=utredning, forra=forra_utredning, idag=timezone.localdate())
        if forra_utredning is not None
        else []
    )
    inmatat = forra_blad.underlag
    manad = ansokan_manad(ansokan)
    inkomster, anteckningar = inkomster_till_hushallet(forra_blad, ansokan.akt.hushall, manad)
    berakning = berakning_spara_for_utredning(
        utredning=utredning,
        av=av,
        manad=manad,
        kostnader=dict(inmatat.get("kostnader") or {}),
        inkomster=inkomster,
        manader_i_foljd=int(inmatat.get("manader_i_foljd_med_bistand") or 0)
        + (1 if forra_blad.manad < manad else 0),
    )
    poster = list(ansokan.poster.select_related("posttyp"))
    belopp = forslag_belopp_fran_berakning(berakning, poster)
    forra_forslag = {f.post.posttyp_id: f for f in forslag_for_ansokan(forra)}
    rader = []
    for post in poster:
        tidigare = forra_forslag.get(post.posttyp_id)
        utfall = tidigare.utfall if tidigare is not None else Utfall.BIFALL
        varde = belopp.get(post.pk)
        if varde is None and tidigare is not None:
            varde = tidigare.belopp
        rader.append(
            {
                "post": post,
                "utfall": utfall,
                "belopp": varde if utfall in (Utfall.BIFALL, Utfall.DELVIS_BIFALL) else None,
                "motivering": tidigare.motivering if tidigare is not None else "",
                "brist_pa_underlag": bool(tidigare and tidigare.brist_pa_underlag),
            }
        )
    forslag_spara_alla(utredning=utredning, av=av, rader=rader, berakning=berakning)
    _handelse(
        utredning,
        "utredning.som_forra_manaden",
        objekt=utredning,
        av=av,
        text=f"Förslag som förra månaden ({forra.referens}), beräknat för {manad:%Y-%m}: "
        f"försörjningsstöd {berakning.bistand} kr."
        + (f" Kontroller som fortfarande gäller: {len(overforda)}." if overforda else "")
        + "".join(f" {a}" for a in anteckningar),
        data={
            "forra": forra.pk,
            "berakning": berakning.pk,
            "anteckningar": anteckningar,
            "kontroller_overforda": [k.pk for k in overforda],
        },
    )
    return utredning, anteckningar


# ---- docs/regler.md: Utredning — the worklist: moving a handläggare's ärenden
# ----------------------------------


@transaction.atomic
def akter_omfordela(*, fran: User, till: User | None, av: User) -> int:
    """Move every Akt of `fran` with an open ärende in `av`'s Enhet to `till` (or leave them
    unassigned), for example during sick leave; each Akt moved is an event. Only Akter `av`
    may write are moved (a protected Akt needs a grant). Returns how many were moved."""

    if till is not None and till.pk == fran.pk:
        raise ValidationError("Välj en annan handläggare att flytta ärendena till.")
    # The Akter are chosen through their ansökningar (a join that repeats an Akt), and then
    # locked by id: PostgreSQL refuses FOR UPDATE together with DISTINCT.
    valda = kart_access.akter_for_write(av).filter(
        handlaggare=fran,
        enhet_id=av.enhet_id,
        ansokningar__status__in=OPPNA,
    )
    akter = list(Akt.objects.filter(pk__in=valda.values("pk")).order_by("pk").select_for_update())
    for akt in akter:
        akt_tilldela(akt=akt, handlaggare=till)
        handelse_registrera(
            typ="akt.omfordelad",
            akt=akt,
            av=av,
            text=f"Akten flyttad från {fran.get_full_name() or fran} till "
            f"{(till.get_full_name() or till) if till else 'ingen handläggare'}.",
            data={"fran": fran.pk, "till": till.pk if till else None},
        )
    return len(akter)
