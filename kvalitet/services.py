"""Writes of kvalitet (docs/arkitektur.md: Kodstil (services och selectors)): journalgranskning, log
review, ärendedragning, the report's own texts and registers. Kvalitet writes only its own quality
work; what concerns an Akt is also written to the Akt's journal where the forum's conclusion belongs
there."""

from __future__ import annotations

import csv
import datetime
import io
import random
from decimal import Decimal, InvalidOperation

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.http import urlencode

from ansokan.models import Ansokan
from bistand.access import skyddad_medlem_finns
from bistand.kalender import dygnets_borjan
from bistand.models import Akt, Atkomstlogg, Bevakning, BevakningStatus, Enhet, Notis, Roll, User
from bistand.selectors import parameter_varde
from bistand.services import bevakning_skapa, journal_signera, journal_skriv

from .models import (
    Arendedragning,
    Avslut,
    Avslutsorsak,
    Bedomning,
    BrukarundersokningSvar,
    Egenkontroll,
    Granskning,
    GranskningAtgard,
    GranskningsPunkt,
    GranskningStatus,
    GranskningSvar,
    LoggBedomning,
    LoggStickprov,
    LoggStickprovRad,
    Omrade,
    RapportText,
    Risk,
)
from .selectors import LISTSIDOR, logglarm
from .statistik import manad_grans

GRANSKARE_KOLLEGOR = "kollegor"


def _handelse(*, typ: str, akt: Akt, objekt=None, av=None, ansokan=None, text: str = "") -> None:
    """An event in the Akt's case history (kinds in `kvalitet/handelsetyper.py`), in the same
    transaction as the write, once the core has the event table (docs/arkitektur.md:
    Kvalitet)."""
    try:
        # Only on this path: migrations pass their own (historical) models.
        from bistand.handelser import handelse_registrera
    except ImportError:
        return
    handelse_registrera(typ=typ, akt=akt, ansokan=ansokan, objekt=objekt, av=av, text=text)


GRANSKARE_JAG = "jag"


def _akter_for_granskning(*, enhet: Enhet, handlaggare: User, ar: int):
    """The handläggare's Akter (open and closed) with an ansökan received in the year.

    Akter with a protected identity are left out: they are reviewed by someone with a grant,
    outside the random sample (docs/regler.md, Kvalitetsarbete och statistik).
    """
    return (
        Akt.objects.filter(enhet=enhet, handlaggare=handlaggare)
        .annotate(skyddad=skyddad_medlem_finns())
        .filter(skyddad=False)
        .filter(
            Exists(Ansokan.objects.filter(akt_id=OuterRef("pk"), mottagen__year=ar)),
        )
        .order_by("pk")
    )


def _granskare_pool(*, enhet: Enhet) -> list[User]:
    return list(
        User.objects.filter(
            enhet=enhet, is_active=True, groups__name__in=[Roll.HANDLAGGARE, Roll.FORSTE]
        )
        .distinct()
        .order_by("pk")
    )


def granskning_dra_stickprov(
    *,
    enhet: Enhet,
    ar: int,
    av: User,
    urvalsfro: int,
    antal: int | None = None,
    granskare: str = GRANSKARE_KOLLEGOR,
) -> list[Granskning]:
    """Draw the year's journalgranskning sample: `antal` Akter per handläggare of the Enhet
    (default the parameter, three a year), reproducible from `urvalsfro`.

    docs/regler.md, Kvalitetsarbete och statistik: the sample is drawn among the handläggare's
    open and closed Akter with an ansökan in the year; Akter already drawn that year count
    towards the number; the reviewer is a colleague in the Enhet (or the one who draws), never
    the handläggare whose work is reviewed.
    """
    if antal is None:
        antal = int(parameter_varde("journalgranskning-antal-per-ar", datetime.date(ar, 1, 1)))
    if antal < 1 or antal > 50:
        raise ValidationError({"antal": "Ange ett antal mellan 1 och 50."})
    idag = timezone.localdate()
    if ar > idag.year or ar < 2000:
        raise ValidationError({"ar": "Ange ett år som har börjat."})
    pool = _granskare_pool(enhet=enhet)
    handlaggare = [u for u in pool if u.groups.filter(name=Roll.HANDLAGGARE).exists()]
    nya: list[Granskning] = []
    with transaction.atomic():
        for h in handlaggare:
            slump = random.Random(f"{urvalsfro}-{enhet.pk}-{ar}-{h.pk}")  # noqa: S311
            redan = set(
                Granskning.objects.filter(ar=ar, handlaggare=h).values_list("akt_id", flat=True)
            )
            kvar = antal - len(redan)
            if kvar <= 0:
                continue
            kandidater = [
                a
                for a in _akter_for_granskning(enhet=enhet, handlaggare=h, ar=ar)
                if a.pk not in redan
            ]
            valda = slump.sample(kandidater, min(kvar, len(kandidater)))
            kollegor = [u for u in pool if u.pk != h.pk]
            for i, akt in enumerate(sorted(valda, key=lambda a: a.pk)):
                if granskare == GRANSKARE_JAG and av.pk != h.pk:
                    vem = av
                elif kollegor:
                    vem = kollegor[(slump.randrange(len(kollegor)) + i) % len(kollegor)]
                elif av.pk != h.pk:
                    vem = av
                else:
                    continue
                g = Granskning.objects.create(
                    enhet=enhet,
                    ar=ar,
                    akt=akt,
                    handlaggare=h,
                    granskare=vem,
                    urvalsfro=urvalsfro,
                    dragen_av=av,
                )
                _handelse(
                    typ="kvalitet.granskning_dragen",
                    akt=akt,
                    objekt=g,
                    av=av,
                    text=f"Slumpvis dragen till journalgranskning {ar}.",
                )
                nya.append(g)
    return nya


