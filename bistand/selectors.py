"""Reads of the core (docs/arkitektur.md: Kodstil (services och selectors))."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import CharField, Count, OuterRef, Q, QuerySet, Subquery

from .access import akter_form, atkomst_form, atkomst_parametrar, atkomst_varden, har_roll
from .forberedd import Lista, Param, datum, forberedd, som_forladdade
from .grunddataversion import grunddata_rader
from .models import (
    KONTAKTTYP_NAMN,
    Akt,
    Bevakning,
    BevakningStatus,
    Handelse,
    Handelsetyp,
    Hushall,
    HushallMedlem,
    JournalAnteckning,
    Lagrum,
    MedlemsRoll,
    Parameter,
    Roll,
    personens_namn,
)


class ParameterSaknas(LookupError):
    """No value of a parameter is in force on the day asked for."""


def parameter_rad(kod: str, dag: datetime.date) -> Parameter:
    """The dated parameter row in force on `dag` (latest `giltig_fran` on or before it); a
    prepared query (docs/prestanda.md: Förberedda frågor), read on many pages."""
    rader = grunddata_rader(
        ("parameter_rad",),
        lambda: Parameter.objects.filter(
            kod=Param("kod", CharField()), giltig_fran__lte=datum("dag")
        ).order_by("-giltig_fran"),
        {"kod": kod, "dag": dag},
        limit=1,
    )
    rad = rader[0] if rader else None
    if rad is None:
        raise ParameterSaknas(f"Parametern {kod} saknar värde för {dag:%Y-%m-%d}.")
    return rad


def parameter_varde(kod: str, dag: datetime.date) -> Decimal:
    return parameter_rad(kod, dag).varde


def lagrum_rad(kod: str, dag: datetime.date) -> Lagrum:
    """The legal reference in force on `dag` (docs/regler.md: Lagar och källor — printed from the
    table, never literal)."""
    rad = Lagrum.objects.filter(kod=kod, giltig_fran__lte=dag).order_by("-giltig_fran").first()
    if rad is None:
        raise LookupError(f"Lagrum {kod} saknas för {dag:%Y-%m-%d}.")
    return rad


def lagrum_rader(koder: list[str], dag: datetime.date) -> dict[str, Lagrum]:
    """As `lagrum_rad` for several codes in one query; a code with none in force on `dag` is
    left out."""
    rader: dict[str, Lagrum] = {}
    for rad in Lagrum.objects.filter(kod__in=koder, giltig_fran__lte=dag).order_by(
        "kod", "-giltig_fran"
    ):
        rader.setdefault(rad.kod, rad)
    return rader


@dataclass(frozen=True)
class AktRad:
    """One row of an Akt list: what the list shows, read as plain values."""

    pk: int
    aktnummer: str
    enhet: str
    handlaggare: str  # "" when unassigned
    sokande_namn: str
    antal_personer: int


def akter_lista(user) -> Lista:
    """The Akter the user may open (`bistand.access.akter_for_user`) for a list page as plain
    values, only the columns the list shows (an Akt page reads the rest), by aktnummer: a lazy
    list of a query prepared once per access shape (docs/prestanda.md: Förberedda frågor) for
    `bistand.sidindelning.sida_av`; give the rows read to `akter_lista_rader`."""
    form = atkomst_form(user)
    fraga = forberedd(
        ("akter_lista", form), lambda: akter_lista_fraga(akter_form(form, atkomst_parametrar()))
    )
    # Counted without the Enhet and the handläggare the rows name: a unit's 5 000 Akter
    # joined to them only to be counted (docs/prestanda.md: Åtkomstregelns form).
    antal = forberedd(
        ("akter_lista_antal", form), lambda: akter_form(form, atkomst_parametrar()).values("pk")
    )
    return Lista(fraga, atkomst_varden(user), antal=antal)


def akter_lista_fraga(akter: QuerySet[Akt]) -> QuerySet:
    """The columns and order of `akter_lista`, with the current household's applicant and
    size read in the same query (a subquery per row of the page): a page of 50 Akter is one
    query, not one more for its 150 memberships."""
    nuvarande = HushallMedlem.objects.filter(hushall_id=OuterRef("hushall_id"), till__isnull=True)
    sokande = nuvarande.filter(roll=MedlemsRoll.SOKANDE).order_by("person__fodelsedatum", "pk")
    return (
        akter.order_by("aktnummer")
        .annotate(
            sokande_fornamn=Subquery(sokande.values("person__fornamn")[:1]),
            sokande_efternamn=Subquery(sokande.values("person__efternamn")[:1]),
            antal_personer=Subquery(
                nuvarande.order_by().values("hushall_id").annotate(n=Count("pk")).values("n")
            ),
        )
        .values(
            "pk",
            "aktnummer",
            "enhet__namn",
            "handlaggare__username",
            "handlaggare__first_name",
            "handlaggare__last_name",
            "sokande_fornamn",
            "sokande_efternamn",
            "antal_personer",
        )
    )


def anvandarens_namn(fornamn: str | None, efternamn: str | None, anvandarnamn: str | None) -> str:
    """A user's name from plain values, as `User.__str__` gives it: the full name, else the user
    name ("" for no user)."""
    return f"{fornamn or ''} {efternamn or ''}".strip() or anvandarnamn or ""


def akter_lista_rader(akter) -> list[AktRad]:
    """The rows read by `akter_lista` as `AktRad`: plain values, no model instances
    (docs/prestanda.md: Tabellrader)."""
    return [
        AktRad(
            pk=a["pk"],
            aktnummer=a["aktnummer"],
            enhet=a["enhet__namn"],
            handlaggare=anvandarens_namn(
                a["handlaggare__first_name"],
                a["handlaggare__last_name"],
                a["handlaggare__username"],
            ),
            sokande_namn=(
                personens_namn(a["sokande_fornamn"], a["sokande_efternamn"])
                if a["sokande_fornamn"] is not None
                else ""
            ),
            antal_personer=a["antal_personer"] or 0,
        )
        for a in akter
    ]


def hushall_forladda(hushall: Hushall) -> None:
    """Read every membership of the household, with its person, once for a page whose builder
    and panels each look at the household (docs/prestanda.md): `hushall_medlemskap` then
    answers from that read. For a page's reads only — a change of the household after it is
    not seen on this instance, so services do not call it."""
    som_forladdade(hushall, "medlemmar", _medlemskap(hushall.pk))


def hushall_medlemskap(hushall: Hushall) -> list[HushallMedlem]:
    """Every membership of the household, current and ended, with its person, by pk: what
    `hushall_forladda` read for the page, else one query. Callers filter by date and role in
    Python (a household holds a handful of rows)."""
    if "medlemmar" in getattr(hushall, "_prefetched_objects_cache", {}):
        return list(hushall.medlemmar.all())
    return _medlemskap(hushall.pk)


def akt_hushall_medlemskap(akt: Akt) -> list[HushallMedlem]:
    """The same for the Akt's household, without reading the household row when it is not at
    hand."""
    if Akt.hushall.is_cached(akt):
        return hushall_medlemskap(akt.hushall)
    return _medlemskap(akt.hushall_id)


def _medlemskap(hushall_id: int) -> list[HushallMedlem]:
    """Every membership of the household with its person, by pk (a prepared query)."""
    return forberedd(
        ("hushall_medlemskap",),
        lambda: (
            HushallMedlem.objects.filter(hushall_id=Param("hushall"))
            .select_related("person")
            .order_by("pk")
        ),
    ).rader({"hushall": hushall_id})


def galler_pa(medlem: HushallMedlem, dag: datetime.date) -> bool:
    """Whether the membership holds on `dag` (from `fran`, through `till` when set)."""
    return medlem.fran <= dag and (medlem.till is None or medlem.till >= dag)


def akt_medlemmar(akt: Akt) -> list[HushallMedlem]:
    """Everyone in the Akt's household, present and past, with the person (a prepared query:
    docs/prestanda.md, Förberedda frågor)."""
    return forberedd(
        ("akt_medlemmar",),
        lambda: (
            HushallMedlem.objects.filter(hushall_id=Param("hushall"))
            .select_related("person")
            .order_by("till", "roll", "person__fodelsedatum")
        ),
    ).rader({"hushall": akt.hushall_id})


# A journal entry's columns as `JournalRad` reads them: its own under their own names, the
# corrected entry's date, the author's and the signer's names.
_JOURNAL_EGNA = (
    "pk",
    "skapad",
    "handelse_datum",
    "kontakttyp",
    "signerad",
    "rattar_id",
)
JOURNAL_KOLUMNER = (
    *_JOURNAL_EGNA,
    "rattar__handelse_datum",
    "till_enskilde",
    "text",
    "skapad_av__first_name",
    "skapad_av__last_name",
    "skapad_av__username",
    "signerad_av__first_name",
    "signerad_av__last_name",
    "signerad_av__username",
)


class JournalRad:
    """A journal entry as the Akt page and the journal page show it, from the columns
    `JOURNAL_KOLUMNER`: plain values instead of the entry, the entry it corrects and its two
    users as model instances (docs/prestanda.md: Tabellrader). `skapad_av` and `signerad_av`
    are names ("" for nobody); `rattar_datum` the corrected entry's date."""

    __slots__ = (
        *_JOURNAL_EGNA,
        "rattar_datum",
        "till_enskilde",
        "text",
        "skapad_av",
        "signerad_av",
    )

    def __init__(self, rad: tuple):
        (
            self.pk,
            self.skapad,
            self.handelse_datum,
            self.kontakttyp,
            self.signerad,
            self.rattar_id,
            self.rattar_datum,
            self.till_enskilde,
            self.text,
            *namn,
        ) = rad
        self.skapad_av = anvandarens_namn(*namn[:3])
        self.signerad_av = anvandarens_namn(*namn[3:])

    @property
    def kontakttyp_namn(self) -> str:
        return KONTAKTTYP_NAMN.get(self.kontakttyp, self.kontakttyp)


