"""Writes of barnkonsekvens (docs/arkitektur.md: Kodstil (services och selectors)): the analysis per
child, its signing, orosanmälan."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ansokan.models import Ansokan
from bistand.access import skrivratt_krav
from bistand.handelser import handelse_registrera
from bistand.models import Akt, HushallMedlem, Kontakttyp, MedlemsRoll, Person, User
from bistand.selectors import lagrum_rad, parameter_varde
from bistand.services import (
    bevakning_skapa,
    bevakning_uppfyll,
    journal_signera,
    journal_skriv,
)
from utredning.selectors import forra_ansokan

from .models import BarnetsBoende, Barnkonsekvensanalys, EjSamtalSkal, Orosanmalan
from .regler import barnkonsekvens_krav, forra_analys_far_bekraftas

TEXTFALT = (
    "behov",
    "konsekvens_bifall",
    "konsekvens_avslag",
    "samtal_av",
    "samtal_form",
    "barnets_asikt",
    "ej_samtal_skal",
    "ej_samtal_motivering",
    "vagning",
    "slutsats",
    "direkt_till_barn_motiv",
)
FALT = (*TEXTFALT, "barnsamtal", "samtal_datum", "direkt_till_barn")
FORHANDSBEDOMNING_DAGAR = "forhandsbedomning-dagar"
FORHANDSBEDOMNING_LAGRUM = "sol-forhandsbedomning"
SIGNERAD_FEL = "Analysen är signerad och kan inte ändras."


def alder_pa(fodd: datetime.date, dag: datetime.date) -> int:
    return dag.year - fodd.year - ((dag.month, dag.day) < (fodd.month, fodd.day))


def _barnets_medlemskap(ansokan, barn: Person, dag: datetime.date) -> HushallMedlem | None:
    """The child's membership of the Akt's household, the current one first."""
    medlemskap = list(
        HushallMedlem.objects.filter(
            hushall_id=ansokan.akt.hushall_id, person=barn, roll=MedlemsRoll.BARN
        ).order_by("-fran")
    )
    for m in medlemskap:
        if m.fran <= dag and (m.till is None or m.till >= dag):
            return m
    return medlemskap[0] if medlemskap else None


def analys_spara(*, ansokan, barn: Person, av: User, **falt: Any) -> Barnkonsekvensanalys:
    """Save the analysis for one child as a draft (docs/regler.md: Barnkonsekvensanalys). Saving
    again updates it until it is signed; the child's age and living situation are recorded as they
    are today, and the rule's reasons as they stand now."""
    skrivratt_krav(av, ansokan.akt_id)
    okanda = set(falt) - set(FALT)
    if okanda:
        raise TypeError(f"Okända fält: {', '.join(sorted(okanda))}")
    idag = timezone.localdate()
    medlem = _barnets_medlemskap(ansokan, barn, idag)
    if medlem is None:
        raise ValidationError({"barn": "Barnet hör inte till hushållet i den här akten."})
    if medlem.till is not None and medlem.till < idag:
        boende = BarnetsBoende.ANNAN
    else:
        boende = medlem.boende
    varden = {k: (v or "") if k in TEXTFALT else v for k, v in falt.items()}
    with transaction.atomic():
        analys = (
            Barnkonsekvensanalys.objects.select_for_update()
            .filter(ansokan=ansokan, barn=barn)
            .first()
        )
        if analys is not None and analys.signerad is not None:
            raise ValidationError(SIGNERAD_FEL)
        if analys is None:
            analys = Barnkonsekvensanalys(ansokan=ansokan, barn=barn, skapad_av=av)
        for namn, varde in varden.items():
            setattr(analys, namn, varde)
        analys.alder = alder_pa(barn.fodelsedatum, idag)
        analys.boende = boende
        analys.skal = barnkonsekvens_krav(ansokan=ansokan).skal
        analys.full_clean(exclude=["ansokan", "barn", "skapad_av"])
        analys.save()
    return analys


