"""Figures for the enhetschef's dashboard (docs/arkitektur.md: Appar — dashboards and KPIs live
here)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import NamedTuple

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from ansokan.models import OPPNA, Ansokan
from bistand.access import beviljade_skyddade_akt_ids, skyddad_medlem_finns
from bistand.bevakning import typ_namn
from bistand.diagram import stapeldiagram
from bistand.forberedd import ParamLista, datum, en_plan, forberedd
from bistand.formrendering import visa
from bistand.kalender import dygnets_borjan
from bistand.models import (
    Akt,
    Atkomstlogg,
    Bevakning,
    BevakningStatus,
    Enhet,
    HushallMedlem,
    MedlemsRoll,
    Roll,
    User,
)
from bistand.radmall import Radmall
from bistand.selectors import anvandarens_namn

from .models import (
    Bedomning,
    Granskning,
    GranskningAtgard,
    GranskningStatus,
    GranskningSvar,
    VantetidManad,
)


@dataclass(frozen=True)
class Arbetsbelastning:
    namn: str
    akter: int


def arbetsbelastning(enheter: list[int]) -> list[Arbetsbelastning]:
    """Caseload per handläggare of the enheter (ids): Akter assigned to each (docs/regler.md:
    Bakgrund: 54 per handläggare in Alingsås), two prepared queries whatever the number of
    Akter: the handläggare, and the Akter counted per handläggare in the Akt table itself.
    Counting through the users (`Count("akter")` per user row) joined every Akt of the nämnd
    to its user row and de-duplicated it, 50 ms at storstad size (docs/prestanda.md:
    Översikten)."""
    handlaggare = forberedd(
        ("arbetsbelastning_handlaggare",),
        lambda: (
            User.objects.filter(
                enhet_id__in=ParamLista("enheter"), is_active=True, groups__name=Roll.HANDLAGGARE
            )
            .distinct()
            .only("username", "first_name", "last_name")
        ),
    ).rader({"enheter": enheter})
    antal = dict(
        forberedd(
            ("arbetsbelastning_akter",),
            lambda: (
                Akt.objects.filter(handlaggare_id__in=ParamLista("handlaggare"))
                .values("handlaggare_id")
                .annotate(n=Count("pk"))
                .values_list("handlaggare_id", "n")
                .order_by()
            ),
        ).rader({"handlaggare": [h.pk for h in handlaggare]})
    )
    rader = sorted(handlaggare, key=lambda u: (-antal.get(u.pk, 0), u.username))
    return [Arbetsbelastning(namn=str(u), akter=antal.get(u.pk, 0)) for u in rader]


def ej_tilldelade(enheter: list[int]) -> int:
    """The enheter's Akter with no handläggare (a prepared count)."""
    return forberedd(
        ("ej_tilldelade",),
        lambda: Akt.objects.filter(enhet_id__in=ParamLista("enheter"), handlaggare__isnull=True),
    ).antal({"enheter": enheter})


class BevakningsRad(NamedTuple):
    """One bevakning as the dashboard lists it: its Akt, kind, due date, state and owner."""

    akt_id: int
    aktnummer: str
    typ: str
    forfaller: datetime.date
    status: str
    agare: str  # the owner's name as `User.__str__` gives it, or "" for nobody

    @property
    def typ_namn(self) -> str:
        return typ_namn(self.typ)


def _bevakningsrader(qs: QuerySet) -> QuerySet:
    """The columns of a `BevakningsRad`: a list of fifty bevakningar as three model instances
    each (bevakning, Akt, owner) was most of the dashboard's Python (docs/prestanda.md:
    Översikten)."""
    return qs.values_list(
        "akt_id",
        "akt__aktnummer",
        "typ",
        "forfaller",
        "status",
        "agare__first_name",
        "agare__last_name",
        "agare__username",
    )


def _bevakningsrad(rad: tuple) -> BevakningsRad:
    *borjan, fornamn, efternamn, anvandarnamn = rad
    return BevakningsRad(*borjan, anvandarens_namn(fornamn, efternamn, anvandarnamn))


@dataclass(frozen=True)
class BevakningsLage:
    overskridna: list[BevakningsRad]
    snart: list[BevakningsRad]
    per_typ: list[tuple[str, int, int]]  # (typ, överskridna, förfaller inom 7 dagar)


