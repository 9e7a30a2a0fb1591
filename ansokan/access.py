"""Who may reach an Ansökan, its attachments, requests and messages (docs/arkitektur.md: Kodstil
(åtkomstfunktioner)).

- Staff: only through `bistand.access.akter_for_user` (own Enhet, protected identities by
  grant). Drafts (utkast) are the applicant's own and never reach staff (docs/arkitektur.md: Flöde).
- Applicants: only ansökningar where they are sökande or medsökande (docs/regler.md: Åtkomst).
Missing and forbidden answer the same 404, and every check writes an access-log row.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from bistand import access as kart_access
from bistand.forberedd import Param, forberedd
from bistand.models import Person, User

from . import selectors
from .models import Ansokan, Bilaga, Komplettering, Meddelande, Status

INTE_HITTAD = "Sidan finns inte eller så saknar du behörighet."


@dataclass(frozen=True)
class SokandeAktor:
    """The applicant as the access log's actor: no staff user, identified by person id."""

    person: Person
    pk: None = None
    is_authenticated: bool = True

    def get_username(self) -> str:
        return f"sokande:{self.person.pk}"


def _logga_sokande(person: Person, *, sida: str, akt_id, beviljad: bool, sokvag: str) -> None:
    kart_access.logga(
        SokandeAktor(person),
        sida=sida,
        beviljad=beviljad,
        akt_id=akt_id,
        person_id=person.pk,
        sokvag=sokvag,
    )


def logga_sokande_lista(person: Person, akt_ids, *, sida: str, sokvag: str = "") -> None:
    """The applicant's own list (Mina sidor) writes one row per Akt shown, in one insert
    (docs/regler.md: Åtkomst — every read of case data is logged)."""
    namn = SokandeAktor(person).get_username()
    kart_access.skriv_atkomstlogg(
        [(None, namn, akt_id, person.pk, sida, sokvag, True) for akt_id in sorted(set(akt_ids))],
        lista=True,
    )


# ---- staff ---------------------------------------------------------------------------------


# What every page of an ansökan shows or reads next: its Akt with the household and the
# applicant, joined into the access query instead of read one by one.
SIDANS = ("akt", "akt__hushall", "sokande")


def ansokningar_for_user(user: User) -> QuerySet[Ansokan]:
    """Every ansökan the user may open: in an Akt the user may open, never a draft (the
    Akt's rule on the ansökan's own Akt, `akt_atkomst`)."""
    return ansokningar_form(kart_access.atkomst_form(user), kart_access.atkomst_varden(user))


def ansokningar_form(form: tuple, varden: dict) -> QuerySet[Ansokan]:
    """`ansokningar_for_user` by the access rule's shape and values — the user's, or a
    prepared query's parameters (`bistand.access.atkomst_parametrar`)."""
    return Ansokan.objects.filter(kart_access.akt_atkomst_form(form, varden)).exclude(
        status=Status.UTKAST
    )


def _en_ansokan(user: User, pk: int, *, skriva: bool) -> Ansokan | None:
    """One ansökan the user may open (`skriva`: change) with its Akt, household and applicant,
    or None, through a query prepared once per access shape (docs/prestanda.md: Förberedda
    frågor). Changing is for the case-working roles of the Akt's own Enhet, the shape "enhet",
    for which the Akter they may open are those they may change (`akter_for_write`)."""
    form = kart_access.atkomst_form(user)
    if skriva and form[0] != "enhet":
        return None
    rader = forberedd(
        ("en_ansokan", form),
        lambda: (
            ansokningar_form(form, kart_access.atkomst_parametrar())
            .select_related(*SIDANS)
            .filter(pk=Param("pk"))
        ),
    ).rader({**kart_access.atkomst_varden(user), "pk": pk}, limit=1)
    return rader[0] if rader else None


def ansokan_for_user(user: User, pk: int, *, sida: str, sokvag: str = "") -> Ansokan:
    ansokan = _en_ansokan(user, pk, skriva=False)
    kart_access.logga(
        user,
        sida=sida,
        beviljad=ansokan is not None,
        akt_id=ansokan.akt_id if ansokan else None,
        sokvag=sokvag,
    )
    if ansokan is None:
        raise Http404(INTE_HITTAD)
    # The ansökan's rule is its Akt's rule (`ansokningar_form`): its Akt is readable too.
    kart_access.skrivratt_markera(user, ansokan.akt_id)
    return ansokan


def ansokningar_for_write(user: User) -> QuerySet[Ansokan]:
    """Every ansökan the user may change: in an Akt the user may change (own Enhet, a
    case-working role), never a draft. Reading is `ansokningar_for_user`."""
    return Ansokan.objects.filter(akt__in=kart_access.akter_for_write(user)).exclude(
        status=Status.UTKAST
    )


