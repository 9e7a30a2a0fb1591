"""Small, pure rules of beslut, each with its source (docs/arkitektur.md: Kodstil
(källhänvisningar)). Figures come from dated Parameters read by the callers, never literals."""

from __future__ import annotations

import calendar
import datetime
from decimal import ROUND_HALF_UP, Decimal

from bistand.kalender import lagstadgad_frist


def besvarstid_slut(delgiven: datetime.date, dagar: int) -> datetime.date:
    """FL 44 §: an appeal must have come in within three weeks from the day the applicant took
    part of the decision. Lag (1930:173) 2 §: a last day on a Saturday, Sunday, holiday,
    midsommarafton, julafton or nyårsafton moves to the next working day."""
    return lagstadgad_frist(delgiven + datetime.timedelta(days=dagar))


def ar_rattidig(*, delgiven: datetime.date, inkommen: datetime.date, dagar: int) -> bool:
    """FL 45 §: the authority checks that the appeal came in on time (the last day included)."""
    return inkommen <= besvarstid_slut(delgiven, dagar)


def delgivningsdag(
    *, skickad: datetime.date, oppnad: datetime.date | None, dagar: int
) -> datetime.date:
    """docs/regler.md: Beslut och beslutsbrev — the applicant took part of the decision on the
    earlier of the day it was opened in the e-tjänst and the letter's presumed delivery (`dagar`
    after sending)."""
    presumerad = skickad + datetime.timedelta(days=dagar)
    return min(oppnad, presumerad) if oppnad else presumerad


def overlamnande_senast(inkommen: datetime.date, dagar: int) -> datetime.date:
    """FL 46 § and JO: forward the appeal without delay, normally within a week of arrival;
    an end on a non-working day moves to the next working day (lag 1930:173)."""
    return lagstadgad_frist(inkommen + datetime.timedelta(days=dagar))


def lagg_till_manader(dag: datetime.date, manader: int) -> datetime.date:
    """Calendar months; the 31st becomes the month's last day when it has none."""
    index = dag.month - 1 + manader
    ar, manad = dag.year + index // 12, index % 12 + 1
    return dag.replace(year=ar, month=manad, day=min(dag.day, calendar.monthrange(ar, manad)[1]))


def avsteg_giltigt_till(godkant: datetime.date, manader: int) -> datetime.date:
    """docs/regler.md: Bakgrund (Norrköping): an avsteg is valid at most six months from the samråd
    approval; the last valid day is the day before the same date `manader` months later."""
    return lagg_till_manader(godkant, manader) - datetime.timedelta(days=1)


# ---- outcomes, periods and avsteg (docs/regler.md, Beslut och beslutsbrev) ------------------


