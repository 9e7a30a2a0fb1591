"""Who may reach letters, samråd and appeals (docs/arkitektur.md: Kodstil (åtkomstfunktioner)):
through the ansökan's own access rules, 404 for missing and forbidden alike, and an access-log row
either way."""

from __future__ import annotations

from django.http import Http404

from ansokan import access as ansokan_access
from ansokan import selectors as ansokan_selectors
from bistand import access as kart_access
from bistand.models import Person, Roll, User

from .models import Beslut, Beslutsbrev, Overklagande, Samrad

INTE_HITTAD = ansokan_access.INTE_HITTAD


def _for_user(user: User, qs, pk: int, *, sida: str, sokvag: str, akt):
    obj = qs.filter(pk=pk).first()
    kart_access.logga(
        user, sida=sida, beviljad=obj is not None, akt_id=akt(obj) if obj else None, sokvag=sokvag
    )
    if obj is None:
        raise Http404(INTE_HITTAD)
    return obj


def brev_for_user(user: User, pk: int, *, sokvag: str = "") -> Beslutsbrev:
    qs = Beslutsbrev.objects.filter(
        ansokan__in=ansokan_access.ansokningar_for_user(user)
    ).select_related("ansokan")
    return _for_user(
        user, qs, pk, sida="beslutsbrev", sokvag=sokvag, akt=lambda b: b.ansokan.akt_id
    )


def beslut_for_user(user: User, pk: int, *, sokvag: str = "", skriva: bool = False) -> Beslut:
    """A decision on a requested post in an ansökan the user may read (`skriva`: change)."""
    ansokningar = (
        ansokan_access.ansokningar_for_write(user)
        if skriva
        else ansokan_access.ansokningar_for_user(user)
    )
    qs = Beslut.objects.filter(post__isnull=False, brev__ansokan__in=ansokningar).select_related(
        "brev__ansokan__akt", "post__posttyp", "lagrum"
    )
    return _for_user(
        user, qs, pk, sida="beslut", sokvag=sokvag, akt=lambda b: b.brev.ansokan.akt_id
    )


def beslut_for_write(user: User, pk: int, *, sokvag: str = "") -> Beslut:
    """A decision the user may change by an ändringsbeslut: in an ansökan the user may change.
    Whether the user may make the new decision is the delegationsordning's answer, given by
    `beslut_fatta`."""
    return beslut_for_user(user, pk, sokvag=sokvag, skriva=True)


def samrad_for_user(user: User, pk: int, *, sokvag: str = "") -> Samrad:
    qs = Samrad.objects.filter(
        ansokan__in=ansokan_access.ansokningar_for_user(user)
    ).select_related("ansokan__akt", "post__posttyp", "begard_av", "avsnitt")
    return _for_user(user, qs, pk, sida="samrad", sokvag=sokvag, akt=lambda s: s.ansokan.akt_id)


def samrad_for_write(user: User, pk: int, *, sokvag: str = "") -> Samrad:
    """A samråd the user may answer: an enhetschef or förste socialsekreterare of the Enhet
    (docs/regler.md: avsteg kräver samråd), in an ansökan the user may change."""
    if not kart_access.har_roll(user, Roll.ENHETSCHEF, Roll.FORSTE):
        kart_access.logga(user, sida="samrad", beviljad=False, sokvag=sokvag)
        raise Http404(INTE_HITTAD)
    qs = Samrad.objects.filter(
        ansokan__in=ansokan_access.ansokningar_for_write(user)
    ).select_related("ansokan__akt", "post__posttyp", "begard_av", "avsnitt")
    return _for_user(user, qs, pk, sida="samrad", sokvag=sokvag, akt=lambda s: s.ansokan.akt_id)


def samrad_besvarbart(user: User, samrad: Samrad) -> bool:
    """May the user answer this samråd (the right `samrad_for_write` checks)? The page shows
    the answer form only then."""
    return kart_access.har_roll(
        user, Roll.ENHETSCHEF, Roll.FORSTE
    ) and ansokan_access.ansokan_skrivbar(user, samrad.ansokan)


def overklagande_for_user(
    user: User, pk: int, *, sokvag: str = "", skriva: bool = False
) -> Overklagande:
    """One appeal, reached through its own Akt (a decided ansökan is never a draft), 404 for
    missing and forbidden alike; `skriva`: the user may change it."""
    akter = kart_access.akter_for_write(user) if skriva else kart_access.akter_for_user(user)
    qs = Overklagande.objects.filter(akt__in=akter).select_related(
        "beslut__brev__ansokan", "beslut__post__posttyp"
    )
    return _for_user(user, qs, pk, sida="overklagande", sokvag=sokvag, akt=lambda o: o.akt_id)


def overklagande_for_write(user: User, pk: int, *, sokvag: str = "") -> Overklagande:
    """An appeal the user may take a step in: in an ansökan the user may change."""
    return overklagande_for_user(user, pk, sokvag=sokvag, skriva=True)


def brev_for_sokande(person: Person, pk: int, *, sokvag: str = "") -> Beslutsbrev:
    """The applicant's own letters only, and only once rendered and sent."""
    brev = (
        Beslutsbrev.objects.filter(
            ansokan__in=ansokan_selectors.ansokningar_for_person(person), skickad__isnull=False
        )
        .select_related("ansokan")
        .filter(pk=pk)
        .first()
    )
    ansokan_access._logga_sokande(
        person,
        sida="etjanst-beslutsbrev",
        akt_id=brev.ansokan.akt_id if brev else None,
        beviljad=brev is not None,
        sokvag=sokvag,
    )
    if brev is None:
        raise Http404(INTE_HITTAD)
    return brev


def overklagande_for_sokande(person: Person, pk: int, *, sokvag: str = "") -> Overklagande:
    """An appeal of one of the applicant's own applications; 404 for anything else."""
    o = (
        Overklagande.objects.filter(
            beslut__brev__ansokan__in=ansokan_selectors.ansokningar_for_person(person)
        )
        .select_related("beslut__brev__ansokan", "beslut__post__posttyp")
        .filter(pk=pk)
        .first()
    )
    ansokan_access._logga_sokande(
        person,
        sida="etjanst-overklagande",
        akt_id=o.beslut.brev.ansokan.akt_id if o else None,
        beviljad=o is not None,
        sokvag=sokvag,
    )
    if o is None:
        raise Http404(INTE_HITTAD)
    return o