def analys_granska(analys: Barnkonsekvensanalys) -> dict[str, str]:
    """What must be filled in before signing, as Swedish messages per field (docs/regler.md:
    Barnkonsekvensanalys: needs, consequences of bifall and avslag, the child's own view or why it
    was not heard, the weighing and conclusion; point 4: why bistånd goes directly to the child)."""
    fel: dict[str, str] = {}
    krav = {
        "behov": "Beskriv barnets behov, så som de är kända.",
        "konsekvens_bifall": "Beskriv vad ett bifall betyder för barnet.",
        "konsekvens_avslag": "Beskriv vad ett avslag betyder för barnet.",
        "vagning": "Skriv hur du har vägt barnets bästa mot andra intressen.",
        "slutsats": "Skriv slutsatsen, som beslutets motivering ska spegla.",
    }
    for namn, text in krav.items():
        if not getattr(analys, namn).strip():
            fel[namn] = text
    if analys.barnsamtal is None:
        fel["barnsamtal"] = "Ange om ett barnsamtal har hållits."
    elif analys.barnsamtal:
        if analys.samtal_datum is None:
            fel["samtal_datum"] = "Ange när samtalet hölls."
        elif analys.samtal_datum > timezone.localdate():
            fel["samtal_datum"] = "Datumet kan inte vara i framtiden."
        if not analys.samtal_av.strip():
            fel["samtal_av"] = "Ange vem eller vilka som höll samtalet."
        if not analys.samtal_form:
            fel["samtal_form"] = "Välj hur samtalet hölls."
        if not analys.barnets_asikt.strip():
            fel["barnets_asikt"] = "Skriv vad barnet sa, med barnets egna ord så långt det går."
    else:
        if not analys.ej_samtal_skal:
            fel["ej_samtal_skal"] = "Välj varför inget barnsamtal hölls."
        elif analys.ej_samtal_skal == EjSamtalSkal.ANNAT and not analys.ej_samtal_motivering:
            fel["ej_samtal_motivering"] = "Förklara skälet."
    if analys.direkt_till_barn and not analys.direkt_till_barn_motiv.strip():
        fel["direkt_till_barn_motiv"] = "Skriv varför bistånd föreslås direkt till barnet."
    return fel


def analys_signera(*, analys: Barnkonsekvensanalys, av: User) -> Barnkonsekvensanalys:
    """Sign the analysis; from then on the database refuses any change to it (like a signed
    journal entry, docs/regler.md: Journal). A short signed journal entry records it in the Akt
    (SOSFS 2014:5: the personakt documents what was done)."""
    skrivratt_krav(av, analys.ansokan.akt_id)
    with transaction.atomic():
        last = Barnkonsekvensanalys.objects.select_for_update().get(pk=analys.pk)
        if last.signerad is not None:
            raise ValidationError("Analysen är redan signerad.")
        fel = analys_granska(last)
        if fel:
            raise ValidationError(fel)
        last.signerad = timezone.now()
        last.signerad_av = av
        last.save(update_fields=["signerad", "signerad_av"])
        samtal = "med barnsamtal" if last.barnsamtal else "utan barnsamtal"
        anteckning = journal_skriv(
            akt=last.ansokan.akt,
            av=av,
            kontakttyp=Kontakttyp.INTERN,
            text=(
                f"Barnkonsekvensanalys för {last.barn.fornamn} ({last.alder} år), "
                f"ansökan {last.ansokan}, signerad {samtal}. Slutsats: {last.slutsats}"
            ),
        )
        journal_signera(anteckning=anteckning, av=av)
        handelse_registrera(
            typ="barnkonsekvensanalys.signerad",
            akt=last.ansokan.akt,
            ansokan=last.ansokan,
            objekt=last,
            av=av,
            text=f"{last.barn.fornamn} ({last.alder} år), {samtal}",
        )
    return last


