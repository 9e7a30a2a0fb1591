"""Reads of the ansokan app (docs/arkitektur.md: Kodstil (services och selectors))."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from bistand.forberedd import Lista, Param, forberedd, som_forladdade
from bistand.kalender import lagg_till_arbetsdagar
from bistand.models import (
    Akt,
    Bevakning,
    BevakningStatus,
    Enhet,
    Handelse,
    MedlemsRoll,
    Namnd,
    Person,
)
from bistand.selectors import handelser_for_sokande, parameter_varde

from .models import (
    OPPNA,
    Ansokan,
    AnsokanPost,
    Bilaga,
    Enhetsregel,
    Komplettering,
    Meddelande,
    Posttyp,
    Status,
    Vanteperiod,
)


def poster_forladda(ansokan: Ansokan) -> None:
    """Read the requested posts with their kinds once for a page whose builder and panels each
    look at them (docs/prestanda.md: Delade läsningar per förfrågan): `ansokan_poster` then
    answers from that read. For a page's reads only; services do not call it."""
    som_forladdade(ansokan, "poster", _poster(ansokan.pk))


def _poster(ansokan_id: int) -> list[AnsokanPost]:
    """The ansökan's posts with their kinds, in the kinds' order (a prepared query)."""
    return forberedd(
        ("ansokan_poster",),
        lambda: (
            AnsokanPost.objects.filter(ansokan_id=Param("ansokan"))
            .select_related("posttyp")
            .order_by("posttyp__ordning", "pk")
        ),
    ).rader({"ansokan": ansokan_id})


def ansokan_poster(ansokan: Ansokan) -> list[AnsokanPost]:
    """The requested posts with their kinds, in the kinds' order: what `poster_forladda` read
    for the page, else one query."""
    if "poster" in getattr(ansokan, "_prefetched_objects_cache", {}):
        return list(ansokan.poster.all())
    return _poster(ansokan.pk)


def enhet_for_postnummer(postnummer: str) -> Enhet | None:
    """docs/arkitektur.md: E-tjänst — the Enhet for a new applicant — the longest matching
    postal-code prefix in the admin-edited rules, else the standard rule, else the first Enhet."""
    siffror = re.sub(r"\D", "", postnummer or "")
    regler = list(Enhetsregel.objects.select_related("enhet"))
    traffar = [r for r in regler if r.postnummer_prefix and siffror.startswith(r.postnummer_prefix)]
    if traffar:
        return max(traffar, key=lambda r: len(r.postnummer_prefix)).enhet
    standard = next((r for r in regler if r.standard), None)
    if standard:
        return standard.enhet
    return Enhet.objects.order_by("pk").first()


def person_akt(person: Person) -> Akt | None:
    """The Akt where the person is a current applicant or co-applicant (latest first)."""
    rader = forberedd(
        ("person_akt",),
        lambda: (
            Akt.objects.filter(
                hushall__medlemmar__person_id=Param("person"),
                hushall__medlemmar__till__isnull=True,
                hushall__medlemmar__roll__in=[MedlemsRoll.SOKANDE, MedlemsRoll.MEDSOKANDE],
            )
            .select_related("enhet__namnd")
            .order_by("-pk")
        ),
    ).rader({"person": person.pk}, limit=1)
    return rader[0] if rader else None


def ansokningar_for_person(person: Person) -> QuerySet[Ansokan]:
    """The applicant's own ansökningar, as applicant or co-applicant (never anyone else's)."""
    return Ansokan.objects.filter(Q(sokande=person) | Q(medsokande=person))


def mina_ansokningar(person: Person) -> Lista:
    """Mina sidor's list, newest first: a lazy list of a prepared query (docs/prestanda.md:
    Förberedda frågor), so the page reads only its own rows (docs/prestanda.md:
    Sidindelning)."""
    return Lista(
        forberedd(
            ("mina_ansokningar",),
            lambda: (
                Ansokan.objects.filter(
                    Q(sokande_id=Param("person")) | Q(medsokande_id=Param("person"))
                )
                .annotate(
                    oppna_kompletteringar=Count(
                        "kompletteringar", filter=Q(kompletteringar__besvarad__isnull=True)
                    )
                )
                .order_by("-skapad", "-pk")
            ),
        ),
        {"person": person.pk},
    )


