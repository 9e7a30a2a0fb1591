"""Writes of beslut (docs/arkitektur.md: Kodstil (services och selectors)): decisions, samråd,
letters, delgivning, appeals.

`beslut_fatta` is the ONE function that makes a decision. Views, admin actions, tasks, the
omprövning and the demo all call it, so none can bypass its checks: delegation, the
barnkonsekvens guard, komplettering and kommunicering deadlines, and approved samråd for avsteg.
`overklagande_overgang` is the one function that changes an appeal's status.
"""

from __future__ import annotations

import datetime
import hashlib
import uuid
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ansokan import filer as filkontroll
from ansokan.filer import som_pdf
from ansokan.models import Ansokan, AnsokanPost, BegaranOmAvgorande, Kategori, Status
from ansokan.services import ansokan_overgang, avisering_skapa, bilaga_spara
from barnkonsekvens.guard import barnkonsekvens_vakt
from bistand.access import har_roll, skrivratt_krav
from bistand.handelser import handelse_registrera
from bistand.inskick import ett_inskick
from bistand.jobb import koa_efter_commit
from bistand.kalender import lagg_till_arbetsdagar
from bistand.models import Lagrum, Notis, Person, Roll, User
from bistand.selectors import lagrum_rad, parameter_varde
from bistand.services import (
    akt_ansvariga,
    bevakning_skapa,
    bevakning_uppfyll,
    bevakningar_makulera_for,
    personal_underratta,
)
from utredning import services as utredning_services
from utredning.models import ForslagPost, Utfall
from utredning.selectors import kommunicering_vantar_svar

from . import hooks, regler, selectors
from .handelsetyper import overklagande_typ
from .inmatning import PostBeslut
from .models import (
    ADVERSA,
    BEVILJANDE,
    Andringsanledning,
    Andringsgrund,
    Avvisningsgrund,
    Beslut,
    Beslutsbrev,
    Beslutsmanad,
    Beslutstyp,
    Overklagande,
    Samrad,
)
from .pdf import brev_lagrum, rendera_beslutsbrev, rendera_overlamnande

OS = Overklagande.Status

# docs/arkitektur.md: Flöde — the appeal's state machine. Nothing else is possible.
OVERKLAGANDE_OVERGANGAR: dict[str, frozenset[str]] = {
    OS.INKOMMEN: frozenset({OS.RATTIDSPROVAD, OS.ATERKALLAD}),
    OS.RATTIDSPROVAD: frozenset({OS.AVVISAD, OS.OMPROVAD, OS.ATERKALLAD}),
    OS.OMPROVAD: frozenset({OS.OVERLAMNAD, OS.ATERKALLAD}),
    OS.OVERLAMNAD: frozenset({OS.AVGJORD}),
    OS.AVVISAD: frozenset(),
    OS.ATERKALLAD: frozenset(),
    OS.AVGJORD: frozenset(),
}

SAMRADSROLLER = (Roll.ENHETSCHEF, Roll.FORSTE)


class BeslutNekat(ValidationError):
    """The decision may not be made now; the message says why, in Swedish."""


def _falt(pb: PostBeslut, namn: str) -> str:
    """The form field a message belongs to: the decision form prefixes fields by post."""
    return f"p{pb.post.pk}-{namn}"


def _kontrollera_post(
    pb: PostBeslut, idag: datetime.date, beraknat: Decimal | None
) -> tuple[dict[str, str], Lagrum | None]:
    """One post's own rules: what the outcome means and its period (docs/regler.md, Beslut och
    beslutsbrev; FL 32 §: reasons for a decision that goes against the party)."""
    fel: dict[str, str] = {}
    lagrum = None
    if pb.utfall not in Utfall.values:
        fel[_falt(pb, "utfall")] = "Välj bifall, delvis bifall, avslag eller avvisning."
        return fel, None
    if pb.avvisningsgrund and pb.avvisningsgrund not in Avvisningsgrund.values:
        fel[_falt(pb, "avvisningsgrund")] = "Välj grunden för avvisningen."
    if pb.utfall != Utfall.AVVISNING:
        pb.avvisningsgrund = ""
    for namn, text in regler.utfall_fel(
        utfall=pb.utfall,
        belopp=pb.belopp,
        sokt=pb.post.belopp,
        beraknat=beraknat,
        motivering=pb.motivering,
        avvisningsgrund=pb.avvisningsgrund,
    ).items():
        fel.setdefault(_falt(pb, namn), text)
    for namn, text in regler.period_fel(
        lopande=pb.post.posttyp.lopande,
        utfall=pb.utfall,
        fran=pb.period_fran,
        till=pb.period_till,
        skal=pb.period_skal,
    ).items():
        fel.setdefault(_falt(pb, namn), text)
    if pb.brist_pa_underlag and pb.utfall != Utfall.AVSLAG:
        fel[_falt(pb, "brist_pa_underlag")] = "Brist på underlag kan bara vara skäl för avslag."
    if bool(pb.radrum) != bool(pb.radrum_slut):
        fel[_falt(pb, "radrum_slut")] = "Ange både vilket rådrum och när det slutar."
    try:
        lagrum = lagrum_rad(pb.lagrum_kod, idag)
    except LookupError:
        fel[_falt(pb, "lagrum")] = "Välj det lagrum beslutet grundar sig på."
    return fel, lagrum


def _kontrollera_delegation(av: User, pb: PostBeslut, idag: datetime.date) -> None:
    """docs/regler.md: Delegation — a user may only make the kinds of decisions, and amounts, that
    the delegationsordning gives one of their roles."""
    belopp = selectors.delegationsbelopp(pb.utfall, pb.belopp, pb.post)
    pb.delegation = selectors.delegation_for(av, pb.utfall, pb.post.posttyp_id, belopp, idag)
    if pb.delegation is not None:
        return
    vem = selectors.vem_far_besluta(pb.utfall, pb.post.posttyp_id, belopp, idag)
    raise BeslutNekat(
        f"Du har inte delegation att besluta om {pb.post.posttyp.namn.lower()} "
        f"({selectors.utfall_namn(pb.utfall).lower()}, {regler.kr(belopp)}). "
        f"Beslutet kan fattas av: {vem or 'ingen roll – kontrollera delegationsordningen'}."
    )