def forra_analys(ansokan, barn: Person) -> Barnkonsekvensanalys | None:
    """The child's signed analysis of the applicant's previous ansökan, if any."""
    forra = forra_ansokan(ansokan)
    if forra is None:
        return None
    return (
        Barnkonsekvensanalys.objects.filter(ansokan=forra, barn=barn, signerad__isnull=False)
        .select_related("barn")
        .first()
    )


def bekraftbar_forra_analys(ansokan, barn: Person) -> Barnkonsekvensanalys | None:
    """Last month's signed analysis of the child when this month's triggers allow confirming
    it (`forra_analys_far_bekraftas`); the page offers the confirmation only then."""
    if not forra_analys_far_bekraftas(barnkonsekvens_krav(ansokan=ansokan)):
        return None
    return forra_analys(ansokan, barn)


def analys_bekrafta_forra(
    *, ansokan, barn: Person, av: User, bekraftelse: str
) -> Barnkonsekvensanalys:
    """Confirm last month's signed analysis as still valid for this ansökan, with a note saying
    why (docs/regler.md: Barnkonsekvensanalys — required every month where umgängesresor are
    sought). Only where this month's triggers recur every month (`forra_analys_far_bekraftas`):
    an akut ansökan or any other new situation needs a new analysis. The confirmation is this
    ansökan's analysis saved and signed the ordinary way (`analys_spara`, `analys_signera`:
    the child's age and living situation as they are today, the signed journal entry) with
    last month's content and the note. One confirmation per child and ansökan: a second, also
    one sent at the same moment, is refused with a message."""
    skrivratt_krav(av, ansokan.akt_id)
    bekraftelse = (bekraftelse or "").strip()
    if not bekraftelse:
        raise ValidationError({"bekraftelse": "Skriv varför analysen fortfarande gäller."})
    if not forra_analys_far_bekraftas(barnkonsekvens_krav(ansokan=ansokan)):
        raise ValidationError(
            "Förra månadens analys kan inte bekräftas för den här ansökan: den kräver en ny "
            "analys (till exempel en akut ansökan, en skuld eller ett avslag som rör barnet)."
        )
    tidigare = forra_analys(ansokan, barn)
    if tidigare is None:
        raise ValidationError("Det finns ingen signerad analys från förra månaden för barnet.")
    with transaction.atomic():
        # The ansökan is locked so that two confirmations at the same moment run one at a time.
        Ansokan.objects.select_for_update().filter(pk=ansokan.pk).first()
        if Barnkonsekvensanalys.objects.filter(ansokan=ansokan, barn=barn).exists():
            raise ValidationError(
                "Det finns redan en analys för barnet i den här ansökan. Gör klart den i stället."
            )
        analys = analys_spara(
            ansokan=ansokan, barn=barn, av=av, **{f: getattr(tidigare, f) for f in FALT}
        )
        analys.bekraftad_fran = tidigare
        analys.bekraftelse = bekraftelse
        analys.save(update_fields=["bekraftad_fran", "bekraftelse"])
        analys = analys_signera(analys=analys, av=av)
        handelse_registrera(
            typ="barnkonsekvensanalys.bekraftad",
            akt=ansokan.akt,
            ansokan=ansokan,
            objekt=analys,
            av=av,
            text=f"{barn.fornamn}: analysen från {tidigare.ansokan} gäller. {bekraftelse}",
            data={"forra": tidigare.pk},
        )
    return analys