def _bevakningar_snart() -> Q:
    """Active bevakningar due from today (`idag`) to a week ahead (`om_en_vecka`)."""
    return Q(
        status=BevakningStatus.AKTIV,
        forfaller__gte=datum("idag"),
        forfaller__lte=datum("om_en_vecka"),
    )


def bevakningslage(
    enheter: list[int], idag: datetime.date, per_typ: list[tuple[str, int, int]]
) -> BevakningsLage:
    """Overdue and due-soon bevakningar (within seven days) of the enheter (ids), with the
    counts per kind (`bevakningar_per_typ`); prepared queries (docs/prestanda.md: Förberedda
    frågor)."""
    varden = {"enheter": enheter, "idag": idag, "om_en_vecka": idag + datetime.timedelta(days=7)}

    def oppna():
        return Bevakning.objects.filter(akt__enhet_id__in=ParamLista("enheter"))

    overskridna = forberedd(
        ("bevakningslage_overskridna",),
        lambda: _bevakningsrader(
            oppna().filter(status=BevakningStatus.OVERSKRIDEN).order_by("forfaller", "pk")
        ),
    ).rader(varden, limit=50)
    snart = forberedd(
        ("bevakningslage_snart",),
        lambda: _bevakningsrader(oppna().filter(_bevakningar_snart()).order_by("forfaller", "pk")),
    ).rader(varden, limit=50)
    return BevakningsLage(
        overskridna=[_bevakningsrad(r) for r in overskridna],
        snart=[_bevakningsrad(r) for r in snart],
        per_typ=per_typ,
    )


def bevakningar_per_typ(enheter: list[int], idag: datetime.date) -> list[tuple[str, int, int]]:
    """Overdue and due-soon bevakningar of the enheter (ids) counted per kind: (kind, overdue,
    due soon). Only the rows that count, through the (status, forfaller) index: the met and
    cancelled bevakningar of every year before are never read (docs/prestanda.md:
    Översikten)."""
    varden = {"enheter": enheter, "idag": idag, "om_en_vecka": idag + datetime.timedelta(days=7)}
    per_typ = forberedd(
        ("bevakningslage_per_typ",),
        lambda: (
            Bevakning.objects.filter(akt__enhet_id__in=ParamLista("enheter"))
            .filter(Q(status=BevakningStatus.OVERSKRIDEN) | _bevakningar_snart())
            .values("typ")
            .annotate(
                overskridna=Count("pk", filter=Q(status=BevakningStatus.OVERSKRIDEN)),
                snart=Count("pk", filter=_bevakningar_snart()),
            )
            .order_by("typ")
        ),
    ).rader(varden)
    return [(typ_namn(r["typ"]), r["overskridna"], r["snart"]) for r in per_typ]


def vantetid_manader(enheter: list[int], antal: int = 6) -> list:
    """The stored monthly waiting-time figures of the enheter (ids; the nightly job's, never
    counted per request), newest first: `antal` months of each."""
    return forberedd(
        ("vantetid_manader",),
        lambda: (
            VantetidManad.objects.filter(enhet_id__in=ParamLista("enheter"))
            .select_related("enhet")
            .order_by("-manad", "enhet__namn")
        ),
    ).rader({"enheter": enheter}, limit=antal * max(1, len(enheter)))


def akuta_idag(enheter: list[int], idag: datetime.date) -> list:
    """Akut ansökningar that must be decided today or are overdue (docs/regler.md: Akut
    ansökan), in the enheter (ids); a prepared query."""
    rader = forberedd(
        ("akuta_idag",),
        lambda: _bevakningsrader(
            Bevakning.objects.filter(
                akt__enhet_id__in=ParamLista("enheter"),
                typ="akut_ansokan",
                status__in=[BevakningStatus.AKTIV, BevakningStatus.OVERSKRIDEN],
                forfaller__lte=datum("idag"),
            ).order_by("forfaller", "pk")
        ),
    ).rader({"enheter": enheter, "idag": idag})
    return [_bevakningsrad(r) for r in rader]