def _kontrollera_samrad(
    av: User, pb: PostBeslut, idag: datetime.date, beraknat: Decimal | None
) -> dict[str, str]:
    """docs/regler.md, Beslut och beslutsbrev: an avsteg is detected, not declared — more than
    the calculation or the riktlinje level, or a post the riktlinjer do not grant. It needs a
    samråd approved by the Enhet's enhetschef or förste socialsekreterare who is neither the
    asker nor the decider, valid at most six months. A rejected samråd cannot be bypassed.
    Returns errors for the amount field; sets `pb.avsteg` and `pb.samrad`."""
    niva = selectors.riktlinjeniva(pb.post.posttyp_id, idag)
    funnet = regler.avsteg(utfall=pb.utfall, belopp=pb.belopp, beraknat=beraknat, niva=niva)
    pb.avsteg = funnet is not None
    if funnet is None:
        pb.samrad = None
        return {}
    _, varfor = funnet
    falt = _falt(pb, "belopp")
    s = selectors.senaste_samrad(pb.post)
    if s is None:
        return {
            falt: f"Beslutet är ett avsteg: {varfor} Ett avsteg kräver samråd med enhetschef "
            "eller förste socialsekreterare innan beslutet fattas. Begär samråd, eller ändra "
            "beloppet."
        }
    if s.status == Samrad.Status.AVSLAGEN:
        kommentar = f" ({s.kommentar})" if s.kommentar else ""
        return {
            falt: f"Beslutet är ett avsteg: {varfor} Samrådet om avsteget godkändes inte"
            f"{kommentar}. Beslutet kan inte fattas med det beloppet."
        }
    if s.status != Samrad.Status.GODKAND:
        return {
            falt: f"Beslutet är ett avsteg: {varfor} Samrådet väntar på svar från enhetschef "
            "eller förste socialsekreterare."
        }
    if av.pk in (s.besvarad_av_id,):
        return {falt: "Den som godkänt samrådet kan inte själv fatta beslutet."}
    if s.giltig_till is None or idag > s.giltig_till or (s.giltig_fran and idag < s.giltig_fran):
        return {
            falt: f"Samrådet om avsteg gällde till och med {s.giltig_till:%Y-%m-%d}. "
            "Ett nytt samråd behövs."
        }
    if pb.period_till and pb.period_till > s.giltig_till:
        return {
            _falt(pb, "period_till"): f"Avsteget gäller bara till och med "
            f"{s.giltig_till:%Y-%m-%d}. Korta perioden eller begär ett nytt samråd."
        }
    pb.samrad = s
    return {}


def _kontrollera_foregaende(
    pb: PostBeslut, akt_id: int
) -> tuple[dict[str, str], list[datetime.date]]:
    """docs/regler.md, Beslut och beslutsbrev: one standing decision per löpande post and
    month. A later decision for a decided month becomes a tillägg naming the earlier decision
    (chosen automatically when the decider chose nothing); an ändringsbeslut names the decision
    it replaces (FL 37–38 §§), and a change to the party's disadvantage cites its FL 37 §
    ground. Returns errors and the months the decision will stand for."""
    fel: dict[str, str] = {}
    post = pb.post
    lopande = post.posttyp.lopande
    manader = (
        regler.manader_i_period(pb.period_fran, pb.period_till or pb.period_fran)
        if lopande and pb.period_fran and pb.utfall != Utfall.AVVISNING
        else []
    )
    if pb.andrar is not None:
        pb.typ = Beslutstyp.ANDRING
        gammalt = pb.andrar
        if gammalt.andrad_genom.exists():
            fel[_falt(pb, "utfall")] = "Beslutet har redan ersatts av ett senare ändringsbeslut."
        if regler.till_nackdel(
            gammalt_utfall=gammalt.utfall,
            gammalt_belopp=gammalt.belopp,
            nytt_utfall=pb.utfall,
            nytt_belopp=pb.belopp,
        ):
            if pb.andringsgrund not in Andringsgrund.values:
                fel[_falt(pb, "andringsgrund")] = (
                    "Ändringen är till nackdel för den sökande. Det får bara ske av de skäl som "
                    "står i 37 § förvaltningslagen – välj skälet."
                )
        else:
            pb.andringsgrund = ""
        return fel, manader
    staende = selectors.staende_beslut(akt_id, post.posttyp_id, manader) if manader else []
    if pb.tillagg_till is not None or (pb.typ is None and staende):
        pb.typ = Beslutstyp.TILLAGG
        pb.tillagg_till = pb.tillagg_till or staende[0]
        if not lopande:
            fel[_falt(pb, "utfall")] = "Tillägg görs bara till beslut om löpande poster."
        return fel, []
    pb.typ = pb.typ or Beslutstyp.BESLUT
    if staende:
        namn = selectors.beslut_beskrivning(staende[0])
        fel[_falt(pb, "utfall")] = (
            f"{post.posttyp.namn} för {staende[0].period_fran:%Y-%m} har redan ett gällande "
            f"beslut ({namn}). Fatta beslutet som ett tillägg till det, eller ändra det "
            "beslutet."
        )
    return fel, manader


def _kontrollera_frister(ansokan: Ansokan, poster: list[PostBeslut], idag: datetime.date) -> None:
    """docs/regler.md: Komplettering — avslag for lack of underlag only after the komplettering
    deadline has passed. FL 25 §: no adverse decision while a kommunicering reply date has not
    passed unanswered."""
    if any(pb.brist_pa_underlag for pb in poster):
        oppen = ansokan.kompletteringar.filter(besvarad__isnull=True, senast__gte=idag).first()
        if oppen is not None:
            raise BeslutNekat(
                f"Avslag för att underlag saknas kan inte beslutas förrän fristen för "
                f"kompletteringen ”{oppen.vad}” har gått ut ({oppen.senast:%Y-%m-%d})."
            )
    if any(pb.utfall in ADVERSA for pb in poster):
        vantar = kommunicering_vantar_svar(ansokan, idag)
        if vantar:
            raise BeslutNekat(
                "Beslutet går emot den sökande och kan inte fattas innan den sökande har svarat "
                "på kommuniceringen eller svarstiden har gått ut "
                f"({vantar[0].svara_senast:%Y-%m-%d}) (25 § förvaltningslagen)."
            )


def _synka_forslag(ansokan: Ansokan, av: User, poster: list[PostBeslut]):
    """Bring the förslag in line with what is decided, so the barnkonsekvens guard judges the
    decision actually made (docs/regler.md: Barnkonsekvensanalys — an adverse decision can trigger
    the analysis). Runs inside the decision's transaction, so a refused decision leaves the förslag
    as it was."""
    utredning = utredning_services.utredning_starta(ansokan=ansokan, av=av)
    forslag = {}
    for pb in poster:
        befintligt = ForslagPost.objects.filter(post=pb.post).first()
        samma = befintligt is not None and (
            befintligt.utfall == pb.utfall
            and befintligt.radrum == (pb.radrum or "")
            and befintligt.brist_pa_underlag == pb.brist_pa_underlag
        )
        if not samma:
            befintligt = utredning_services.forslag_spara(
                utredning=utredning,
                post=pb.post,
                utfall=pb.utfall,
                av=av,
                belopp=pb.belopp,
                motivering=pb.motivering,
                brist_pa_underlag=pb.brist_pa_underlag,
                radrum=pb.radrum,
                radrum_slut=pb.radrum_slut,
                berakning=befintligt.berakning if befintligt else None,
            )
        forslag[pb.post.pk] = befintligt
    return forslag


def _barnkonsekvens(ansokan: Ansokan) -> None:
    """docs/regler.md: Barnkonsekvensanalys — no decision
    while a required barnkonsekvensanalys is missing or unsigned. The guard is barnkonsekvens' own
    rule; this service only obeys it."""
    besked = barnkonsekvens_vakt(ansokan=ansokan)
    if not besked.uppfyllt:
        raise BeslutNekat(
            "Beslutet kan inte fattas: en barnkonsekvensanalys krävs och är inte klar och "
            "signerad. " + " ".join(besked.skal)
        )


