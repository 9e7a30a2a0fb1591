"""Writes of the core (docs/arkitektur.md: Kodstil (services och selectors)): persons, households,
Akter, journal, bevakningar.

Views, admin actions, tasks and commands all call these functions; nothing else writes the core
tables' business fields.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import timezone

from . import access, skydd
from .bevakning import TYPER
from .identitet import OgiltigtIdentitetsnummer, tolka_identitetsnummer
from .models import (
    Akt,
    Bevakning,
    BevakningStatus,
    Boende,
    Enhet,
    Hushall,
    HushallMedlem,
    IdTyp,
    JournalAnteckning,
    Kontakttyp,
    MedlemsRoll,
    Notis,
    Person,
    Roll,
    Skydd,
    User,
)
from .selectors import belastning_nyckel


def person_registrera(
    *,
    identitet: str,
    fornamn: str,
    efternamn: str,
    skydd: str = Skydd.INGET,
    **kontakt: Any,
) -> Person:
    """Register a person by personnummer or samordningsnummer, or return the one known.

    Folkbokföringslagen 18 §, 18 a §: the number is validated with python-stdnum; an invalid one
    is refused with a Swedish message on the field `identitet`.
    """
    try:
        nummer = tolka_identitetsnummer(identitet)
    except OgiltigtIdentitetsnummer as fel:
        raise ValidationError({"identitet": str(fel)}) from None
    person, skapad = Person.objects.get_or_create(
        identitet=nummer.nummer,
        defaults={
            "id_typ": IdTyp.SAMORDNINGSNUMMER if nummer.samordningsnummer else IdTyp.PERSONNUMMER,
            "fornamn": fornamn,
            "efternamn": efternamn,
            "fodelsedatum": nummer.fodelsedatum,
            "skydd": skydd,
            **kontakt,
        },
    )
    return person


def person_registrera_reservnummer(
    *,
    fornamn: str,
    efternamn: str,
    fodelsedatum: datetime.date,
    skydd: str = Skydd.INGET,
    **kontakt: Any,
) -> Person:
    """Register a person who has neither personnummer nor samordningsnummer.

    The reservnummer is local: R + birth date + a unique suffix; it never passes as a
    personnummer.
    """
    reserv = f"R{fodelsedatum:%Y%m%d}-{uuid.uuid4().hex[:6].upper()}"
    return Person.objects.create(
        identitet=reserv,
        id_typ=IdTyp.RESERVNUMMER,
        fornamn=fornamn,
        efternamn=efternamn,
        fodelsedatum=fodelsedatum,
        skydd=skydd,
        **kontakt,
    )


def hushall_medlem_lagg_till(
    *,
    hushall: Hushall,
    person: Person,
    roll: str,
    fran: datetime.date,
    umgangesdagar: int | None = None,
) -> HushallMedlem:
    """Add a dated membership. A child with umgängesdagar visits; everyone else lives there.

    SOSFS 2013:1: children staying for umgänge count in proportion to their days.
    """
    if umgangesdagar is not None and roll != MedlemsRoll.BARN:
        raise ValidationError({"umgangesdagar": "Bara barn kan vara i hushållet på umgänge."})
    if umgangesdagar is not None and not 1 <= umgangesdagar <= 31:
        raise ValidationError(
            {"umgangesdagar": "Ange antal umgängesdagar per månad, mellan 1 och 31."}
        )
    medlem = HushallMedlem(
        hushall=hushall,
        person=person,
        roll=roll,
        boende=Boende.UMGANGE if umgangesdagar else Boende.BOR,
        umgangesdagar=umgangesdagar,
        fran=fran,
    )
    medlem.full_clean()
    medlem.save()
    return medlem


@transaction.atomic
def hushall_medlem_registrera(
    *,
    hushall: Hushall,
    personnummer: str,
    fornamn: str,
    efternamn: str,
    roll: str,
    fran: datetime.date,
    umgangesdagar: int | None = None,
    av: User | None = None,
    sokvag: str = "",
) -> HushallMedlem:
    """Add a person (found or registered by number) to a household. A person already a
    current member is refused with a message, not added twice.

    The look-up by personnummer is logged like a read. A stored person with a protected
    identity whom the user may not see is added all the same — the household is what it is —
    without showing the stored name, and the enhetschef is told: the Akt is now reached only
    by grant (docs/regler.md: Behörighet och skyddade personuppgifter)."""
    funnen = None
    if av is not None:
        access.skrivratt_krav(av, hushall.akt)
        funnen = skydd.person_uppslag(
            av=av, identitet=personnummer, sida="personnummer-uppslag", sokvag=sokvag
        )
    person = person_registrera(identitet=personnummer, fornamn=fornamn, efternamn=efternamn)
    if funnen is not None and av is not None and not access.person_synlig(av, funnen):
        akt = hushall.akt
        skydd.enhetschefer_meddela(
            akt=akt,
            text=f"En person med skyddade personuppgifter har lagts till i akt {akt.aktnummer}. "
            "Bestäm vem som ska ha behörighet.",
            lank=f"/akter/{akt.pk}/medgivanden/",
        )
    if hushall.medlemmar.filter(person=person, till__isnull=True).exists():
        raise ValidationError({"personnummer": "Personen är redan med i hushållet."})
    return hushall_medlem_lagg_till(
        hushall=hushall, person=person, roll=roll, fran=fran, umgangesdagar=umgangesdagar
    )


def hushall_medlem_avsluta(*, medlem: HushallMedlem, till: datetime.date) -> HushallMedlem:
    """End a membership (the person moved out); the history is kept."""
    if till < medlem.fran:
        raise ValidationError({"till": "Slutdatum kan inte vara före startdatum."})
    medlem.till = till
    medlem.save(update_fields=["till"])
    return medlem


@transaction.atomic
def akt_skapa(
    *, enhet: Enhet, sokande: Person, fran: datetime.date, handlaggare: User | None = None
) -> Akt:
    """Open an Akt for a new assistance unit, with the applicant as its first member."""
    hushall = Hushall.objects.create()
    hushall_medlem_lagg_till(hushall=hushall, person=sokande, roll=MedlemsRoll.SOKANDE, fran=fran)
    akt = Akt.objects.create(
        aktnummer=uuid.uuid4().hex[:20], enhet=enhet, hushall=hushall, handlaggare=handlaggare
    )
    akt.aktnummer = f"{timezone.localdate():%Y}-{akt.pk:05d}"
    akt.save(update_fields=["aktnummer"])
    return akt


def akt_tilldela(*, akt: Akt, handlaggare: User | None) -> Akt:
    """Assign the Akt to a handläggare of its own Enhet (or leave it unassigned)."""
    if handlaggare is not None and handlaggare.enhet_id != akt.enhet_id:
        raise ValidationError({"handlaggare": "Handläggaren hör inte till aktens enhet."})
    akt.handlaggare = handlaggare
    akt.save(update_fields=["handlaggare"])
    # The Enhet's caseload per handläggare is counted anew: now, and once more when the
    # assignment is committed, so a count made meanwhile from the old rows is not kept.
    nyckel = belastning_nyckel(akt.enhet_id)
    cache.delete(nyckel)
    transaction.on_commit(lambda: cache.delete(nyckel))
    return akt


def journal_skriv(
    *,
    akt: Akt,
    av: User,
    kontakttyp: str,
    text: str,
    handelse_datum: datetime.date | None = None,
    rattar: JournalAnteckning | None = None,
    till_enskilde: bool = False,
) -> JournalAnteckning:
    """Write an unsigned journal entry (a draft until signed). SOSFS 2014:5 4 kap.

    An entry is internal unless written "till den enskilde"; an internal note (kontakttyp
    intern) can never be one (docs/regler.md: intern anteckning; OSL 26 kap. 1 §)."""
    if rattar is not None and (rattar.akt_id != akt.pk or rattar.signerad is None):
        raise ValidationError({"rattar": "Bara en signerad anteckning i samma akt kan rättas."})
    if till_enskilde and kontakttyp == Kontakttyp.INTERN:
        raise ValidationError(
            {"till_enskilde": "En intern anteckning kan inte skrivas till den enskilde."}
        )
    anteckning = JournalAnteckning(
        akt=akt,
        kontakttyp=kontakttyp,
        text=text,
        handelse_datum=handelse_datum or timezone.localdate(),
        skapad_av=av,
        rattar=rattar,
        till_enskilde=till_enskilde,
    )
    anteckning.full_clean()
    anteckning.save()
    return anteckning


def journal_andra_utkast(*, anteckning: JournalAnteckning, text: str) -> JournalAnteckning:
    """Change the text of an unsigned entry; a signed entry cannot be changed."""
    if anteckning.signerad is not None:
        raise ValidationError("Anteckningen är signerad och kan inte ändras. Skriv en rättelse.")
    anteckning.text = text
    anteckning.save(update_fields=["text"])
    return anteckning


def journal_signera(*, anteckning: JournalAnteckning, av: User) -> JournalAnteckning:
    """Sign an entry; from then on the database refuses any change to it (docs/regler.md:
    Journal)."""
    if anteckning.signerad is not None:
        raise ValidationError("Anteckningen är redan signerad.")
    if not anteckning.text.strip():
        raise ValidationError({"text": "En tom anteckning kan inte signeras."})
    anteckning.signerad = timezone.now()
    anteckning.signerad_av = av
    anteckning.save(update_fields=["signerad", "signerad_av"])
    return anteckning


def journal_ratta(*, original: JournalAnteckning, av: User, text: str) -> JournalAnteckning:
    """A correction is a new, signed entry pointing at the one it corrects."""
    with transaction.atomic():
        ny = journal_skriv(
            akt=original.akt,
            av=av,
            kontakttyp=original.kontakttyp,
            text=text,
            handelse_datum=original.handelse_datum,
            rattar=original,
            till_enskilde=original.till_enskilde,
        )
        return journal_signera(anteckning=ny, av=av)


def _objekt_nyckel(objekt: models.Model | None) -> dict[str, Any]:
    if objekt is None:
        return {"objekt_typ": None, "objekt_id": None}
    return {"objekt_typ": ContentType.objects.get_for_model(objekt), "objekt_id": objekt.pk}


def bevakning_skapa(
    *,
    typ: str,
    akt: Akt | None,
    forfaller: datetime.date,
    objekt: models.Model | None = None,
    agare: User | None = None,
    beskrivning: str = "",
) -> Bevakning:
    """Register a deadline to watch (docs/arkitektur.md: Periodiska jobb).

    Idempotent: an active bevakning of the same kind for the same object is moved to the new
    date rather than duplicated, so a task or a service may call this twice safely. One already
    överskriden is closed as makulerad when its deadline is set anew (the handläggningsmål after
    a komplettering, say): the Akt shows each deadline once, and the missed one keeps its
    record (`overskriden_tid`) while the new date gets its own notices. Without an
    Akt (`akt=None`) only the owner and the owner's enhetschef see it; one without an owner is
    seen by every enhetschef until someone takes it (docs/regler.md: "Bevakning utan akt").
    """
    if typ not in TYPER:
        raise ValueError(f"Okänd bevakningstyp: {typ}")
    nyckel = _objekt_nyckel(objekt)
    with transaction.atomic():
        if objekt is not None:  # without an object, kind and Akt alone don't name one deadline
            missade = Bevakning.objects.filter(
                typ=typ, akt=akt, status=BevakningStatus.OVERSKRIDEN, **nyckel
            )
            senaste = missade.order_by("-forfaller", "-pk").first()
            if senaste is not None:
                agare = agare or senaste.agare
                beskrivning = beskrivning or senaste.beskrivning
                missade.update(status=BevakningStatus.MAKULERAD, avslutad=timezone.now())
        befintlig = (
            Bevakning.objects.select_for_update()
            .filter(typ=typ, akt=akt, status=BevakningStatus.AKTIV, **nyckel)
            .first()
        )
        if befintlig:
            befintlig.forfaller = forfaller
            befintlig.agare = agare or befintlig.agare
            befintlig.beskrivning = beskrivning or befintlig.beskrivning
            befintlig.save(update_fields=["forfaller", "agare", "beskrivning"])
            return befintlig
        return Bevakning.objects.create(
            typ=typ,
            akt=akt,
            forfaller=forfaller,
            agare=agare or (akt.handlaggare if akt else None),
            beskrivning=beskrivning,
            **nyckel,
        )


def bevakning_uppfyll(*, typ: str, objekt: models.Model) -> int:
    """Meet every open bevakning of this kind on this object (the awaited event happened).

    Open means active or already överskriden: a late event still closes the watch. Returns how
    many were met; calling it again meets none.
    """
    return Bevakning.objects.filter(
        typ=typ,
        status__in=[BevakningStatus.AKTIV, BevakningStatus.OVERSKRIDEN],
        **_objekt_nyckel(objekt),
    ).update(status=BevakningStatus.UPPFYLLD, avslutad=timezone.now())


def bevakning_makulera(*, bevakning: Bevakning) -> Bevakning:
    """Cancel a bevakning that no longer applies (the case was withdrawn, say)."""
    bevakning.status = BevakningStatus.MAKULERAD
    bevakning.avslutad = timezone.now()
    bevakning.save(update_fields=["status", "avslutad"])
    return bevakning


def bevakningar_makulera_for(*, objekt: models.Model, typ: str | None = None) -> int:
    """Cancel the open bevakningar on an object (the ansökan was withdrawn, or a clock was
    paused). Returns how many; calling it again cancels none."""
    qs = Bevakning.objects.filter(
        status__in=[BevakningStatus.AKTIV, BevakningStatus.OVERSKRIDEN], **_objekt_nyckel(objekt)
    )
    if typ is not None:
        qs = qs.filter(typ=typ)
    return qs.update(status=BevakningStatus.MAKULERAD, avslutad=timezone.now())


def akt_ansvariga(akt: Akt) -> list[User]:
    """The Akt's handläggare and the enhetschef(er) of its Enhet: who is told when something
    arrives that must be acted on (docs/regler.md: överklagande)."""
    mottagare = {
        u.pk: u
        for u in User.objects.filter(
            is_active=True, enhet_id=akt.enhet_id, groups__name=Roll.ENHETSCHEF
        )
    }
    if akt.handlaggare_id and akt.handlaggare.is_active:
        mottagare[akt.handlaggare_id] = akt.handlaggare
    return list(mottagare.values())


def personal_underratta(*, mottagare: list[User], text: str, lank: str, amne: str) -> int:
    """An in-app Notis to each staff user and, after commit, an e-mail that says only that
    something is waiting and where (the page behind the link checks access as always)."""
    for user in mottagare:
        Notis.objects.create(mottagare=user, text=text[:300], lank=lank)
    adresser = [u.email for u in mottagare if u.email]
    if adresser:
        transaction.on_commit(
            lambda: send_mail(
                subject=f"Bistånd: {amne}",
                message=f"{text}\nLogga in i Bistånd för att se mer: {lank}",
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=adresser,
                fail_silently=True,
            )
        )
    return len(mottagare)
