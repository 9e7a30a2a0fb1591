"""Writes of utbetalning (one function per action, keyword-only, `entity_action`).

Rules: docs/regler.md, "Utbetalning och återkrav". `order_overgang` is the one function that
changes an order's status; `betalfil_skapa` the one that puts orders in a payment file.
"""

from __future__ import annotations

import csv
import datetime
import functools
import hashlib
import io
import uuid
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from lxml import etree

from beslut.services import _lagra_pdf
from bistand.access import har_roll, skrivratt_krav
from bistand.kalender import utbetalningsdag
from bistand.models import Akt, Namnd, Roll, User
from bistand.parametrar import bara_siffror
from bistand.selectors import lagrum_rad, parameter_varde
from bistand.services import bevakning_skapa, bevakning_uppfyll

from . import konton, pain001, selectors
from .behorighet import kan_attestera as regel
from .models import (
    Aterkrav,
    Attestgrans,
    Avbetalning,
    Avstamning,
    Betalfil,
    Betalningsmottagare,
    Betalningsval,
    Kontoandring,
    Kontotyp,
    Mottagartyp,
    Narvarovillkor,
    Ocrkrav,
    Orderstatus,
    Reglering,
    Utbetalningsorder,
)

OS = Orderstatus
ATTEST_PERM = "utbetalning.attestera"

# Outcomes of beslut that pay money. A tillägg (beslut.Beslutstyp.TILLAGG) is a bifall or delvis
# bifall of its own whose amount comes in addition to the standing decision it names, so it pays
# its own amount and nothing of the earlier decision (docs/regler.md: Utbetalningsorder).
BETALANDE_UTFALL = frozenset({"bifall", "delvis_bifall"})

# The one table of allowed moves of an order (docs/regler.md: Utbetalningsorderns gång).
ORDER_OVERGANGAR: dict[str, frozenset[str]] = {
    OS.VANTAR_ATTEST: frozenset({OS.STICKPROV, OS.VANTAR_NARVARO, OS.KLAR, OS.MAKULERAD}),
    OS.STICKPROV: frozenset({OS.VANTAR_NARVARO, OS.KLAR, OS.MAKULERAD}),
    OS.VANTAR_NARVARO: frozenset({OS.KLAR, OS.MAKULERAD}),
    OS.KLAR: frozenset({OS.VANTAR_NARVARO, OS.I_FIL, OS.MAKULERAD}),
    OS.I_FIL: frozenset({OS.BETALD, OS.AVVISAD}),
    OS.BETALD: frozenset(),
    OS.AVVISAD: frozenset(),
    OS.MAKULERAD: frozenset(),
}

# The sample check's checklist (docs/regler.md: Stickprov).
KONTROLLPUNKTER: list[tuple[str, str]] = [
    ("beslut", "Det finns ett beslut och beloppet stämmer med beslutet"),
    ("mottagare", "Mottagaren och kontot stämmer med beslutet och underlaget"),
    ("dubbel", "Samma kostnad har inte redan betalats ut för perioden"),
    ("underlag", "Underlaget för kostnaden (faktura, hyresavi) finns i akten"),
]


class UtbetalningNekad(ValidationError):
    """The action is not allowed now; the message says why, in Swedish."""


@functools.cache
def _handelse_funktion():
    try:
        # Only on this path: migrations pass their own (historical) models.
        from bistand.handelser import handelse_registrera
    except ImportError:
        return None
    return handelse_registrera


def _handelse(
    *, typ: str, akt, objekt=None, av=None, text: str = "", data=None, ansokan=None
) -> None:
    """Write the case-history event (kinds in `utbetalning/handelsetyper.py`) in the same
    transaction as the change, when the core has the event table (docs/arkitektur.md:
    Utbetalning)."""
    handelse_registrera = _handelse_funktion()
    if handelse_registrera is None:
        return
    handelse_registrera(
        typ=typ, akt=akt, ansokan=ansokan, objekt=objekt, av=av, text=text, data=data or {}
    )


_STATUS_HANDELSE = {
    OS.I_FIL: "utbetalning.skickad",
    OS.BETALD: "utbetalning.betald",
    OS.AVVISAD: "utbetalning.avvisad",
    OS.MAKULERAD: "utbetalning.makulerad",
}


def _order_ansokan(order):
    return order.beslut.brev.ansokan


# ---- payees and their accounts -------------------------------------------------------------


def mottagare_skapa(
    *,
    namnd: Namnd,
    typ: str,
    namn: str,
    person=None,
    organisationsnummer: str = "",
    ocrkrav: str = Ocrkrav.INGET,
) -> Betalningsmottagare:
    """A payee in the register, without an account until one is approved."""
    if not namn.strip():
        raise ValidationError({"namn": "Skriv mottagarens namn."})
    if typ == Mottagartyp.SOKANDE and person is None:
        raise ValidationError({"namn": "Ett eget konto hör till en person."})
    return Betalningsmottagare.objects.create(
        namnd=namnd,
        typ=typ,
        namn=namn.strip(),
        person=person,
        organisationsnummer=organisationsnummer.strip(),
        ocrkrav=ocrkrav,
    )


def mottagare_for_person(*, namnd: Namnd, person) -> Betalningsmottagare:
    """The applicant's own payee row (created without an account the first time)."""
    befintlig = Betalningsmottagare.objects.filter(
        namnd=namnd, typ=Mottagartyp.SOKANDE, person=person
    ).first()
    if befintlig:
        return befintlig
    return mottagare_skapa(namnd=namnd, typ=Mottagartyp.SOKANDE, namn=person.namn, person=person)


def konto_normalisera(*, kontotyp: str, clearingnummer: str, kontonummer: str) -> tuple[str, str]:
    """Validate an account by its check digits; (clearing, number) in digits, or a
    ValidationError keyed by field with a Swedish message."""
    if kontotyp == Kontotyp.BANKGIRO:
        try:
            return "", konton.bankgiro_validera(kontonummer)
        except ValidationError as fel:
            raise ValidationError({"kontonummer": fel.messages}) from None
    if kontotyp == Kontotyp.PLUSGIRO:
        try:
            return "", konton.plusgiro_validera(kontonummer)
        except ValidationError as fel:
            raise ValidationError({"kontonummer": fel.messages}) from None
    if kontotyp == Kontotyp.BANKKONTO:
        cl, nr, _bank = konton.bankkonto_validera(clearingnummer, kontonummer)
        return cl, nr
    raise ValidationError({"kontotyp": "Välj bankkonto, bankgiro eller plusgiro."})