@ett_inskick("beslut", modell=Beslutsbrev)  # one letter per sent form (docs/regler.md)
@transaction.atomic
def beslut_fatta(
    *,
    ansokan: Ansokan,
    av: User,
    poster: list[PostBeslut],
    idag: datetime.date | None = None,
) -> Beslutsbrev:
    """Decide one or more requested posts in one letter.

    Checks, in order: each post's own rules (what the outcome means, the period, lagrum), the
    standing decisions for the months (tillägg, ändringsbeslut), delegation, avsteg and its
    samråd, komplettering and kommunicering deadlines, and the barnkonsekvens guard. Then
    writes the Beslut rows, their months (the database refuses a second standing decision, also
    when two are made at the same moment) and the letter, and refuses before commit a letter
    that would cite an unverified Lagrum. Then registers rådrum bevakningar, moves the ansökan
    to `beslutad` when every requested post has a beslut, and enqueues the rendering.
    """
    skrivratt_krav(av, ansokan.akt_id)
    idag = idag or timezone.localdate()
    if not poster:
        raise BeslutNekat("Välj minst en post att besluta om.")
    last = Ansokan.objects.select_for_update().get(pk=ansokan.pk)
    omprovning = all(pb.andrar is not None for pb in poster)
    if not omprovning and last.status != Status.UNDER_UTREDNING:
        raise BeslutNekat("Beslut kan bara fattas i en ansökan som är under utredning.")
    fel: dict[str, str] = {}
    lagrum: dict[int, Lagrum] = {}
    beraknat: dict[int, Decimal | None] = {}
    manader: dict[int, list[datetime.date]] = {}
    for pb in poster:
        if pb.post.ansokan_id != ansokan.pk:
            raise BeslutNekat("Posten hör inte till den här ansökan.")
        if pb.andrar is None and selectors.gallande_beslut(pb.post) is not None:
            fel[_falt(pb, "utfall")] = "Posten har redan ett beslut."
        tidigare = pb.andrar or pb.tillagg_till
        if tidigare is not None and pb.period_fran is None:
            pb.period_fran, pb.period_till = tidigare.period_fran, tidigare.period_till
            pb.period_skal = pb.period_skal or tidigare.period_skal
        beraknat[pb.post.pk] = selectors.beraknat_belopp(pb.post)
        postfel, rad = _kontrollera_post(pb, idag, beraknat[pb.post.pk])
        for nyckel, text in postfel.items():
            fel.setdefault(nyckel, text)
        if rad is not None:
            lagrum[pb.post.pk] = rad
        if not postfel:
            foregaende, manader[pb.post.pk] = _kontrollera_foregaende(pb, last.akt_id)
            for nyckel, text in foregaende.items():
                fel.setdefault(nyckel, text)
            for nyckel, text in _kontrollera_samrad(av, pb, idag, beraknat[pb.post.pk]).items():
                fel.setdefault(nyckel, text)
    if fel:
        raise ValidationError(fel)
    for pb in poster:
        _kontrollera_delegation(av, pb, idag)
    _kontrollera_frister(last, poster, idag)
    forslag = _synka_forslag(last, av, poster)
    _barnkonsekvens(last)

    brev = Beslutsbrev.objects.create(ansokan=last, beslutsdatum=idag, fattat_av=av)
    for pb in poster:
        fp = forslag.get(pb.post.pk)
        beslut = Beslut.objects.create(
            brev=brev,
            post=pb.post,
            forslag=fp,
            berakning=fp.berakning if fp else None,
            utfall=pb.utfall,
            belopp=pb.belopp if pb.utfall in BEVILJANDE else None,
            beraknat_belopp=beraknat[pb.post.pk],
            lagrum=lagrum[pb.post.pk],
            period_fran=pb.period_fran,
            period_till=pb.period_till if pb.post.posttyp.lopande else None,
            period_skal=pb.period_skal.strip(),
            motivering=pb.motivering.strip(),
            brist_pa_underlag=pb.brist_pa_underlag,
            radrum=pb.radrum or "",
            radrum_slut=pb.radrum_slut,
            samrad=pb.samrad,
            avsteg=pb.avsteg,
            andrar=pb.andrar,
            typ=pb.typ or Beslutstyp.BESLUT,
            tillagg_till=pb.tillagg_till,
            andringsgrund=pb.andringsgrund,
            andringsanledning=pb.andringsanledning if pb.andrar is not None else "",
            avvisningsgrund=pb.avvisningsgrund,
            delegation=pb.delegation,
        )
        _manader_registrera(pb, beslut, last.akt_id, manader.get(pb.post.pk, []))
        handelse_registrera(
            typ="beslut.fattat",
            akt=last.akt,
            ansokan=last,
            objekt=beslut,
            av=av,
            text=_beslut_text(beslut),
            data={
                "post": pb.post.posttyp.kod,
                "utfall": beslut.utfall,
                "belopp": str(beslut.belopp) if beslut.belopp is not None else None,
                "lagrum": beslut.lagrum.text if beslut.lagrum_id else "",
                "andrar": pb.andrar.pk if pb.andrar else None,
                "slag": beslut.typ,
                "tillagg_till": pb.tillagg_till.pk if pb.tillagg_till else None,
                "avsteg": beslut.avsteg,
            },
        )
        if pb.radrum:
            bevakning_skapa(
                typ="radrum",
                akt=last.akt,
                forfaller=pb.radrum_slut,
                objekt=beslut,
                agare=av,
                beskrivning=f"Rådrummet för {pb.post.posttyp.namn.lower()} slutar",
            )
    _kontrollera_brevets_lagrum(brev, poster)
    if not omprovning and selectors.alla_poster_beslutade(last):
        ansokan_overgang(
            ansokan=last,
            till=Status.BESLUTAD,
            av=av,
            motivering=selectors.beslut_sammanfattning(brev),
            lagrum="; ".join(sorted({r.text for r in lagrum.values()})),
        )
        ansokan.refresh_from_db(fields=["status"])
    hooks.efter_beslut(brev=brev, av=av)
    _koa_rendering(brev)
    return brev


# FL 37 § första stycket: why the nämnd changes its own decision.
ANDRING_ANLEDNINGAR = dict(Andringsanledning.choices)


@transaction.atomic
def beslut_andra(
    *,
    beslut: Beslut,
    av: User,
    nytt: PostBeslut,
    anledning: str,
    idag: datetime.date | None = None,
) -> Beslutsbrev:
    """An ändringsbeslut on the nämnd's own initiative (FL 37 §: the decision is wrong because
    of new circumstances or for another reason; FL 38 §): the new decision replaces `beslut`,
    which stays on record and no longer stands. `beslut_fatta` checks everything a decision
    needs (delegation, avsteg and samråd, the FL 37 § 2 st. ground for a change to the
    applicant's disadvantage) and writes the new letter; the change itself, and why, is an
    event on the replaced decision in the case history."""
    idag = idag or timezone.localdate()
    if beslut.post_id is None:
        raise BeslutNekat("Bara ett beslut om en sökt post kan ändras här.")
    nytt.post = beslut.post
    nytt.andrar = beslut
    if anledning not in ANDRING_ANLEDNINGAR:
        raise ValidationError({_falt(nytt, "anledning"): "Välj varför beslutet ändras."})
    nytt.andringsanledning = anledning
    ansokan = beslut.brev.ansokan
    brev = beslut_fatta(ansokan=ansokan, av=av, poster=[nytt], idag=idag)
    ny = brev.beslut.get()
    handelse_registrera(
        typ="beslut.andrat",
        akt=ansokan.akt,
        ansokan=ansokan,
        objekt=beslut,
        av=av,
        text=f"{_beslut_text(beslut)} – ändrat på nämndens initiativ "
        f"({ANDRING_ANLEDNINGAR[anledning]}). Nytt beslut: {_beslut_text(ny)}",
        data={
            "andrat_genom": ny.pk,
            "anledning": anledning,
            "andringsgrund": ny.andringsgrund,
            "lagrum": lagrum_rad("fl-andring-forsta-instans", idag).text,
        },
    )
    return brev


