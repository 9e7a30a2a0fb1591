"""Writes of the ansokan app (docs/arkitektur.md: Kodstil).

`ansokan_overgang` is the only function that assigns `Ansokan.status`: it checks the table of
allowed moves, locks the row and writes the timeline event in one transaction. Every other
write here goes through it for status, and writes its own timeline event.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from bistand import services as kart
from bistand.access import skrivratt_krav
from bistand.handelser import handelse_registrera
from bistand.inskick import ett_inskick
from bistand.jobb import koa_efter_commit
from bistand.models import Akt, Kontakttyp, MedlemsRoll, Notis, Person, User
from bistand.selectors import parameter_varde

from . import filer, klocka, selectors
from . import selectors as sel
from .handelsetyper import status_typ
from .models import (
    Ansokan,
    AnsokanPost,
    Avisering,
    BegaranOmAvgorande,
    Bilaga,
    Forsening,
    Kanal,
    Kategori,
    Komplettering,
    Meddelande,
    Posttyp,
    Skanning,
    Status,
    Typ,
    Vanteperiod,
)
from .tasks import skicka_avisering

S = Status

# docs/arkitektur.md: Flöde — utkast → inkommen ⇄ komplettering_begard → under_utredning → beslutad
# → avslutad; aterkallad from any open state. Nothing else is possible.
OVERGANGAR: dict[str, frozenset[str]] = {
    S.UTKAST: frozenset({S.INKOMMEN, S.ATERKALLAD}),
    S.INKOMMEN: frozenset({S.KOMPLETTERING_BEGARD, S.UNDER_UTREDNING, S.ATERKALLAD}),
    S.KOMPLETTERING_BEGARD: frozenset({S.INKOMMEN, S.UNDER_UTREDNING, S.ATERKALLAD}),
    S.UNDER_UTREDNING: frozenset({S.BESLUTAD, S.ATERKALLAD}),
    S.BESLUTAD: frozenset({S.AVSLUTAD}),
    S.AVSLUTAD: frozenset(),
    S.ATERKALLAD: frozenset(),
}

# Moves that follow from the applicant's own act (submitting, answering, withdrawing, or the
# missing co-applicant signature noticed on submission). Every other move needs a staff user.
# docs/regler.md: Inget automatiskt avslag — no move into a decided state is here — only a person
# decides.
SOKANDES_OVERGANGAR: frozenset[tuple[str, str]] = frozenset(
    {
        (S.UTKAST, S.INKOMMEN),
        (S.INKOMMEN, S.KOMPLETTERING_BEGARD),
        (S.KOMPLETTERING_BEGARD, S.INKOMMEN),
        (S.UTKAST, S.ATERKALLAD),
        (S.INKOMMEN, S.ATERKALLAD),
        (S.KOMPLETTERING_BEGARD, S.ATERKALLAD),
        (S.UNDER_UTREDNING, S.ATERKALLAD),
    }
)
BESLUTADE = frozenset({S.BESLUTAD, S.AVSLUTAD})


class OgiltigOvergang(ValidationError):
    """The move is not in the table, or nobody who may make it asked for it."""


def ansokan_overgang(
    *,
    ansokan: Ansokan,
    till: str,
    av: User | None = None,
    av_person: Person | None = None,
    motivering: str = "",
    lagrum: str = "",
) -> Ansokan:
    """Move the ansökan to `till` (docs/arkitektur.md: Kodstil (en tillståndsmaskin);
    docs/arkitektur.md: Flöde).

    Locks the row, checks OVERGANGAR, requires a staff user for every move that is not the
    applicant's own act, and a staff user for any decided state (docs/regler.md: Inget automatiskt
    avslag — no automatic avslag), then writes the timeline event — all in one transaction.
    The write right is checked by the service that moves it (this is their common step, also
    run for an intake that is routed to the enhetschef without the handläggare's access).
    """
    with transaction.atomic():
        last = Ansokan.objects.select_for_update().get(pk=ansokan.pk)
        fran = last.status
        if till not in OVERGANGAR.get(fran, ()):
            raise OgiltigOvergang(
                f"Ansökan kan inte gå från ”{S(fran).label}” till ”{S(till).label}”."
            )
        personal = av is not None and av.is_authenticated and av.is_active
        if till in BESLUTADE and not personal:
            raise OgiltigOvergang("Bara en handläggare kan fatta beslut i en ansökan.")
        if not personal and not (av_person is not None and (fran, till) in SOKANDES_OVERGANGAR):
            raise OgiltigOvergang("Den här ändringen måste göras av en handläggare.")
        last.status = till
        last.save(update_fields=["status", "andrad"])
        if fran != S.UTKAST or till == S.INKOMMEN:
            data = {"fran": fran, "till": till}
            data.update({k: v for k, v in (("motivering", motivering), ("lagrum", lagrum)) if v})
            handelse_registrera(
                typ=status_typ(fran, till),
                akt=last.akt,
                ansokan=last,
                objekt=last,
                av=av if personal else None,
                av_person=av_person,
                data=data,
            )
    ansokan.status = till
    if till == S.BESLUTAD:
        klocka.klockor_vid_beslut(last)
    elif till == S.ATERKALLAD:
        klocka.klockor_vid_aterkallelse(last)
    return last


def _handelse(ansokan: Ansokan, typ: str, text: str = "", **kwargs: Any) -> None:
    """One case-history event about the ansökan (docs/regler.md: "Händelser i akten"). The
    applicant's own draft (utkast) is hers alone and writes none."""
    if ansokan.status != S.UTKAST:
        handelse_registrera(typ=typ, akt=ansokan.akt, ansokan=ansokan, text=text, **kwargs)


def _referens(ansokan: Ansokan) -> str:
    return f"EB-{ansokan.mottagen:%Y}-{ansokan.pk:06d}"


def etjanst_anvandare() -> User:
    """The system author of journal entries that file what an applicant sent in the e-tjänst
    (docs/regler.md: Bakgrund — every contact is documented in the journal). Cannot log in."""
    user, skapad = User.objects.get_or_create(
        username="e-tjanst", defaults={"first_name": "E-tjänsten", "is_active": False}
    )
    if skapad:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _journalfor(*, akt: Akt, av: User, text: str) -> None:
    anteckning = kart.journal_skriv(akt=akt, av=av, kontakttyp=Kontakttyp.ETJANST, text=text)
    kart.journal_signera(anteckning=anteckning, av=av)


# ---- notices -------------------------------------------------------------------------------


def avisering_skapa(*, ansokan: Ansokan, typ: str, nyckel: str) -> Avisering | None:
    """Queue a notice after commit (docs/arkitektur.md: Kodstil (sidoeffekter efter commit)).
    Idempotent through `nyckel`."""
    epost = ansokan.epost or ansokan.sokande.epost
    telefon = ansokan.telefon or ansokan.sokande.telefon
    if not epost and not telefon:
        return None
    avisering, skapad = Avisering.objects.get_or_create(
        nyckel=nyckel[:80],
        defaults={"ansokan": ansokan, "typ": typ, "epost": epost, "telefon": telefon},
    )
    if skapad:
        koa_efter_commit(skicka_avisering, avisering.pk)
    return avisering


# ---- drafts in the e-tjänst ----------------------------------------------------------------


def _nasta_manad(dag: datetime.date) -> datetime.date:
    return (dag.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


@transaction.atomic
def ansokan_utkast_skapa(*, sokande: Person, typ: str) -> Ansokan:
    """Start (or resume) the applicant's own draft of this type in the e-tjänst.

    An återansökan is prefilled from the last submitted ansökan and asks only for what changed
    (as Helsingborg's e-tjänst does). Returns the open draft if one exists, so a double click
    makes one.
    """
    befintlig = (
        Ansokan.objects.select_for_update()
        .filter(sokande=sokande, typ=typ, status=S.UTKAST, kanal=Kanal.ETJANST)
        .first()
    )
    if befintlig:
        return befintlig
    akt = selectors.person_akt(sokande)
    ansokan = Ansokan.objects.create(
        sokande=sokande,
        typ=typ,
        kanal=Kanal.ETJANST,
        akt=akt,
        epost=sokande.epost,
        telefon=sokande.telefon,
    )
    if typ == Typ.ATERANSOKAN:
        forra = selectors.senaste_inskickade(sokande)
        if forra is not None:
            ansokan.uppgifter = {
                k: v for k, v in forra.uppgifter.items() if k in ("kontakt", "hushall", "ekonomi")
            }
            ansokan.medsokande = forra.medsokande
            ansokan.epost, ansokan.telefon = forra.epost, forra.telefon
            ansokan.save(update_fields=["uppgifter", "medsokande", "epost", "telefon"])
            AnsokanPost.objects.bulk_create(
                AnsokanPost(
                    ansokan=ansokan,
                    posttyp_id=p.posttyp_id,
                    belopp=p.belopp,
                    beskrivning=p.beskrivning,
                )
                for p in forra.poster.all()
            )
        ansokan.period = _nasta_manad(timezone.localdate())
        ansokan.save(update_fields=["period"])
    return ansokan


def _json(varde: Any) -> Any:
    if isinstance(varde, Decimal):
        return str(varde)
    if isinstance(varde, datetime.date):
        return varde.isoformat()
    if isinstance(varde, dict):
        return {k: _json(v) for k, v in varde.items()}
    if isinstance(varde, list | tuple):
        return [_json(v) for v in varde]
    return varde


@transaction.atomic
def ansokan_utkast_spara(*, ansokan: Ansokan, steg: str, data: dict[str, Any]) -> Ansokan:
    """Save one step of the draft on the server (docs/arkitektur.md: E-tjänst): leaving and coming
    back loses nothing. Only a draft can be changed this way."""
    last = Ansokan.objects.select_for_update().get(pk=ansokan.pk)
    if last.status != S.UTKAST:
        raise ValidationError("Ansökan är redan inskickad och kan inte ändras.")
    last.uppgifter = {**last.uppgifter, steg: _json(data)}
    last.steg = steg
    falt = ["uppgifter", "steg", "andrad"]
    if steg == "kontakt":
        last.epost = data.get("epost", "")
        last.telefon = data.get("telefon", "")
        falt += ["epost", "telefon"]
    if steg == "andringar" and data.get("manad"):
        try:
            last.period = datetime.date.fromisoformat(f"{data['manad']}-01")
        except ValueError:
            pass
        else:
            falt.append("period")
    if steg == "hushall":
        last.medsokande = None
        if data.get("har_medsokande") and data.get("medsokande_personnummer"):
            last.medsokande = kart.person_registrera(
                identitet=data["medsokande_personnummer"],
                fornamn=data.get("medsokande_fornamn", ""),
                efternamn=data.get("medsokande_efternamn", ""),
            )
        falt.append("medsokande")
    last.save(update_fields=falt)
    return last


@transaction.atomic
def ansokan_poster_spara(
    *, ansokan: Ansokan, poster: Iterable[tuple[Posttyp, Decimal | None, str]]
) -> list[AnsokanPost]:
    """Replace the requested posts (what is applied for) with the given rows."""
    if ansokan.status != S.UTKAST:
        raise ValidationError("Ansökan är redan inskickad och kan inte ändras.")
    ansokan.poster.all().delete()
    rader = []
    for posttyp, belopp, beskrivning in poster:
        if belopp is not None and belopp < 0:
            raise ValidationError({"belopp": "Beloppet kan inte vara negativt."})
        rader.append(
            AnsokanPost(ansokan=ansokan, posttyp=posttyp, belopp=belopp, beskrivning=beskrivning)
        )
    return AnsokanPost.objects.bulk_create(rader)


def _oppna_akt(ansokan: Ansokan, *, fran: datetime.date) -> Akt:
    """A new applicant's Akt goes to an Enhet by the admin-edited rule and waits unassigned in
    that Enhet's list (docs/arkitektur.md: E-tjänst). Co-applicant and children join its
    household."""
    postnummer = ansokan.uppgifter.get("kontakt", {}).get("postnummer", "")
    enhet = selectors.enhet_for_postnummer(postnummer or ansokan.sokande.postnummer)
    if enhet is None:
        raise ValidationError("Det finns ingen enhet som kan ta emot ansökan.")
    akt = kart.akt_skapa(enhet=enhet, sokande=ansokan.sokande, fran=fran, handlaggare=None)
    if ansokan.medsokande_id:
        kart.hushall_medlem_lagg_till(
            hushall=akt.hushall, person=ansokan.medsokande, roll=MedlemsRoll.MEDSOKANDE, fran=fran
        )
    for barn in ansokan.uppgifter.get("hushall", {}).get("barn", []):
        if not barn.get("personnummer"):
            continue
        person = kart.person_registrera(
            identitet=barn["personnummer"],
            fornamn=barn.get("fornamn", ""),
            efternamn=ansokan.sokande.efternamn,
        )
        dagar = barn.get("umgangesdagar") if barn.get("boende") == "umgange" else None
        kart.hushall_medlem_lagg_till(
            hushall=akt.hushall,
            person=person,
            roll=MedlemsRoll.BARN,
            fran=fran,
            umgangesdagar=int(dagar) if dagar else None,
        )
    return akt


def _registrera(
    ansokan: Ansokan, *, mottagen: datetime.date, av: User | None, av_person: Person | None
) -> Ansokan:
    """Give the ansökan its Akt, date and reference number, then move it to inkommen."""
    if ansokan.akt_id is None:
        ansokan.akt = _oppna_akt(ansokan, fran=mottagen)
    elif (
        ansokan.medsokande_id
        and not ansokan.akt.hushall.medlemmar.filter(
            person_id=ansokan.medsokande_id, till__isnull=True
        ).exists()
    ):
        kart.hushall_medlem_lagg_till(
            hushall=ansokan.akt.hushall,
            person=ansokan.medsokande,
            roll=MedlemsRoll.MEDSOKANDE,
            fran=mottagen,
        )
    ansokan.mottagen = mottagen
    ansokan.inkommen_tid = timezone.now()
    ansokan.referens = _referens(ansokan)
    ansokan.save(update_fields=["akt", "mottagen", "inkommen_tid", "referens", "andrad"])
    motivering = (
        "Skickad i e-tjänsten."
        if ansokan.kanal == Kanal.ETJANST
        else f"Registrerad av handläggare, inkom via {Kanal(ansokan.kanal).label.lower()}."
    )
    ansokan_overgang(
        ansokan=ansokan, till=S.INKOMMEN, av=av, av_person=av_person, motivering=motivering
    )
    klocka.klockor_vid_registrering(ansokan)
    return ansokan


@transaction.atomic
def ansokan_skicka_in(*, ansokan: Ansokan, sokande: Person) -> tuple[Ansokan, bool]:
    """Submit the applicant's draft; it is registered even when incomplete (docs/regler.md: Bakgrund
    — nothing is rejected for being incomplete). Returns (ansökan, newly submitted).

    Double submission results in one ansökan: the row is locked and a second call finds it
    already registered. Both adults sign when there is a medsökande; a missing signature
    becomes a komplettering, never a refusal (docs/arkitektur.md: E-tjänst).
    """
    last = Ansokan.objects.select_for_update().get(pk=ansokan.pk)
    if last.sokande_id != sokande.pk:
        raise ValidationError("Du kan bara skicka in din egen ansökan.")
    if last.status != S.UTKAST:
        return last, False
    last.signerad_sokande = timezone.now()
    last.save(update_fields=["signerad_sokande"])
    _registrera(last, mottagen=timezone.localdate(), av=None, av_person=sokande)
    if last.medsokande_id and last.signerad_medsokande is None:
        komplettering_begar(
            ansokan=last,
            av=None,
            av_person=sokande,
            vad="Medsökandes underskrift",
            varfor=(
                "Båda vuxna i hushållet skriver under ansökan. Medsökande loggar in i "
                "e-tjänsten och skriver under, eller kontaktar oss."
            ),
            senast=timezone.localdate()
            + datetime.timedelta(
                days=int(parameter_varde("etjanst-underskrift-frist-dagar", timezone.localdate()))
            ),
        )
    avisering_skapa(ansokan=last, typ="kvitto", nyckel=f"kvitto-{last.pk}")
    last.refresh_from_db()
    return last, True


@transaction.atomic
def ansokan_registrera(
    *,
    sokande: Person,
    av: User,
    typ: str,
    kanal: str,
    mottagen: datetime.date,
    uppgifter: dict[str, Any] | None = None,
    poster: Iterable[tuple[Posttyp, Decimal | None, str]] = (),
    inskick_nyckel: uuid.UUID | None = None,
) -> tuple[Ansokan, bool]:
    """Staff intake of an application received on paper, by phone, at a visit or by e-mail
    (docs/arkitektur.md: E-tjänst; docs/regler.md: Alla kanaler): the same model, with the day it
    was received.

    `inskick_nyckel` makes a double post create one ansökan. Returns (ansökan, created).
    """
    skrivratt_krav(av, None)
    if kanal == Kanal.ETJANST:
        raise ValidationError({"kanal": "E-tjänstens ansökningar skickas in av sökande själv."})
    if mottagen > timezone.localdate():
        raise ValidationError({"mottagen": "Datumet kan inte vara i framtiden."})
    if inskick_nyckel is not None:
        tidigare = Ansokan.objects.filter(inskick_nyckel=inskick_nyckel).first()
        if tidigare is not None:
            return tidigare, False
    akt = selectors.person_akt(sokande)
    if akt is not None and akt.enhet_id != av.enhet_id:
        raise ValidationError(
            {"personnummer": "Personen har en akt i en annan enhet. Kontakta den enheten."}
        )
    try:
        with transaction.atomic():
            ansokan = Ansokan.objects.create(
                sokande=sokande,
                typ=typ,
                kanal=kanal,
                akt=akt,
                uppgifter=_json(uppgifter or {}),
                registrerad_av=av,
                inskick_nyckel=inskick_nyckel,
                epost=sokande.epost,
                telefon=sokande.telefon,
            )
    except IntegrityError:
        # The same form sent at the same moment on another connection: the unique key made
        # this insert wait for that one to commit; its ansökan is the one (docs/regler.md: Ett
        # inskick blir ett).
        if inskick_nyckel is None:
            raise
        tidigare = Ansokan.objects.filter(inskick_nyckel=inskick_nyckel).first()
        if tidigare is None:
            raise
        return tidigare, False
    ansokan_poster_spara(ansokan=ansokan, poster=poster)
    if akt is None:
        ansokan.akt = kart.akt_skapa(enhet=av.enhet, sokande=sokande, fran=mottagen)
    _registrera(ansokan, mottagen=mottagen, av=av, av_person=None)
    return ansokan, True


@transaction.atomic
def ansokan_signera(*, ansokan: Ansokan, person: Person) -> Ansokan:
    """The co-applicant signs (both adults sign the application). Meets the signature
    komplettering."""
    last = Ansokan.objects.select_for_update().get(pk=ansokan.pk)
    if last.medsokande_id != person.pk:
        raise ValidationError("Bara medsökande kan skriva under här.")
    if last.signerad_medsokande:
        return last
    last.signerad_medsokande = timezone.now()
    last.save(update_fields=["signerad_medsokande"])
    if last.status != S.UTKAST:
        _handelse(last, "ansokan.underskrift", av_person=person)
        for k in last.kompletteringar.filter(besvarad__isnull=True, vad="Medsökandes underskrift"):
            komplettering_besvara(
                komplettering=k, av_person=person, text="Underskrift i e-tjänsten."
            )
    return last


# ---- attachments ---------------------------------------------------------------------------


@transaction.atomic
def bilaga_spara(
    *,
    ansokan: Ansokan,
    fil: UploadedFile,
    kategori: str,
    av: User | None = None,
    av_person: Person | None = None,
    komplettering: Komplettering | None = None,
) -> Bilaga:
    """Store an attachment after checking its content and scanning it for malware.

    docs/drift.md: Uppladdningar — at most the parameter `bilagor-max-per-ansokan` files per
    ansökan; a file clamd finds malware in is kept in quarantine (never opened), and the
    handläggare gets a notice. Without a scanner (`make run`) the file is "ej virusskannad";
    when the configured scanner does not answer, the file waits for a later scan."""
    skrivratt_krav(av, ansokan.akt_id)
    if kategori not in Kategori.values:
        raise ValidationError({"kategori": "Välj vad filen innehåller."})
    ansokan = Ansokan.objects.select_for_update().get(pk=ansokan.pk)
    hogst = int(parameter_varde("bilagor-max-per-ansokan", timezone.localdate()))
    if ansokan.bilagor.count() >= hogst:
        raise ValidationError(
            {
                "fil": f"Ansökan har redan {hogst} bilagor, som är det högsta antalet. "
                "Kontakta din handläggare om du behöver skicka fler."
            }
        )
    innehallstyp = filer.kontrollera_fil(fil)
    skanning, fynd = filer.skanna(fil)
    mapp = "karantan" if skanning == Skanning.KARANTAN else "ansokan"
    lagrad = filer.lagra(fil, mapp=f"{mapp}/{ansokan.pk}")
    bilaga = Bilaga.objects.create(
        skanning=skanning,
        virusfynd=fynd,
        ansokan=ansokan,
        komplettering=komplettering,
        kategori=kategori,
        filnamn=(fil.name or "fil")[-200:],
        sokvag=lagrad.sokvag,
        innehallstyp=innehallstyp,
        storlek=lagrad.storlek,
        sha256=lagrad.sha256,
        uppladdad_av=av,
        uppladdad_av_person=av_person,
    )
    if ansokan.status != S.UTKAST:
        _handelse(
            ansokan,
            "ansokan.bilaga",
            Kategori(kategori).label,
            av=av,
            av_person=av_person,
        )
    if skanning == Skanning.KARANTAN:
        _karantan_meddela(bilaga)
    return bilaga


def _karantan_meddela(bilaga: Bilaga) -> None:
    """The handläggare (or, without one, the Enhet's handläggare) learns that a file was put
    in quarantine; the security log gets the finding."""
    ansokan = bilaga.ansokan
    logging.getLogger("bistand.sakerhet").warning(
        "sakerhet karantan bilaga=%s ansokan=%s fynd=%s", bilaga.pk, ansokan.pk, bilaga.virusfynd
    )
    akt = ansokan.akt
    if akt is None:
        return  # a draft: staff see the quarantined file on the ansökan when it is sent in
    if akt.handlaggare_id:
        mottagare = [akt.handlaggare]
    else:
        mottagare = list(
            User.objects.filter(enhet=akt.enhet, is_active=True, groups__name="Handläggare")
        )
    for user in mottagare:
        Notis.objects.create(
            mottagare=user,
            text=(
                f"En bilaga till ansökan {ansokan} innehöll skadlig kod och har satts "
                "i karantän. Be sökanden skicka dokumentet på annat sätt."
            ),
            lank=f"/ansokningar/{ansokan.pk}/",
        )


# ---- komplettering -------------------------------------------------------------------------


def _oppna_vanteperiod(ansokan: Ansokan, dag: datetime.date) -> None:
    if not ansokan.vanteperioder.filter(till__isnull=True).exists():
        Vanteperiod.objects.create(ansokan=ansokan, fran=dag)


def _stang_vanteperiod(ansokan: Ansokan, dag: datetime.date) -> None:
    ansokan.vanteperioder.filter(till__isnull=True).update(till=dag)


@transaction.atomic
def komplettering_begar(
    *,
    ansokan: Ansokan,
    av: User | None,
    vad: str,
    varfor: str,
    senast: datetime.date,
    datum_foreslaget_av_sokande: bool = False,
    av_person: Person | None = None,
) -> Komplettering:
    """Request named documents or information (docs/regler.md: Komplettering; docs/regler.md:
    Bakgrund).

    Names what is missing and why, with a deadline the applicant may propose or agree to.
    Registers a Bevakning, marks the ärende as waiting for the applicant (the handling clock
    pauses), writes the timeline — and the journal when a person asked — and notifies the
    applicant that something is waiting.
    """
    skrivratt_krav(av, ansokan.akt_id)
    idag = timezone.localdate()
    ansokan = Ansokan.objects.select_for_update().get(pk=ansokan.pk)
    if not vad.strip() or not varfor.strip():
        raise ValidationError("Skriv vad som behövs och varför.")
    if senast < idag:
        raise ValidationError({"senast": "Datumet har redan passerat. Välj i dag eller senare."})
    if senast > idag + datetime.timedelta(days=180):
        raise ValidationError({"senast": "Välj ett datum inom sex månader."})
    if ansokan.status not in (S.INKOMMEN, S.KOMPLETTERING_BEGARD, S.UNDER_UTREDNING):
        raise ValidationError("Komplettering kan bara begäras i en öppen ansökan.")
    k = Komplettering.objects.create(
        ansokan=ansokan,
        vad=vad.strip(),
        varfor=varfor.strip(),
        senast=senast,
        datum_foreslaget_av_sokande=datum_foreslaget_av_sokande,
        begard_av=av,
    )
    _handelse(
        ansokan,
        "ansokan.komplettering_begard",
        k.vad,
        objekt=k,
        av=av,
        av_person=av_person,
        data={"senast": k.senast.isoformat()},
    )
    kart.bevakning_skapa(
        typ="komplettering",
        akt=ansokan.akt,
        forfaller=senast,
        objekt=k,
        agare=av,
        beskrivning=f"Komplettering: {k.vad}"[:300],
    )
    _oppna_vanteperiod(ansokan, idag)
    klocka.klockor_uppdatera(ansokan)
    if ansokan.status == S.INKOMMEN:
        ansokan_overgang(
            ansokan=ansokan,
            till=S.KOMPLETTERING_BEGARD,
            av=av,
            av_person=av_person,
            motivering=f"Komplettering begärd: {k.vad}",
        )
    if av is not None:
        _journalfor(
            akt=ansokan.akt,
            av=av,
            text=f"Begäran om komplettering i e-tjänsten: {k.vad}.\nSkäl: {k.varfor}\n"
            f"Senast: {senast:%Y-%m-%d}.",
        )
    avisering_skapa(ansokan=ansokan, typ="komplettering", nyckel=f"komplettering-{k.pk}")
    return k


@transaction.atomic
def komplettering_foresla_datum(
    *, komplettering: Komplettering, person: Person, senast: datetime.date
) -> Komplettering:
    """The applicant chooses how long they need (docs/regler.md: Bakgrund — the client decides the
    time)."""
    idag = timezone.localdate()
    if komplettering.besvarad is not None:
        raise ValidationError("Kompletteringen är redan inskickad.")
    if senast < idag:
        raise ValidationError({"senast": "Datumet har redan passerat. Välj i dag eller senare."})
    if senast > idag + datetime.timedelta(days=90):
        raise ValidationError({"senast": "Välj ett datum inom tre månader."})
    komplettering.senast = senast
    komplettering.datum_foreslaget_av_sokande = True
    komplettering.save(update_fields=["senast", "datum_foreslaget_av_sokande"])
    kart.bevakning_skapa(
        typ="komplettering",
        akt=komplettering.ansokan.akt,
        forfaller=senast,
        objekt=komplettering,
        agare=komplettering.begard_av,
    )
    _handelse(
        komplettering.ansokan,
        "ansokan.frist_andrad",
        f"{senast:%Y-%m-%d}",
        objekt=komplettering,
        av_person=person,
    )
    return komplettering


@ett_inskick("komplettering_svar", modell=Komplettering)
@transaction.atomic
def komplettering_besvara(
    *,
    komplettering: Komplettering,
    text: str = "",
    filer_: Iterable[tuple[UploadedFile, str]] = (),
    av: User | None = None,
    av_person: Person | None = None,
    kanal: str = Kanal.ETJANST,
) -> Komplettering:
    """Register the answer — in the e-tjänst by the applicant, or in any other channel by staff
    (docs/regler.md: Komplettering). Meets the Bevakning; when nothing else is awaited the clock
    runs again and the ärende returns to inkommen. Answering twice changes nothing.
    `inskick_nyckel`: one answer per sent form (docs/regler.md: Ett inskick blir ett)."""
    skrivratt_krav(av, komplettering.ansokan.akt_id)
    k = Komplettering.objects.select_for_update().get(pk=komplettering.pk)
    if k.besvarad is not None:
        return k
    filer_ = list(filer_)
    if not text.strip() and not filer_:
        raise ValidationError({"text": "Skriv ett svar eller ladda upp en fil."})
    ansokan = k.ansokan
    for fil, kategori in filer_:
        bilaga_spara(
            ansokan=ansokan, fil=fil, kategori=kategori, av=av, av_person=av_person, komplettering=k
        )
    k.besvarad = timezone.now()
    k.besvarad_kanal = kanal
    k.svar = text.strip()
    k.save(update_fields=["besvarad", "besvarad_kanal", "svar"])
    kart.bevakning_uppfyll(typ="komplettering", objekt=k)
    _handelse(
        ansokan,
        "ansokan.komplettering_inkommen",
        k.vad,
        objekt=k,
        av=av,
        av_person=av_person,
        data={"kanal": kanal},
    )
    if av is not None:
        _journalfor(
            akt=ansokan.akt,
            av=av,
            text=f"Komplettering inkommen via {Kanal(kanal).label.lower()}: {k.vad}.\n{k.svar}",
        )
    if not ansokan.kompletteringar.filter(besvarad__isnull=True).exists():
        _stang_vanteperiod(ansokan, timezone.localdate())
        klocka.klockor_uppdatera(ansokan)
        ansokan.refresh_from_db(fields=["status"])
        if ansokan.status == S.KOMPLETTERING_BEGARD:
            ansokan_overgang(
                ansokan=ansokan,
                till=S.INKOMMEN,
                av=av,
                av_person=av_person,
                motivering="Komplettering inkommen.",
            )
    return k


def ansokan_aterkalla(*, ansokan: Ansokan, person: Person) -> Ansokan:
    """The applicant withdraws an application that is not yet decided (docs/arkitektur.md: Flöde:
    `aterkallad` from any open state). Only the applicant's own act; open deadlines close."""
    if ansokan.sokande_id != person.pk:
        raise ValidationError("Bara den som har ansökt kan återkalla ansökan.")
    if ansokan.status not in OVERGANGAR or S.ATERKALLAD not in OVERGANGAR[ansokan.status]:
        raise ValidationError("Ansökan är redan avgjord och kan inte återkallas.")
    return ansokan_overgang(
        ansokan=ansokan,
        till=S.ATERKALLAD,
        av_person=person,
        motivering="Sökanden har återkallat ansökan.",
    )


@transaction.atomic
def ansokan_markera_komplett(*, ansokan: Ansokan, av: User) -> Ansokan:
    """The handläggare judges the application complete enough to handle although a request is
    still open: the wait ends and the handling clock runs again (docs/arkitektur.md: Periodiska
    jobb)."""
    skrivratt_krav(av, ansokan.akt_id)
    last = Ansokan.objects.select_for_update().get(pk=ansokan.pk)
    if not last.vanteperioder.filter(till__isnull=True).exists():
        return last
    _stang_vanteperiod(last, timezone.localdate())
    _handelse(
        last,
        "ansokan.komplett",
        av=av,
    )
    klocka.klockor_uppdatera(last)
    return last


# ---- messages ------------------------------------------------------------------------------


@ett_inskick("meddelande", modell=Meddelande)
@transaction.atomic
def meddelande_skicka(
    *,
    ansokan: Ansokan,
    text: str,
    av: User | None = None,
    av_person: Person | None = None,
) -> Meddelande:
    """A message in either direction, filed into the journal (docs/regler.md: Bakgrund — every
    contact is documented). A message to the applicant sends a notice that says only that it is
    waiting. `inskick_nyckel`: one message per sent form (docs/regler.md: Ett inskick blir
    ett)."""
    skrivratt_krav(av, ansokan.akt_id)
    text = text.strip()
    ansokan = Ansokan.objects.select_related("akt").get(pk=ansokan.pk)
    if not text:
        raise ValidationError({"text": "Skriv ett meddelande."})
    if len(text) > 5000:
        raise ValidationError({"text": "Meddelandet är för långt (högst 5 000 tecken)."})
    if ansokan.status == S.UTKAST or ansokan.akt_id is None:
        raise ValidationError("Skicka in ansökan först, sedan kan du skriva meddelanden.")
    if (av is None) == (av_person is None):
        raise ValueError("Ange antingen handläggare eller sökande.")
    till_sokande = av is not None
    forfattare = av if till_sokande else etjanst_anvandare()
    rubrik = "Meddelande till sökande" if till_sokande else "Meddelande från sökande"
    anteckning = kart.journal_skriv(
        akt=ansokan.akt,
        av=forfattare,
        kontakttyp=Kontakttyp.ETJANST,
        text=f"{rubrik} i e-tjänsten ({ansokan.referens}):\n{text}",
        till_enskilde=till_sokande,
    )
    kart.journal_signera(anteckning=anteckning, av=forfattare)
    meddelande = Meddelande.objects.create(
        ansokan=ansokan,
        riktning=Meddelande.Riktning.TILL_SOKANDE
        if till_sokande
        else Meddelande.Riktning.FRAN_SOKANDE,
        text=text,
        av=av,
        av_person=av_person,
        journal=anteckning,
    )
    _handelse(
        ansokan,
        "ansokan.meddelande_ut" if till_sokande else "ansokan.meddelande_in",
        objekt=meddelande,
        av=av,
        av_person=av_person,
    )
    if till_sokande:
        avisering_skapa(ansokan=ansokan, typ="meddelande", nyckel=f"meddelande-{meddelande.pk}")
    return meddelande


# ---- FL 11 § and FL 12 §: delays and requests for a decision ------------------------------------


def forsening_underratta(
    *, ansokan: Ansokan, av: User, skal: str, beraknat_datum: datetime.date
) -> Forsening:
    """FL 11 §: tell the applicant that the handling will be considerably delayed, why, and when
    a decision is expected. Shown in Mina sidor, a notice by her chosen channels, an event in
    the case history."""
    skrivratt_krav(av, ansokan.akt_id)

    fel = {}
    if not skal.strip():
        fel["skal"] = ["Skriv varför handläggningen blir försenad."]
    if beraknat_datum is None or beraknat_datum <= timezone.localdate():
        fel["beraknat_datum"] = ["Ange ett datum efter i dag då ni räknar med att besluta."]
    if ansokan.status not in (S.INKOMMEN, S.KOMPLETTERING_BEGARD, S.UNDER_UTREDNING):
        fel.setdefault("__all__", []).append("Ansökan är inte längre öppen.")
    if fel:
        raise ValidationError(fel)
    with transaction.atomic():
        f = Forsening.objects.create(
            ansokan=ansokan, skal=skal.strip(), beraknat_datum=beraknat_datum, av=av
        )
        _handelse(
            ansokan,
            "ansokan.forsening",
            f"Beräknat beslut senast {beraknat_datum:%Y-%m-%d}. Skäl: {skal.strip()}",
            objekt=f,
            av=av,
        )
        avisering_skapa(ansokan=ansokan, typ="forsening", nyckel=f"forsening:{f.pk}")
    return f


def avgorande_begar(*, ansokan: Ansokan, av_person: Person, text: str = "") -> BegaranOmAvgorande:
    """FL 12 §: the applicant asks in writing that the matter be decided, once it has waited six
    months (parameter) without a decision in first instance. The nämnd must decide the matter
    or refuse the request within four weeks (parameter): a Bevakning watches that date."""
    idag = timezone.localdate()
    if not sel.avgorande_kan_begaras(ansokan, idag):
        raise ValidationError(
            "Du kan begära att ärendet avgörs när det har väntat på beslut i sex månader."
        )
    veckor = int(parameter_varde("avgorande-inom-veckor", idag))
    senast = idag + datetime.timedelta(weeks=veckor)
    with transaction.atomic():
        b = BegaranOmAvgorande.objects.create(
            ansokan=ansokan,
            begard=idag,
            text=text.strip()[:5000],
            av_person=av_person,
            senast=senast,
        )
        kart.bevakning_skapa(
            typ="begaran_avgorande",
            akt=ansokan.akt,
            forfaller=senast,
            objekt=ansokan,
            beskrivning="Avgör ärendet eller avslå begäran (FL 12 §)",
        )
        _handelse(
            ansokan,
            "ansokan.begaran_avgorande",
            f"Beslut senast {senast:%Y-%m-%d}",
            objekt=b,
            av_person=av_person,
        )
        if ansokan.akt.handlaggare_id:
            kart.personal_underratta(
                mottagare=kart.akt_ansvariga(ansokan.akt),
                text=f"Begäran om avgörande (FL 12 §) i ansökan {ansokan.referens}: besluta "
                f"eller avslå begäran senast {senast:%Y-%m-%d}.",
                lank=f"/ansokningar/{ansokan.pk}/",
                amne="begäran om avgörande",
            )
    return b