def har_inskickad(person: Person) -> bool:
    """Whether the applicant has submitted an ansökan she may apply again from (Mina sidor's
    "Ansök för nästa månad"; `senaste_inskickade` prefills it)."""
    return bool(
        forberedd(
            ("har_inskickad",),
            lambda: (
                Ansokan.objects.filter(sokande_id=Param("person"))
                .exclude(status__in=[Status.UTKAST, Status.ATERKALLAD])
                .values_list("pk")
            ),
        ).rader({"person": person.pk}, limit=1)
    )


def senaste_inskickade(person: Person) -> Ansokan | None:
    """The last submitted ansökan, to prefill a monthly återansökan (as Helsingborg's
    e-tjänst does)."""
    return (
        Ansokan.objects.filter(sokande=person)
        .exclude(status__in=[Status.UTKAST, Status.ATERKALLAD])
        .prefetch_related("poster")
        .order_by("-mottagen", "-pk")
        .first()
    )


def kontakt_for(person: Person | None) -> Namnd | None:
    """How to reach the office: the nämnd of the applicant's Akt, else the only nämnd."""
    akt = person_akt(person) if person else None
    if akt is not None:
        return akt.enhet.namnd
    rader = forberedd(("forsta_namnd",), lambda: Namnd.objects.order_by("pk")).rader({}, limit=1)
    return rader[0] if rader else None


@dataclass(frozen=True)
class Tidslinjerad:
    tidpunkt: datetime.datetime
    text: str


def tidslinje_for_sokande(ansokan: Ansokan) -> list[Tidslinjerad]:
    """The applicant's timeline of one ansökan: the case-history events of the kinds marked
    visible to her (docs/regler.md: "Händelser i akten"), label and short text, oldest first."""

    return [
        Tidslinjerad(tidpunkt=h.tidpunkt, text=f"{h.typ.namn}: {h.text}" if h.text else h.typ.namn)
        for h in handelser_for_sokande(ansokan_id=ansokan.pk)
    ]


def tidslinje_for_personal(ansokan: Ansokan) -> list[Handelse]:
    """Every event of the ansökan, with its kind and author, oldest first."""
    return list(
        Handelse.objects.filter(ansokan_id=ansokan.pk)
        .select_related("typ", "av", "av_person")
        .order_by("tidpunkt", "pk")
    )


def kompletteringar(ansokan: Ansokan) -> list[Komplettering]:
    return list(ansokan.kompletteringar.select_related("begard_av").prefetch_related("bilagor"))


def komplettering_forsenad(k: Komplettering, idag: datetime.date | None = None) -> bool:
    """Past its date and not answered. Only shown to staff; it changes no status (docs/regler.md:
    Inget automatiskt avslag; docs/regler.md: Komplettering — only a person may then decide)."""
    return k.besvarad is None and k.senast < (idag or timezone.localdate())


def meddelanden(ansokan: Ansokan) -> list[Meddelande]:
    return list(ansokan.meddelanden.select_related("av", "av_person"))


def bilagor(ansokan: Ansokan) -> list[Bilaga]:
    return list(ansokan.bilagor.all())


def poster(ansokan: Ansokan) -> list[AnsokanPost]:
    return list(ansokan.poster.select_related("posttyp"))


def aktiva_posttyper() -> list[Posttyp]:
    return list(Posttyp.objects.filter(aktiv=True))


def vantedagar(ansokan: Ansokan, idag: datetime.date | None = None) -> int:
    """Calendar days spent waiting for the applicant (the handling clock is paused)."""
    idag = idag or timezone.localdate()
    return sum(((p.till or idag) - p.fran).days for p in ansokan.vanteperioder.all())


def ansokningar_lista(ansokningar: QuerySet[Ansokan]) -> list[Ansokan]:
    """The handläggare's list: every channel side by side, drafts never shown (docs/arkitektur.md:
    Flöde). The query count does not grow with the number of rows."""
    return list(
        ansokningar.exclude(status=Status.UTKAST)
        .select_related("akt", "akt__handlaggare", "sokande")
        .annotate(
            oppna_kompletteringar=Count(
                "kompletteringar", filter=Q(kompletteringar__besvarad__isnull=True)
            )
        )
        .order_by("-mottagen", "-pk")
    )