def kontoandring_foresla(
    *, mottagare: Betalningsmottagare, kontotyp: str, clearingnummer: str, kontonummer: str, av
) -> Kontoandring:
    """Propose a new or changed account. It applies only when a second person approves it
    (docs/regler.md: Betalningsmottagare); every proposal is kept as the change log."""
    cl, nr = konto_normalisera(
        kontotyp=kontotyp, clearingnummer=clearingnummer, kontonummer=kontonummer
    )
    with transaction.atomic():
        if mottagare.kontoandringar.filter(status=Kontoandring.Status.FORESLAGEN).exists():
            raise UtbetalningNekad(
                "Det finns redan en kontoändring som väntar på godkännande för mottagaren."
            )
        return Kontoandring.objects.create(
            mottagare=mottagare,
            kontotyp=kontotyp,
            clearingnummer=cl,
            kontonummer=nr,
            tidigare=mottagare.konto_visning if mottagare.har_konto else "",
            foreslagen_av=av,
        )


def kontoandring_besvara(*, andring: Kontoandring, av: User, godkann: bool) -> Kontoandring:
    """A second person with the attest right approves or refuses a proposed account."""
    if not kan_attestera(av):
        raise PermissionDenied("Du har inte behörighet att godkänna kontoändringar.")
    with transaction.atomic():
        andring = Kontoandring.objects.select_for_update().get(pk=andring.pk)
        if andring.status != Kontoandring.Status.FORESLAGEN:
            raise UtbetalningNekad("Kontoändringen är redan besvarad.")
        if andring.foreslagen_av_id == av.pk:
            raise UtbetalningNekad("En annan person än den som lade in kontot måste godkänna det.")
        andring.status = Kontoandring.Status.GODKAND if godkann else Kontoandring.Status.AVVISAD
        andring.besvarad_av = av
        andring.besvarad = timezone.now()
        andring.save(update_fields=["status", "besvarad_av", "besvarad"])
        if godkann:
            Betalningsmottagare.objects.filter(pk=andring.mottagare_id).update(
                kontotyp=andring.kontotyp,
                clearingnummer=andring.clearingnummer,
                kontonummer=andring.kontonummer,
            )
    return andring


# ---- orders from decisions ------------------------------------------------------------------


def attestgrans(*, posttyp, dag: datetime.date) -> Decimal | None:
    """The attest threshold in force for a post type on a day (its own row, else the row for
    every post type); None when the nämnd has set none (docs/regler.md: Attest)."""
    rad = (
        Attestgrans.objects.filter(posttyp=posttyp, giltig_fran__lte=dag)
        .order_by("-giltig_fran")
        .first()
    ) or (
        Attestgrans.objects.filter(posttyp__isnull=True, giltig_fran__lte=dag)
        .order_by("-giltig_fran")
        .first()
    )
    return rad.belopp if rad else None


def stickprov_utvald(*, order_id: int, procent: Decimal, fro: int) -> bool:
    """Whether an order is in the random sample (docs/regler.md: Stickprov).

    Reproducible: the draw is a hash of the seed and the order's id, so the same seed picks
    the same orders and about `procent` per cent of them.
    """
    if procent <= 0:
        return False
    tal = int.from_bytes(hashlib.sha256(f"{fro}:{order_id}".encode()).digest()[:8], "big")
    return (tal % 10000) < int(procent * 100)


def _stickprov_parametrar(dag: datetime.date) -> tuple[Decimal, int]:
    try:
        procent = parameter_varde("utbetalning-stickprov-procent", dag)
        fro = int(parameter_varde("utbetalning-stickprov-fro", dag))
    except Exception:  # noqa: BLE001 — no parameter set: no sample
        return Decimal(0), 0
    return procent, fro


def _narvaro_saknas(order: Utbetalningsorder) -> bool:
    """True when the decision's närvaro condition has no report for the month before the
    payment day (docs/regler.md: Närvaro som villkor)."""
    if order.narvarokrav_id is None or order.narvaro_provad:
        return False
    fran = order.betalningsdag - datetime.timedelta(days=31)
    return not order.narvarokrav.narvaro.filter(
        till__gte=fran, fran__lte=order.betalningsdag
    ).exists()


def _nasta_status(order: Utbetalningsorder) -> str:
    if order.kraver_attest and order.attesterad is None:
        return OS.VANTAR_ATTEST
    if order.stickprov and order.stickprov_kontrollerad is None:
        return OS.STICKPROV
    if _narvaro_saknas(order):
        return OS.VANTAR_NARVARO
    return OS.KLAR


def order_overgang(*, order: Utbetalningsorder, till: str, av=None, text: str = "") -> None:
    """The one function that moves an order (docs/regler.md: Utbetalningsorderns gång)."""
    last = Utbetalningsorder.objects.select_for_update().get(pk=order.pk)
    if till != last.status and till not in ORDER_OVERGANGAR[last.status]:
        raise UtbetalningNekad(
            f"Utbetalningen kan inte gå från ”{last.get_status_display()}” till ”{OS(till).label}”."
        )
    if till == last.status:
        return
    Utbetalningsorder.objects.filter(pk=order.pk).update(status=till)
    order.status = till
    _handelse(
        typ=_STATUS_HANDELSE.get(till, "utbetalning.status"),
        akt=order.akt,
        ansokan=_order_ansokan(order),
        objekt=order,
        av=av,
        text=text or f"Utbetalning {order.belopp} kr: {OS(till).label}",
        data={"fran": last.status, "till": till},
    )
    if till == OS.VANTAR_NARVARO:
        _narvaro_bevakning(order)


def _narvaro_bevakning(order: Utbetalningsorder) -> None:
    bevakning_skapa(
        typ="narvaro_saknas",
        akt=order.akt,
        forfaller=order.betalningsdag,
        objekt=order,
        agare=order.akt.handlaggare,
        beskrivning=f"Närvarorapport saknas för utbetalning {order.betalningsdag}: pröva "
        "om den ska betalas ut. Att minska eller stoppa kräver ett nytt beslut.",
    )


def _ga_vidare(order: Utbetalningsorder, av, text: str = "") -> None:
    order_overgang(order=order, till=_nasta_status(order), av=av, text=text)


def _val_for(akt: Akt, posttyp) -> list[Betalningsval]:
    val = list(Betalningsval.objects.filter(akt=akt, posttyp=posttyp).select_related("mottagare"))
    return val or list(
        Betalningsval.objects.filter(akt=akt, posttyp__isnull=True).select_related("mottagare")
    )