def _manader_registrera(
    pb: PostBeslut, beslut: Beslut, akt_id: int, manader: list[datetime.date]
) -> None:
    """The months the decision stands for; an ändringsbeslut takes them over from the decision
    it replaces, which stays on record but no longer stands (FL 37–38 §§). The partial unique
    constraint refuses a second standing decision; that refusal comes back as a message."""
    if pb.andrar is not None:
        Beslutsmanad.objects.filter(beslut=pb.andrar, star_fast=True).update(star_fast=False)
    if not manader:
        return
    try:
        with transaction.atomic():
            Beslutsmanad.objects.bulk_create(
                Beslutsmanad(
                    beslut=beslut, akt_id=akt_id, posttyp_id=pb.post.posttyp_id, manad=manad
                )
                for manad in manader
            )
    except IntegrityError:
        raise ValidationError(
            {
                _falt(pb, "utfall"): (
                    f"{pb.post.posttyp.namn} för {manader[0]:%Y-%m} fick just ett beslut av "
                    "någon annan. Ladda om sidan: beslutet blir då ett tillägg till det."
                )
            }
        ) from None


def _kontrollera_brevets_lagrum(brev: Beslutsbrev, poster: list[PostBeslut]) -> None:
    """docs/regler.md, Beslut och beslutsbrev: a letter cites only verified law. Runs inside
    the decision's transaction, so a refusal leaves nothing behind (and the form keeps what was
    typed); the message names the reference."""
    per_kod = {pb.lagrum_kod: pb for pb in poster}
    fel: dict[str, list[str]] = {}
    for rad in brev_lagrum(brev):
        if rad.verifierad:
            continue
        text = (
            f"Beslutsbrevet skulle hänvisa till ”{rad.text}”, som inte är verifierat i "
            "lagrumstabellen. Välj ett annat lagrum eller be administratören kontrollera det."
        )
        pb = per_kod.get(rad.kod)
        nyckel = _falt(pb, "lagrum") if pb else "__all__"
        fel.setdefault(nyckel, []).append(text)
    if fel:
        raise ValidationError(fel)


class _Forhandsgranskning(Exception):
    """Carries the draft PDF out of the transaction that is rolled back."""

    def __init__(self, data: bytes) -> None:
        self.data = data


def beslut_forhandsgranska(
    *,
    ansokan: Ansokan,
    av: User,
    poster: list[PostBeslut],
    idag: datetime.date | None = None,
) -> bytes:
    """The letter exactly as `beslut_fatta` would make it, marked "Utkast", before the decision
    is signed: the decision is made with every check inside a transaction, rendered, and rolled
    back, so nothing is stored and nothing is sent. Refusals come back as for the decision."""
    try:
        with transaction.atomic():
            brev = beslut_fatta(ansokan=ansokan, av=av, poster=poster, idag=idag)
            try:
                data = rendera_beslutsbrev(brev, utkast=True)
            except OSError:
                data = b""
            raise _Forhandsgranskning(data)
    except _Forhandsgranskning as utkast:
        if not utkast.data:
            raise BeslutNekat(
                "Utkastet kunde inte skapas just nu (PDF-motorn saknas). Försök igen senare."
            ) from None
        return utkast.data


def _beslut_text(beslut: Beslut) -> str:
    """The event line: "Hyra: tillägg, bifall 1 500 kr, 2026-12-01 – 2026-12-31"."""
    vad = beslut.post.posttyp.namn if beslut.post_id else "Beslut"
    slag = "" if beslut.typ == Beslutstyp.BESLUT else f"{beslut.get_typ_display().lower()}, "
    text = f"{vad}: {slag}{beslut.get_utfall_display().lower()}"
    if beslut.belopp is not None:
        text += f" {regler.kr(beslut.belopp)}"
    if beslut.period_fran:
        text += f", {beslut.period_fran:%Y-%m-%d}"
        if beslut.period_till:
            text += f" – {beslut.period_till:%Y-%m-%d}"
    return text


def _koa_rendering(brev: Beslutsbrev) -> None:
    # Import cycle: beslut.tasks imports this module at the top.
    from .tasks import rendera_beslutsbrev

    koa_efter_commit(rendera_beslutsbrev, brev.pk)


# ---- samråd about avsteg ---------------------------------------------------------------------


def samrad_begar(
    *,
    ansokan: Ansokan,
    post: AnsokanPost,
    av: User,
    avser: str,
    skal: str,
    avsnitt=None,
) -> Samrad:
    """docs/regler.md: Bakgrund; docs/regler.md: Avsteg — an avsteg creates a samråd request to the
    Enhet's enhetschef and förste socialsekreterare. Idempotent per post while a request is
    waiting."""
    skrivratt_krav(av, ansokan.akt_id)
    if post.ansokan_id != ansokan.pk:
        raise ValidationError({"post": "Posten hör inte till den här ansökan."})
    if not skal.strip():
        raise ValidationError({"avsteg_skal": "Skriv varför beslutet avviker från riktlinjerna."})
    if avser not in Samrad.Avser.values:
        raise ValidationError({"avsteg_avser": "Välj vad avsteget gäller."})
    with transaction.atomic():
        befintlig = Samrad.objects.filter(post=post, status=Samrad.Status.BEGARD).first()
        if befintlig:
            befintlig.skal, befintlig.avser, befintlig.avsnitt = skal.strip(), avser, avsnitt
            befintlig.save(update_fields=["skal", "avser", "avsnitt"])
            return befintlig
        samrad = Samrad.objects.create(
            ansokan=ansokan,
            post=post,
            avser=avser,
            skal=skal.strip(),
            avsnitt=avsnitt,
            begard_av=av,
        )

        handelse_registrera(
            typ="samrad.begart",
            akt=ansokan.akt,
            ansokan=ansokan,
            objekt=samrad,
            av=av,
            text=f"{post.posttyp.namn}: {skal.strip()[:200]}",
        )
        for mottagare in selectors.samradsgivare(ansokan.akt.enhet_id).exclude(pk=av.pk):
            Notis.objects.create(
                mottagare=mottagare,
                text=f"Samråd om avsteg begärt i ansökan {ansokan.referens}",
                lank=f"/samrad/{samrad.pk}/",
            )
    return samrad