def oppna_vantetider(enheter: list[int], idag: datetime.date) -> list[tuple[str, int]]:
    """Open ansökningar of the enheter (ids) by days since first contact (0–7, 8–14, 15–21,
    over 21 days)."""
    oppna = Ansokan.objects.filter(
        akt__enhet_id__in=enheter,
        status__in=OPPNA,
        mottagen__isnull=False,
    )
    grupper = [
        ("0–7 dagar", 0, 7),
        ("8–14 dagar", 8, 14),
        ("15–21 dagar", 15, 21),
        ("över 21 dagar", 22, 100000),
    ]
    rader = oppna.aggregate(
        **{
            f"g{i}": Count(
                "pk",
                filter=Q(
                    mottagen__lte=idag - datetime.timedelta(days=lo),
                    mottagen__gte=idag - datetime.timedelta(days=hi),
                ),
            )
            for i, (_, lo, hi) in enumerate(grupper)
        }
    )
    return [(namn, rader[f"g{i}"]) for i, (namn, _, _) in enumerate(grupper)]


OVERSIKT_SEKUNDER = 60


def oversikt_figurer(enheter: list[int], idag: datetime.date) -> dict:
    """The dashboard's counts over whole Enheter (ids) — caseload per handläggare, unassigned
    Akter, open ansökningar by age, bevakningar per kind — counted at most once a minute per
    set of Enheter and day, and kept in the cache with the time they were counted
    (docs/prestanda.md: Översikten): at storstad size they are grouped counts over ten
    thousand open ansökningar and the nämnd's Akter, some 40 ms of the database per request.
    They hold no person of a case; the lists of Akter on the page are read on every request."""
    nyckel = f"kvalitet:oversikt:{idag:%Y%m%d}:{'-'.join(str(e) for e in sorted(enheter))}"
    figurer = cache.get(nyckel)
    if figurer is None:
        belastning = arbetsbelastning(enheter)
        oppna = oppna_vantetider(enheter, idag)
        figurer = {
            "raknade": timezone.now(),
            # Drawn once with the counts: a nämnd has some two hundred handläggare.
            "belastning_diagram": stapeldiagram(
                [(b.namn, b.akter) for b in belastning],
                titel="Akter per handläggare",
                enhet="akter",
            ),
            "belastning_rader": BELASTNING_RAD.rader(
                {"namn": b.namn, "akter": b.akter} for b in belastning
            ),
            "ej_tilldelade": ej_tilldelade(enheter),
            "oppna": oppna,
            "oppna_diagram": stapeldiagram(
                oppna,
                titel="Öppna ansökningar efter dagar sedan första kontakt",
                enhet="ansökningar",
            ),
            "per_typ": bevakningar_per_typ(enheter, idag),
            **_vantetider(enheter),
        }
        cache.set(nyckel, figurer, OVERSIKT_SEKUNDER)
    return figurer


BELASTNING_RAD = Radmall("kvalitet/_belastning_rad.html")
# The waiting times per month and Enhet: six months of each of up to ten Enheter.
VANTETID_RAD = Radmall("kvalitet/_vantetid_rad.html")


def _vantetider(enheter: list[int]) -> dict:
    """The stored waiting times (the nightly job's, `vantetid_manader`) as the dashboard shows
    them: a chart and the table's rows, drawn with the other figures (they change at night)."""
    manader = vantetid_manader(enheter)
    flera = len(enheter) > 1
    return {
        "vantetid_diagram": stapeldiagram(
            [
                (f"{m.manad:%Y-%m}" + (f" {m.enhet}" if flera else ""), float(m.medel_dagar or 0))
                for m in manader
            ],
            titel="Väntetid till beslut, medel dagar per månad",
            enhet="dagar",
        ),
        "vantetid_rader": VANTETID_RAD.rader(
            {
                "manad": f"{m.manad:%Y-%m}",
                "enhet": str(m.enhet),
                "antal": m.antal_beslutade,
                # As the template's `default:"–"`: a missing figure, or none, is a dash.
                "medel": m.medel_dagar or "–",
                "median": m.median_dagar or "–",
                "inom_mal": "–" if m.andel_inom_mal is None else f"{visa(m.andel_inom_mal)} %",
                "kolada": m.kolada_u31402 or "–",
                "vantan": m.medel_vantan_sokande or "–",
            }
            for m in manader
        ),
    }