def _dela(belopp: Decimal, andelar: list[int]) -> list[Decimal]:
    """Split an amount by percentages; the last share takes the öre left by rounding."""
    delar = [
        (belopp * Decimal(a) / Decimal(100)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        for a in andelar[:-1]
    ]
    return [*delar, belopp - sum(delar, Decimal(0))]


def _narvarokrav(akt: Akt, dag: datetime.date):
    villkor = (
        Narvarovillkor.objects.filter(akt=akt, fran__lte=dag)
        .filter(models_q_till(dag))
        .select_related("remiss")
        .first()
    )
    return villkor.remiss if villkor else None


def models_q_till(dag: datetime.date):
    return Q(till__isnull=True) | Q(till__gte=dag)


def ordrar_for_beslut(*, beslut, av, akut: bool = False) -> list[Utbetalningsorder]:
    """Create the payment orders of one decided post (docs/regler.md: Utbetalningsorder).

    One order per payee: the applicant's own account unless the Akt says the post is paid
    directly to a landlord, energy company or other creditor, or split between spouses.
    The payment day comes from the nämnd's calendar (akut: the same day). A tillägg pays only
    its own, added amount; the standing decision it names keeps its orders. A decision that
    already has orders gets none again.
    """
    if beslut.utfall not in BETALANDE_UTFALL or not beslut.belopp or beslut.post is None:
        return []
    if Utbetalningsorder.objects.filter(beslut=beslut).exists():
        return []
    tillagg = beslut.typ == "tillagg"
    brev = beslut.brev
    ansokan = brev.ansokan
    akt = ansokan.akt
    namnd = akt.enhet.namnd
    dag = utbetalningsdag(namnd=namnd, beslutsdatum=brev.beslutsdatum, akut=akut)
    val = _val_for(akt, beslut.post.posttyp)
    if not val:
        mottagare = [(mottagare_for_person(namnd=namnd, person=ansokan.sokande), 100, "")]
    else:
        mottagare = [(v.mottagare, v.andel, v.referens) for v in val]
    belopp = _dela(Decimal(beslut.belopp), [m[1] for m in mottagare])
    grans = attestgrans(posttyp=beslut.post.posttyp, dag=brev.beslutsdatum)
    procent, fro = _stickprov_parametrar(brev.beslutsdatum)
    remiss = _narvarokrav(akt, dag)
    ordrar = []
    for (m, _andel, referens), summa in zip(mottagare, belopp, strict=True):
        if summa <= 0:
            continue
        ocr = m.ocrkrav != Ocrkrav.INGET and bool(referens)
        order = Utbetalningsorder.objects.create(
            beslut=beslut,
            akt=akt,
            mottagare=m,
            belopp=summa,
            betalningsdag=dag,
            akut=akut,
            referens=referens
            or f"Bistånd {'tillägg ' if tillagg else ''}{beslut.post.posttyp.namn}"[:35],
            referens_ar_ocr=ocr,
            kraver_attest=grans is not None and summa > grans,
            narvarokrav=remiss,
            status=OS.KLAR,
        )
        if stickprov_utvald(order_id=order.pk, procent=procent, fro=fro):
            Utbetalningsorder.objects.filter(pk=order.pk).update(stickprov=True)
            order.stickprov = True
        # The first status is where the order starts, not a transition.
        order.status = _nasta_status(order)
        Utbetalningsorder.objects.filter(pk=order.pk).update(status=order.status)
        if order.status == OS.VANTAR_NARVARO:
            _narvaro_bevakning(order)
        _handelse(
            typ="utbetalning.skapad",
            akt=akt,
            ansokan=ansokan,
            objekt=order,
            av=av,
            text=f"{'Tillägg: ' if tillagg else ''}{summa} kr till {m.namn}, betalningsdag "
            f"{dag:%Y-%m-%d}: {order.get_status_display().lower()}",
        )
        ordrar.append(order)
    return ordrar


def ordrar_for_beslutsbrev(*, brev, av) -> None:
    """The hook `beslut` calls after a letter's decisions are written (beslut.hooks).

    For each decision: an ändringsbeslut first stops the changed decision's orders that have
    not left, and proposes an återkrav for what was already paid beyond the new amount; then
    a paying decision gets its orders.
    """
    akut = brev.ansokan.typ == "akut"
    for beslut in brev.beslut.select_related("post__posttyp", "andrar"):
        if beslut.andrar_id:
            _andring(beslut=beslut, av=av)
        ordrar_for_beslut(beslut=beslut, av=av, akut=akut)


def _andring(*, beslut, av) -> None:
    gamla = Utbetalningsorder.objects.filter(beslut_id=beslut.andrar_id)
    oppna = [OS.VANTAR_ATTEST, OS.STICKPROV, OS.VANTAR_NARVARO, OS.KLAR]
    for order in gamla.filter(status__in=oppna):
        order_overgang(
            order=order, till=OS.MAKULERAD, av=av, text="Makulerad: beslutet har ändrats."
        )
    utbetalt = gamla.filter(status__in=[OS.I_FIL, OS.BETALD]).aggregate(s=Sum("belopp"))["s"]
    nytt = Decimal(beslut.belopp or 0) if beslut.utfall in BETALANDE_UTFALL else Decimal(0)
    if utbetalt and utbetalt > nytt:
        akt = beslut.brev.ansokan.akt
        senaste = gamla.filter(status__in=[OS.I_FIL, OS.BETALD]).order_by("-betalningsdag").first()
        krav = Aterkrav.objects.create(
            akt=akt,
            person=beslut.brev.ansokan.sokande,
            orsak=Aterkrav.Orsak.ANDRINGSBESLUT,
            beslut=beslut,
            order=senaste,
            foreslaget_belopp=utbetalt - nytt,
            utbetalt_datum=senaste.betald_datum or senaste.betalningsdag,
            beskrivning=f"Beslutet ändrades efter utbetalning: {utbetalt} kr utbetalt, "
            f"nytt belopp {nytt} kr.",
        )
        _handelse(
            typ="utbetalning.aterkrav_foreslaget",
            akt=akt,
            objekt=krav,
            av=av,
            text=f"Förslag till återkrav på {krav.foreslaget_belopp} kr att pröva",
        )


# ---- attest, sample check and närvaro -------------------------------------------------------


def kan_attestera(user: User) -> bool:
    """The one rule for the attest right (utbetalning.behorighet)."""
    return regel(user)


def order_attestera(*, order: Utbetalningsorder, av: User) -> Utbetalningsorder:
    """Attest by a second person with the right, never the one who decided
    (docs/regler.md: Attest)."""
    if not kan_attestera(av):
        raise PermissionDenied("Du har inte behörighet att attestera utbetalningar.")
    with transaction.atomic():
        order = (
            Utbetalningsorder.objects.select_for_update()
            .select_related("beslut__brev", "akt")
            .get(pk=order.pk)
        )
        if order.status != OS.VANTAR_ATTEST:
            raise UtbetalningNekad("Utbetalningen väntar inte på attest.")
        if order.beslut.brev.fattat_av_id == av.pk:
            raise UtbetalningNekad(
                "Du fattade beslutet och kan därför inte attestera utbetalningen. "
                "En annan person med attesträtt måste göra det."
            )
        order.attesterad_av = av
        order.attesterad = timezone.now()
        order.save(update_fields=["attesterad_av", "attesterad"])
        _ga_vidare(order, av, text=f"Utbetalning {order.belopp} kr attesterad")
    return order


def stickprov_kontrollera(
    *, order: Utbetalningsorder, av: User, checklista: dict[str, bool]
) -> Utbetalningsorder:
    """Clear a sampled order once every point of the checklist is checked by a second person
    (docs/regler.md: Stickprov)."""
    if not kan_attestera(av):
        raise PermissionDenied("Du har inte behörighet att kontrollera utbetalningar.")
    saknas = [text for kod, text in KONTROLLPUNKTER if not checklista.get(kod)]
    if saknas:
        raise ValidationError(
            {"checklista": "Alla kontrollpunkter måste vara gjorda: " + "; ".join(saknas)}
        )
    with transaction.atomic():
        order = (
            Utbetalningsorder.objects.select_for_update()
            .select_related("beslut__brev", "akt")
            .get(pk=order.pk)
        )
        if order.status != OS.STICKPROV:
            raise UtbetalningNekad("Utbetalningen väntar inte på stickprovskontroll.")
        if order.beslut.brev.fattat_av_id == av.pk:
            raise UtbetalningNekad("Den som fattade beslutet kan inte kontrollera stickprovet.")
        order.stickprov_kontrollerad_av = av
        order.stickprov_kontrollerad = timezone.now()
        order.stickprov_checklista = {kod: True for kod, _ in KONTROLLPUNKTER}
        order.save(
            update_fields=[
                "stickprov_kontrollerad_av",
                "stickprov_kontrollerad",
                "stickprov_checklista",
            ]
        )
        _ga_vidare(order, av, text="Stickprovet är kontrollerat")
    return order


def order_narvaro_prova(*, order: Utbetalningsorder, av: User, text: str) -> Utbetalningsorder:
    """The handläggare has looked at the missing närvaro report and lets the payment go.

    Reducing or stopping it needs a new decision after kommunicering (SoL (2025:400)
    12 kap. 5 §; FL 25 §), made in beslut — never this function.
    """
    if not har_roll(av, Roll.HANDLAGGARE, Roll.FORSTE, Roll.ENHETSCHEF):
        raise PermissionDenied("Bara handläggare och chefer prövar närvarovillkoret.")
    if not text.strip():
        raise ValidationError({"text": "Skriv vad du har kontrollerat."})
    with transaction.atomic():
        order = Utbetalningsorder.objects.select_for_update().select_related("akt").get(pk=order.pk)
        if order.status != OS.VANTAR_NARVARO:
            raise UtbetalningNekad("Utbetalningen väntar inte på närvaroprövning.")
        order.narvaro_provad_av = av
        order.narvaro_provad = timezone.now()
        order.save(update_fields=["narvaro_provad_av", "narvaro_provad"])
        _ga_vidare(order, av, text=f"Närvarovillkoret prövat: {text.strip()}")
        bevakning_uppfyll(typ="narvaro_saknas", objekt=order)
    return order


# ---- payment runs ---------------------------------------------------------------------------


def _end_to_end(order: Utbetalningsorder) -> str:
    return f"BISTAND-{order.pk}"


def betalfil_skapa(*, namnd: Namnd, dag: datetime.date, av: User | None = None):
    """Collect the ready orders due on or before `dag` into one pain.001 file
    (docs/regler.md: Betalfil).

    Each order is locked and put in exactly one file: a second run the same day takes only
    orders that became ready since, under a new message id. The XML is validated against the
    XSD before the run is stored; an invalid file stores nothing. Returns None when no order
    is waiting.
    """
    if av is not None and not (har_roll(av, Roll.EKONOMIASSISTENT) or av.is_superuser):
        raise PermissionDenied("Bara ekonomiassistenten kör betalfilen.")
    with transaction.atomic():
        ordrar = list(selectors.ordrar_for_korning(namnd, dag).select_for_update(of=("self",)))
        if not ordrar:
            return None
        meddelande_id = f"BIST{dag:%Y%m%d}{uuid.uuid4().hex[:16].upper()}"
        betalningar = [
            pain001.Betalning(
                end_to_end=_end_to_end(o),
                belopp=o.belopp,
                namn=selectors.mottagare_for_fil(o.mottagare),
                kontotyp=o.mottagare.kontotyp,
                clearing=o.mottagare.clearingnummer,
                konto=o.mottagare.kontonummer,
                referens=o.referens,
                ocr=o.referens_ar_ocr,
                akut=o.akut,
            )
            for o in ordrar
        ]
        data = pain001.bygg(
            meddelande_id=meddelande_id,
            skapad=timezone.localtime(),
            betalningsdag=dag,
            avsandare_namn=namnd.namn,
            avsandare_orgnr=settings.UTBETALNING_ORGNR,
            avsandare_bankgiro=settings.UTBETALNING_BANKGIRO,
            avsandare_bic=settings.UTBETALNING_BIC,
            betalningar=betalningar,
        )
        fil = Betalfil.objects.create(
            namnd=namnd,
            betalningsdag=dag,
            meddelande_id=meddelande_id,
            antal=len(ordrar),
            kontrollsumma=sum((o.belopp for o in ordrar), Decimal(0)),
            xml=data.decode("utf-8"),
            sha256=hashlib.sha256(data).hexdigest(),
            skapad_av=av,
        )
        # Guarded update: an order already in a file is never taken again.
        andrade = Utbetalningsorder.objects.filter(
            pk__in=[o.pk for o in ordrar], betalfil__isnull=True, status=OS.KLAR
        ).update(betalfil=fil, status=OS.I_FIL)
        if andrade != len(ordrar):
            raise UtbetalningNekad("Några utbetalningar togs av en annan körning. Försök igen.")
        for o in ordrar if _handelse_funktion() else []:
            _handelse(
                typ="utbetalning.skickad",
                akt=o.akt,
                ansokan=_order_ansokan(o),
                objekt=o,
                av=av,
                text=f"Utbetalning {o.belopp} kr skickad till banken ({meddelande_id})",
                data={"fran": OS.KLAR, "till": OS.I_FIL},
            )
    return fil


# ---- reconciliation -------------------------------------------------------------------------


class OgiltigAvstamning(ValidationError):
    """A malformed bank file: refused whole, the message names the line."""


def _order_for_referens(ref: str, rad: int) -> Utbetalningsorder:
    if not ref.startswith("BISTAND-") or not bara_siffror(ref[8:]):
        raise OgiltigAvstamning(f"Rad {rad}: referensen ”{ref}” är inte en av våra utbetalningar.")
    order = Utbetalningsorder.objects.select_related("akt").filter(pk=int(ref[8:])).first()
    if order is None:
        raise OgiltigAvstamning(f"Rad {rad}: utbetalningen ”{ref}” finns inte.")
    return order


def _las_camt054(data: bytes) -> list[tuple[int, str, bool, datetime.date | None, str]]:
    """(line, EndToEndId, paid, date, reason) per transaction of a camt.054 notification."""
    try:
        rot = etree.fromstring(data)
    except etree.XMLSyntaxError as fel:
        raise OgiltigAvstamning(f"Rad {fel.lineno}: filen är inte giltig XML.") from None
    ns = rot.nsmap.get(None, "")
    if "camt.054" not in ns:
        raise OgiltigAvstamning("Rad 1: filen är inte en camt.054-avisering.")
    q = f"{{{ns}}}"
    rader = []
    for ntry in rot.iter(f"{q}Ntry"):
        status = ntry.findtext(f"{q}Sts")
        datum_text = ntry.findtext(f"{q}BookgDt/{q}Dt") or ntry.findtext(f"{q}ValDt/{q}Dt")
        for tx in ntry.iter(f"{q}TxDtls"):
            ref = tx.findtext(f"{q}Refs/{q}EndToEndId")
            if not ref:
                raise OgiltigAvstamning(f"Rad {tx.sourceline}: transaktionen saknar EndToEndId.")
            retur = tx.find(f"{q}RtrInf")
            try:
                datum = datetime.date.fromisoformat(datum_text) if datum_text else None
            except ValueError:
                raise OgiltigAvstamning(
                    f"Rad {ntry.sourceline}: datumet ”{datum_text}” går inte att läsa."
                ) from None
            if retur is not None:
                orsak = " ".join(
                    t
                    for t in (
                        retur.findtext(f"{q}Rsn/{q}Cd"),
                        retur.findtext(f"{q}AddtlInf"),
                    )
                    if t
                )
                rader.append((tx.sourceline, ref, False, datum, orsak or "Okänd orsak"))
            elif status == "BOOK":
                if datum is None:
                    raise OgiltigAvstamning(f"Rad {ntry.sourceline}: bokföringsdatum saknas.")
                rader.append((tx.sourceline, ref, True, datum, ""))
            else:
                raise OgiltigAvstamning(
                    f"Rad {ntry.sourceline}: okänd status ”{status}” (väntade BOOK eller retur)."
                )
    if not rader:
        raise OgiltigAvstamning("Rad 1: filen innehåller inga transaktioner.")
    return rader


def _las_csv(data: bytes) -> list[tuple[int, str, bool, datetime.date | None, str]]:
    """CSV with the same facts: referens;status;datum;orsak (status betald|avvisad)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise OgiltigAvstamning("Rad 1: filen är inte UTF-8-text.") from None
    rader = []
    for nr, falt in enumerate(csv.reader(io.StringIO(text), delimiter=";"), start=1):
        if not falt or not any(f.strip() for f in falt):
            continue
        if nr == 1 and falt[0].strip().lower() == "referens":
            continue
        if len(falt) < 3:
            raise OgiltigAvstamning(
                f"Rad {nr}: väntade referens;status;datum;orsak men fick {len(falt)} fält."
            )
        ref, status, datum_text = (f.strip() for f in falt[:3])
        orsak = falt[3].strip() if len(falt) > 3 else ""
        try:
            datum = datetime.date.fromisoformat(datum_text)
        except ValueError:
            raise OgiltigAvstamning(
                f"Rad {nr}: datumet ”{datum_text}” går inte att läsa."
            ) from None
        if status not in ("betald", "avvisad"):
            raise OgiltigAvstamning(f"Rad {nr}: status måste vara betald eller avvisad.")
        if status == "avvisad" and not orsak:
            raise OgiltigAvstamning(f"Rad {nr}: en avvisad betalning måste ha bankens orsak.")
        rader.append((nr, ref, status == "betald", datum, orsak))
    if not rader:
        raise OgiltigAvstamning("Rad 1: filen innehåller inga rader.")
    return rader


def avstamning_importera(*, data: bytes, filnamn: str, av: User | None = None):
    """Import the bank's reconciliation (camt.054 or CSV): mark orders paid or rejected
    (docs/regler.md: Avstämning). The file is checked whole first; one bad line refuses it
    all, naming the line. A rejected payment raises a Bevakning for the handläggare with the
    bank's reason. The same file is never imported twice."""
    summa = hashlib.sha256(data).hexdigest()
    ar_xml = data.lstrip()[:1] == b"<"
    rader = _las_camt054(data) if ar_xml else _las_csv(data)
    with transaction.atomic():
        if Avstamning.objects.filter(sha256=summa).exists():
            raise OgiltigAvstamning("Den här filen är redan inläst.")
        ordrar = []
        for rad, ref, betald, datum, orsak in rader:
            order = _order_for_referens(ref, rad)
            if order.status != OS.I_FIL:
                raise OgiltigAvstamning(
                    f"Rad {rad}: utbetalningen {ref} är inte skickad till banken "
                    f"(den är ”{order.get_status_display()}”)."
                )
            ordrar.append((order, betald, datum, orsak))
        if len({o.pk for o, *_ in ordrar}) != len(ordrar):
            raise OgiltigAvstamning("Samma utbetalning står flera gånger i filen.")
        betalda = avvisade = 0
        for order, betald, datum, orsak in ordrar:
            if betald:
                Utbetalningsorder.objects.filter(pk=order.pk).update(betald_datum=datum)
                order_overgang(order=order, till=OS.BETALD, av=av, text=f"Utbetald {datum}")
                betalda += 1
            else:
                Utbetalningsorder.objects.filter(pk=order.pk).update(bankens_orsak=orsak[:300])
                order_overgang(
                    order=order, till=OS.AVVISAD, av=av, text=f"Avvisad av banken: {orsak}"
                )
                bevakning_skapa(
                    typ="utbetalning_avvisad",
                    akt=order.akt,
                    forfaller=timezone.localdate(),
                    objekt=order,
                    agare=order.akt.handlaggare,
                    beskrivning=f"Banken avvisade {order.belopp} kr ({orsak[:120]}). Välj på "
                    "aktens utbetalningssida: betala igen till nytt konto, eller föreslå "
                    "återkrav om pengarna har hamnat fel."[:300],
                )
                avvisade += 1
        return Avstamning.objects.create(
            filnamn=filnamn[:200],
            sha256=summa,
            format="camt.054" if ar_xml else "csv",
            betalda=betalda,
            avvisade=avvisade,
            importerad_av=av,
        )


def _avvisad_oppen(order: Utbetalningsorder) -> Utbetalningsorder:
    """The rejected order, locked, when nobody has chosen what to do with it yet."""
    last = Utbetalningsorder.objects.select_for_update().get(pk=order.pk)
    if last.status != OS.AVVISAD:
        raise UtbetalningNekad("Bara en utbetalning som banken har avvisat kan hanteras här.")
    if Utbetalningsorder.objects.filter(ersatter=last).exists():
        raise UtbetalningNekad("Utbetalningen betalas redan igen.")
    if Aterkrav.objects.filter(order=last, orsak=Aterkrav.Orsak.AVVISAD_BETALNING).exists():
        raise UtbetalningNekad("Ett återkrav för utbetalningen är redan föreslaget.")
    return last


def order_betala_igen(
    *, order: Utbetalningsorder, av: User, idag: datetime.date | None = None
) -> Utbetalningsorder:
    """A payment the bank rejected or returned is paid again, once, to the payee's new account
    (docs/regler.md: Avstämning). The new account must have been approved by a second person
    after the payment was sent, so the money never goes to the closed account again. The new
    order takes the next payment day and needs attest again when the first one did."""
    skrivratt_krav(av, order.akt_id)
    idag = idag or timezone.localdate()
    with transaction.atomic():
        last = _avvisad_oppen(order)
        mottagare = last.mottagare
        skickad = last.betalfil.skapad if last.betalfil_id else last.skapad
        nytt_konto = Kontoandring.objects.filter(
            mottagare=mottagare, status=Kontoandring.Status.GODKAND, besvarad__gt=skickad
        ).exists()
        if not mottagare.har_konto or not nytt_konto:
            raise ValidationError(
                {
                    "val": "Mottagaren har inget nytt godkänt konto sedan utbetalningen "
                    "skickades. Lägg in det nya kontot och låt en annan person godkänna det "
                    "först."
                }
            )
        dag = utbetalningsdag(namnd=last.akt.enhet.namnd, beslutsdatum=idag, akut=last.akut)
        ny = Utbetalningsorder.objects.create(
            beslut=last.beslut,
            akt=last.akt,
            mottagare=mottagare,
            belopp=last.belopp,
            betalningsdag=dag,
            akut=last.akut,
            referens=last.referens,
            referens_ar_ocr=last.referens_ar_ocr,
            kraver_attest=last.kraver_attest,
            ersatter=last,
            status=OS.KLAR,
        )
        ny.status = _nasta_status(ny)
        Utbetalningsorder.objects.filter(pk=ny.pk).update(status=ny.status)
        bevakning_uppfyll(typ="utbetalning_avvisad", objekt=last)
        _handelse(
            typ="utbetalning.betalas_igen",
            akt=last.akt,
            ansokan=_order_ansokan(last),
            objekt=ny,
            av=av,
            text=f"{ny.belopp} kr betalas igen till {mottagare.konto_visning}, betalningsdag "
            f"{dag:%Y-%m-%d}",
            data={"avvisad": last.pk, "ny": ny.pk},
        )
    return ny


def order_aterkrav_foresla(*, order: Utbetalningsorder, av: User, beskrivning: str):
    """A rejected or returned payment where money went wrong (e.g. part of it reached someone
    it should not) becomes a proposed återkrav for a person to decide or drop — never an
    automatic one (SoL (2025:400) 33 kap. 1 §; docs/regler.md: Återkrav)."""
    with transaction.atomic():
        last = _avvisad_oppen(order)
        if not beskrivning.strip():
            raise ValidationError({"beskrivning": "Beskriv vad som har gått fel med pengarna."})
        person = last.beslut.brev.ansokan.sokande
        krav = aterkrav_foresla(
            akt=last.akt,
            person=person,
            orsak=Aterkrav.Orsak.AVVISAD_BETALNING,
            belopp=last.belopp,
            beskrivning=f"Avvisad av banken: {last.bankens_orsak}. {beskrivning.strip()}",
            av=av,
            order=last,
            utbetalt_datum=last.betalningsdag,
        )
        bevakning_uppfyll(typ="utbetalning_avvisad", objekt=last)
    return krav


# ---- återkrav -------------------------------------------------------------------------------

AVBETALNING_MARGINAL_DAGAR = 10
TALAN_AR = 3


def _aterkrav_lagrum(aterkrav) -> str:
    """The law of the bistånd that was paid: SoL (2025:400) 33 kap., or for bistånd paid
    before 2025-07-01 the old law (SoL (2001:453) 9 kap.; transitional provision 5 a)."""
    dag = aterkrav.utbetalt_datum or aterkrav.skapad.date()
    try:
        rad = lagrum_rad("sol-aterkrav", dag)
    except LookupError:
        rad = lagrum_rad("sol-aterkrav", datetime.date(2025, 7, 1))
    return rad.text


def aterkrav_foresla(
    *,
    akt: Akt,
    person,
    orsak: str,
    belopp: Decimal,
    beskrivning: str,
    av,
    order=None,
    utbetalt_datum: datetime.date | None = None,
):
    """A person proposes a claim (e.g. facts withheld); it is decided or dropped later."""
    skrivratt_krav(av, akt)
    if belopp is None or belopp <= 0:
        raise ValidationError({"belopp": "Ange ett belopp större än noll."})
    if not beskrivning.strip():
        raise ValidationError({"beskrivning": "Beskriv vad som har betalats ut felaktigt."})
    krav = Aterkrav.objects.create(
        akt=akt,
        person=person,
        orsak=orsak,
        order=order,
        foreslaget_belopp=belopp,
        beskrivning=beskrivning.strip(),
        utbetalt_datum=utbetalt_datum,
    )
    _handelse(
        typ="utbetalning.aterkrav_foreslaget",
        akt=akt,
        objekt=krav,
        av=av,
        text="Förslag till återkrav",
    )
    return krav


def _krav_beslutsfattare(av: User) -> None:
    if not har_roll(av, Roll.FORSTE, Roll.ENHETSCHEF):
        raise PermissionDenied(
            "Beslut om återkrav fattas av förste socialsekreterare eller enhetschef."
        )


def aterkrav_besluta(
    *,
    aterkrav,
    av: User,
    belopp: Decimal,
    grund: str,
    ond_tro: bool | None,
    motivering: str,
    plan: list[tuple[datetime.date, Decimal]],
    idag: datetime.date | None = None,
):
    """A person decides a proposed claim (SoL (2025:400) 33 kap. 1–3 §§; docs/regler.md:
    Återkrav): amount, ground, whether the person acted in bad faith, a written motivering and
    a repayment plan. Bevakningar: the first instalment and the three-year limit for an
    action in förvaltningsrätten (33 kap. 4–5 §§)."""
    skrivratt_krav(av, aterkrav.akt_id)
    _krav_beslutsfattare(av)
    idag = idag or timezone.localdate()
    fel: dict[str, str] = {}
    if belopp is None or belopp <= 0:
        fel["belopp"] = "Ange ett belopp större än noll."
    elif belopp > aterkrav.foreslaget_belopp:
        fel["belopp"] = (
            f"Beloppet kan inte vara större än det som betalats ut för mycket "
            f"({aterkrav.foreslaget_belopp} kr)."
        )
    if grund not in Aterkrav.Grund.values:
        fel["grund"] = "Välj på vilken grund nämnden kräver tillbaka."
    if not motivering.strip():
        fel["motivering"] = "Skriv motiveringen: varför den enskilde ska betala tillbaka."
    if not fel and sum((b for _, b in plan), Decimal(0)) != belopp:
        fel["plan"] = "Avbetalningarna ska tillsammans bli hela beloppet."
    if not fel and any(d < idag for d, _ in plan):
        fel["plan"] = "En avbetalning kan inte ha ett datum som redan har passerat."
    if fel:
        raise ValidationError(fel)
    with transaction.atomic():
        krav = Aterkrav.objects.select_for_update().get(pk=aterkrav.pk)
        if krav.status != Aterkrav.Status.FORESLAGET:
            raise UtbetalningNekad("Återkravet är redan prövat.")
        krav.status = Aterkrav.Status.BESLUTAT
        krav.belopp = belopp
        krav.grund = grund
        krav.ond_tro = ond_tro
        krav.motivering = motivering.strip()
        krav.beslutsdatum = idag
        krav.beslutat_av = av
        krav.save()
        for dag, summa in sorted(plan):
            Avbetalning.objects.create(aterkrav=krav, forfaller=dag, belopp=summa)
        _bevaka_aterkrav(krav)
        bevakning_skapa(
            typ="aterkrav_preskription",
            akt=krav.akt,
            forfaller=_tre_ar_efter(krav.utbetalt_datum or idag),
            objekt=krav,
            agare=av,
            beskrivning="Sista dag att väcka talan i förvaltningsrätten om återkravet "
            "(tre år från utbetalningen).",
        )
        _handelse(
            typ="utbetalning.aterkrav_beslutat",
            akt=krav.akt,
            objekt=krav,
            av=av,
            text=f"Återkrav beslutat: {belopp} kr ({_aterkrav_lagrum(krav)})",
        )
        transaction.on_commit(lambda: aterkrav_brev_rendera(aterkrav_id=krav.pk))
    return krav


def _tre_ar_efter(dag: datetime.date) -> datetime.date:
    try:
        return dag.replace(year=dag.year + TALAN_AR)
    except ValueError:  # 29 February
        return dag.replace(year=dag.year + TALAN_AR, day=28)


def aterkrav_saldo(krav) -> Decimal:
    """What is left to pay: the decided amount minus payments, deductions and waivers."""
    reglerat = krav.regleringar.aggregate(s=Sum("belopp"))["s"] or Decimal(0)
    return (krav.belopp or Decimal(0)) - reglerat


def _bevaka_aterkrav(krav) -> None:
    """Watch the first instalment not yet covered by what has been paid."""
    reglerat = krav.regleringar.aggregate(s=Sum("belopp"))["s"] or Decimal(0)
    forfallet = Decimal(0)
    for avb in krav.plan.all():
        forfallet += avb.belopp
        if forfallet > reglerat:
            bevakning_skapa(
                typ="aterkrav_avbetalning",
                akt=krav.akt,
                forfaller=avb.forfaller + datetime.timedelta(days=AVBETALNING_MARGINAL_DAGAR),
                objekt=krav,
                agare=krav.beslutat_av,
                beskrivning=f"Avbetalning {avb.belopp} kr senast {avb.forfaller} på återkrav",
            )
            return
    bevakning_uppfyll(typ="aterkrav_avbetalning", objekt=krav)


def aterkrav_lagg_ned(*, aterkrav, av: User, motivering: str):
    """A person decides not to claim (the proposal is dropped, with a reason)."""
    skrivratt_krav(av, aterkrav.akt_id)
    _krav_beslutsfattare(av)
    if not motivering.strip():
        raise ValidationError({"motivering": "Skriv varför inget återkrav görs."})
    with transaction.atomic():
        krav = Aterkrav.objects.select_for_update().get(pk=aterkrav.pk)
        if krav.status != Aterkrav.Status.FORESLAGET:
            raise UtbetalningNekad("Återkravet är redan prövat.")
        krav.status = Aterkrav.Status.NEDLAGT
        krav.motivering = motivering.strip()
        krav.save(update_fields=["status", "motivering"])
        _handelse(
            typ="utbetalning.aterkrav_nedlagt",
            akt=krav.akt,
            objekt=krav,
            av=av,
            text="Inget återkrav",
        )
    return krav


def reglering_registrera(
    *, aterkrav, av: User, typ: str, belopp: Decimal, datum: datetime.date, samtycke: str = ""
):
    """A payment, an agreed deduction or a waiver lowers the balance (33 kap. 6 §: eftergift).

    A deduction from ongoing bistånd needs the person's written consent, and is never made
    below the norm without a decision saying so — the deduction itself is then a decision in
    beslut, not a payment here (docs/regler.md: Återkrav).
    """
    skrivratt_krav(av, aterkrav.akt_id)
    if belopp is None or belopp <= 0:
        raise ValidationError({"belopp": "Ange ett belopp större än noll."})
    if typ == Reglering.Typ.AVDRAG and not samtycke.strip():
        raise ValidationError(
            {
                "samtycke": "Avdrag får bara göras med den enskildes skriftliga samtycke. Ange "
                "vilket dokument samtycket finns i."
            }
        )
    if typ == Reglering.Typ.EFTERGIFT:
        _krav_beslutsfattare(av)
    with transaction.atomic():
        krav = Aterkrav.objects.select_for_update().get(pk=aterkrav.pk)
        if krav.status != Aterkrav.Status.BESLUTAT:
            raise UtbetalningNekad("Bara ett beslutat återkrav kan betalas av.")
        saldo = aterkrav_saldo(krav)
        if belopp > saldo:
            raise ValidationError(
                {"belopp": f"Beloppet är större än det som återstår ({saldo} kr)."}
            )
        rad = Reglering.objects.create(
            aterkrav=krav,
            typ=typ,
            belopp=belopp,
            datum=datum,
            samtycke=samtycke.strip(),
            registrerad_av=av,
        )
        if aterkrav_saldo(krav) == 0:
            krav.status = Aterkrav.Status.REGLERAT
            krav.save(update_fields=["status"])
            bevakning_uppfyll(typ="aterkrav_avbetalning", objekt=krav)
            bevakning_uppfyll(typ="aterkrav_preskription", objekt=krav)
        else:
            _bevaka_aterkrav(krav)
        _handelse(
            typ="utbetalning.aterkrav_reglering",
            akt=krav.akt,
            objekt=krav,
            av=av,
            text=f"{rad.get_typ_display()} {belopp} kr",
        )
    return rad


def aterkrav_brev_rendera(*, aterkrav_id: int):
    """Render the claim decision's letter once (PDF/A, fonts embedded), store it with its
    SHA-256. Idempotent."""
    # Import cycle: utbetalning.pdf imports this module at the top.
    from .pdf import rendera_aterkravsbrev

    krav = Aterkrav.objects.get(pk=aterkrav_id)
    if krav.brev_sha256 or krav.status == Aterkrav.Status.FORESLAGET:
        return krav
    data = rendera_aterkravsbrev(krav)
    sokvag, summa = _lagra_pdf(data, "aterkrav")
    Aterkrav.objects.filter(pk=krav.pk, brev_sha256="").update(
        brev_sokvag=sokvag, brev_sha256=summa
    )
    krav.refresh_from_db()
    return krav


def plan_manadsvis(
    *, belopp: Decimal, antal: int, forsta: datetime.date
) -> list[tuple[datetime.date, Decimal]]:
    """Equal monthly instalments from `forsta` (the last takes what rounding leaves)."""
    del_belopp = (belopp / antal).quantize(Decimal("1"))
    plan = []
    for i in range(antal):
        summa = del_belopp if i < antal - 1 else belopp - del_belopp * (antal - 1)
        # relativedelta keeps the day and clamps it to a shorter month (31 Jan -> 28 Feb).
        plan.append((forsta + relativedelta(months=i), summa))
    return plan


def betalningsval_lagg_till(
    *, akt: Akt, posttyp, mottagare: Betalningsmottagare, andel: int, referens: str, av: User
) -> Betalningsval:
    """How a post of the Akt is paid: directly to a creditor with its reference (an OCR number
    checked by its check digits when the creditor requires one), or a share to a spouse
    (docs/regler.md: Betalningsmottagare). Shares of one post type add up to at most 100 %."""
    skrivratt_krav(av, akt)
    referens = (referens or "").strip()
    if mottagare.namnd_id != akt.enhet.namnd_id:
        raise ValidationError({"mottagare": "Mottagaren finns inte i nämndens register."})
    if not 1 <= (andel or 0) <= 100:
        raise ValidationError({"andel": "Andelen ska vara 1–100 procent."})
    if mottagare.ocrkrav != Ocrkrav.INGET:
        if not referens:
            raise ValidationError(
                {"referens": "Mottagaren kräver ett OCR-nummer. Skriv av det från fakturan."}
            )
        try:
            referens = konton.ocr_validera(
                referens, langdsiffra=mottagare.ocrkrav == Ocrkrav.OCR_LANGD
            )
        except ValidationError as fel:
            raise ValidationError({"referens": fel.messages}) from None
    elif len(referens) > 35:
        raise ValidationError({"referens": "Meddelandet får vara högst 35 tecken."})
    with transaction.atomic():
        redan = (
            Betalningsval.objects.select_for_update()
            .filter(akt=akt, posttyp=posttyp)
            .aggregate(s=Sum("andel"))["s"]
            or 0
        )
        if redan + andel > 100:
            raise ValidationError(
                {"andel": f"Andelarna för posten blir mer än 100 procent (redan {redan} %)."}
            )
        val = Betalningsval.objects.create(
            akt=akt,
            posttyp=posttyp,
            mottagare=mottagare,
            andel=andel,
            referens=referens,
            skapad_av=av,
        )
        _handelse(
            typ="utbetalning.betalningsval_tillagt",
            akt=akt,
            objekt=val,
            av=av,
            text=_betalningsval_text(val),
            data=_betalningsval_data(val),
        )
        return val


def _betalningsval_text(val: Betalningsval) -> str:
    post = val.posttyp.namn if val.posttyp_id else "Alla poster"
    # A person's name stays out of the history line: it may be a protected identity.
    m = val.mottagare
    vem = m.get_typ_display().lower() if m.person_id else m.namn
    return f"{post}: {val.andel} % till {vem}"


def _betalningsval_data(val: Betalningsval) -> dict:
    return {
        "posttyp": val.posttyp.kod if val.posttyp_id else None,
        "mottagare": val.mottagare_id,
        "andel": val.andel,
        "referens": val.referens,
    }


def betalningsval_ta_bort(*, val: Betalningsval, av: User) -> None:
    """Remove a choice; orders already made keep their payee. The removal is an event in the
    case history, with what the choice said (docs/regler.md: Händelser i akten)."""
    skrivratt_krav(av, val.akt_id)
    with transaction.atomic():
        last = Betalningsval.objects.select_for_update(of=("self",)).filter(pk=val.pk).first()
        if last is None:
            return
        text, data = _betalningsval_text(last), _betalningsval_data(last)
        akt = last.akt
        last.delete()
        _handelse(
            typ="utbetalning.betalningsval_borttaget",
            akt=akt,
            av=av,
            text=f"Borttaget: {text}",
            data=data,
        )