def ansokan_for_personal_sida(ansokan: Ansokan) -> Ansokan:
    return (
        Ansokan.objects.select_related("akt", "akt__enhet", "sokande", "medsokande")
        .prefetch_related(
            Prefetch("vanteperioder", queryset=Vanteperiod.objects.order_by("fran")),
        )
        .get(pk=ansokan.pk)
    )


def statusrader_for_kontaktcenter(akt: Akt) -> list[str]:
    """docs/regler.md: Bakgrund: Kontaktcenter sees only whether an application has arrived and
    whether a decision is made — no content, no handläggare, no komplettering."""
    rader = []
    for a in akt.ansokningar.exclude(status=Status.UTKAST).order_by("-mottagen")[:6]:
        beslut = (
            "beslut är fattat"
            if a.status in (Status.BESLUTAD, Status.AVSLUTAD)
            else "återkallad"
            if a.status == Status.ATERKALLAD
            else "beslut är inte fattat"
        )
        rader.append(f"{a.get_typ_display()} inkom {a.mottagen:%Y-%m-%d}: {beslut}.")
    return rader


def vantar_pa_sokande(ansokan: Ansokan) -> bool:
    """True while the handling clock is paused for the applicant (an open waiting period)."""
    return ansokan.vanteperioder.filter(till__isnull=True).exists()


def forsening_behover_underrattelse(ansokan: Ansokan, idag: datetime.date) -> bool:
    """FL 11 §: prompt the handläggare to tell the applicant of a considerable delay when the
    handling target's Bevakning has passed or passes within `forsening-paminnelse-arbetsdagar`
    working days, unless an underrättelse with a date still ahead has been sent
    (docs/regler.md: underrättelse om försening)."""

    if ansokan.status not in OPPNA:
        return False
    dagar = int(parameter_varde("forsening-paminnelse-arbetsdagar", idag))
    mal = (
        Bevakning.objects.filter(
            typ="handlaggningsmal",
            objekt_typ__app_label="ansokan",
            objekt_typ__model="ansokan",
            objekt_id=ansokan.pk,
            status__in=[BevakningStatus.AKTIV, BevakningStatus.OVERSKRIDEN],
        )
        .order_by("forfaller")
        .first()
    )
    if mal is None or mal.forfaller > lagg_till_arbetsdagar(idag, dagar):
        return False
    return not ansokan.forseningar.filter(beraknat_datum__gte=idag).exists()


def avgorande_kan_begaras(ansokan: Ansokan, idag: datetime.date) -> bool:
    """FL 12 §: an open matter begun by the applicant that has waited at least six months
    (parameter) from its arrival without a decision, and no request already waiting."""

    if ansokan.status not in OPPNA or ansokan.mottagen is None:
        return False
    manader = int(parameter_varde("avgorande-efter-manader", idag))
    ar, manad = divmod(ansokan.mottagen.month - 1 + manader, 12)
    grans_ar = ansokan.mottagen.year + ar
    grans_manad = manad + 1
    dag = min(ansokan.mottagen.day, calendar.monthrange(grans_ar, grans_manad)[1])
    grans = datetime.date(grans_ar, grans_manad, dag)
    if idag < grans:
        return False
    return not ansokan.begaran_om_avgorande.filter(lage="vantar").exists()


def manad_redan_beslutad(ansokan: Ansokan, manad: datetime.date | None) -> Ansokan | None:
    """Another ansökan of the applicant's Akt for the same month that is already decided: the
    e-tjänst warns before the applicant applies for that month again (docs/arkitektur.md:
    E-tjänst). Never a refusal."""
    if manad is None or ansokan.akt_id is None:
        return None
    manad = manad.replace(day=1)
    fran, till = manad, (manad + datetime.timedelta(days=32)).replace(day=1)
    return (
        Ansokan.objects.filter(akt_id=ansokan.akt_id, status__in=[Status.BESLUTAD, Status.AVSLUTAD])
        .exclude(pk=ansokan.pk)
        .filter(Q(period=manad) | Q(period__isnull=True, mottagen__gte=fran, mottagen__lt=till))
        .order_by("-pk")
        .first()
    )