def oversikt(enheter: list[Enhet], idag: datetime.date) -> dict:
    """Everything the dashboard shows for the enheter read, each part in a fixed number of
    queries: the counts from `oversikt_figurer`, the lists read now."""
    alla_enheter = list(enheter)
    ids = [e.pk for e in alla_enheter]
    figurer = oversikt_figurer(ids, idag)
    # The lists read now, each planned once per connection: their dates kept PostgreSQL
    # planning them on every request (docs/prestanda.md: Översikten).
    with en_plan(connection):
        lage = bevakningslage(ids, idag, figurer["per_typ"])
        akuta = akuta_idag(ids, idag)
    return {
        "enheter": alla_enheter,
        "idag": idag,
        "raknade": figurer["raknade"],
        "belastning_diagram": figurer["belastning_diagram"],
        "belastning_rader": figurer["belastning_rader"],
        "ej_tilldelade": figurer["ej_tilldelade"],
        "lage": lage,
        "akuta": akuta,
        "vantetid_diagram": figurer["vantetid_diagram"],
        "vantetid_rader": figurer["vantetid_rader"],
        "oppna": figurer["oppna"],
        "oppna_diagram": figurer["oppna_diagram"],
    }


# ---- journalgranskning ----------------------------------------------------------------------


@dataclass(frozen=True)
class GranskningsFigur:
    enhet: str
    dragna: int
    granskade: int
    aterkopplade: int
    atgarder_oppna: int


def granskning_figurer(enheter: QuerySet[Enhet], ar: int) -> dict:
    """Figures per Enhet for a year, and per checklist point the share judged uppfyllt —
    about the work, never a ranking of persons."""
    per_enhet = (
        Granskning.objects.filter(enhet__in=enheter, ar=ar)
        .values("enhet__namn")
        .annotate(
            dragna=Count("pk"),
            granskade=Count("pk", filter=~Q(status=GranskningStatus.DRAGEN)),
            aterkopplade=Count("pk", filter=Q(status=GranskningStatus.ATERKOPPLAD)),
        )
        .order_by("enhet__namn")
    )
    oppna = dict(
        GranskningAtgard.objects.filter(
            granskning__enhet__in=enheter, granskning__ar=ar, uppfoljd__isnull=True
        )
        .values_list("granskning__enhet__namn")
        .annotate(n=Count("pk"))
    )
    figurer = [
        GranskningsFigur(
            enhet=r["enhet__namn"],
            dragna=r["dragna"],
            granskade=r["granskade"],
            aterkopplade=r["aterkopplade"],
            atgarder_oppna=oppna.get(r["enhet__namn"], 0),
        )
        for r in per_enhet
    ]
    punkter = (
        GranskningSvar.objects.filter(granskning__enhet__in=enheter, granskning__ar=ar)
        .exclude(bedomning=Bedomning.EJ_AKTUELLT)
        .values("punkt__ordning", "rubrik")
        .annotate(
            bedomda=Count("pk"),
            uppfyllda=Count("pk", filter=Q(bedomning=Bedomning.UPPFYLLT)),
        )
        .order_by("punkt__ordning", "rubrik")
    )
    per_punkt = [
        (r["rubrik"], round(100 * r["uppfyllda"] / r["bedomda"], 1), r["bedomda"]) for r in punkter
    ]
    return {"per_enhet": figurer, "per_punkt": per_punkt}


# ---- access-log review ----------------------------------------------------------------------

# Pages that list many Akter at once write one log row per Akt shown; they are not counted
# when looking for a user who opens unusually many Akter in a day.
LISTSIDOR = frozenset(
    {
        "startsida",
        "dashboard",
        "arbetslista",
        "ansokningar",
        "samrad-lista",
        "loggkontroll",
        "kvalitet-lista",
        "mina-sidor",
    }
)


SIDNAMN = {
    "akt": "Akten",
    "startsida": "Lista över akter",
    "dashboard": "Översikt",
    "arbetslista": "Arbetslista",
    "ansokningar": "Lista över ansökningar",
    "ansokan": "Ansökan",
    "utredning": "Utredning",
    "journal": "Journal",
    "beslut-fatta": "Beslut",
    "beslutsbrev": "Beslutsbrev",
    "samrad": "Samråd",
    "samrad-lista": "Lista över samråd",
    "overklagande": "Överklagande",
    "barnkonsekvens": "Barnkonsekvensanalys",
    "barnkonsekvensanalys": "Barnkonsekvensanalys",
    "orosanmalan": "Orosanmälan",
    "loggkontroll": "Loggkontroll",
    "journalgranskning": "Journalgranskning",
    "kvalitet-lista": "Kvalitetslista",
}