def samrad_besvara(
    *,
    samrad: Samrad,
    av: User,
    godkand: bool,
    kommentar: str = "",
    idag: datetime.date | None = None,
) -> Samrad:
    """Approve or reject a samråd (docs/regler.md: Bakgrund): only an enhetschef or förste
    socialsekreterare of the Akt's Enhet, never the one who asked. An approval lasts at most
    `avsteg-max-manader` months; a bevakning reminds `avsteg-paminnelse-dagar` days before it
    ends."""
    skrivratt_krav(av, samrad.ansokan.akt_id)
    idag = idag or timezone.localdate()
    akt = samrad.ansokan.akt
    if not har_roll(av, *SAMRADSROLLER) or av.enhet_id != akt.enhet_id:
        raise BeslutNekat(
            "Bara enhetschef eller förste socialsekreterare på enheten kan svara på samråd."
        )
    if av.pk == samrad.begard_av_id:
        raise BeslutNekat("Den som begärt samrådet kan inte själv godkänna det.")
    if not godkand and not kommentar.strip():
        raise ValidationError({"kommentar": "Skriv varför avsteget inte godkänns."})
    with transaction.atomic():
        # Locked and read again: of two managers answering at once, the second is told that
        # it is already answered instead of both being told "sparat".
        las = Samrad.objects.select_for_update().filter(pk=samrad.pk)
        if las.values_list("status", flat=True).get() != Samrad.Status.BEGARD:
            raise BeslutNekat("Samrådet är redan besvarat.")
        samrad.status = Samrad.Status.GODKAND if godkand else Samrad.Status.AVSLAGEN
        samrad.besvarad_av = av
        samrad.besvarad = timezone.now()
        samrad.kommentar = kommentar.strip()
        if godkand:
            manader = int(parameter_varde("avsteg-max-manader", idag))
            samrad.giltig_fran = idag
            samrad.giltig_till = regler.avsteg_giltigt_till(idag, manader)
            paminn = int(parameter_varde("avsteg-paminnelse-dagar", idag))
            bevakning_skapa(
                typ="avsteg",
                akt=akt,
                forfaller=samrad.giltig_till - datetime.timedelta(days=paminn),
                objekt=samrad,
                agare=samrad.begard_av,
                beskrivning=f"Avsteget upphör {samrad.giltig_till:%Y-%m-%d}; nytt samråd behövs",
            )
        samrad.save()

        svar = "godkänt" if godkand else "inte godkänt"
        Notis.objects.create(
            mottagare=samrad.begard_av,
            text=f"Samrådet om avsteg i ansökan {samrad.ansokan.referens} är {svar}",
            lank=f"/ansokningar/{samrad.ansokan_id}/beslut/",
        )
        handelse_registrera(
            typ="samrad.besvarat",
            akt=akt,
            ansokan=samrad.ansokan,
            objekt=samrad,
            av=av,
            text=("Avsteget godkänt" if godkand else "Avsteget inte godkänt")
            + (f": {kommentar.strip()[:200]}" if kommentar.strip() else ""),
            data={"godkand": godkand},
        )
    return samrad


# ---- the letter ------------------------------------------------------------------------------


def _lagra_pdf(data: bytes, mapp: str) -> tuple[str, str]:
    relativ = f"{mapp}/{uuid.uuid4().hex}.pdf"
    mal = Path(settings.FILE_STORAGE_DIR) / relativ
    mal.parent.mkdir(parents=True, exist_ok=True)
    with mal.open("xb") as ut:
        ut.write(data)
    return relativ, hashlib.sha256(data).hexdigest()


def beslutsbrev_rendera(*, brev_id: int, idag: datetime.date | None = None) -> Beslutsbrev:
    """Render the letter to PDF/A once, store it with its SHA-256 and publish it to the
    applicant (docs/regler.md: Beslut och beslutsbrev). Idempotent: a rendered letter is returned
    unchanged."""
    idag = idag or timezone.localdate()
    brev = Beslutsbrev.objects.select_related("ansokan__akt__enhet__namnd", "ansokan__sokande").get(
        pk=brev_id
    )
    if brev.sha256:
        return brev
    data = rendera_beslutsbrev(brev)
    sokvag, summa = _lagra_pdf(data, "beslut")
    with transaction.atomic():
        andrade = Beslutsbrev.objects.filter(pk=brev.pk, sha256="").update(
            sokvag=sokvag, sha256=summa, renderad=timezone.now(), skickad=idag
        )
        if andrade:
            avisering_skapa(ansokan=brev.ansokan, typ="beslut", nyckel=f"beslutsbrev-{brev.pk}")
    brev.refresh_from_db()
    return brev


def _satt_delgiven(brev: Beslutsbrev, dag: datetime.date) -> int:
    """Record delgivning on every decision of the letter and watch the besvärstid (FL 44 §)."""
    dagar = 7 * selectors.overklagandetid_veckor(dag)
    slut = regler.besvarstid_slut(dag, dagar)
    antal = 0
    for beslut in brev.beslut.filter(delgiven__isnull=True).select_related("brev__ansokan__akt"):
        beslut.delgiven = dag
        beslut.besvarstid_slut = slut
        beslut.save(update_fields=["delgiven", "besvarstid_slut"])
        handelse_registrera(
            typ="beslut.delgivet",
            akt=brev.ansokan.akt,
            ansokan=brev.ansokan,
            objekt=beslut,
            text=f"{_beslut_text(beslut)} – delgivet {dag:%Y-%m-%d}",
            data={"delgiven": dag.isoformat(), "besvarstid_slut": slut.isoformat()},
        )
        if beslut.ar_negativt:
            bevakning_skapa(
                typ="besvarstid",
                akt=brev.ansokan.akt,
                forfaller=slut,
                objekt=beslut,
                beskrivning="Tiden för överklagande går ut",
            )
        antal += 1
    return antal


@transaction.atomic
def beslutsbrev_oppnat(*, brev: Beslutsbrev, idag: datetime.date | None = None) -> Beslutsbrev:
    """The applicant opened the letter in the e-tjänst: delgivning is the earlier of that day and
    the presumed delivery (docs/regler.md: Beslut och beslutsbrev). Only the first opening
    counts."""
    idag = idag or timezone.localdate()
    if brev.oppnad is None and brev.skickad is not None:
        Beslutsbrev.objects.filter(pk=brev.pk, oppnad__isnull=True).update(oppnad=idag)
        brev.oppnad = idag
        dagar = int(parameter_varde("delgivning-presumerad-dagar", idag))
        _satt_delgiven(brev, regler.delgivningsdag(skickad=brev.skickad, oppnad=idag, dagar=dagar))
    return brev


def delgivning_presumera(*, idag: datetime.date) -> int:
    """Periodic: a letter not opened in the e-tjänst counts as delivered `dagar` after it was
    sent (docs/regler.md: Beslut och beslutsbrev). Catches up: looks at everything due up to
    today."""
    antal = 0
    for brev in Beslutsbrev.objects.filter(
        skickad__isnull=False, beslut__delgiven__isnull=True
    ).distinct():
        dagar = int(parameter_varde("delgivning-presumerad-dagar", brev.skickad))
        dag = regler.delgivningsdag(skickad=brev.skickad, oppnad=brev.oppnad, dagar=dagar)
        if dag <= idag:
            with transaction.atomic():
                antal += _satt_delgiven(brev, dag)
    return antal