def akt_journal(akt: Akt, *, antal: int | None = None) -> list[JournalRad]:
    """The Akt's journal, newest first; with `antal`, only that many (the Akt page shows the
    latest and links to the whole journal — docs/prestanda.md: Sidindelning). A prepared
    query (docs/prestanda.md: Förberedda frågor)."""
    rader = forberedd(
        ("akt_journal",),
        lambda: (
            JournalAnteckning.objects.filter(akt_id=Param("akt"))
            .order_by("-handelse_datum", "-skapad", "-pk")
            .values_list(*JOURNAL_KOLUMNER)
        ),
    ).rader({"akt": akt.pk}, limit=antal)
    return [JournalRad(rad) for rad in rader]


def akt_oppna_bevakningar(akt: Akt) -> list[Bevakning]:
    """The Akt's active and overdue deadlines, the nearest first (a prepared query)."""
    return forberedd(
        ("akt_oppna_bevakningar",),
        lambda: Bevakning.objects.filter(
            akt_id=Param("akt"),
            status__in=[BevakningStatus.AKTIV, BevakningStatus.OVERSKRIDEN],
        ).order_by("forfaller"),
    ).rader({"akt": akt.pk})


@dataclass(frozen=True)
class Historikrad:
    """One line of the Akt's history: an event or a journal entry, at its time."""

    tid: datetime.datetime
    handelse: Handelse | None = None
    journal: JournalAnteckning | None = None