def granskning_byt_granskare(*, granskning: Granskning, granskare: User) -> Granskning:
    """Give the review to someone else; never to the handläggare whose work it is."""
    if granskare.pk == granskning.handlaggare_id:
        raise ValidationError(
            {"granskare": "Handläggaren kan inte granska sitt eget ärende. Välj någon annan."}
        )
    if granskning.status != GranskningStatus.DRAGEN:
        raise ValidationError("Granskningen är redan gjord.")
    granskning.granskare = granskare
    granskning.save(update_fields=["granskare"])
    return granskning


def granskning_spara(
    *,
    granskning: Granskning,
    av: User,
    svar: dict[int, tuple[str, str]],
    sammanfattning: str,
    aterkoppling: str,
    atgarder: list[tuple[str, datetime.date]],
    skicka: bool,
) -> Granskning:
    """Record the reviewer's judgement per checklist point, the summary and the feedback;
    with `skicka` the feedback goes to the handläggare (who then sees it).

    Every active point must be judged before the feedback is sent.
    """
    if av.pk != granskning.granskare_id:
        raise ValidationError("Bara den utsedda granskaren kan granska akten.")
    if granskning.status == GranskningStatus.ATERKOPPLAD:
        raise ValidationError("Återkopplingen är redan skickad och kan inte ändras.")
    punkter = {p.pk: p for p in GranskningsPunkt.objects.filter(aktiv=True)}
    fel: dict[str, str] = {}
    for pk, (bedomning, _) in svar.items():
        if pk in punkter and bedomning and bedomning not in Bedomning.values:
            fel[f"punkt_{pk}"] = "Välj en bedömning i listan."
    if skicka:
        for pk in punkter:
            if not svar.get(pk, ("", ""))[0]:
                fel[f"punkt_{pk}"] = "Bedöm punkten innan återkopplingen skickas."
        if not aterkoppling.strip():
            fel["aterkoppling"] = "Skriv en återkoppling till handläggaren."
    if fel:
        raise ValidationError(fel)
    with transaction.atomic():
        for pk, (bedomning, kommentar) in svar.items():
            if pk not in punkter or not bedomning:
                continue
            GranskningSvar.objects.update_or_create(
                granskning=granskning,
                punkt=punkter[pk],
                defaults={
                    "bedomning": bedomning,
                    "kommentar": kommentar,
                    "rubrik": punkter[pk].rubrik,
                },
            )
        for text, senast in atgarder:
            GranskningAtgard.objects.create(granskning=granskning, text=text, senast=senast)
        granskning.sammanfattning = sammanfattning
        granskning.aterkoppling = aterkoppling
        nu = timezone.now()
        if granskning.granskad is None and len(svar) >= len(punkter):
            granskning.granskad = nu
            granskning.status = GranskningStatus.GRANSKAD
        if skicka:
            granskning.granskad = granskning.granskad or nu
            granskning.aterkopplad = nu
            granskning.status = GranskningStatus.ATERKOPPLAD
            _handelse(
                typ="kvalitet.granskning_aterkopplad",
                akt=granskning.akt,
                objekt=granskning,
                av=av,
                text=f"Journalgranskning {granskning.ar} återkopplad.",
            )
        granskning.save()
    return granskning