def laga_kraft_markera(*, idag: datetime.date) -> int:
    """Periodic: a decision not appealed within the besvärstid becomes laga kraft the day after
    (docs/arkitektur.md: Flöde). A late appeal (avvisad) does not stop it. Idempotent."""
    antal = 0
    kandidater = Beslut.objects.filter(laga_kraft__isnull=True, besvarstid_slut__lt=idag).exclude(
        overklaganden__in=Overklagande.objects.exclude(status__in=[OS.AVVISAD, OS.ATERKALLAD])
    )
    for beslut in kandidater:
        with transaction.atomic():
            beslut.laga_kraft = beslut.besvarstid_slut + datetime.timedelta(days=1)
            beslut.save(update_fields=["laga_kraft"])
            ansokan = beslut.brev.ansokan
            handelse_registrera(
                typ="beslut.laga_kraft",
                akt=ansokan.akt,
                ansokan=ansokan,
                objekt=beslut,
                text=f"{_beslut_text(beslut)} – laga kraft {beslut.laga_kraft:%Y-%m-%d}",
                data={"laga_kraft": beslut.laga_kraft.isoformat()},
            )
            bevakning_uppfyll(typ="besvarstid", objekt=beslut)
        antal += 1
    return antal


# ---- appeals ---------------------------------------------------------------------------------


def overklagande_overgang(
    *,
    overklagande: Overklagande,
    till: str,
    av: User | None,
    text: str = "",
    lagrum: str = "",
) -> Overklagande:
    """Move the appeal to `till` (docs/arkitektur.md: Flöde): checks the table, locks the row and
    writes the timeline event in one transaction."""
    skrivratt_krav(av, overklagande.beslut.brev.ansokan.akt_id)
    with transaction.atomic():
        last = (
            Overklagande.objects.select_for_update(of=("self",))
            .select_related("beslut__brev__ansokan__akt")
            .get(pk=overklagande.pk)
        )
        fran = last.status
        if till not in OVERKLAGANDE_OVERGANGAR.get(fran, ()):
            raise BeslutNekat(
                f"Överklagandet kan inte gå från ”{OS(fran).label}” till ”{OS(till).label}”."
            )
        last.status = till
        last.save(update_fields=["status"])
        _overklagande_handelse(last, fran=fran, av=av, text=text, lagrum=lagrum)
    overklagande.status = till
    return last


def _overklagande_handelse(
    o: Overklagande,
    *,
    fran: str,
    av: User | None,
    av_person: Person | None = None,
    text: str = "",
    lagrum: str = "",
    typ: str = "",
) -> None:
    """The case-history event of an appeal reaching its current state, or of `typ` (docs/
    regler.md: "Händelser i akten")."""
    ansokan = o.beslut.brev.ansokan
    data = {"fran": fran, "till": o.status, "beslut": o.beslut_id}
    if lagrum:
        data["lagrum"] = lagrum
    handelse_registrera(
        typ=typ or overklagande_typ(o.status),
        akt=ansokan.akt,
        ansokan=ansokan,
        objekt=o,
        av=av,
        av_person=av_person,
        text=text,
        data=data,
    )


def overklagande_registrera(
    *,
    beslut: Beslut,
    text: str,
    inkommen: datetime.date,
    av: User | None = None,
    av_person: Person | None = None,
    filer: list | tuple = (),
) -> Overklagande:
    """Register an appeal of one decision (see `overklaganden_registrera`)."""
    skrivratt_krav(av, beslut.brev.ansokan.akt_id)
    return overklaganden_registrera(
        beslut=[beslut], text=text, inkommen=inkommen, av=av, av_person=av_person, filer=filer
    )[0]


def _samma_overklagande(pk: int, *, beslut, **_) -> list:
    """The appeals one sent form made: those of the form's decisions with the first's text and
    received date."""
    forsta = Overklagande.objects.get(pk=pk)
    return list(
        Overklagande.objects.filter(
            inkommen=forsta.inkommen, text=forsta.text, beslut__in=beslut
        ).order_by("pk")
    )


@ett_inskick("overklagande", hitta=_samma_overklagande)  # one per sent form (docs/regler.md)
def overklaganden_registrera(
    *,
    beslut: list[Beslut],
    text: str,
    inkommen: datetime.date,
    av: User | None = None,
    av_person: Person | None = None,
    filer: list | tuple = (),
) -> list[Overklagande]:
    """Register an appeal from the e-tjänst (the applicant) or on paper with its received date
    (FL 43 §): one Overklagande per appealed decision, sharing the text and the attached files
    (checked as the ansökan's attachments are). Registers the rättidsprövning for the next
    working day (FL 45 §; docs/regler.md) and the forwarding one week from arrival (FL 46 §;
    JO), and tells the Akt's handläggare and enhetschef at once."""
    for b in beslut:
        skrivratt_krav(av, b.brev.ansokan.akt_id)
    fel: dict[str, list[str]] = {}
    if not beslut:
        fel["beslut"] = ["Välj minst ett beslut som du vill överklaga."]
    elif any(b.post_id is None and b.brev.typ != Beslutsbrev.Typ.AVGORANDE for b in beslut):
        # A decision on a post, or the refusal of a request for a decision (FL 12 §), which is
        # appealed like any decision.
        fel["beslut"] = ["Välj de beslut som överklagas."]
    elif len({b.brev.ansokan_id for b in beslut}) > 1:
        fel["beslut"] = ["Besluten måste höra till samma ansökan."]
    if not text.strip():
        fel["text"] = ["Skriv vad du vill ändra i beslutet och varför."]
    if inkommen > timezone.localdate():
        fel["inkommen"] = ["Datumet kan inte vara i framtiden."]
    for fil in filer:
        try:
            filkontroll.kontrollera_fil(fil)
        except ValidationError as e:
            fel.setdefault("filer", []).append(f"{fil.name}: {' '.join(e.messages)}")
    if fel:
        raise ValidationError(fel)
    ansokan = beslut[0].brev.ansokan
    akt = ansokan.akt
    dagar = int(parameter_varde("overlamnande-inom-dagar", inkommen))
    skapade = []
    with transaction.atomic():
        bilagor = [
            bilaga_spara(
                ansokan=ansokan,
                fil=fil,
                kategori=Kategori.OVERKLAGANDE,
                av=av,
                av_person=av_person,
            )
            for fil in filer
        ]
        for b in beslut:
            o = Overklagande.objects.create(
                beslut=b,
                akt=akt,
                kanal=Overklagande.Kanal.ETJANST if av_person else Overklagande.Kanal.PAPPER,
                inkommen=inkommen,
                text=text.strip(),
                registrerad_av=av,
                av_person=av_person,
            )
            o.bilagor.set(bilagor)
            _overklagande_handelse(o, fran="", av=av, av_person=av_person)
            bevakning_skapa(
                typ="rattidsprovning",
                akt=akt,
                forfaller=lagg_till_arbetsdagar(inkommen, 1),
                objekt=o,
                beskrivning="Pröva om överklagandet kom in i tid",
            )
            bevakning_skapa(
                typ="overlamnande",
                akt=akt,
                forfaller=regler.overlamnande_senast(inkommen, dagar),
                objekt=o,
                beskrivning="Överklagandet ska vara hos förvaltningsrätten",
            )
            skapade.append(o)
        antal = "ett beslut" if len(skapade) == 1 else f"{len(skapade)} beslut"
        personal_underratta(
            mottagare=akt_ansvariga(akt),
            text=f"Nytt överklagande av {antal} i ansökan {ansokan.referens} (akt "
            f"{akt.aktnummer}). Rättidspröva det senast "
            f"{lagg_till_arbetsdagar(inkommen, 1):%Y-%m-%d}.",
            lank=f"/overklagande/{skapade[0].pk}/",
            amne="nytt överklagande",
        )
    return skapade