def orosanmalan_registrera(
    *,
    akt: Akt,
    av: User,
    datum: datetime.date,
    mottagare: str,
    skal: str,
    barn: Person | None = None,
) -> Orosanmalan:
    """Register an orosanmälan made from the Akt (docs/regler.md: Barnkonsekvensanalys): written to
    the journal, signed, with a bevakning for the förhandsbedömning, which must be made within the
    dated number of days (parameter `forhandsbedomning-dagar`; SoL 2025:400 20 kap. 2 §)."""
    skrivratt_krav(av, akt)
    fel: dict[str, str] = {}
    if datum > timezone.localdate():
        fel["datum"] = "Datumet kan inte vara i framtiden."
    if not mottagare.strip():
        fel["mottagare"] = "Ange vilken enhet anmälan gjordes till."
    if not skal.strip():
        fel["skal"] = "Beskriv vad oron gäller."
    if (
        barn is not None
        and not HushallMedlem.objects.filter(
            hushall_id=akt.hushall_id, person=barn, roll=MedlemsRoll.BARN
        ).exists()
    ):
        fel["barn"] = "Barnet hör inte till hushållet i den här akten."
    if fel:
        raise ValidationError(fel)
    dagar = int(parameter_varde(FORHANDSBEDOMNING_DAGAR, datum))
    forfaller = datum + datetime.timedelta(days=dagar)
    try:
        lagrum = lagrum_rad(FORHANDSBEDOMNING_LAGRUM, datum).text
    except LookupError:
        lagrum = ""
    om_barn = f" om {barn.namn}" if barn else ""
    with transaction.atomic():
        anteckning = journal_skriv(
            akt=akt,
            av=av,
            kontakttyp=Kontakttyp.INTERN,
            handelse_datum=datum,
            text=(
                f"Orosanmälan{om_barn} gjord till {mottagare.strip()}. Skäl: {skal.strip()}\n"
                f"Förhandsbedömning ska göras senast {forfaller:%Y-%m-%d}"
                + (f" ({lagrum})." if lagrum else ".")
            ),
        )
        journal_signera(anteckning=anteckning, av=av)
        anmalan = Orosanmalan.objects.create(
            akt=akt,
            barn=barn,
            datum=datum,
            mottagare=mottagare.strip(),
            skal=skal.strip(),
            av=av,
            journal=anteckning,
        )
        bevakning_skapa(
            typ="forhandsbedomning",
            akt=akt,
            forfaller=forfaller,
            objekt=anmalan,
            agare=av,
            beskrivning=f"Förhandsbedömning efter orosanmälan {datum:%Y-%m-%d}{om_barn}",
        )
        handelse_registrera(
            typ="orosanmalan.registrerad",
            akt=akt,
            objekt=anmalan,
            av=av,
            text=f"Till {mottagare.strip()}{om_barn}",
            data={"datum": datum.isoformat(), "forhandsbedomning_senast": forfaller.isoformat()},
        )
    return anmalan


def orosanmalan_aterkoppling(
    *, anmalan: Orosanmalan, av: User, datum: datetime.date | None = None
) -> Orosanmalan:
    """Register that the receiving unit has reported back that the förhandsbedömning is made;
    meets the bevakning and notes it in the journal."""
    skrivratt_krav(av, anmalan.akt_id)
    datum = datum or timezone.localdate()
    if datum < anmalan.datum:
        raise ValidationError({"datum": "Återkopplingen kan inte vara före anmälan."})
    if datum > timezone.localdate():
        raise ValidationError({"datum": "Datumet kan inte vara i framtiden."})
    with transaction.atomic():
        anmalan.aterkoppling = datum
        anmalan.save(update_fields=["aterkoppling"])
        bevakning_uppfyll(typ="forhandsbedomning", objekt=anmalan)
        handelse_registrera(
            typ="orosanmalan.aterkoppling",
            akt=anmalan.akt,
            objekt=anmalan,
            av=av,
            text=f"Från {anmalan.mottagare}",
            data={"datum": datum.isoformat()},
        )
        anteckning = journal_skriv(
            akt=anmalan.akt,
            av=av,
            kontakttyp=Kontakttyp.INTERN,
            handelse_datum=datum,
            text=(
                f"Återkoppling från {anmalan.mottagare}: förhandsbedömning gjord efter "
                f"orosanmälan {anmalan.datum:%Y-%m-%d}."
            ),
        )
        journal_signera(anteckning=anteckning, av=av)
    return anmalan
