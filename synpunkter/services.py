"""Writes of synpunkter (docs/arkitektur.md: Kodstil (services och selectors)): registration from
every channel, routing to the nearest manager, receipt, investigation, återkoppling; IVO and JO
matters; avvikelser and lex Sarah.

Views, admin actions, tasks and the demo call these functions; nothing else assigns a status.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from bistand import services as kart
from bistand.access import har_roll
from bistand.kalender import lagg_till_arbetsdagar
from bistand.models import Akt, Bevakning, BevakningStatus, Enhet, Namnd, Person, Roll, User
from bistand.selectors import parameter_varde

from .models import (
    MUNTLIGA_KANALER,
    Aterkoppling,
    Avvikelse,
    Kanal,
    Omfordelning,
    Omrade,
    Status,
    Svarssatt,
    Synpunkt,
    Tillsynsarende,
)

KVITTENS = "synpunkt_kvittens"
SVAR = "synpunkt_svar"
YTTRANDE = "tillsyn_yttrande"
LEX_SARAH_IVO = "lex_sarah_ivo"


# ---- routing -------------------------------------------------------------------------------


def _chefer(roll: str, **filter) -> list[User]:
    return list(
        User.objects.filter(is_active=True, groups__name=roll, **filter).order_by("pk").distinct()
    )


def synpunkt_mottagare(
    *, namnd: Namnd, enhet: Enhet | None, berord_personal: User | None
) -> User | None:
    """The nearest manager who handles the synpunkt (docs/regler.md: Synpunkter, "närmaste
    chef"): the enhetschef of the Enhet concerned, or of the staff member named; a synpunkt
    about an enhetschef (or with no Enhet) goes to the avdelningschef. Never the person the
    synpunkt is about."""
    berord_ar_chef = berord_personal is not None and har_roll(
        berord_personal, Roll.ENHETSCHEF, Roll.AVDELNINGSCHEF
    )
    if berord_personal is not None and berord_personal.enhet_id and not berord_ar_chef:
        enhet = berord_personal.enhet
    kandidater: list[User] = []
    if enhet is not None and not berord_ar_chef:
        kandidater += _chefer(Roll.ENHETSCHEF, enhet=enhet)
    kandidater += _chefer(Roll.AVDELNINGSCHEF, namnd=namnd)
    for chef in kandidater:
        if berord_personal is None or chef.pk != berord_personal.pk:
            return chef
    return None


def synpunkt_enhet(
    *,
    enhet: Enhet | None,
    akt: Akt | None,
    ansokan=None,
    berord_personal: User | None = None,
) -> Enhet | None:
    """The Enhet a synpunkt concerns: the one named, else the Akt's, else the staff member's."""
    if enhet is not None:
        return enhet
    if akt is not None:
        return akt.enhet
    if ansokan is not None and ansokan.akt_id:
        return ansokan.akt.enhet
    if berord_personal is not None and berord_personal.enhet_id:
        return berord_personal.enhet
    return None


# ---- deadlines -----------------------------------------------------------------------------


def synpunkt_frister(inkom: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Receipt and answer deadlines in working days from the day it came in (docs/regler.md:
    Synpunkter; the nämnd's parameters `synpunkt-kvittens-arbetsdagar` and
    `synpunkt-svar-arbetsdagar`, by default 2 and 15)."""
    kvittens = int(parameter_varde("synpunkt-kvittens-arbetsdagar", inkom))
    svar = int(parameter_varde("synpunkt-svar-arbetsdagar", inkom))
    return lagg_till_arbetsdagar(inkom, kvittens), lagg_till_arbetsdagar(inkom, svar)


def _bevaka(*, typ: str, objekt, akt: Akt | None, forfaller, agare, beskrivning: str) -> None:
    """A Bevakning for a deadline of synpunkter; on the Akt when the matter concerns one."""
    if akt is None and not Bevakning._meta.get_field("akt").null:
        return
    kart.bevakning_skapa(
        typ=typ,
        akt=akt,
        forfaller=forfaller,
        objekt=objekt,
        agare=agare,
        beskrivning=beskrivning,
    )


def _handelse(
    *, typ: str, akt: Akt | None, objekt, av=None, av_person=None, text: str = "", **data
) -> None:
    """An event in the Akt's case history (kinds in `synpunkter/handelsetyper.py`), in the
    same transaction as the write, when the matter concerns an Akt and the core has the event
    table (docs/arkitektur.md: Synpunkter)."""
    if akt is None:
        return
    try:
        # Only on this path: migrations pass their own (historical) models.
        from bistand.handelser import handelse_registrera
    except ImportError:
        return
    handelse_registrera(
        typ=typ, akt=akt, objekt=objekt, av=av, av_person=av_person, text=text, data=data or None
    )


# ---- synpunkt ------------------------------------------------------------------------------


def _validera_kontakt(
    *,
    anonym: bool,
    person: Person | None,
    personuppgifter: dict[str, str],
    vill_ha_svar: bool,
    svarssatt: str,
) -> None:
    """An anonymous synpunkt carries no personal data; an answer needs a way to reach the
    person (docs/regler.md: Synpunkter)."""
    if anonym:
        if person is not None or any(personuppgifter.values()):
            raise ValidationError(
                {"anonym": "En anonym synpunkt kan inte ha namn eller kontaktuppgifter."}
            )
        if vill_ha_svar:
            raise ValidationError(
                {
                    "vill_ha_svar": "Vi kan inte svara på en anonym synpunkt. "
                    "Lämna kontaktuppgifter om du vill ha svar."
                }
            )
        return
    if not vill_ha_svar:
        return
    if not svarssatt:
        raise ValidationError({"svarssatt": "Välj hur svaret ska lämnas."})
    kravs = {
        Svarssatt.BREV: ("adress", "Skriv postadressen som svaret ska skickas till."),
        Svarssatt.TELEFON: ("telefon", "Skriv telefonnumret vi ska ringa."),
        Svarssatt.EPOST: ("epost", "Skriv e-postadressen som svaret ska skickas till."),
    }
    if svarssatt == Svarssatt.ETJANST:
        if person is None:
            raise ValidationError(
                {"svarssatt": "Svar i e-tjänsten kräver att personen är känd. Välj ett annat sätt."}
            )
        return
    falt, fel = kravs[svarssatt]
    if not personuppgifter.get(falt) and not (person is not None and getattr(person, falt, "")):
        raise ValidationError({falt: fel})


@transaction.atomic
def _validera_koppling(*, akt, ansokan, beslutsbrev) -> None:
    """A linked ansökan and decision belong to the linked Akt, and the decision to the linked
    ansökan (docs/regler.md: Synpunkter)."""
    fel: dict[str, str] = {}
    if ansokan is not None and akt is not None and ansokan.akt_id != akt.pk:
        fel["ansokan"] = "Ansökan hör inte till akten. Välj en av aktens."
    if beslutsbrev is not None:
        brev_akt = beslutsbrev.ansokan.akt_id
        if akt is not None and brev_akt != akt.pk:
            fel["beslutsbrev"] = "Beslutet hör inte till akten. Välj ett av aktens."
        elif ansokan is not None and beslutsbrev.ansokan_id != ansokan.pk:
            fel["beslutsbrev"] = "Beslutet hör inte till den valda ansökan."
    if fel:
        raise ValidationError(fel)


def synpunkt_registrera(
    *,
    namnd: Namnd,
    kanal: str,
    slag: str,
    text: str,
    inkom: datetime.date | None = None,
    omraden: Iterable[Omrade] = (),
    registrerad_av: User | None = None,
    fragan_stalld: bool = False,
    anonym: bool = False,
    person: Person | None = None,
    namn: str = "",
    telefon: str = "",
    epost: str = "",
    adress: str = "",
    enhet: Enhet | None = None,
    akt: Akt | None = None,
    ansokan=None,
    beslutsbrev=None,
    berord_personal: User | None = None,
    vill_ha_svar: bool = False,
    svarssatt: str = "",
    tillsynsarende: Tillsynsarende | None = None,
) -> Synpunkt:
    """Register a synpunkt from any channel and route it to the nearest manager, with
    Bevakningar for receipt and answer.

    docs/regler.md: Synpunkter — a complaint made orally is registered like a written one
    once the person has been asked whether it should be registered as a synpunkt and said
    yes (SOSFS 2011:9 5 kap. 3 §: the nämnd receives and investigates complaints).
    """
    if not text.strip():
        raise ValidationError({"text": "Skriv vad synpunkten gäller."})
    if kanal in MUNTLIGA_KANALER and not fragan_stalld:
        raise ValidationError(
            {
                "fragan_stalld": "Fråga personen om det ska registreras som en synpunkt. "
                "Registrera bara om svaret är ja."
            }
        )
    idag = timezone.localdate()
    inkom = inkom or idag
    if inkom > idag:
        raise ValidationError({"inkom": "Datumet kan inte vara i framtiden."})
    personuppgifter = {"namn": namn, "telefon": telefon, "epost": epost, "adress": adress}
    _validera_kontakt(
        anonym=anonym,
        person=person,
        personuppgifter=personuppgifter,
        vill_ha_svar=vill_ha_svar,
        svarssatt=svarssatt,
    )
    _validera_koppling(akt=akt, ansokan=ansokan, beslutsbrev=beslutsbrev)
    if ansokan is not None and akt is None:
        akt = ansokan.akt
    if beslutsbrev is not None:
        ansokan = ansokan or beslutsbrev.ansokan
        akt = akt or beslutsbrev.ansokan.akt
    enhet = synpunkt_enhet(enhet=enhet, akt=akt, ansokan=ansokan, berord_personal=berord_personal)
    kvittens_senast, svar_senast = synpunkt_frister(inkom)
    synpunkt = Synpunkt.objects.create(
        nummer=f"tmp-{uuid.uuid4().hex[:15]}",
        namnd=namnd,
        enhet=enhet,
        kanal=kanal,
        slag=slag,
        text=text.strip(),
        inkom=inkom,
        registrerad_av=registrerad_av,
        fragan_stalld=fragan_stalld or kanal not in MUNTLIGA_KANALER,
        anonym=anonym,
        person=person,
        akt=akt,
        ansokan=ansokan,
        beslutsbrev=beslutsbrev,
        berord_personal=berord_personal,
        vill_ha_svar=vill_ha_svar,
        svarssatt=svarssatt if vill_ha_svar else "",
        handlaggs_av=synpunkt_mottagare(namnd=namnd, enhet=enhet, berord_personal=berord_personal),
        kvittens_senast=kvittens_senast,
        svar_senast=svar_senast,
        tillsynsarende=tillsynsarende,
        **personuppgifter,
    )
    synpunkt.nummer = f"S-{inkom:%Y}-{synpunkt.pk:05d}"
    synpunkt.save(update_fields=["nummer"])
    synpunkt.omraden.set(omraden)
    _bevaka(
        typ=KVITTENS,
        objekt=synpunkt,
        akt=akt,
        forfaller=kvittens_senast,
        agare=synpunkt.handlaggs_av,
        beskrivning=f"Kvittera synpunkt {synpunkt.nummer}",
    )
    _handelse(
        typ="synpunkter.registrerad",
        akt=akt,
        objekt=synpunkt,
        av=registrerad_av,
        av_person=person if registrerad_av is None else None,
        text=f"Synpunkt {synpunkt.nummer} ({synpunkt.get_slag_display().lower()})",
    )
    if vill_ha_svar:
        _bevaka(
            typ=SVAR,
            objekt=synpunkt,
            akt=akt,
            forfaller=svar_senast,
            agare=synpunkt.handlaggs_av,
            beskrivning=f"Besvara synpunkt {synpunkt.nummer}",
        )
    return synpunkt


def kan_hantera(user: User, synpunkt: Synpunkt) -> bool:
    """Who may handle (write to) a synpunkt: the manager it is routed to, or an
    avdelningschef of the nämnd — never the person it is about (docs/regler.md: Synpunkter)."""
    if not user.is_authenticated or user.pk == synpunkt.berord_personal_id:
        return False
    if user.pk == synpunkt.handlaggs_av_id:
        return True
    return har_roll(user, Roll.AVDELNINGSCHEF) and user.namnd_id == synpunkt.namnd_id


def _krav_hantera(user: User, synpunkt: Synpunkt) -> None:
    if not kan_hantera(user, synpunkt):
        raise ValidationError("Du kan inte handlägga den här synpunkten.")


def omfordela_kandidater(synpunkt: Synpunkt) -> list[User]:
    """The managers a synpunkt can be handed over to: the enhetschefer and avdelningschefer of
    its nämnd, except the one handling it now and never the person it is about."""
    chefer = (
        User.objects.filter(
            is_active=True,
            namnd_id=synpunkt.namnd_id,
            groups__name__in=[Roll.ENHETSCHEF, Roll.AVDELNINGSCHEF],
        )
        .exclude(pk=synpunkt.handlaggs_av_id)
        .distinct()
        .order_by("first_name", "last_name", "pk")
    )
    if synpunkt.berord_personal_id:
        chefer = chefer.exclude(pk=synpunkt.berord_personal_id)
    return list(chefer)


@transaction.atomic
def synpunkt_omfordela(*, synpunkt: Synpunkt, av: User, till: User, skal: str) -> Synpunkt:
    """Hand a synpunkt over to another manager — an enhetschef or the avdelningschef of the
    nämnd — with the reason (docs/regler.md: Synpunkter). The receipt and answer Bevakningar
    follow it, the new manager gets a notice, and the move is recorded; never to the person
    the synpunkt is about (SOSFS 2011:9: a complaint is investigated by someone else)."""
    _krav_hantera(av, synpunkt)
    last = Synpunkt.objects.select_for_update().get(pk=synpunkt.pk)
    fel: dict[str, str] = {}
    if last.status == Status.AVSLUTAD:
        raise ValidationError("Synpunkten är avslutad.")
    if till is None or till.pk == last.berord_personal_id:
        fel["till"] = "Synpunkten gäller den personen och kan aldrig handläggas av henne."
    elif till.pk not in {c.pk for c in omfordela_kandidater(last)}:
        fel["till"] = "Välj en annan enhetschef eller avdelningschef i nämnden."
    if not skal.strip():
        fel["skal"] = "Skriv varför synpunkten lämnas över."
    if fel:
        raise ValidationError(fel)
    fran = last.handlaggs_av
    last.handlaggs_av = till
    last.save(update_fields=["handlaggs_av"])
    Omfordelning.objects.create(synpunkt=last, fran=fran, till=till, av=av, skal=skal.strip())

    Bevakning.objects.filter(
        typ__in=[KVITTENS, SVAR],
        objekt_typ=ContentType.objects.get_for_model(Synpunkt),
        objekt_id=last.pk,
        status__in=[BevakningStatus.AKTIV, BevakningStatus.OVERSKRIDEN],
    ).update(agare=till)
    kart.personal_underratta(
        mottagare=[till],
        text=f"Synpunkt {last.nummer} har lämnats över till dig att handlägga.",
        lank=reverse("synpunkter:visa", args=[last.pk]),
        amne="en synpunkt att handlägga",
    )
    _handelse(
        typ="synpunkter.omfordelad",
        akt=last.akt,
        objekt=last,
        av=av,
        text=f"Synpunkt {last.nummer} lämnad över till {till}",
        fran=fran.pk if fran else None,
        till=till.pk,
    )
    return last


# Allowed moves of the synpunkt's state machine.
OVERGANGAR = {
    Status.INKOMMEN: {Status.MOTTAGEN, Status.BESVARAD, Status.AVSLUTAD},
    Status.MOTTAGEN: {Status.BESVARAD, Status.AVSLUTAD},
    Status.BESVARAD: {Status.BESVARAD, Status.AVSLUTAD},
    Status.AVSLUTAD: set(),
}


def _overga(synpunkt: Synpunkt, till: str) -> Synpunkt:
    """The one transition function: checks the table, locks the row, sets the time stamps."""
    last = Synpunkt.objects.select_for_update().get(pk=synpunkt.pk)
    if till not in OVERGANGAR[last.status]:
        raise ValidationError(
            f"Synpunkten är {last.get_status_display().lower()} och kan inte bli "
            f"{Status(till).label.lower()}."
        )
    nu = timezone.now()
    last.status = till
    if till in (Status.MOTTAGEN, Status.BESVARAD) and last.kvitterad is None:
        last.kvitterad = nu
    if till == Status.BESVARAD:
        last.besvarad = nu
    if till == Status.AVSLUTAD:
        last.avslutad = nu
    last.save(update_fields=["status", "kvitterad", "besvarad", "avslutad"])
    return last


@transaction.atomic
def synpunkt_kvittera(*, synpunkt: Synpunkt, av: User) -> Synpunkt:
    """The manager confirms receipt; the receipt Bevakning is met."""
    _krav_hantera(av, synpunkt)
    synpunkt = _overga(synpunkt, Status.MOTTAGEN)
    kart.bevakning_uppfyll(typ=KVITTENS, objekt=synpunkt)
    _handelse(
        typ="synpunkter.kvitterad",
        akt=synpunkt.akt,
        objekt=synpunkt,
        av=av,
        text=f"Synpunkt {synpunkt.nummer}",
    )
    return synpunkt


@transaction.atomic
def synpunkt_utreda(*, synpunkt: Synpunkt, av: User, utredning: str, atgarder: str) -> Synpunkt:
    """Record the investigation and the measures taken (kept until the synpunkt is closed)."""
    _krav_hantera(av, synpunkt)
    if synpunkt.status == Status.AVSLUTAD:
        raise ValidationError("Synpunkten är avslutad.")
    synpunkt.utredning = utredning.strip()
    synpunkt.atgarder = atgarder.strip()
    synpunkt.save(update_fields=["utredning", "atgarder"])
    _handelse(
        typ="synpunkter.utredd",
        akt=synpunkt.akt,
        objekt=synpunkt,
        av=av,
        text=f"Synpunkt {synpunkt.nummer}",
    )
    return synpunkt


@transaction.atomic
def synpunkt_aterkoppla(*, synpunkt: Synpunkt, av: User, satt: str, text: str) -> Aterkoppling:
    """Record the återkoppling actually given — a letter, an e-tjänst message, an e-mail or a
    phone call — and meet the receipt and answer Bevakningar (docs/regler.md: Synpunkter)."""
    _krav_hantera(av, synpunkt)
    if synpunkt.anonym:
        raise ValidationError("En anonym synpunkt kan inte besvaras.")
    if not text.strip():
        raise ValidationError({"text": "Skriv svaret eller vad som sades i samtalet."})
    if satt == Aterkoppling.Satt.ETJANST and synpunkt.person_id is None:
        raise ValidationError(
            {"satt": "Personen är inte inloggad i e-tjänsten. Välj brev, e-post eller telefon."}
        )
    synpunkt = _overga(synpunkt, Status.BESVARAD)
    aterkoppling = Aterkoppling.objects.create(synpunkt=synpunkt, satt=satt, text=text, av=av)
    kart.bevakning_uppfyll(typ=KVITTENS, objekt=synpunkt)
    kart.bevakning_uppfyll(typ=SVAR, objekt=synpunkt)
    _handelse(
        typ="synpunkter.besvarad",
        akt=synpunkt.akt,
        objekt=synpunkt,
        av=av,
        text=f"Synpunkt {synpunkt.nummer}: {aterkoppling.get_satt_display().lower()}",
    )
    return aterkoppling


@transaction.atomic
def synpunkt_avsluta(*, synpunkt: Synpunkt, av: User) -> Synpunkt:
    """Close the synpunkt. One that asked for an answer is closed only after återkoppling."""
    _krav_hantera(av, synpunkt)
    if synpunkt.vill_ha_svar and not synpunkt.aterkopplingar.exists():
        raise ValidationError("Personen vill ha svar. Registrera återkopplingen först.")
    synpunkt = _overga(synpunkt, Status.AVSLUTAD)
    kart.bevakning_uppfyll(typ=KVITTENS, objekt=synpunkt)
    for b in synpunkt_bevakningar(synpunkt).filter(status=BevakningStatus.AKTIV):
        kart.bevakning_makulera(bevakning=b)
    _handelse(
        typ="synpunkter.avslutad",
        akt=synpunkt.akt,
        objekt=synpunkt,
        av=av,
        text=f"Synpunkt {synpunkt.nummer}",
    )
    return synpunkt


def synpunkt_bevakningar(synpunkt: Synpunkt):
    return Bevakning.objects.filter(
        objekt_typ=ContentType.objects.get_for_model(Synpunkt), objekt_id=synpunkt.pk
    )


def aterkoppling_last(*, aterkoppling: Aterkoppling) -> None:
    """The person read the answer in the e-tjänst (first time only)."""
    if aterkoppling.last_av_sokande is None:
        Aterkoppling.objects.filter(pk=aterkoppling.pk).update(last_av_sokande=timezone.now())


# ---- IVO and JO matters --------------------------------------------------------------------


@transaction.atomic
def tillsyn_registrera(
    *,
    namnd: Namnd,
    myndighet: str,
    diarienummer: str,
    inkom: datetime.date,
    beskrivning: str,
    ansvarig: User | None = None,
    yttrande_senast: datetime.date | None = None,
    synpunkter: Iterable[Synpunkt] = (),
    akter: Iterable[Akt] = (),
) -> Tillsynsarende:
    """Register a matter from IVO or JO with its diarienummer; the yttrande's due date, when
    the authority has asked for one, is a Bevakning (docs/regler.md: IVO och JO)."""
    diarienummer = diarienummer.strip()
    if not diarienummer:
        raise ValidationError({"diarienummer": "Skriv myndighetens diarienummer."})
    if Tillsynsarende.objects.filter(
        namnd=namnd, myndighet=myndighet, diarienummer=diarienummer
    ).exists():
        raise ValidationError({"diarienummer": "Ärendet är redan registrerat."})
    if yttrande_senast is not None and yttrande_senast < inkom:
        raise ValidationError({"yttrande_senast": "Sista dag kan inte vara före inkomstdagen."})
    arende = Tillsynsarende.objects.create(
        namnd=namnd,
        myndighet=myndighet,
        diarienummer=diarienummer,
        inkom=inkom,
        beskrivning=beskrivning.strip(),
        ansvarig=ansvarig,
        yttrande_senast=yttrande_senast,
    )
    arende.synpunkter.set(synpunkter)
    akter = list(akter)
    arende.akter.set(akter)
    for akt in akter:
        _handelse(typ="synpunkter.tillsyn", akt=akt, objekt=arende, av=ansvarig, text=str(arende))
    if yttrande_senast is not None:
        _bevaka(
            typ=YTTRANDE,
            objekt=arende,
            akt=akter[0] if akter else None,
            forfaller=yttrande_senast,
            agare=ansvarig,
            beskrivning=f"Yttrande till {arende}",
        )
    return arende


@transaction.atomic
def tillsyn_yttrande_lamna(
    *, arende: Tillsynsarende, yttrande: str, datum: datetime.date
) -> Tillsynsarende:
    """The nämnd's yttrande is sent; the Bevakning on its due date is met."""
    if not yttrande.strip():
        raise ValidationError({"yttrande": "Skriv yttrandet eller en sammanfattning av det."})
    arende.yttrande = yttrande.strip()
    arende.yttrande_lamnat = datum
    if arende.status == Tillsynsarende.Status.OPPET:
        arende.status = Tillsynsarende.Status.YTTRANDE_LAMNAT
    arende.save(update_fields=["yttrande", "yttrande_lamnat", "status"])
    kart.bevakning_uppfyll(typ=YTTRANDE, objekt=arende)
    return arende


@transaction.atomic
def tillsyn_beslut_registrera(
    *, arende: Tillsynsarende, datum: datetime.date, beslut: str, kritik: bool
) -> Tillsynsarende:
    """IVO's or JO's decision, and whether it criticises the nämnd."""
    if not beslut.strip():
        raise ValidationError({"beslut": "Skriv vad myndigheten beslutade."})
    arende.beslut_datum = datum
    arende.beslut = beslut.strip()
    arende.kritik = kritik
    arende.status = Tillsynsarende.Status.AVGJORT
    arende.save(update_fields=["beslut_datum", "beslut", "kritik", "status"])
    kart.bevakning_uppfyll(typ=YTTRANDE, objekt=arende)
    return arende


def tillsyn_atgarder_registrera(
    *, arende: Tillsynsarende, atgarder: str, datum: datetime.date
) -> Tillsynsarende:
    """The measures the nämnd took, and when."""
    if not atgarder.strip():
        raise ValidationError({"atgarder": "Skriv vilka åtgärder som vidtogs."})
    arende.atgarder = atgarder.strip()
    arende.atgarder_datum = datum
    arende.save(update_fields=["atgarder", "atgarder_datum"])
    return arende


@transaction.atomic
def tillsyn_aterfor_som_synpunkt(
    *, arende: Tillsynsarende, text: str, av: User, **synpunkt: object
) -> Synpunkt:
    """A complaint that IVO returns to the nämnd for action is handled as a synpunkt
    (docs/regler.md: IVO och JO), linked to the matter."""
    synpunkt.setdefault("slag", "klagomal")
    synpunkt.setdefault("inkom", arende.beslut_datum or timezone.localdate())
    ny = synpunkt_registrera(
        namnd=arende.namnd,
        kanal=Kanal.BREV,
        text=text,
        registrerad_av=av,
        tillsynsarende=arende,
        **synpunkt,
    )
    arende.synpunkter.add(ny)
    return ny


# ---- avvikelser and lex Sarah --------------------------------------------------------------


def avvikelse_ansvarig(*, namnd: Namnd, enhet: Enhet | None, rapportor: User) -> User | None:
    """The manager responsible for investigating: the enhetschef of the Enhet, or the
    avdelningschef when the report concerns the enhetschef's own work (SoL (2025:400)
    27 kap. 5 §: the one who runs the activity investigates)."""
    return synpunkt_mottagare(
        namnd=namnd,
        enhet=enhet,
        berord_personal=rapportor if har_roll(rapportor, Roll.ENHETSCHEF) else None,
    )


@transaction.atomic
def avvikelse_rapportera(
    *,
    rapporterad_av: User,
    typ: str,
    beskrivning: str,
    intraffade: datetime.date | None = None,
    omedelbara_atgarder: str = "",
    akt: Akt | None = None,
    enhet: Enhet | None = None,
) -> Avvikelse:
    """Any staff member reports an avvikelse, or genast a missförhållande or a påtaglig risk
    for one (SoL (2025:400) 27 kap. 2 §). It goes to the responsible manager."""
    if not beskrivning.strip():
        raise ValidationError({"beskrivning": "Beskriv vad som hände."})
    if intraffade is not None and intraffade > timezone.localdate():
        raise ValidationError({"intraffade": "Datumet kan inte vara i framtiden."})
    namnd = rapporterad_av.namnd or (akt.enhet.namnd if akt else None)
    if namnd is None:
        raise ValidationError("Du hör inte till någon nämnd och kan inte rapportera här.")
    enhet = enhet or (akt.enhet if akt else rapporterad_av.enhet)
    avvikelse = Avvikelse.objects.create(
        nummer=f"tmp-{uuid.uuid4().hex[:15]}",
        namnd=namnd,
        enhet=enhet,
        akt=akt,
        typ=typ,
        beskrivning=beskrivning.strip(),
        intraffade=intraffade,
        omedelbara_atgarder=omedelbara_atgarder.strip(),
        rapporterad_av=rapporterad_av,
        ansvarig=avvikelse_ansvarig(namnd=namnd, enhet=enhet, rapportor=rapporterad_av),
    )
    avvikelse.nummer = f"A-{timezone.localdate():%Y}-{avvikelse.pk:05d}"
    avvikelse.save(update_fields=["nummer"])
    _handelse(
        typ="synpunkter.avvikelse",
        akt=akt,
        objekt=avvikelse,
        av=rapporterad_av,
        text=f"{avvikelse.get_typ_display()} {avvikelse.nummer}",
    )
    return avvikelse


def kan_utreda(user: User, avvikelse: Avvikelse) -> bool:
    """The responsible manager, or an avdelningschef of the nämnd."""
    if not user.is_authenticated:
        return False
    if user.pk == avvikelse.ansvarig_id:
        return True
    return har_roll(user, Roll.AVDELNINGSCHEF) and user.namnd_id == avvikelse.namnd_id


def _krav_utreda(user: User, avvikelse: Avvikelse) -> None:
    if not kan_utreda(user, avvikelse):
        raise ValidationError("Du är inte ansvarig för den här rapporten.")
    if avvikelse.status == Avvikelse.Status.AVSLUTAD:
        raise ValidationError("Rapporten är avslutad.")


@transaction.atomic
def avvikelse_utreda(*, avvikelse: Avvikelse, av: User, utredning: str, atgarder: str) -> Avvikelse:
    """Document, investigate and remedy (SoL (2025:400) 27 kap. 5 §)."""
    _krav_utreda(av, avvikelse)
    avvikelse.utredning = utredning.strip()
    avvikelse.atgarder = atgarder.strip()
    if avvikelse.status == Avvikelse.Status.RAPPORTERAD:
        avvikelse.status = Avvikelse.Status.UTREDS
    avvikelse.save(update_fields=["utredning", "atgarder", "status"])
    return avvikelse


def lex_sarah_ivo_senast(bedomd: datetime.date) -> datetime.date:
    """The nämnd's own target for the IVO report: SoL (2025:400) 27 kap. 6 § says snarast;
    the number of days is the parameter `lex-sarah-ivo-dagar` (docs/regler.md: lex Sarah)."""
    return bedomd + datetime.timedelta(days=int(parameter_varde("lex-sarah-ivo-dagar", bedomd)))


@transaction.atomic
def avvikelse_bedom(
    *, avvikelse: Avvikelse, av: User, allvarligt: bool, bedomning: str
) -> Avvikelse:
    """Decide whether the missförhållande or risk is allvarligt. If so the report to IVO is
    due snarast, tracked by a Bevakning (SoL (2025:400) 27 kap. 6 §)."""
    _krav_utreda(av, avvikelse)
    if not avvikelse.utredning.strip():
        raise ValidationError({"allvarligt": "Skriv utredningen innan du gör bedömningen."})
    if not bedomning.strip():
        raise ValidationError({"bedomning": "Motivera bedömningen."})
    nu = timezone.now()
    avvikelse.allvarligt = allvarligt
    avvikelse.bedomning = bedomning.strip()
    avvikelse.bedomd = nu
    avvikelse.status = Avvikelse.Status.BEDOMD
    avvikelse.ivo_senast = (
        lex_sarah_ivo_senast(timezone.localdate(nu)) if allvarligt and avvikelse.lex_sarah else None
    )
    avvikelse.save(update_fields=["allvarligt", "bedomning", "bedomd", "status", "ivo_senast"])
    _handelse(
        typ="synpunkter.lex_sarah_bedomd",
        akt=avvikelse.akt,
        objekt=avvikelse,
        av=av,
        text=f"{avvikelse.nummer}: {'allvarligt' if allvarligt else 'inte allvarligt'}",
    )
    if avvikelse.ivo_senast is not None:
        _bevaka(
            typ=LEX_SARAH_IVO,
            objekt=avvikelse,
            akt=avvikelse.akt,
            forfaller=avvikelse.ivo_senast,
            agare=avvikelse.ansvarig or av,
            beskrivning=f"Anmäl {avvikelse.nummer} till IVO",
        )
    return avvikelse


@transaction.atomic
def avvikelse_anmal_ivo(
    *, avvikelse: Avvikelse, av: User, datum: datetime.date, diarienummer: str = ""
) -> Avvikelse:
    """The report to IVO with the investigation attached (SoL (2025:400) 27 kap. 6 §)."""
    _krav_utreda(av, avvikelse)
    if not (avvikelse.lex_sarah and avvikelse.allvarligt):
        raise ValidationError("Bara ett allvarligt missförhållande eller en allvarlig risk anmäls.")
    if not avvikelse.utredning.strip():
        raise ValidationError("Utredningen ska bifogas anmälan. Skriv den först.")
    avvikelse.ivo_anmald = datum
    avvikelse.ivo_diarienummer = diarienummer.strip()
    avvikelse.status = Avvikelse.Status.ANMALD
    avvikelse.save(update_fields=["ivo_anmald", "ivo_diarienummer", "status"])
    kart.bevakning_uppfyll(typ=LEX_SARAH_IVO, objekt=avvikelse)
    _handelse(
        typ="synpunkter.lex_sarah_anmald",
        akt=avvikelse.akt,
        objekt=avvikelse,
        av=av,
        text=avvikelse.nummer,
    )
    return avvikelse


def avvikelse_folj_upp(*, avvikelse: Avvikelse, av: User, uppfoljning: str) -> Avvikelse:
    _krav_utreda(av, avvikelse)
    avvikelse.uppfoljning = uppfoljning.strip()
    avvikelse.save(update_fields=["uppfoljning"])
    return avvikelse


def avvikelse_informera_rapportor(*, avvikelse: Avvikelse, av: User) -> Avvikelse:
    """The reporter is told the outcome (recorded with the time)."""
    _krav_utreda(av, avvikelse)
    if avvikelse.bedomd is None:
        raise ValidationError("Gör bedömningen först, så att det finns ett utfall att berätta.")
    avvikelse.rapportor_informerad = timezone.now()
    avvikelse.save(update_fields=["rapportor_informerad"])
    return avvikelse


@transaction.atomic
def avvikelse_avsluta(*, avvikelse: Avvikelse, av: User) -> Avvikelse:
    """Close a report: assessed, reported to IVO when allvarligt, the reporter informed."""
    _krav_utreda(av, avvikelse)
    if avvikelse.bedomd is None:
        raise ValidationError("Rapporten är inte bedömd.")
    if avvikelse.lex_sarah and avvikelse.allvarligt and avvikelse.ivo_anmald is None:
        raise ValidationError("Ett allvarligt missförhållande ska anmälas till IVO först.")
    if avvikelse.rapportor_informerad is None:
        raise ValidationError("Berätta först för den som rapporterade hur det gick.")
    avvikelse.status = Avvikelse.Status.AVSLUTAD
    avvikelse.avslutad = timezone.now()
    avvikelse.save(update_fields=["status", "avslutad"])
    return avvikelse