HISTORIK_JOURNAL = "journal"


class AktHistorik:
    """The Akt's history: its events and signed or unsigned journal entries merged by time,
    oldest first (docs/arkitektur.md: Flöde), read a page at a time (docs/prestanda.md:
    Sidindelning). `typ` is an event kind's code, or "journal" for the journal only;
    `ansokan_id` keeps the events of one ansökan (journal entries belong to no ansökan and are
    then left out). `count()` is at most two COUNT queries and a slice reads each source only up
    to the slice's end, so a page costs the same whatever the Akt's length. Give it to
    `bistand.sidindelning.sida_av`."""

    def __init__(self, akt: Akt, *, typ: str = "", ansokan_id: int | None = None) -> None:
        self.anteckningar = None
        self.handelser = None
        if typ in ("", HISTORIK_JOURNAL) and ansokan_id is None:
            self.anteckningar = JournalAnteckning.objects.filter(akt=akt)
        if typ != HISTORIK_JOURNAL:
            handelser = Handelse.objects.filter(akt=akt)
            if typ:
                handelser = handelser.filter(typ_id=typ)
            if ansokan_id is not None:
                handelser = handelser.filter(ansokan_id=ansokan_id)
            self.handelser = handelser

    def count(self) -> int:
        return sum(qs.count() for qs in (self.anteckningar, self.handelser) if qs is not None)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, del_: slice) -> list[Historikrad]:
        stopp = del_.stop
        rader: list[Historikrad] = []
        if self.anteckningar is not None:
            qs = self.anteckningar.select_related("skapad_av", "signerad_av").order_by(
                "skapad", "pk"
            )
            rader += [Historikrad(tid=j.skapad, journal=j) for j in qs[:stopp]]
        if self.handelser is not None:
            qs = self.handelser.select_related("typ", "av", "av_person").order_by("tidpunkt", "pk")
            rader += [Historikrad(tid=h.tidpunkt, handelse=h) for h in qs[:stopp]]
        rader.sort(key=lambda r: (r.tid, 0 if r.handelse else 1, (r.handelse or r.journal).pk))
        return rader[del_]