def kr(belopp) -> str:
    """Whole kronor the Swedish way: "7 728 kr" (a no-break space between thousands)."""
    heltal = int(Decimal(belopp).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return f"{heltal:,}".replace(",", "\u00a0") + "\u00a0kr"


def utfall_fel(
    *, utfall: str, belopp, sokt, beraknat, motivering: str, avvisningsgrund: str
) -> dict[str, str]:
    """What the outcome means (docs/regler.md, Beslut och beslutsbrev; FL 32 §):

    - with an amount applied for, bifall is that amount (> 0); less is delvis bifall;
    - with none applied for, bifall is the calculated amount (more is an avsteg, judged
      separately); less is delvis bifall;
    - avslag grants nothing and has a motivering; avvisning has its own ground.
    Returns the errors by field name."""
    fel: dict[str, str] = {}
    b = Decimal(belopp) if belopp is not None else None
    if sokt is not None and Decimal(sokt) > 0:
        referens, vad = Decimal(sokt), "det sökta beloppet"
    elif beraknat is not None and Decimal(beraknat) > 0:
        referens, vad = Decimal(beraknat), "beloppet enligt beräkningen"
    else:
        referens, vad = None, ""
    if utfall == "bifall":
        if b is None or b <= 0:
            fel["belopp"] = (
                "Bifall betyder att ett belopp beviljas. Ange beloppet (mer än 0 kr), "
                "eller välj avslag."
            )
        elif referens is not None and b < referens:
            fel["utfall"] = (
                f"{kr(b)} är mindre än {vad} ({kr(referens)}). Det är ett delvis bifall: "
                "välj delvis bifall och skriv varför."
            )
        elif sokt is not None and Decimal(sokt) > 0 and b > Decimal(sokt):
            fel["belopp"] = (
                f"Bifall är det sökta beloppet, {kr(sokt)}. Mer än det sökta kan inte beviljas "
                "som bifall."
            )
    elif utfall == "delvis_bifall":
        if b is None or b <= 0:
            fel["belopp"] = (
                "Ange det belopp som beviljas (mer än 0 kr). Beviljas inget är det avslag."
            )
        elif referens is not None and b >= referens:
            fel["utfall"] = (
                f"Delvis bifall är mindre än {vad} ({kr(referens)}). Beviljas hela beloppet "
                "är det bifall."
            )
    elif utfall == "avslag":
        if b is not None and b != 0:
            fel["belopp"] = "Vid avslag beviljas inget belopp. Ta bort beloppet."
    elif utfall == "avvisning":
        if b is not None and b != 0:
            fel["belopp"] = "Vid avvisning beviljas inget belopp. Ta bort beloppet."
        if not avvisningsgrund:
            fel["avvisningsgrund"] = "Välj grunden för avvisningen."
    if utfall in ("delvis_bifall", "avslag", "avvisning") and not motivering.strip():
        fel["motivering"] = (
            "Skriv en motivering. Den sökande har rätt att få veta varför (32 § förvaltningslagen)."
        )
    return fel


def manader_i_period(fran: datetime.date, till: datetime.date) -> list[datetime.date]:
    """The first day of every month the period touches, in order."""
    manader = []
    dag = fran.replace(day=1)
    while dag <= till:
        manader.append(dag)
        dag = lagg_till_manader(dag, 1)
    return manader


def manadens_slut(dag: datetime.date) -> datetime.date:
    return dag.replace(day=calendar.monthrange(dag.year, dag.month)[1])


def period_fel(
    *,
    lopande: bool,
    utfall: str,
    fran: datetime.date | None,
    till: datetime.date | None,
    skal: str,
) -> dict[str, str]:
    """docs/regler.md, Beslut och beslutsbrev: every löpande decision has a period, one month
    unless the handläggare writes why it is longer; an avslag carries the month applied for.
    An engångs decision carries the date it concerns. An avvisning has no period."""
    fel: dict[str, str] = {}
    if utfall == "avvisning":
        return fel
    if fran is None:
        fel["period_fran"] = (
            "Ange den månad beslutet gäller." if lopande else "Ange det datum beslutet gäller."
        )
        return fel
    if not lopande:
        if till is not None and till < fran:
            fel["period_till"] = "Perioden kan inte sluta innan den börjar."
        return fel
    if till is None:
        fel["period_till"] = "Ange när perioden slutar (normalt månadens sista dag)."
    elif till < fran:
        fel["period_till"] = "Perioden kan inte sluta innan den börjar."
    elif till > manadens_slut(fran) and not skal.strip():
        fel["period_skal"] = (
            "Perioden är längre än en månad. Skriv varför beslutet ska gälla längre."
        )
    return fel


def avsteg(*, utfall: str, belopp, beraknat, niva) -> tuple[str, str] | None:
    """docs/regler.md, Beslut och beslutsbrev: a decision is an avsteg when it grants more than
    the calculation or the riktlinje level, or grants a post the riktlinjer do not grant. A
    lower amount is never an avsteg. Returns (what it departs from, why) or None."""
    if utfall not in ("bifall", "delvis_bifall") or belopp is None:
        return None
    b = Decimal(belopp)
    if beraknat is not None and b > Decimal(beraknat):
        return ("norm", f"{kr(b)} är mer än beloppet enligt beräkningen ({kr(beraknat)}).")
    if niva is not None:
        if not niva.beviljas:
            return ("riktlinje", "Riktlinjerna ger inte bistånd till den här posten.")
        if niva.max_belopp is not None and b > niva.max_belopp:
            return (
                "riktlinje",
                f"{kr(b)} är mer än riktlinjernas nivå ({kr(niva.max_belopp)}).",
            )
    return None


def till_nackdel(*, gammalt_utfall: str, gammalt_belopp, nytt_utfall: str, nytt_belopp) -> bool:
    """FL 37 §: does the change go against the party (less granted than before)?"""
    fore = Decimal(gammalt_belopp or 0) if gammalt_utfall in ("bifall", "delvis_bifall") else 0
    efter = Decimal(nytt_belopp or 0) if nytt_utfall in ("bifall", "delvis_bifall") else 0
    return efter < fore


TAL_I_ORD = {
    1: "en",
    2: "två",
    3: "tre",
    4: "fyra",
    5: "fem",
    6: "sex",
    7: "sju",
    8: "åtta",
    9: "nio",
    10: "tio",
    11: "elva",
    12: "tolv",
}


def veckor_i_ord(veckor: int) -> str:
    """ "tre veckor": the appeal period as the letter writes it (FL 44 §), from the same
    parameter the deadline is counted from."""
    ord_ = TAL_I_ORD.get(veckor, str(veckor))
    return f"{ord_} {'vecka' if veckor == 1 else 'veckor'}"