def granskning_las(*, granskning: Granskning, av: User) -> Granskning:
    """The handläggare confirms having read the feedback (recorded once)."""
    if av.pk == granskning.handlaggare_id and granskning.last_av_handlaggaren is None:
        granskning.last_av_handlaggaren = timezone.now()
        granskning.save(update_fields=["last_av_handlaggaren"])
    return granskning


def atgard_folj_upp(*, atgard: GranskningAtgard, uppfoljning: str) -> GranskningAtgard:
    """Record the follow-up of an agreed action."""
    if not uppfoljning.strip():
        raise ValidationError({"uppfoljning": "Skriv vad uppföljningen visade."})
    atgard.uppfoljning = uppfoljning
    atgard.uppfoljd = timezone.localdate()
    atgard.save(update_fields=["uppfoljning", "uppfoljd"])
    return atgard


# ---- access-log review ----------------------------------------------------------------------


def loggstickprov_dra(
    *, enhet: Enhet, manad: datetime.date, av: User, antal: int | None = None
) -> LoggStickprov:
    """Draw the month's sample of reads of the Enhet's Akter (docs/regler.md: loggkontroll).

    Reproducible: the seed is the Enhet and the month; drawing again returns the same sample.
    Rows written by list pages (one per Akt shown) are not drawn: the sample is of Akter opened.
    """
    manad = manad.replace(day=1)
    if manad > timezone.localdate():
        raise ValidationError({"manad": "Månaden har inte börjat."})
    befintligt = LoggStickprov.objects.filter(enhet=enhet, manad=manad).first()
    if befintligt:
        return befintligt
    if antal is None:
        antal = int(parameter_varde("loggkontroll-stickprov-per-manad", manad))
    nasta = manad.replace(day=1) + relativedelta(months=1)
    ids = list(
        Atkomstlogg.objects.filter(
            beviljad=True,
            anvandare_id__isnull=False,
            akt_id__in=Akt.objects.filter(enhet=enhet).values("pk"),
            tidpunkt__gte=dygnets_borjan(manad),
            tidpunkt__lt=dygnets_borjan(nasta),
        )
        .exclude(sida__in=LISTSIDOR)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    slump = random.Random(f"logg-{enhet.pk}-{manad:%Y-%m}")  # noqa: S311
    valda = sorted(slump.sample(ids, min(antal, len(ids))))
    with transaction.atomic():
        stickprov = LoggStickprov.objects.create(enhet=enhet, manad=manad, dragen_av=av)
        LoggStickprovRad.objects.bulk_create(
            [LoggStickprovRad(stickprov=stickprov, logg_id=i) for i in valda]
        )
    return stickprov


def loggrad_bedom(
    *, rad: LoggStickprovRad, av: User, bedomning: str, kommentar: str
) -> LoggStickprovRad:
    """Confirm a read as justified or query it; recorded with who and when, once."""
    if rad.bedomd is not None:
        raise ValidationError("Läsningen är redan bedömd.")
    if bedomning not in (LoggBedomning.MOTIVERAD, LoggBedomning.FRAGASATT):
        raise ValidationError({"bedomning": "Välj om läsningen var motiverad eller ifrågasätts."})
    if bedomning == LoggBedomning.FRAGASATT and not kommentar.strip():
        raise ValidationError({"kommentar": "Skriv vad som ifrågasätts."})
    rad.bedomning = bedomning
    rad.kommentar = kommentar
    rad.bedomd_av = av
    rad.bedomd = timezone.now()
    with transaction.atomic():
        rad.save(update_fields=["bedomning", "kommentar", "bedomd_av", "bedomd"])
        logg = Atkomstlogg.objects.filter(pk=rad.logg_id).first()
        akt = Akt.objects.filter(pk=logg.akt_id).first() if logg and logg.akt_id else None
        if akt is not None:
            _handelse(
                typ="kvalitet.loggkontroll_bedomd",
                akt=akt,
                objekt=rad,
                av=av,
                text=f"Läsning {logg.tidpunkt:%Y-%m-%d} bedömd: {rad.get_bedomning_display()}.",
            )
    return rad


# ---- ärendedragning -------------------------------------------------------------------------


def arendedragning_anmal(
    *,
    akt: Akt,
    av: User,
    motesdatum: datetime.date,
    forslag: str,
    fraga: str,
    ansokan=None,
    skal: str = "",
) -> Arendedragning:
    """Bring an ärende to the unit's weekly forum with a förslag till beslut and a question."""
    fel = {}
    if not forslag.strip():
        fel["forslag"] = "Skriv ett förslag till beslut."
    if not fraga.strip():
        fel["fraga"] = "Skriv vad forumet ska ta ställning till."
    if motesdatum < timezone.localdate():
        fel["motesdatum"] = "Mötet kan inte ligga bakåt i tiden."
    if ansokan is not None and ansokan.akt_id != akt.pk:
        fel["ansokan"] = "Ansökan hör inte till akten."
    if fel:
        raise ValidationError(fel)
    with transaction.atomic():
        arende = Arendedragning.objects.create(
            enhet_id=akt.enhet_id,
            akt=akt,
            ansokan=ansokan,
            motesdatum=motesdatum,
            forslag=forslag,
            fraga=fraga,
            anmald_av=av,
            skal=skal,
        )
        _handelse(
            typ="kvalitet.arendedragning_anmald",
            akt=akt,
            ansokan=ansokan,
            objekt=arende,
            av=av,
            text=f"Anmält till ärendedragning {motesdatum:%Y-%m-%d}.",
        )
    return arende


def arendedragning_slutsats(*, arende: Arendedragning, av: User, slutsats: str) -> Arendedragning:
    """Record the forum's conclusion on the ärende and as a signed entry in the Akt's journal
    (SOSFS 2014:5 4 kap.: what matters for the case is documented in the journal)."""
    if arende.slutsats:
        raise ValidationError("Slutsatsen är redan registrerad.")
    if not slutsats.strip():
        raise ValidationError({"slutsats": "Skriv forumets slutsats."})
    with transaction.atomic():
        anteckning = journal_skriv(
            akt=arende.akt,
            av=av,
            kontakttyp="intern",
            text=(
                f"Ärendedragning {arende.motesdatum:%Y-%m-%d}.\n"
                f"Fråga: {arende.fraga}\nFörslag: {arende.forslag}\nSlutsats: {slutsats}"
            ),
        )
        journal_signera(anteckning=anteckning, av=av)
        arende.slutsats = slutsats
        arende.slutsats_datum = timezone.localdate()
        arende.journal = anteckning
        arende.save(update_fields=["slutsats", "slutsats_datum", "journal"])
        _handelse(
            typ="kvalitet.arendedragning_slutsats",
            akt=arende.akt,
            ansokan=arende.ansokan,
            objekt=arende,
            av=av,
            text="Ärendedragningens slutsats skriven i journalen.",
        )
    return arende


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", ".").replace("%", "").strip())
    except InvalidOperation:
        raise ValueError(text) from None


# ---- kvalitetsrapport -----------------------------------------------------------------------


def rapport_texter_spara(*, ar: int, enhet: Enhet | None, av: User, texter: dict[str, str]) -> None:
    """The quality group's own text per area of the year's report."""
    with transaction.atomic():
        for kod, text in texter.items():
            if kod not in Omrade.values:
                continue
            RapportText.objects.update_or_create(
                ar=ar, enhet=enhet, omrade=kod, defaults={"text": text, "andrad_av": av}
            )


def egenkontroll_registrera(*, ar: int, enhet: Enhet | None, **data):
    if data.get("genomford") and data["genomford"] < data["planerad"].replace(month=1, day=1):
        raise ValidationError({"genomford": "Genomförd före årets början."})
    return Egenkontroll.objects.create(ar=ar, enhet=enhet, **data)


def risk_registrera(*, ar: int, enhet: Enhet | None, **data):
    return Risk.objects.create(ar=ar, enhet=enhet, **data)


def brukarundersokning_importera(*, ar: int, enhet: Enhet | None, innehall: bytes) -> int:
    """Import a year's brukarundersökning results from CSV (område;fråga;antal svar;andel
    positiva). The whole file is refused, with the line named, if any line is wrong; a second
    import of the same questions replaces their figures."""
    try:
        text = innehall.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError({"fil": "Filen ska vara sparad som UTF-8 (CSV UTF-8)."}) from None
    omraden = {namn.lower(): kod for kod, namn in Omrade.choices} | {
        kod: kod for kod in Omrade.values
    }
    rader = list(csv.reader(io.StringIO(text), delimiter=";"))
    if len(rader) < 2:
        raise ValidationError({"fil": "Filen har inga rader med resultat."})
    tolkade = []
    for nr, rad in enumerate(rader[1:], start=2):
        if not any(c.strip() for c in rad):
            continue
        if len(rad) < 4:
            raise ValidationError({"fil": f"Rad {nr}: det ska finnas fyra kolumner."})
        omrade = omraden.get(rad[0].strip().lower())
        if omrade is None:
            raise ValidationError({"fil": f"Rad {nr}: okänt område ”{rad[0].strip()}”."})
        try:
            antal = int(rad[2].strip())
            andel = _decimal(rad[3])
        except (ValueError, ArithmeticError):
            raise ValidationError({"fil": f"Rad {nr}: antal och andel ska vara tal."}) from None
        if antal < 0 or not (0 <= andel <= 100):
            raise ValidationError({"fil": f"Rad {nr}: andelen ska vara mellan 0 och 100."})
        tolkade.append((omrade, rad[1].strip()[:300], antal, andel))
    with transaction.atomic():
        for omrade, fraga, antal, andel in tolkade:
            BrukarundersokningSvar.objects.update_or_create(
                ar=ar,
                enhet=enhet,
                fraga=fraga,
                defaults={"omrade": omrade, "antal_svar": antal, "andel_positiva": andel},
            )
    return len(tolkade)


# ---- statistik till Socialstyrelsen ---------------------------------------------------------


def avslut_registrera(*, akt: Akt, manad: datetime.date, orsak: str, av: User):
    """Record why an Akt's bistånd ended (HSLF-FS 2015:30 4 §, bilaga 2)."""
    if orsak not in Avslutsorsak.values:
        raise ValidationError({"orsak": "Välj en avslutsorsak i listan."})
    with transaction.atomic():
        rad, _ = Avslut.objects.update_or_create(
            akt=akt, manad=manad.replace(day=1), defaults={"orsak": orsak, "registrerad_av": av}
        )
        _handelse(
            typ="kvalitet.avslutsorsak",
            akt=akt,
            objekt=rad,
            av=av,
            text=f"Bistånd avslutat {manad:%Y-%m}: {rad.get_orsak_display()}.",
        )
    return rad


def statistik_bevakning(*, manad: datetime.date, levererad: bool) -> int:
    """The month's delivery is a Bevakning due the 15th of the next month (HSLF-FS 2015:30
    3 §), met when the files are written for delivery. It has no Akt, so it is created only
    where the core allows a Bevakning without one; returns how many were created or met."""
    if not Bevakning._meta.get_field("akt").null:
        return 0

    forfaller = manad_grans(manad)[1] + datetime.timedelta(days=15)
    beskrivning = f"Statistik till Socialstyrelsen för {manad:%Y-%m}"
    agare = User.objects.filter(groups__name=Roll.KVALITET, is_active=True).order_by("pk").first()
    befintlig = Bevakning.objects.filter(
        typ="statistik_socialstyrelsen", beskrivning=beskrivning
    ).first()
    if befintlig is None:
        befintlig = bevakning_skapa(
            typ="statistik_socialstyrelsen",
            akt=None,
            forfaller=forfaller,
            agare=agare,
            beskrivning=beskrivning,
        )
    if levererad and befintlig.status in (BevakningStatus.AKTIV, BevakningStatus.OVERSKRIDEN):
        Bevakning.objects.filter(pk=befintlig.pk).update(
            status=BevakningStatus.UPPFYLLD, avslutad=timezone.now()
        )
    return 1


def logglarm_avisera(*, dag: datetime.date) -> int:
    """Tell the enhetschef of the Enhet and Kvalitet of the nämnd when a user opened unusually
    many Akter on `dag` (docs/regler.md, Loggkontroll). Idempotent: one notice per recipient
    and alert. Returns how many notices were created."""
    grans = int(parameter_varde("loggkontroll-larm-akter-per-dag", dag))
    antal = 0
    for enhet in Enhet.objects.select_related("namnd"):
        larm = logglarm(Enhet.objects.filter(pk=enhet.pk), fran=dag, till=dag, grans=grans)
        if not larm:
            continue
        mottagare = (
            User.objects.filter(is_active=True)
            .filter(
                Q(groups__name=Roll.ENHETSCHEF, enhet=enhet)
                | Q(groups__name=Roll.KVALITET, namnd_id=enhet.namnd_id)
            )
            .distinct()
        )
        for rad in larm:
            text = (
                f"Loggkontroll: {rad.anvandarnamn} öppnade {rad.akter} akter i {enhet} "
                f"{rad.dag:%Y-%m-%d}."
            )
            lank = "/kvalitet/loggkontroll/?" + urlencode(
                {"anvandare": rad.anvandarnamn, "fran": f"{rad.dag}", "till": f"{rad.dag}"}
            )
            for m in mottagare:
                _, skapad = Notis.objects.get_or_create(mottagare=m, text=text, lank=lank)
                antal += skapad
    return antal
