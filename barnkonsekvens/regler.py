"""When a barnkonsekvensanalys is required, and why (docs/regler.md: Barnkonsekvensanalys).

docs/regler.md: Bakgrund (Norrköping's riktlinjer): "en barnkonsekvensanalys ska göras när ett
beslut kan få påtagliga konsekvenser för ett barn och alltid vid ansökan om bistånd i en akut
nödsituation, till umgängesresor eller ansökningar som direkt avser barnet, till en hyres- eller
elskuld samt vid beslut om rådrum för att sänka hushållets boendekostnad eller sälja dess bostad."
docs/regler.md: Akut ansökan; docs/regler.md: Barnkonsekvensanalys; SoL (2025:400) on barnets bästa
and barnkonventionen art. 3 (lag 2018:1197).

`krav_bedom` is the rule on plain data (what was applied for, the förslag, the children);
`barnkonsekvens_krav` gathers that data for one ansökan. The figures for kvalitet call
`krav_bedom` on prefetched rows so that their query count does not grow with the data.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils import timezone

from ansokan.selectors import ansokan_poster
from bistand.models import Boende, HushallMedlem, MedlemsRoll, Person
from bistand.selectors import akt_hushall_medlemskap
from utredning.selectors import forslag_for_ansokan, utredning_for_ansokan

from .models import Utlosare

# Post type codes (ansokan/grunddata.py). Försörjningsstöd and boende (hyra) are the posts
# whose avslag or delvis bifall has tangible consequences for a child (docs/regler.md:
# Barnkonsekvensanalys).
UMGANGESRESOR = "umgangesresor"
SKULD_KODER = frozenset({"hyresskuld", "elskuld"})
FORSORJNING_OCH_BOENDE = {"forsorjningsstod": "försörjningsstöd", "hyra": "boende (hyra)"}
RADRUM_TEXT = {
    "sanka_boendekostnad": "för att sänka boendekostnaden",
    "salja_bostad": "för att sälja bostaden",
}
UTFALL_TEXT = {"avslag": "avslag", "delvis_bifall": "delvis bifall"}
BARN_FINNS = "och barn bor i eller vistas i hushållet"


@dataclass(frozen=True)
class Krav:
    """Whether an analysis is required, the reasons in plain Swedish, and the children it is
    required for. `utlosare` names the triggers (for the guidance texts)."""

    kravs: bool
    skal: list[str]
    barn: list[Person]
    utlosare: list[str] = field(default_factory=list)


def barn_medlemmar(medlemmar: Iterable[HushallMedlem], dag: datetime.date) -> list[HushallMedlem]:
    """The household's children on `dag`: current memberships with roll barn, living there or
    visiting (bistand.models.Boende)."""
    return sorted(
        (
            m
            for m in medlemmar
            if m.roll == MedlemsRoll.BARN and m.fran <= dag and (m.till is None or m.till >= dag)
        ),
        key=lambda m: (m.person.fodelsedatum, m.person_id),
    )


def krav_bedom(
    *,
    akut: bool,
    poster: Sequence,
    forslag: Sequence,
    annat_skal: str,
    barn: Sequence[HushallMedlem],
) -> Krav:
    """The rule (docs/regler.md: Bakgrund; docs/regler.md: Barnkonsekvensanalys) on plain data.

    - `poster`: the requested AnsokanPost rows, with `posttyp`;
    - `forslag`: the ForslagPost rows, with `post.posttyp`;
    - `barn`: the household's current child memberships (`barn_medlemmar`).

    A post that directly concerns a child (umgängesresor, or a post type flagged
    `beror_barn_direkt`) requires it for that child wherever the child lives: the visiting
    children for umgängesresor when there are any, otherwise every child known to the Akt.
    The other triggers require it when a child lives in or visits the household.
    """
    skal: list[str] = []
    utlosare: list[str] = []
    berorda: dict[int, Person] = {}

    def lagg_till(kod: str, text: str) -> None:
        skal.append(text)
        if kod not in utlosare:
            utlosare.append(kod)

    direkta = set()
    for post in poster:
        typ = post.posttyp
        if typ.kod == UMGANGESRESOR or typ.beror_barn_direkt:
            direkta.add(typ.kod)
            lagg_till(
                Utlosare.POST_BARN,
                f"Ansökan gäller {typ.namn.lower()}, som direkt rör barnet.",
            )
            umgange = [m for m in barn if m.boende == Boende.UMGANGE]
            for m in umgange if typ.kod == UMGANGESRESOR and umgange else barn:
                berorda[m.person_id] = m.person

    if barn:
        if akut:
            lagg_till(Utlosare.AKUT, f"Det är en akut ansökan (nödprövning) {BARN_FINNS}.")
        for post in poster:
            typ = post.posttyp
            if typ.kod in direkta:
                continue
            if typ.kod in SKULD_KODER or typ.kraver_barnkonsekvensanalys:
                lagg_till(Utlosare.SKULD, f"Ansökan gäller {typ.namn.lower()} {BARN_FINNS}.")
        for f in forslag:
            if f.radrum:
                lagg_till(
                    Utlosare.RADRUM,
                    f"Förslaget ger rådrum {RADRUM_TEXT.get(f.radrum, f.radrum)} {BARN_FINNS}.",
                )
        for f in forslag:
            post_namn = FORSORJNING_OCH_BOENDE.get(f.post.posttyp.kod)
            if post_namn and f.utfall in UTFALL_TEXT:
                lagg_till(
                    Utlosare.AVSLAG,
                    f"Förslaget är {UTFALL_TEXT[f.utfall]} på {post_namn} {BARN_FINNS}.",
                )
        if annat_skal.strip():
            lagg_till(Utlosare.ANNAT, f"Handläggaren har angett ett skäl: {annat_skal.strip()}")
        if set(utlosare) - {Utlosare.POST_BARN}:
            # A trigger about the household concerns every child living in or visiting it.
            for m in barn:
                berorda[m.person_id] = m.person

    barnlista = sorted(berorda.values(), key=lambda p: (p.fodelsedatum, p.pk))
    return Krav(kravs=bool(skal), skal=skal, barn=barnlista, utlosare=utlosare)


def forra_analys_far_bekraftas(krav: Krav) -> bool:
    """Whether last month's signed analysis may be confirmed as still valid instead of a new
    one: only when every trigger this month is a need of the child that recurs every month
    (umgängesresor and other posts that directly concern the child). An akut ansökan, a debt,
    a rådrum, an avslag or the handläggare's own reason is a new situation for the child and
    needs an analysis of its own (docs/regler.md: Barnkonsekvensanalys)."""
    return krav.kravs and set(krav.utlosare) <= {Utlosare.POST_BARN}


def barnkonsekvens_krav(*, ansokan, utredning=None, forslag=None, dag=None) -> Krav:
    """Whether a barnkonsekvensanalys is required for this ansökan, and why (docs/regler.md:
    Barnkonsekvensanalys; docs/regler.md: Bakgrund — "alltid" in the listed situations). Reads the
    utredning and its förslag when not given; the children are the household's current ones (on
    `dag`, default today)."""
    dag = dag or timezone.localdate()
    if utredning is None:
        utredning = utredning_for_ansokan(ansokan)
    if forslag is None:
        forslag = forslag_for_ansokan(ansokan) if utredning is not None else []
    medlemmar = (
        [m for m in akt_hushall_medlemskap(ansokan.akt) if m.roll == MedlemsRoll.BARN]
        if ansokan.akt_id
        else []
    )
    return krav_bedom(
        akut=ansokan.ar_akut,
        poster=ansokan_poster(ansokan),
        forslag=list(forslag),
        annat_skal=utredning.barnkonsekvens_annat_skal if utredning is not None else "",
        barn=barn_medlemmar(medlemmar, dag),
    )