def sida_namn(kod: str) -> str:
    """The page's name in Swedish (users never see raw codes)."""
    if kod in SIDNAMN:
        return SIDNAMN[kod]
    return kod.replace("etjanst-", "E-tjänsten: ").replace("-", " ").capitalize()


@dataclass
class LoggRad:
    pk: int
    tidpunkt: datetime.datetime
    anvandarnamn: str
    sida: str
    beviljad: bool
    akt_id: int | None
    aktnummer: str
    namn: str
    skyddad: bool


def _akter_info(user, akt_ids: set[int]) -> dict[int, tuple[str, str, bool]]:
    """Aktnummer, the applicant's name and whether protected, per Akt — the name of a
    protected person only with the user's explicit grant on that Akt (docs/regler.md: Åtkomst)."""
    akter = Akt.objects.filter(pk__in=akt_ids).annotate(skyddad=skyddad_medlem_finns())
    beviljade = beviljade_skyddade_akt_ids(user) & set(akt_ids)
    sokande = {
        m.hushall_id: m.person.namn
        for m in HushallMedlem.objects.filter(
            hushall__akt__in=akt_ids, roll=MedlemsRoll.SOKANDE
        ).select_related("person")
    }
    info = {}
    for a in akter:
        namn = sokande.get(a.hushall_id, "")
        if a.skyddad and a.pk not in beviljade:
            namn = "Skyddad identitet"
        info[a.pk] = (a.aktnummer, namn, a.skyddad)
    return info


def loggrader(
    user,
    enheter: QuerySet[Enhet],
    *,
    anvandare: str = "",
    aktnummer: str = "",
    fran: datetime.date | None = None,
    till: datetime.date | None = None,
    skyddad: bool = False,
    grans: int = 300,
) -> tuple[list[LoggRad], int]:
    """Reads of the enheter's Akter, newest first, filtered; and how many match in all."""
    akter = Akt.objects.filter(enhet__in=enheter)
    if aktnummer:
        akter = akter.filter(aktnummer=aktnummer.strip())
    if skyddad:
        akter = akter.annotate(skyddad=skyddad_medlem_finns()).filter(skyddad=True)
    akt_ids = akter.values("pk")
    qs = Atkomstlogg.objects.filter(anvandare_id__isnull=False)
    if anvandare:
        qs = qs.filter(anvandarnamn__icontains=anvandare.strip())
    # By the time itself, not its date, so a month asked for reads only its partition.
    if fran:
        qs = qs.filter(tidpunkt__gte=dygnets_borjan(fran))
    if till:
        qs = qs.filter(tidpunkt__lt=dygnets_borjan(till + datetime.timedelta(days=1)))
    # Reads of one Akt through the Akt's index; list views once per Akt of the enheter they
    # showed. Two parts, merged here: one statement with both under an OR read every row.
    enkla = qs.filter(akt_id__in=akt_ids)
    # A few Akter asked for (one by its number, the protected ones): the list rows that name
    # one of them, through the GIN index. Every Akt of the enheter: PostgreSQL compares two
    # arrays pairwise, so the list rows are unnested and joined with the Akter instead.
    if aktnummer or skyddad:
        listor = qs.filter(akt_ids__overlappar=akt_ids)
    else:
        listor = qs.filter(akt_ids__isnull=False)
    lista_antal, lista_par = _listornas_akter(listor, akt_ids, grans)
    antal = enkla.count() + lista_antal
    rader = [(r, r.akt_id) for r in enkla.order_by("-tidpunkt", "-pk")[:grans]]
    if lista_par:
        # The list rows by id within their times, so only those months' partitions are read.
        tider = [t for _, _, t in lista_par]
        listrader = Atkomstlogg.objects.filter(pk__in={pk for pk, _, _ in lista_par})
        if connection.vendor == "postgresql":
            listrader = listrader.filter(tidpunkt__range=(min(tider), max(tider)))
        loggar = {r.pk: r for r in listrader}
        rader += [(loggar[pk], akt) for pk, akt, _ in lista_par]
    # Newest first; a list's Akter in id order.
    rader = sorted(rader, key=lambda r: (r[0].tidpunkt, r[0].pk, -r[1]), reverse=True)[:grans]
    info = _akter_info(user, {akt for _, akt in rader})
    return [_loggrad(r, info, akt) for r, akt in rader], antal