def akt_historik(akt: Akt, *, typ: str = "", ansokan_id: int | None = None) -> list[Historikrad]:
    """The whole history of `AktHistorik` (for the PDF export): two queries whatever the number
    of rows."""
    return AktHistorik(akt, typ=typ, ansokan_id=ansokan_id)[:]


def akt_handelsetyper(akt: Akt) -> list[Handelsetyp]:
    """The kinds of event that occur in the Akt, for the history's filter."""
    return list(
        Handelsetyp.objects.filter(
            kod__in=Handelse.objects.filter(akt=akt).values("typ_id").distinct()
        ).order_by("namn")
    )


def akt_ansokningar(akt: Akt, *, antal: int | None = None) -> list:
    """Every ansökan of the Akt, newest first, for the Akt page's links (docs/regler.md
    "Handläggarens arbete"); read through the Akt's reverse relation, the core knows no app.
    With `antal`, only the newest that many (a household applies every month for years). A
    prepared query (docs/prestanda.md: Förberedda frågor)."""
    modell = akt.ansokningar.model
    return forberedd(
        ("akt_ansokningar", modell._meta.label),
        lambda: modell.objects.filter(akt_id=Param("akt")).order_by("-pk"),
    ).rader({"akt": akt.pk}, limit=antal)


def akt_ansokningar_i_historik(akt: Akt) -> dict[int, str]:
    """The ansökningar that have events in the Akt: id → reference, for the history's filter
    and its lines. The core reads them through the Akt's reverse relation and knows no app."""
    ids = Handelse.objects.filter(akt=akt, ansokan_id__isnull=False).values("ansokan_id")
    return {
        a.pk: a.referens or f"Ansökan {a.pk}"
        for a in akt.ansokningar.filter(pk__in=ids).order_by("-pk")
    }


def handelser_for_sokande(*, ansokan_id: int) -> list[Handelse]:
    """The events of an ansökan that the applicant sees: only kinds marked visible to her
    (docs/regler.md: "Händelser i akten"), oldest first."""
    return list(
        Handelse.objects.filter(ansokan_id=ansokan_id, typ__synlig_for_sokande=True)
        .select_related("typ")
        .order_by("tidpunkt", "pk")
    )


def bevakningar_utan_akt_for(user) -> list[Bevakning]:
    """Open deadlines without an Akt that the user may see: her own, and for an enhetschef
    those owned by the staff of her Enhet and those nobody owns yet (docs/regler.md:
    "Bevakning utan akt")."""
    villkor = Q(agare=user)
    if har_roll(user, Roll.ENHETSCHEF):
        villkor |= Q(agare__isnull=True)
        if user.enhet_id:
            villkor |= Q(agare__enhet_id=user.enhet_id)
    return list(
        Bevakning.objects.filter(
            villkor,
            akt__isnull=True,
            status__in=[BevakningStatus.AKTIV, BevakningStatus.OVERSKRIDEN],
        )
        .select_related("agare")
        .order_by("forfaller", "pk")
    )


# Apps add lines to the Kontaktcenter's status view without the core importing them
# (docs/arkitektur.md: Appar): each källa takes an Akt and returns short status texts.
StatusKalla = Callable[[Akt], list[str]]
STATUSKALLOR: list[StatusKalla] = []


def registrera_statuskalla(kalla: StatusKalla) -> StatusKalla:
    STATUSKALLOR.append(kalla)
    return kalla


def akt_status_rader(akt: Akt) -> list[str]:
    rader: list[str] = []
    for kalla in STATUSKALLOR:
        rader.extend(kalla(akt))
    return rader


def person_status(person, akter=None) -> dict:
    """What the Kontaktcenter may see of a person: per Akt, the Enhet and status lines only
    (`akter`: the Akter it may tell about, see `access.status_akter_for_user`)."""
    if person is None:
        return {"hittad": False, "akter": []}
    akter = (
        (akter if akter is not None else Akt.objects)
        .select_related("enhet")
        .filter(hushall__medlemmar__person=person)
        .exclude(hushall__medlemmar__in=person.medlemskap.filter(roll=MedlemsRoll.OVRIG_VUXEN))
        .distinct()
    )
    return {
        "hittad": True,
        "akter": [{"enhet": akt.enhet.namn, "rader": akt_status_rader(akt)} for akt in akter],
    }


def belastning_nyckel(enhet_id: int) -> str:
    """The cache key of the Enhet's open ärenden counted per handläggare
    (`utredning.selectors.handlaggare_belastning`), forgotten when an Akt of the Enhet is
    assigned (`bistand.services.akt_tilldela`)."""
    return f"arbetslista:belastning:{enhet_id}"
