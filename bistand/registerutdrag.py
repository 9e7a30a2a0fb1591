"""Registerutdrag: the applicant's copy of everything held about her (GDPR art. 15).

docs/regler.md: Gallring och registerutdrag. She asks in the e-tjänst; the request gets a
Bevakning for the one-month limit (GDPR art. 12.3) and the handläggare a notice. The extract is
assembled from sections that each app contributes (`registrera_del`), each of which gives only
what concerns her: a co-member's personal data are never included, and neither is what is
secret towards her (OSL 26 kap. 5 §) — the sections leave out internal journal notes and, in
the apps that hold them, e.g. who made an orosanmälan. A staff member who may open her Akt
reviews the assembled extract before it is released as a PDF, and may leave out a row that
must not be disclosed, with the reason (`registerutdrag_utelamna`); the extract then says
"Uppgift utelämnad" and why in its place.
"""

from __future__ import annotations

import datetime
import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from . import services
from .bevakning import registrera_typ
from .models import (
    Akt,
    HushallMedlem,
    JournalAnteckning,
    Notis,
    Person,
    Registerutdrag,
    Utelamning,
)
from .pdfhamtning import url_hamtare

BEVAKNINGSTYP = "registerutdrag"
registrera_typ(
    BEVAKNINGSTYP,
    "Registerutdrag ska lämnas",
    "Inom en månad från begäran (GDPR art. 12.3).",
)


@dataclass
class Del:
    """One section of the extract: a heading and rows of (label, value)."""

    rubrik: str
    rader: list[tuple[str, str]] = field(default_factory=list)
    text: str = ""


Kalla = Callable[[Person], list[Del]]
DELAR: list[Kalla] = []


def registrera_del(kalla: Kalla) -> Kalla:
    DELAR.append(kalla)
    return kalla


def _akter(person: Person) -> list[Akt]:
    return list(Akt.objects.filter(hushall__medlemmar__person=person).distinct())


def _plus_manad(dag: datetime.date) -> datetime.date:
    ar, manad = (dag.year + 1, 1) if dag.month == 12 else (dag.year, dag.month + 1)
    for d in (dag.day, 30, 29, 28):
        try:
            return datetime.date(ar, manad, d)
        except ValueError:
            continue
    raise AssertionError


@registrera_del
def _karnan(person: Person) -> list[Del]:
    """Her own personal data, her own memberships (never the other members), and the journal
    entries of her Akter that are not internal notes."""
    uppgifter = Del(
        "Dina personuppgifter",
        [
            ("Namn", f"{person.fornamn} {person.efternamn}"),
            ("Personnummer", person.identitet),
            ("Adress", " ".join(x for x in (person.adress, person.postnummer, person.ort) if x)),
            ("Telefon", person.telefon),
            ("E-post", person.epost),
        ],
    )
    medlemskap = Del(
        "Hushåll och akter",
        [
            (
                f"Akt {m.hushall.akt.aktnummer}",
                f"{m.get_roll_display()} från {m.fran:%Y-%m-%d}"
                + (f" till {m.till:%Y-%m-%d}" if m.till else ""),
            )
            for m in HushallMedlem.objects.filter(person=person).select_related("hushall__akt")
        ],
        "Uppgifter om andra personer i hushållet lämnas inte ut här; de kan begära egna utdrag.",
    )
    journal = Del(
        "Journalanteckningar",
        [
            (
                f"{j.handelse_datum or j.skapad.date():%Y-%m-%d} ({j.get_kontakttyp_display()})",
                j.text,
            )
            for j in JournalAnteckning.objects.filter(
                akt__in=_akter(person), signerad__isnull=False
            )
            .exclude(kontakttyp="intern")
            .order_by("skapad")
        ],
    )
    return [uppgifter, medlemskap, journal]


UTELAMNAD = "Uppgift utelämnad"


def rad_nyckel(rubrik: str, etikett: str, varde: str) -> str:
    """A row's name for the reviewer's choice: stable while the row's text is unchanged."""
    return hashlib.sha256("\x1f".join((rubrik, etikett, varde)).encode()).hexdigest()


def delar_for(person: Person, utdrag: Registerutdrag | None = None) -> list[Del]:
    """The extract's sections. With `utdrag`, a row the reviewer left out is replaced by
    "Uppgift utelämnad" and the reason; its text is not in what is returned."""
    ut: list[Del] = []
    for kalla in DELAR:
        ut.extend(kalla(person))
    if utdrag is None:
        return ut
    utelamnade = {u.nyckel: u for u in utdrag.utelamningar.all()}
    if not utelamnade:
        return ut
    for del_ in ut:
        rader = []
        for etikett, varde in del_.rader:
            u = utelamnade.get(rad_nyckel(del_.rubrik, etikett, varde))
            rader.append(
                (etikett, f"{UTELAMNAD}: {u.get_skal_display()}") if u else (etikett, varde)
            )
        del_.rader = rader
    return ut