def _listornas_akter(listor: QuerySet, akt_ids: QuerySet, grans: int) -> tuple[int, list[tuple]]:
    """The list views of `listor` once per Akt of `akt_ids` they showed: how many such pairs,
    and the newest `grans` as (log id, Akt id, time; the time as the database gives it)."""
    rader = listor.order_by().values("id", "tidpunkt", "akt_ids")
    rader_sql, rader_params = rader.query.sql_with_params()
    akter_sql, akter_params = akt_ids.query.sql_with_params()
    if connection.vendor == "postgresql":
        utfall, akt = "CROSS JOIN LATERAL unnest(l.akt_ids) AS x(akt)", "x.akt"
    else:
        utfall, akt = ", json_each(l.akt_ids) AS x", "x.value"
    fran = f"FROM ({rader_sql}) l {utfall} WHERE {akt} IN ({akter_sql})"  # noqa: S608
    params = [*rader_params, *akter_params]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) {fran}", params)  # noqa: S608
        antal = cursor.fetchone()[0]
        cursor.execute(
            # In the time's order only, so the list rows' time index serves it: a row's
            # Akter come in its own (sorted) order.
            f"SELECT l.id, {akt}, l.tidpunkt {fran} ORDER BY l.tidpunkt DESC, l.id DESC LIMIT %s",  # noqa: S608
            [*params, grans],
        )
        return antal, [(pk, int(a), t) for pk, a, t in cursor.fetchall()]


def _loggrad(r, info, akt_id: int | None = None) -> LoggRad:
    """One read as the review shows it; `akt_id` the Akt of a list page's row."""
    akt_id = r.akt_id if akt_id is None else akt_id
    aktnummer, namn, skyddad = info.get(akt_id, ("", "", False))
    return LoggRad(
        pk=r.pk,
        tidpunkt=r.tidpunkt,
        anvandarnamn=r.anvandarnamn,
        sida=sida_namn(r.sida),
        beviljad=r.beviljad,
        akt_id=akt_id,
        aktnummer=aktnummer,
        namn=namn,
        skyddad=skyddad,
    )


@dataclass(frozen=True)
class Larm:
    anvandarnamn: str
    dag: datetime.date
    akter: int


def logglarm(
    enheter: QuerySet[Enhet], *, fran: datetime.date, till: datetime.date, grans: int
) -> list[Larm]:
    """Users who opened more different Akter of the enheter in one day than the threshold
    (docs/regler.md, Kvalitetsarbete och statistik: loggkontroll). List pages are not counted."""
    rader = (
        Atkomstlogg.objects.filter(
            akt_id__in=Akt.objects.filter(enhet__in=enheter).values("pk"),
            anvandare_id__isnull=False,
            tidpunkt__gte=dygnets_borjan(fran),
            tidpunkt__lt=dygnets_borjan(till + datetime.timedelta(days=1)),
        )
        .exclude(sida__in=LISTSIDOR)
        .annotate(dag=TruncDate("tidpunkt"))
        .values("anvandarnamn", "dag")
        .annotate(akter=Count("akt_id", distinct=True))
        .filter(akter__gt=grans)
        .order_by("-dag", "-akter")
    )
    return [Larm(r["anvandarnamn"], r["dag"], r["akter"]) for r in rader]


def stickprov_rader(user, stickprov) -> list[tuple]:
    """The sample's rows with their log entries (reads shown as in the log list)."""
    rader = list(stickprov.rader.select_related("bedomd_av"))
    loggar = {r.pk: r for r in Atkomstlogg.objects.filter(pk__in=[r.logg_id for r in rader])}
    info = _akter_info(user, {r.akt_id for r in loggar.values()})
    return [(r, _loggrad(loggar[r.logg_id], info)) for r in rader if r.logg_id in loggar]