def ansokan_skrivbar(user: User, ansokan: Ansokan) -> bool:
    """May the user change this ansökan (the right `ansokan_for_write` checks)? Pages that
    anyone who reads may see show their forms only then (docs/regler.md: Behörighet och
    skyddade personuppgifter); asked once per request and Akt (`far_skriva_i_akt`)."""
    return ansokan.status != Status.UTKAST and kart_access.far_skriva_i_akt(user, ansokan.akt_id)


def ansokan_for_write(user: User, pk: int, *, sida: str, sokvag: str = "") -> Ansokan:
    """The ansökan if the user may change it, else 404 (missing and forbidden alike); logged."""
    ansokan = _en_ansokan(user, pk, skriva=True)
    kart_access.logga(
        user,
        sida=sida,
        beviljad=ansokan is not None,
        akt_id=ansokan.akt_id if ansokan else None,
        sokvag=sokvag,
    )
    if ansokan is None:
        raise Http404(INTE_HITTAD)
    kart_access.skrivratt_markera(user, ansokan.akt_id)
    return ansokan


def _del_av_ansokan_for_user(
    model, user: User, pk: int, *, sida: str, sokvag: str, skriva: bool = False
):
    """An object belonging to an ansökan the user may open (or change), else 404; logged."""
    ansokningar = ansokningar_for_write(user) if skriva else ansokningar_for_user(user)
    objekt = (
        model.objects.filter(ansokan__in=ansokningar)
        .select_related("ansokan", "ansokan__akt")
        .filter(pk=pk)
        .first()
    )
    kart_access.logga(
        user,
        sida=sida,
        beviljad=objekt is not None,
        akt_id=objekt.ansokan.akt_id if objekt else None,
        sokvag=sokvag,
    )
    if objekt is None:
        raise Http404(INTE_HITTAD)
    return objekt


def bilaga_for_user(user: User, pk: int, *, sokvag: str = "") -> Bilaga:
    return _del_av_ansokan_for_user(Bilaga, user, pk, sida="ansokan-bilaga", sokvag=sokvag)


def komplettering_for_user(user: User, pk: int, *, sokvag: str = "") -> Komplettering:
    return _del_av_ansokan_for_user(
        Komplettering, user, pk, sida="ansokan-komplettering", sokvag=sokvag
    )


def komplettering_for_write(user: User, pk: int, *, sokvag: str = "") -> Komplettering:
    return _del_av_ansokan_for_user(
        Komplettering, user, pk, sida="ansokan-komplettering", sokvag=sokvag, skriva=True
    )


# ---- applicants ----------------------------------------------------------------------------


def ansokan_for_sokande(person: Person, pk: int, *, sida: str, sokvag: str = "") -> Ansokan:
    ansokan = (
        selectors.ansokningar_for_person(person)
        .select_related("akt", "sokande", "medsokande")
        .filter(pk=pk)
        .first()
    )
    _logga_sokande(
        person,
        sida=sida,
        akt_id=ansokan.akt_id if ansokan else None,
        beviljad=ansokan is not None,
        sokvag=sokvag,
    )
    if ansokan is None:
        raise Http404(INTE_HITTAD)
    return ansokan


def utkast_for_sokande(person: Person, pk: int, *, sokvag: str = "") -> Ansokan:
    """Only the applicant's own draft can be edited; the co-applicant reads and signs."""
    ansokan = ansokan_for_sokande(person, pk, sida="etjanst-utkast", sokvag=sokvag)
    if ansokan.sokande_id != person.pk:
        raise Http404(INTE_HITTAD)
    return ansokan


def _del_av_ansokan_for_sokande(model, person: Person, pk: int, *, sida: str, sokvag: str):
    """An object belonging to one of the applicant's own ansökningar, else 404; logged."""
    objekt = (
        model.objects.filter(ansokan__in=selectors.ansokningar_for_person(person))
        .select_related("ansokan")
        .filter(pk=pk)
        .first()
    )
    _logga_sokande(
        person,
        sida=sida,
        akt_id=objekt.ansokan.akt_id if objekt else None,
        beviljad=objekt is not None,
        sokvag=sokvag,
    )
    if objekt is None:
        raise Http404(INTE_HITTAD)
    return objekt


def bilaga_for_sokande(person: Person, pk: int, *, sokvag: str = "") -> Bilaga:
    return _del_av_ansokan_for_sokande(Bilaga, person, pk, sida="etjanst-bilaga", sokvag=sokvag)


def komplettering_for_sokande(person: Person, pk: int, *, sokvag: str = "") -> Komplettering:
    return _del_av_ansokan_for_sokande(
        Komplettering, person, pk, sida="etjanst-komplettering", sokvag=sokvag
    )


def meddelande_for_sokande(person: Person, pk: int, *, sokvag: str = "") -> Meddelande:
    return _del_av_ansokan_for_sokande(
        Meddelande, person, pk, sida="etjanst-meddelande", sokvag=sokvag
    )