def granskningsdelar(utdrag: Registerutdrag) -> list[dict]:
    """The reviewer's view: every section with its rows in full, each row with its key and, if
    left out, the choice made."""
    utelamnade = {u.nyckel: u for u in utdrag.utelamningar.select_related("av")}
    return [
        {
            "rubrik": del_.rubrik,
            "text": del_.text,
            "rader": [
                {
                    "etikett": etikett,
                    "varde": varde,
                    "nyckel": (nyckel := rad_nyckel(del_.rubrik, etikett, varde)),
                    "utelamnad": utelamnade.get(nyckel),
                }
                for etikett, varde in del_.rader
            ],
        }
        for del_ in delar_for(utdrag.person)
    ]


def _rad(utdrag: Registerutdrag, nyckel: str) -> tuple[str, str]:
    for del_ in delar_for(utdrag.person):
        for etikett, varde in del_.rader:
            if rad_nyckel(del_.rubrik, etikett, varde) == nyckel:
                return del_.rubrik, etikett
    raise ValidationError("Raden finns inte längre i utdraget. Ladda om sidan.")


def _bara_begart(utdrag: Registerutdrag) -> Registerutdrag:
    utdrag = Registerutdrag.objects.select_for_update().get(pk=utdrag.pk)
    if utdrag.status != Registerutdrag.Status.BEGARD:
        raise ValidationError("Utdraget är redan utlämnat och kan inte ändras.")
    return utdrag


@transaction.atomic
def registerutdrag_utelamna(
    *, utdrag: Registerutdrag, nyckel: str, skal: str, motivering: str = "", av
) -> Utelamning:
    """Leave one row out of the extract before release, with the reason: secret towards her
    (OSL 26 kap. 5 §) or about another person (OSL 26 kap. 1 §); docs/regler.md:
    Registerutdrag."""
    utdrag = _bara_begart(utdrag)
    if skal not in Utelamning.Skal.values:
        raise ValidationError({"skal": "Välj varför uppgiften inte lämnas ut."})
    rubrik, etikett = _rad(utdrag, nyckel)
    rad, _ = Utelamning.objects.update_or_create(
        utdrag=utdrag,
        nyckel=nyckel,
        defaults={
            "rubrik": rubrik[:200],
            "etikett": etikett[:200],
            "skal": skal,
            "motivering": motivering.strip(),
            "av": av,
        },
    )
    return rad


@transaction.atomic
def registerutdrag_ta_med(*, utdrag: Registerutdrag, nyckel: str) -> None:
    """Undo a row's leaving out, while the extract is not yet released."""
    utdrag = _bara_begart(utdrag)
    Utelamning.objects.filter(utdrag=utdrag, nyckel=nyckel).delete()


@transaction.atomic
def registerutdrag_begar(*, person: Person) -> Registerutdrag:
    """Register the request, start the one-month Bevakning (GDPR art. 12.3) on her Akt and
    tell the handläggare."""
    utdrag = Registerutdrag.objects.create(person=person)
    forfaller = _plus_manad(timezone.localdate(utdrag.begard))
    for akt in _akter(person):
        services.bevakning_skapa(
            typ=BEVAKNINGSTYP,
            akt=akt,
            forfaller=forfaller,
            objekt=utdrag,
            agare=akt.handlaggare,
            beskrivning="Registerutdrag begärt i e-tjänsten.",
        )
        if akt.handlaggare_id:
            Notis.objects.create(
                mottagare=akt.handlaggare,
                text=f"Registerutdrag begärt; ska lämnas senast {forfaller:%Y-%m-%d}.",
                lank=f"/registerutdrag/{utdrag.pk}/",
            )
    return utdrag


def rendera_pdf(utdrag: Registerutdrag) -> bytes:
    # WeasyPrint loads Pango only when a document is rendered.
    from weasyprint import HTML

    typsnitt = Path(settings.BASE_DIR) / "static" / "fonts"
    html = render_to_string(
        "pdf/registerutdrag.html",
        {
            "utdrag": utdrag,
            "person": utdrag.person,
            "delar": delar_for(utdrag.person, utdrag),
            "namnd": {"namn": f"{settings.KOMMUN_NAMN}, socialtjänsten"},
            "fonts": typsnitt.as_uri(),
            "idag": timezone.localdate(),
            "kommun_namn": settings.KOMMUN_NAMN,
        },
    )
    return HTML(string=html, base_url=str(typsnitt) + "/", url_fetcher=url_hamtare()).write_pdf()


@transaction.atomic
def registerutdrag_lamna_ut(*, utdrag: Registerutdrag, av) -> Registerutdrag:
    """After review: render the PDF, store it, meet the Bevakning."""
    utdrag = Registerutdrag.objects.select_for_update().get(pk=utdrag.pk)
    if utdrag.status == Registerutdrag.Status.UTLAMNAT:
        return utdrag
    data = rendera_pdf(utdrag)
    relativ = f"registerutdrag/{utdrag.person_id}/{uuid.uuid4().hex}.pdf"
    mal = Path(settings.FILE_STORAGE_DIR) / relativ
    mal.parent.mkdir(parents=True, exist_ok=True)
    mal.write_bytes(data)
    utdrag.sokvag = relativ
    utdrag.status = Registerutdrag.Status.UTLAMNAT
    utdrag.granskad_av = av
    utdrag.utlamnat = timezone.now()
    utdrag.save(update_fields=["sokvag", "status", "granskad_av", "utlamnat"])
    services.bevakning_uppfyll(typ=BEVAKNINGSTYP, objekt=utdrag)
    return utdrag