def overklagande_rattidsprova(
    *, overklagande: Overklagande, av: User, idag: datetime.date | None = None
) -> Overklagande:
    """FL 45 §: check that the appeal came in within three weeks of delgivning (lag 1930:173
    shift). A late appeal is rejected (avvisning) with its own letter. When delgivning is not
    yet recorded the appeal itself shows the applicant had taken part of the decision by the
    day it came in."""
    skrivratt_krav(av, overklagande.beslut.brev.ansokan.akt_id)
    idag = idag or timezone.localdate()
    beslut = Beslut.objects.select_related("brev__ansokan").get(pk=overklagande.beslut_id)
    delgiven = beslut.delgiven or overklagande.inkommen
    veckor = selectors.overklagandetid_veckor(delgiven)
    dagar = 7 * veckor
    sista = regler.besvarstid_slut(delgiven, dagar)
    rattidig = overklagande.inkommen <= sista
    lag = lagrum_rad("fl-rattidsprovning", idag)
    with transaction.atomic():
        Overklagande.objects.filter(pk=overklagande.pk).update(sista_dag=sista, rattidig=rattidig)
        overklagande.sista_dag, overklagande.rattidig = sista, rattidig
        text = (
            f"Överklagandet kom in {overklagande.inkommen:%Y-%m-%d}; sista dag var "
            f"{sista:%Y-%m-%d}. " + ("Det kom in i tid." if rattidig else "Det kom in för sent.")
        )
        overklagande_overgang(
            overklagande=overklagande, till=OS.RATTIDSPROVAD, av=av, text=text, lagrum=lag.text
        )
        bevakning_uppfyll(typ="rattidsprovning", objekt=overklagande)
        if not rattidig:
            brev = Beslutsbrev.objects.create(
                ansokan=beslut.brev.ansokan,
                typ=Beslutsbrev.Typ.AVVISNING_OVERKLAGANDE,
                beslutsdatum=idag,
                fattat_av=av,
            )
            avvisning = Beslut.objects.create(
                brev=brev,
                utfall="avvisning",
                lagrum=lag,
                motivering=(
                    f"Beslutet delgavs dig {delgiven:%Y-%m-%d}. Ett överklagande ska ha kommit in "
                    f"inom {regler.veckor_i_ord(veckor)}, senast {sista:%Y-%m-%d}. "
                    f"Ditt överklagande kom in {overklagande.inkommen:%Y-%m-%d}, alltså för sent. "
                    "Därför avvisas det."
                ),
            )
            Overklagande.objects.filter(pk=overklagande.pk).update(nytt_beslut=avvisning)
            overklagande_overgang(overklagande=overklagande, till=OS.AVVISAD, av=av, text=text)
            bevakning_uppfyll(typ="overlamnande", objekt=overklagande)
            _koa_rendering(brev)
    overklagande.refresh_from_db()
    return overklagande


def _omprovat_beslut(
    overklagande: Overklagande, *, utfall: str, belopp: Decimal | None, motivering: str
) -> PostBeslut:
    """The new decision of an omprövning that changes the appealed one as asked: a bifall
    (the amount applied for unless another is given) or a delvis bifall of a given amount."""
    gammalt = overklagande.beslut
    if utfall not in BEVILJANDE:
        raise ValidationError({"utfall": "Välj bifall eller delvis bifall när beslutet ändras."})
    if utfall == "delvis_bifall" and belopp is None:
        raise ValidationError({"belopp": "Ange det belopp som beviljas vid delvis bifall."})
    return PostBeslut(
        post=gammalt.post,
        utfall=utfall,
        belopp=belopp if belopp is not None else gammalt.post.belopp,
        lagrum_kod=gammalt.lagrum.kod,
        motivering=motivering,
        period_fran=gammalt.period_fran,
        period_till=gammalt.period_till,
    )


def overklagande_omprova(
    *,
    overklagande: Overklagande,
    av: User,
    andras: bool,
    motivering: str,
    utfall: str = "",
    belopp: Decimal | None = None,
    nytt: PostBeslut | None = None,
    idag: datetime.date | None = None,
) -> Overklagande:
    """FL 38–39 §§: consider changing the decision. If it is changed as the appellant asks, a
    new decision is made (through `beslut_fatta`, with all its checks): either `nytt` in full,
    or the chosen `utfall` and `belopp` on the appealed decision's post, law and period. Either
    way the appeal then waits to be forwarded: after an ändring it is deemed to cover the new
    decision and goes on unless the appellant withdraws it (FL 46 § 2 st.; FL 39 § does not
    make it lapse)."""
    skrivratt_krav(av, overklagande.beslut.brev.ansokan.akt_id)
    if overklagande.status != OS.RATTIDSPROVAD or not overklagande.rattidig:
        raise BeslutNekat("Bara ett överklagande som kommit in i tid kan omprövas.")
    if not motivering.strip():
        raise ValidationError({"motivering": "Skriv nämndens bedömning vid omprövningen."})
    if andras and overklagande.beslut.post_id is None:
        raise BeslutNekat(
            "Ett avslag på begäran om avgörande ändras genom att ärendet avgörs: fatta beslut i "
            "ansökan. Annars lämnas överklagandet över till förvaltningsrätten."
        )
    if andras and nytt is None:
        nytt = _omprovat_beslut(overklagande, utfall=utfall, belopp=belopp, motivering=motivering)
    with transaction.atomic():
        Overklagande.objects.filter(pk=overklagande.pk).update(
            omprovning_motivering=motivering.strip()
        )
        overklagande_overgang(
            overklagande=overklagande,
            till=OS.OMPROVAD,
            av=av,
            text="Beslutet ändras som den sökande begär." if andras else "Beslutet ändras inte.",
            lagrum=lagrum_rad("fl-andring", timezone.localdate()).text,
        )
        if andras:
            if nytt is None:
                raise ValidationError({"utfall": "Ange det nya beslutet."})
            nytt.andrar = overklagande.beslut
            nytt.post = overklagande.beslut.post
            brev = beslut_fatta(
                ansokan=overklagande.beslut.brev.ansokan, av=av, poster=[nytt], idag=idag
            )
            ny = brev.beslut.get()
            Overklagande.objects.filter(pk=overklagande.pk).update(nytt_beslut=ny)
            overklagande.refresh_from_db()
            _overklagande_handelse(
                overklagande,
                fran=OS.OMPROVAD,
                av=av,
                text="Överklagandet gäller nu det nya beslutet och lämnas över till "
                "förvaltningsrätten om den sökande inte återkallar det.",
                lagrum=lagrum_rad("fl-overklagande-nytt-beslut", timezone.localdate()).text,
                typ="overklagande.galler_nytt_beslut",
            )
    overklagande.refresh_from_db()
    return overklagande


def overklagande_aterkalla(
    *,
    overklagande: Overklagande,
    av: User | None = None,
    av_person: Person | None = None,
    text: str = "",
) -> Overklagande:
    """The appellant withdraws the appeal, in the e-tjänst or by any channel registered by
    staff; only before it is forwarded (after that the court handles a withdrawal). The
    decision then stands and its besvärstid runs as before (FL 46 § 2 st.; docs/regler.md:
    återkallat överklagande)."""
    skrivratt_krav(av, overklagande.beslut.brev.ansokan.akt_id)
    if (av is None) == (av_person is None):
        raise ValueError("Ange antingen handläggare eller den som överklagat.")
    if overklagande.status not in (OS.INKOMMEN, OS.RATTIDSPROVAD, OS.OMPROVAD):
        raise BeslutNekat(
            "Överklagandet kan inte återkallas här: det är redan "
            f"{OS(overklagande.status).label.lower()}. Kontakta förvaltningsrätten."
        )
    if av_person is not None and overklagande.av_person_id not in (None, av_person.pk):
        raise BeslutNekat("Bara den som överklagat kan återkalla överklagandet.")
    if av is not None and not text.strip():
        raise ValidationError({"text": "Skriv hur och när den sökande återkallade överklagandet."})
    vem = "av den sökande i e-tjänsten" if av_person else "av den sökande, registrerat av personal"
    with transaction.atomic():
        overklagande_overgang(
            overklagande=overklagande,
            till=OS.ATERKALLAD,
            av=av,
            text=f"Överklagandet återkallades {vem}."
            + (f" {text.strip()}" if text.strip() else ""),
        )
        bevakningar_makulera_for(objekt=overklagande)
    overklagande.refresh_from_db()
    return overklagande


def _overlamnande_rendera(overklagande: Overklagande, *, av: User, idag: datetime.date) -> bytes:
    """Gather the bundle's parts and have `beslut.pdf` merge them: the appealed decision's
    letter and any ändringsbeslut's, rendered and stored first if they are not yet, read back
    from storage; the attachments converted to PDF."""
    innehall = selectors.overlamnande_innehall(overklagande)
    brev = [beslutsbrev_rendera(brev_id=innehall["beslut"].brev_id)]
    for nytt in innehall["andringar"]:
        if all(b.pk != nytt.brev_id for b in brev):
            brev.append(beslutsbrev_rendera(brev_id=nytt.brev_id))
    brevdelar = [(Path(settings.FILE_STORAGE_DIR) / b.sokvag).read_bytes() for b in brev]
    return rendera_overlamnande(
        overklagande,
        innehall=innehall,
        brevdelar=brevdelar,
        underlag=[(b, som_pdf(b)) for b in innehall["underlag"]],
        bilagor=[(b, som_pdf(b)) for b in innehall["overklagande_bilagor"]],
        av=av,
        idag=idag,
    )


def overklagande_overlamna(
    *,
    overklagande: Overklagande,
    av: User,
    yttrande: str,
    idag: datetime.date | None = None,
) -> Overklagande:
    """FL 46 §: forward the appeal to förvaltningsrätten without delay (JO: within a week), with
    the nämnd's yttrande and the case documents as one PDF bundle."""
    skrivratt_krav(av, overklagande.beslut.brev.ansokan.akt_id)
    idag = idag or timezone.localdate()
    if overklagande.status != OS.OMPROVAD:
        raise BeslutNekat("Överklagandet måste omprövas innan det lämnas över.")
    if not yttrande.strip():
        raise ValidationError({"yttrande": "Skriv nämndens yttrande till förvaltningsrätten."})
    overklagande.yttrande = yttrande.strip()
    data = _overlamnande_rendera(overklagande, av=av, idag=idag)
    sokvag, summa = _lagra_pdf(data, "overklagande")
    with transaction.atomic():
        Overklagande.objects.filter(pk=overklagande.pk).update(
            yttrande=yttrande.strip(),
            overlamnad=idag,
            overlamnad_av=av,
            bunt_sokvag=sokvag,
            bunt_sha256=summa,
        )
        overklagande_overgang(
            overklagande=overklagande,
            till=OS.OVERLAMNAD,
            av=av,
            text=f"Överlämnat till förvaltningsrätten {idag:%Y-%m-%d}.",
            lagrum=lagrum_rad("fl-overlamnande", idag).text,
        )
        bevakning_uppfyll(typ="overlamnande", objekt=overklagande)
    overklagande.refresh_from_db()
    return overklagande


def overklagande_dom_registrera(
    *,
    overklagande: Overklagande,
    av: User,
    dom: str,
    dom_datum: datetime.date,
    avsnitt=None,
    kommentar: str = "",
) -> Overklagande:
    """Register the court's judgment with its date, linked for kvalitet to the riktlinje
    section it concerned (docs/regler.md: Beslut och beslutsbrev)."""
    skrivratt_krav(av, overklagande.beslut.brev.ansokan.akt_id)
    if dom not in Overklagande.Dom.values:
        raise ValidationError({"dom": "Välj domens utgång."})
    if dom_datum > timezone.localdate():
        raise ValidationError({"dom_datum": "Datumet kan inte vara i framtiden."})
    with transaction.atomic():
        Overklagande.objects.filter(pk=overklagande.pk).update(
            dom=dom, dom_datum=dom_datum, dom_avsnitt=avsnitt, dom_kommentar=kommentar.strip()
        )
        overklagande_overgang(
            overklagande=overklagande,
            till=OS.AVGJORD,
            av=av,
            text=f"Förvaltningsrättens dom {dom_datum:%Y-%m-%d}: {Overklagande.Dom(dom).label}.",
        )
    overklagande.refresh_from_db()
    return overklagande


def begaran_avgorande_avsla(
    *, begaran, av: User, motivering: str, idag: datetime.date | None = None
) -> Beslutsbrev:
    """FL 12 §: refuse a request that the matter be decided, by a special decision with its own
    motivering and besvärshänvisning (the letter prints it for every adverse decision). Meets
    the four-week Bevakning; the matter itself stays open."""
    skrivratt_krav(av, begaran.ansokan.akt_id)

    idag = idag or timezone.localdate()
    if begaran.lage != BegaranOmAvgorande.Lage.VANTAR:
        raise BeslutNekat("Begäran är redan avgjord.")
    if not motivering.strip():
        raise ValidationError(
            {"motivering": "Skriv varför ärendet inte kan avgöras nu och vad som återstår."}
        )
    ansokan = begaran.ansokan
    with transaction.atomic():
        brev = Beslutsbrev.objects.create(
            ansokan=ansokan, typ=Beslutsbrev.Typ.AVGORANDE, beslutsdatum=idag, fattat_av=av
        )
        Beslut.objects.create(
            brev=brev,
            utfall="avslag",
            lagrum=lagrum_rad("fl-drojsmalstalan", idag),
            motivering=motivering.strip(),
        )
        BegaranOmAvgorande.objects.filter(pk=begaran.pk).update(
            lage=BegaranOmAvgorande.Lage.AVSLAGEN
        )
        bevakning_uppfyll(typ="begaran_avgorande", objekt=ansokan)
        _koa_rendering(brev)
    begaran.refresh_from_db()
    return brev
