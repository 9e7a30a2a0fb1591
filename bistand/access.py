"""Who may see which case data, and the access log (docs/regler.md: Åtkomst; docs/arkitektur.md:
Kodstil (åtkomstfunktioner)).

- Handläggare, förste socialsekreterare and enhetschef reach the Akter of their own Enhet.
- Kvalitet and the avdelningschef read Akter across the enheter of their nämnd; every read is
  logged like any other.
- Kontaktcenter reaches no Akt, only the narrow status view (`person_status_for_user`).
- An Akt whose assistance unit includes a person with skyddade personuppgifter is reached only
  with an explicit django-guardian grant (`bistand.visa_skyddad_akt`) on that Akt.
- Everything else answers 404, the same as a missing object, so an outsider cannot learn that a
  case exists. Every check writes an access-log row, granted or denied.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from guardian.models import GroupObjectPermission, UserObjectPermission

from .forberedd import Param, ParamLista, forberedd, markor
from .grunddataversion import grunddata_rader
from .models import (
    ENHETSROLLER,
    Akt,
    Atkomstlogg,
    Enhet,
    HushallMedlem,
    Notis,
    Person,
    Roll,
    Skydd,
    User,
)
from .parametrar import bara_siffror

SKYDDAD_AKT_PERM = "bistand.visa_skyddad_akt"


def roller(user: User) -> frozenset[str]:
    """The user's staff roles (group names), cached on the user object for the request."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if getattr(user, "_bistand_roller", None) is None:
        _las_anvandaren(user)
    return user._bistand_roller


def har_attestratt(user: User) -> bool:
    """Whether the user holds the attest right (`utbetalning.attestera`), given directly or
    through a group. Only an explicit grant counts, also for a superuser (docs/regler.md:
    Behörighet och skyddade personuppgifter: least privilege)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if getattr(user, "_bistand_attestratt", None) is None:
        _las_anvandaren(user)
    return user._bistand_attestratt


def anvandarens_fakta(user: User) -> tuple:
    """Everything of the user herself that a page drawn for her depends on — who she is, her
    Enhet and nämnd, her roles, attest right and grants to protected Akter — as one value to
    compare (bistand.sidminne: a page part is kept per user and these facts)."""
    if not user.is_authenticated or not user.is_active:
        return (None,)
    if getattr(user, "_bistand_roller", None) is None:
        _las_anvandaren(user)
    return (
        user.pk,
        user.username,
        user.first_name,
        user.last_name,
        user.befattning,
        user.enhet_id,
        user.namnd_id,
        user.is_superuser,
        user.is_staff,
        user._bistand_roller,
        user._bistand_attestratt,
        user._bistand_enhet_namn,
        user._bistand_skyddade_akter,
    )


def enhetens_namn(user: User) -> str:
    """The name of the user's Enhet ("" without one), for the page header."""
    if not user.is_authenticated or not user.is_active:
        return ""
    if getattr(user, "_bistand_enhet_namn", None) is None:
        _las_anvandaren(user)
    return user._bistand_enhet_namn


def _las_anvandaren(user: User) -> None:
    """What every page asks about the user — the roles, the attest right for the navigation,
    the Enhet's name for the header and the grants to protected Akter — in ONE query, cached on
    the user object for the request (docs/prestanda.md: Delade läsningar per förfrågan).

    The statement is fixed text with the user's id as its only parameter (`_anvandarfraga`):
    building it through the ORM cost about three milliseconds of Python on every page, more
    than the database's work. `user.has_perm` would cost two more queries per page."""
    rader = getattr(user, "_bistand_fakta", None)
    if rader is None:
        with markor(connection) as cursor:
            cursor.execute(_anvandarfraga(), [user.pk] * 7)
            rader = cursor.fetchall()
    else:
        user._bistand_fakta = None  # read with the session (`anvandarfakta_sql`), used once
    user._bistand_roller = frozenset(v for slag, v in rader if slag == "r")
    user._bistand_attestratt = any(slag == "a" for slag, _ in rader)
    user._bistand_enhet_namn = next((v for slag, v in rader if slag == "e"), "") or ""
    user._bistand_skyddade_akter = frozenset(
        int(v) for slag, v in rader if slag == "s" and bara_siffror(v)
    )
    user._bistand_olasta_notiser = next((int(v) for slag, v in rader if slag == "n"), 0)


def olasta_notiser(user: User) -> int:
    """The user's unread notices, for the navigation: read with the roles (`_las_anvandaren`)."""
    if not user.is_authenticated or not user.is_active:
        return 0
    if getattr(user, "_bistand_olasta_notiser", None) is None:
        _las_anvandaren(user)
    return user._bistand_olasta_notiser


def notiser_lasta(user: User) -> None:
    """The user has just read every notice: the navigation of this request says so, also
    when her facts were read with the session before (`_las_anvandaren` then asks anew)."""
    user._bistand_olasta_notiser = 0
    user._bistand_fakta = None


def anvandarfakta_sql(kolumn: str) -> str:
    """`_anvandarfraga` for the user whose id is the column `kolumn` of an outer query, as an
    array of [slag, värde] pairs (NULL without a user): PostgreSQL reads them with the session
    (bistand.inlasning), and `_las_anvandaren` takes them from there."""
    fraga = _anvandarfraga().replace("%s", kolumn)
    # Only the fixed statement and a column name from the model go into the text.
    return (
        f"CASE WHEN {kolumn} IS NULL THEN NULL ELSE "  # noqa: S608
        f"ARRAY(SELECT ARRAY[x.slag, x.varde] FROM ({fraga}) x(slag, varde)) END"
    )


@functools.cache
def _anvandarfraga() -> str:
    """The user's roles (r), Enhet name (e), unread notices (n), attest right (a:
    `utbetalning.attestera`, given directly or through a group) and grants to protected Akter
    (s: `bistand.visa_skyddad_akt`, guardian's rows for the user and the user's groups), one row
    each, as (slag, värde).

    Read from guardian's grant rows themselves, not from the Akt table: guardian's own query
    compares every Akt's id, cast to text, with the granted ones, which reads every Akt of the
    nämnd on every request. Table names come from the models, so a renamed table follows."""
    t = {
        "user": User._meta.db_table,
        "user_groups": User.groups.through._meta.db_table,
        "user_perms": User.user_permissions.through._meta.db_table,
        "group": Group._meta.db_table,
        "group_perms": Group.permissions.through._meta.db_table,
        "perm": Permission._meta.db_table,
        "ct": ContentType._meta.db_table,
        "enhet": Enhet._meta.db_table,
        "notis": Notis._meta.db_table,
        "uop": UserObjectPermission._meta.db_table,
        "gop": GroupObjectPermission._meta.db_table,
    }
    kodnamn = SKYDDAD_AKT_PERM.split(".", 1)[1]
    # Only table names from the models and the constant codename go into the text; the user's id
    # is a parameter.
    return f"""
        SELECT 'r', g.name FROM {t["group"]} g
          JOIN {t["user_groups"]} ug ON ug.group_id = g.id WHERE ug.user_id = %s
        UNION ALL
        SELECT 'e', e.namn FROM {t["enhet"]} e
          JOIN {t["user"]} u ON u.enhet_id = e.id WHERE u.id = %s
        UNION ALL
        SELECT 'n', CAST(COUNT(*) AS VARCHAR(20)) FROM {t["notis"]} n
         WHERE n.mottagare_id = %s AND n.last IS NULL
        UNION ALL
        SELECT 'a', p.codename FROM {t["perm"]} p
          JOIN {t["ct"]} ct ON ct.id = p.content_type_id
         WHERE p.codename = 'attestera' AND ct.app_label = 'utbetalning' AND (
               EXISTS (SELECT 1 FROM {t["user_perms"]} up
                        WHERE up.permission_id = p.id AND up.user_id = %s)
            OR EXISTS (SELECT 1 FROM {t["group_perms"]} gp
                         JOIN {t["user_groups"]} ug ON ug.group_id = gp.group_id
                        WHERE gp.permission_id = p.id AND ug.user_id = %s))
        UNION ALL
        SELECT 's', o.object_pk FROM (
            SELECT uop.object_pk, uop.permission_id, uop.content_type_id FROM {t["uop"]} uop
             WHERE uop.user_id = %s
            UNION ALL
            SELECT gop.object_pk, gop.permission_id, gop.content_type_id FROM {t["gop"]} gop
              JOIN {t["user_groups"]} ug ON ug.group_id = gop.group_id
             WHERE ug.user_id = %s
        ) o
          JOIN {t["perm"]} p ON p.id = o.permission_id
          JOIN {t["ct"]} ct ON ct.id = o.content_type_id
         WHERE p.codename = '{kodnamn}' AND ct.app_label = 'bistand' AND ct.model = 'akt'
    """  # noqa: S608


def har_roll(user: User, *namn: str) -> bool:
    return bool(roller(user) & set(namn))


def _vid(falt: str, namn: str) -> str:
    """The lookup `namn` of an Akt reached by the path `falt` ("" for the Akt itself)."""
    return f"{falt}__{namn}" if falt else namn


def skyddad_medlem_finns(hushall: str = "hushall_id") -> Exists:
    """True for an Akt whose household includes a protected person in any role — sökande,
    medsökande, barn or övrig vuxen — now or earlier (OSL 21 kap. 3 §; docs/regler.md:
    Behörighet och skyddade personuppgifter); `hushall`: the outer query's path to the Akt's
    household."""
    return Exists(
        HushallMedlem.objects.filter(hushall_id=OuterRef(hushall)).exclude(
            person__skydd=Skydd.INGET
        )
    )


def atkomst_form(user: User) -> tuple[str | None, bool, bool]:
    """The shape of the user's access rule: how far the role reaches before protection —
    "enhet" for the case-working roles (their own Enhet), "namnd" for Kvalitet and the
    avdelningschef (the nämnd's enheter), None for no Akt — whether the user is an
    enhetschef, who reaches the protected Akter of the own Enhet, and whether she holds any
    grant to a protected Akt (docs/regler.md: Behörighet och skyddade personuppgifter). Two
    users of the same shape differ only in `atkomst_varden`.

    Without a grant the rule has no list of granted Akter at all, rather than an empty one:
    most users hold none, and a query with the list as a parameter is one PostgreSQL cannot
    plan once for every user — it planned the start page's list anew on every request, and a
    worse plan at that (docs/prestanda.md: Åtkomstregelns form)."""
    r = roller(user)
    if r & ENHETSROLLER and user.enhet_id:
        rackvidd = "enhet"
    elif r & {Roll.KVALITET, Roll.AVDELNINGSCHEF} and user.namnd_id:
        rackvidd = "namnd"
    else:
        rackvidd = None
    chef = Roll.ENHETSCHEF in r and bool(user.enhet_id)
    return rackvidd, chef, bool(beviljade_skyddade_akt_ids(user))


def atkomst_varden(user: User) -> dict:
    """The values of the user's access rule: Enhet, nämnd and the Akter granted."""
    return {
        "enhet_id": user.enhet_id,
        "namnd_id": user.namnd_id,
        "beviljade": sorted(beviljade_skyddade_akt_ids(user)),
    }


def atkomst_parametrar() -> dict:
    """The access rule's values as parameters of a prepared query (bistand.forberedd)."""
    return {
        "enhet_id": Param("enhet_id"),
        "namnd_id": Param("namnd_id"),
        "beviljade": ParamLista("beviljade"),
    }


def anvandarens_varden(user: User) -> dict:
    """`atkomst_varden` and the user's own id (`anvandare`), for the worklist's queries."""
    return {**atkomst_varden(user), "anvandare": user.pk}


def anvandarens_parametrar() -> dict:
    """`anvandarens_varden` as parameters of a prepared query (bistand.forberedd)."""
    return {**atkomst_parametrar(), "anvandare": Param("anvandare")}


def handlaggarvy(visa: str, varden: dict, falt: str = "akt") -> Q:
    """The worklist's view of the Akter at `falt` ("" for the Akt itself; docs/regler.md:
    Utredning): "mina" the
    user's own and the unassigned, "otilldelade" the unassigned only, "alla" every Akt the
    access rule lets through; the user is `varden["anvandare"]` (`anvandarens_varden` or
    `anvandarens_parametrar`)."""
    if visa == "mina":
        return Q(**{_vid(falt, "handlaggare_id"): varden["anvandare"]}) | Q(
            **{_vid(falt, "handlaggare__isnull"): True}
        )
    if visa == "otilldelade":
        return Q(**{_vid(falt, "handlaggare__isnull"): True})
    return Q()


def _synlig(form: tuple, varden: dict, falt: str = "") -> Q | None:
    """The Akter the role reaches before protection (`atkomst_form`): the own Enhet's for
    the case-working roles, the nämnd's for Kvalitet and the avdelningschef, else none
    (None)."""
    if form[0] == "enhet":
        return Q(**{_vid(falt, "enhet_id"): varden["enhet_id"]})
    if form[0] == "namnd":
        return Q(**{_vid(falt, "enhet__namnd_id"): varden["namnd_id"]})
    return None


def _skydd_tillatet(form: tuple, varden: dict, falt: str = "") -> Q | None:
    """The protected Akter the user may reach: by a grant, or as enhetschef of the Akt's own
    Enhet (who handles protected identities and gives the grants); None: none at all."""
    villkor = Q(**{_vid(falt, "pk__in"): varden["beviljade"]}) if form[2] else None
    if form[1]:
        chef = Q(**{_vid(falt, "enhet_id"): varden["enhet_id"]})
        villkor = chef if villkor is None else villkor | chef
    return villkor


def beviljade_skyddade_akt_ids(user: User) -> frozenset[int]:
    """Ids of the Akter the user holds a grant for (`bistand.visa_skyddad_akt`, to the user or
    a group), read with the roles in one query and cached on the user object for the request
    (`_las_anvandaren`). A handful of ids at most, so every access query carries a plain IN
    list instead of guardian's nested permission subqueries (docs/prestanda.md:
    Åtkomstkontrollen)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if getattr(user, "_bistand_skyddade_akter", None) is None:
        _las_anvandaren(user)
    return user._bistand_skyddade_akter


def akter_for_user(user: User) -> QuerySet[Akt]:
    """Every Akt the user may open, as a queryset (the rule for lists and for one Akt).

    Built once per request and user object (a worklist asks for it five times, each build
    costing about a millisecond of Python) and handed out as a fresh copy, so a caller's
    filters and reads never touch the kept one (docs/prestanda.md: Delade läsningar per
    förfrågan). It depends on the roles and grants, cached on the user object for the
    request too, and on the Enhet and nämnd, which key the copy."""
    form, varden = atkomst_form(user), atkomst_varden(user)
    if form[0] is None:
        return Akt.objects.none()
    nyckel = (roller(user), user.enhet_id, user.namnd_id, beviljade_skyddade_akt_ids(user))
    sparad = getattr(user, "_bistand_akter", None)
    if sparad is not None and sparad[0] == nyckel:
        return sparad[1].all()
    akter = akter_form(form, varden)
    user._bistand_akter = (nyckel, akter)
    return akter.all()


def akter_form(form: tuple, varden: dict) -> QuerySet[Akt]:
    """`akter_for_user` by the access rule's shape and values (`atkomst_form`, and
    `atkomst_varden` or a prepared query's `atkomst_parametrar`)."""
    synlig = _synlig(form, varden)
    if synlig is None:
        return Akt.objects.none()
    akter = Akt.objects.filter(synlig).annotate(skyddad=skyddad_medlem_finns())
    tillatet = _skydd_tillatet(form, varden)
    return akter.filter(Q(skyddad=False) if tillatet is None else Q(skyddad=False) | tillatet)


def _en_akt(user: User, pk: int, *, skriva: bool, kolumner: tuple = ()) -> Akt | tuple | None:
    """One Akt the user may open (`skriva`: change) by its pk, or None, through a query
    prepared once per access shape (docs/prestanda.md: Förberedda frågor): the Akt with its
    Enhet, handläggare and household, or only `kolumner` as a row. Changing is for the
    case-working roles of the Akt's own Enhet (`akter_for_write`), the shape "enhet"."""
    form = atkomst_form(user)
    if skriva and form[0] != "enhet":
        return None

    def bygg():
        qs = akter_form(form, atkomst_parametrar()).filter(pk=Param("pk"))
        if kolumner:
            return qs.values_list(*kolumner)
        return qs.select_related("enhet", "handlaggare", "hushall")

    rader = forberedd(("en_akt", form, kolumner), bygg).rader(
        {**atkomst_varden(user), "pk": pk}, limit=1
    )
    return rader[0] if rader else None


def akt_atkomst(user: User, falt: str = "akt") -> Q:
    return akt_atkomst_form(atkomst_form(user), atkomst_varden(user), falt)


def akt_atkomst_form(form: tuple, varden: dict, falt: str = "akt") -> Q:
    """The rule of `akter_for_user` as a condition on a related Akt (`falt`: the path to it,
    e.g. "akt" or "utredning__ansokan__akt"), for lists of what lies in Akter.

    The same rule, written on the list's own joined Akt rather than as `akt__in=` a subquery
    of every Akt the user may open: with the subquery PostgreSQL builds the set of all the
    Enhet's Akter (5 000 at storstad size, each checked for a protected member) to match a
    handläggare's few hundred against, on every list of every page (docs/prestanda.md:
    Åtkomstkontrollen). Built from the same parts as `akter_for_user`: the role's reach
    (`_synlig`), the protected household (`skyddad_medlem_finns`) and the grants
    (`_skydd_tillatet`). `akt_atkomst_form` takes the rule's shape and values
    (`atkomst_form`, and `atkomst_varden` or, for a prepared query, `atkomst_parametrar`)."""
    synlig = _synlig(form, varden, falt)
    if synlig is None:
        return Q(pk__in=[])
    skyddad = skyddad_medlem_finns(_vid(falt, "hushall_id"))
    tillatet = _skydd_tillatet(form, varden, falt)
    return synlig & (~skyddad if tillatet is None else ~skyddad | tillatet)


def akter_for_write(user: User) -> QuerySet[Akt]:
    """Every Akt the user may change: the case-working roles of its own Enhet, protected ones
    by grant. Reading is a different right (`akter_for_user`): Kvalitet reads across the
    enheter and Kontaktcenter sees status only, but neither changes case data
    (docs/regler.md: Behörighet och skyddade personuppgifter; GDPR art. 32, OSL 26 kap. 1 §)."""
    if not (roller(user) & ENHETSROLLER) or not user.enhet_id:
        return Akt.objects.none()
    # For a case-working role of an Enhet the Akter it may open are exactly those it may
    # change, so the queryset built once per request serves both.
    return akter_for_user(user)


def far_skriva_i_akt(user: User, akt_id: int) -> bool:
    """Whether the user may change this Akt (`akter_for_write`), asked once per request and
    Akt: a page and the panels other apps add to it each need the answer (docs/prestanda.md).
    Cached on the user object like the roles; for pages only — the write services check
    again themselves (`skrivratt_krav`)."""
    svar = _skrivbara(user)
    if akt_id not in svar:
        svar[akt_id] = _en_akt(user, akt_id, skriva=True, kolumner=("pk",)) is not None
    return svar[akt_id]


def skrivratt_markera(user: User, akt_id: int) -> None:
    """An access function — read or write — found the Akt, or something in it, by the access
    rule: `far_skriva_i_akt` then knows the write right without asking again. For the rule's
    shape "enhet" — a case-working role of its own Enhet — the Akter the user may open are
    exactly those it may change (`akter_for_write`); every other shape changes nothing
    (docs/regler.md: Behörighet och skyddade personuppgifter)."""
    _skrivbara(user)[akt_id] = atkomst_form(user)[0] == "enhet"


def _skrivbara(user: User) -> dict[int, bool]:
    """The write right per Akt id known in this request, kept on the user object."""
    if not hasattr(user, "_bistand_skrivbara_akter"):
        user._bistand_skrivbara_akter = {}
    return user._bistand_skrivbara_akter


class SkrivrattSaknas(PermissionDenied):
    """A write service was called for a person on staff without the write right on the Akt."""


SKRIVRATT_SAKNAS = (
    "Du har inte behörighet att ändra i den här akten. Den egna enhetens handläggare, förste "
    "socialsekreterare och enhetschef ändrar i akten; Kvalitet och avdelningschefen läser bara."
)


def skrivratt_krav(av: User | None, akt: Akt | int | None) -> None:
    """Defence in depth: a write service checks the write right itself (`akter_for_write`),
    whatever called it — a view, a shell or another service (docs/regler.md: Behörighet och
    skyddade personuppgifter). `av` None is the system (a periodic job) or the applicant in the
    e-tjänst, whose own access function already ran; `akt` None (an intake that has no Akt
    yet) needs a case-working role of an Enhet. Raises `SkrivrattSaknas`."""
    if av is None:
        return
    if akt is None:
        tillatet = far_skriva(av)
    else:
        akt_id = akt if isinstance(akt, int) else akt.pk
        tillatet = akter_for_write(av).filter(pk=akt_id).exists()
    if not tillatet:
        raise SkrivrattSaknas(SKRIVRATT_SAKNAS)


def far_lasa(user: User) -> bool:
    """True for a user whose roles read case data (the case-working roles and Kvalitet)."""
    return bool(roller(user) & (ENHETSROLLER | {Roll.KVALITET}))


def far_skriva(user: User) -> bool:
    """True for a user whose roles may change case data at all (the case-working roles of an
    Enhet). Views hide the forms of everyone else; the write access functions refuse them."""
    return bool(roller(user) & ENHETSROLLER) and bool(user.enhet_id)


STORSTA_ID = 2**63 - 1  # the largest value of the log's 64-bit id columns


def _loggbart_id(pk: int | None) -> int | None:
    """The attempted id as the log's column can hold it. An id beyond 64 bits exists nowhere
    (only a hand-typed address has one); it is logged as none, and `sokvag` still shows it."""
    if pk is None or -STORSTA_ID - 1 <= pk <= STORSTA_ID:
        return pk
    return None


def _loggbar_sokvag(sokvag: str) -> str:
    """The address as the log's column holds it: without NUL (PostgreSQL refuses it in text)
    and at most 500 characters."""
    return sokvag.replace("\x00", "")[:500]


def logga(
    user: User,
    *,
    sida: str,
    beviljad: bool,
    akt_id: int | None = None,
    person_id: int | None = None,
    sokvag: str = "",
) -> None:
    """Write one access-log row."""
    skriv_atkomstlogg(
        [
            (
                user.pk if user.is_authenticated else None,
                user.get_username() if user.is_authenticated else "anonym",
                _loggbart_id(akt_id),
                _loggbart_id(person_id),
                sida,
                sokvag,
                beviljad,
            )
        ]
    )


def logga_lista(user: User, akter: Iterable[Akt], *, sida: str, sokvag: str = "") -> None:
    """A list of Akter is one read: one log row naming every Akt shown (`logga_akt_ids`)."""
    logga_akt_ids(user, [akt.pk for akt in akter], sida=sida, sokvag=sokvag)


def logga_akt_ids(user: User, akt_ids: Iterable[int], *, sida: str, sokvag: str = "") -> None:
    """A staff list page's view is one log row with the ids of every Akt it showed in
    `akt_ids` (docs/regler.md: Åtkomst, "En lista är en läsning"): the log review shows it
    once per Akt (`kvalitet.selectors.loggrader`). It commits without waiting for the disk
    (`_utan_diskvantan`); nothing is written for an empty list."""
    ids = sorted({_loggbart_id(pk) for pk in akt_ids} - {None})
    if not ids:
        return
    tid = timezone.now()
    tabell = Atkomstlogg._meta.db_table
    kolumner = ", ".join(("tidpunkt", *LOGGKOLUMNER, "akt_ids"))
    # The user's id and name read once: `request.user` is a lazy object.
    anvandare_id, anvandarnamn = user.pk, user.get_username()
    varden = [tid, anvandare_id, anvandarnamn, None, None, sida, _loggbar_sokvag(sokvag)]
    with markor(connection) as cursor:
        if connection.vendor == "postgresql":
            med, fran = _utan_diskvantan()
            cursor.execute(
                f"{med}INSERT INTO {tabell} ({kolumner}) SELECT %s, %s::bigint, "  # noqa: S608
                "%s::varchar, %s::bigint, %s::bigint, %s::varchar, %s::varchar, true, "
                f"%s::bigint[]{' FROM utan_diskvantan' if fran else ''}",
                [*varden, ids],
            )
        else:
            cursor.execute(
                f"INSERT INTO {tabell} ({kolumner}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",  # noqa: S608
                [*varden, True, json.dumps(ids)],
            )


LOGGKOLUMNER = ("anvandare_id", "anvandarnamn", "akt_id", "person_id", "sida", "sokvag", "beviljad")


def skriv_atkomstlogg(rader: list[tuple], *, lista: bool = False) -> None:
    """Append access-log rows — (anvandare_id, anvandarnamn, akt_id, person_id, sida, sokvag,
    beviljad) each, one time for all — in ONE statement (docs/regler.md: Åtkomst;
    docs/prestanda.md: Delade läsningar per förfrågan). A list page logs every row it shows; as
    fixed SQL the insert of 50 rows costs a tenth of the Python that 50 model instances and
    `bulk_create` did. On PostgreSQL the columns go in as arrays (UNNEST), elsewhere as one
    executemany. `lista`: the rows of a list page, which commit without waiting for the disk
    (`_utan_diskvantan`)."""
    if not rader:
        return
    rader = [(*r[:5], _loggbar_sokvag(r[5]), r[6]) for r in rader]
    tabell = Atkomstlogg._meta.db_table
    kolumner = ", ".join(("tidpunkt", *LOGGKOLUMNER))
    tid = timezone.now()
    with markor(connection) as cursor:
        med, fran = _utan_diskvantan() if lista else ("", "")
        if connection.vendor == "postgresql" and len(rader) > 1 and _en_anvandares_lista(rader):
            # A list page: one user, page and address for every Akt shown. Those go in once
            # and only the Akter as an array: converting seven arrays of the same values was
            # most of the insert's Python.
            anvandare_id, anvandarnamn, _, person_id, sida, sokvag, beviljad = rader[0]
            cursor.execute(
                f"{med}INSERT INTO {tabell} ({kolumner}) SELECT %s, %s::bigint, "  # noqa: S608
                "%s::varchar, a, %s::bigint, %s::varchar, %s::varchar, %s::boolean "
                f"FROM UNNEST(%s::bigint[]) a{fran}",
                [
                    tid,
                    anvandare_id,
                    anvandarnamn,
                    person_id,
                    sida,
                    sokvag,
                    beviljad,
                    [r[2] for r in rader],
                ],
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                f"{med}INSERT INTO {tabell} ({kolumner}) SELECT %s, u.* FROM UNNEST("  # noqa: S608
                "%s::bigint[], %s::varchar[], %s::bigint[], %s::bigint[], %s::varchar[], "
                f"%s::varchar[], %s::boolean[]) u{fran}",
                [tid, *(list(kolumn) for kolumn in zip(*rader, strict=True))],
            )
        else:
            cursor.executemany(
                f"INSERT INTO {tabell} ({kolumner}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",  # noqa: S608
                [(tid, *r) for r in rader],
            )


# A CTE that sets `synchronous_commit` off for the statement's own transaction (`is_local`):
# PostgreSQL reads it when that transaction commits, and forgets it after.
_UTAN_DISKVANTAN = (
    "WITH utan_diskvantan AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true)) ",
    ", utan_diskvantan",
)


def _utan_diskvantan() -> tuple[str, str]:
    """The WITH clause and the FROM item that let a list's log rows commit without waiting
    for the WAL to reach the disk (docs/prestanda.md: Listans loggrader; docs/drift.md:
    Åtkomstloggen och disken), or two empty strings: inside a transaction the setting would
    hold for everything written in it, and `LISTLOGG_VANTAR_PA_DISK` keeps every commit
    waiting."""
    if (
        connection.vendor != "postgresql"
        or settings.LISTLOGG_VANTAR_PA_DISK
        or connection.in_atomic_block
    ):
        return "", ""
    return _UTAN_DISKVANTAN


def _en_anvandares_lista(rader: list[tuple]) -> bool:
    """Whether the rows differ only in their Akt (a list page's rows)."""
    forsta = rader[0]
    utom_akt = (*forsta[:2], *forsta[3:])
    return all((*r[:2], *r[3:]) == utom_akt for r in rader)


def akt_for_user(user: User, pk: int, *, sida: str, sokvag: str = "") -> Akt:
    """The Akt with this pk if the user may open it, else Http404 — the same for missing and
    forbidden (docs/arkitektur.md: Kodstil (åtkomstfunktioner)). Logs the attempt either way."""
    akt = _en_akt(user, pk, skriva=False)
    logga(user, sida=sida, beviljad=akt is not None, akt_id=pk, sokvag=sokvag)
    if akt is None:
        raise Http404("Akten finns inte eller så saknar du behörighet.")
    skrivratt_markera(user, akt.pk)
    return akt


def akt_for_write(user: User, pk: int, *, sida: str, sokvag: str = "") -> Akt:
    """The Akt with this pk if the user may change it, else Http404 (missing and forbidden
    alike). Logged like a read."""
    akt = _en_akt(user, pk, skriva=True)
    logga(user, sida=sida, beviljad=akt is not None, akt_id=pk, sokvag=sokvag)
    if akt is None:
        raise Http404("Akten finns inte eller så saknar du behörighet.")
    skrivratt_markera(user, akt.pk)
    return akt


def person_synlig(user: User, person: Person) -> bool:
    """May the user see this person's stored name and protection status? Yes for a person
    without protection; for a protected one only with a grant on (or as enhetschef of) an
    Akt whose household holds the person."""
    if person.skydd == Skydd.INGET:
        return True
    tillatet = _skydd_tillatet(atkomst_form(user), atkomst_varden(user))
    if tillatet is None:
        return False
    return Akt.objects.filter(hushall__medlemmar__person=person).filter(tillatet).exists()


def skyddade_akter_for_chef(user: User) -> QuerySet[Akt] | None:
    """The Akter with a protected identity in the enhetschef's own Enhet (None: not a chef)."""
    if not (har_roll(user, Roll.ENHETSCHEF) and user.enhet_id):
        return None
    return (
        Akt.objects.filter(enhet_id=user.enhet_id)
        .annotate(skyddad=skyddad_medlem_finns())
        .filter(skyddad=True)
    )


def skyddad_akt_for_chef(user: User, pk: int, *, sokvag: str = "") -> Akt:
    """One protected Akt of the enhetschef's own Enhet, for its grants page; else 404."""
    akter = skyddade_akter_for_chef(user)
    akt = akter.filter(pk=pk).first() if akter is not None else None
    logga(user, sida="medgivanden", beviljad=akt is not None, akt_id=pk, sokvag=sokvag)
    if akt is None:
        raise Http404("Akten finns inte eller så saknar du behörighet.")
    return akt


def person_status_for_user(user: User, identitet: str, *, sokvag: str = "") -> Person | None:
    """The Kontaktcenter's look-up: the person if known and not protected (or granted).

    docs/regler.md: Bakgrund — kontaktcenter may see only whether an application has arrived and
    whether a decision is made. A protected person answers as unknown unless a grant covers one of
    the person's Akter. The look-up is logged.
    """
    if not har_roll(user, Roll.KONTAKTCENTER):
        raise Http404
    person = Person.objects.filter(identitet=identitet).first()
    if person is not None and not status_akter_for_user(user, person).exists():
        # A protected person, or one whose every household holds a protected person (a
        # child searched for instead of the protected parent), answers as unknown.
        person = None
    logga(
        user,
        sida="kontaktcenter-status",
        beviljad=person is not None,
        person_id=person.pk if person else None,
        sokvag=sokvag,
    )
    return person


def status_akter_for_user(user: User, person: Person) -> QuerySet[Akt]:
    """The person's Akter whose status the Kontaktcenter may tell: none of a household with a
    protected person in it, unless a grant covers that Akt."""
    return (
        Akt.objects.filter(hushall__medlemmar__person=person)
        .annotate(skyddad=skyddad_medlem_finns())
        .filter(Q(skyddad=False) | Q(pk__in=beviljade_skyddade_akt_ids(user)))
        .distinct()
    )


def kan_se_kontaktcenter(user: User) -> bool:
    return har_roll(user, Roll.KONTAKTCENTER)


def _uppfoljning(user: User) -> tuple[str, int] | None:
    """Whose figures the user follows up (`enheter_for_uppfoljning`): ("enhet", id) for
    enhetschef and förste socialsekreterare, ("namnd", id) for Kvalitet and the
    avdelningschef, else None."""
    if har_roll(user, Roll.ENHETSCHEF, Roll.FORSTE) and user.enhet_id:
        return "enhet", user.enhet_id
    if har_roll(user, Roll.KVALITET, Roll.AVDELNINGSCHEF) and user.namnd_id:
        return "namnd", user.namnd_id
    return None


def enheter_for_uppfoljning(user: User):
    """The enheter whose figures the user follows up: enhetschef and förste socialsekreterare
    their own Enhet, Kvalitet and the avdelningschef every Enhet of the nämnd, anyone else
    none (the page is 404)."""
    match _uppfoljning(user):
        case ("enhet", enhet_id):
            return Enhet.objects.filter(pk=enhet_id)
        case ("namnd", namnd_id):
            return Enhet.objects.filter(namnd_id=namnd_id)
    return Enhet.objects.none()


def enheter_for_uppfoljning_lista(user: User) -> list[Enhet]:
    """`enheter_for_uppfoljning` read, by name, kept with the grunddata (the Enheter are
    grunddata; docs/prestanda.md: Grunddata i minnet): a page that only lists them — the
    dashboard — reads them once per grunddata number, not on every request."""
    match _uppfoljning(user):
        case ("enhet", enhet_id):
            return grunddata_rader(
                ("uppfoljning_enhet",),
                lambda: Enhet.objects.filter(pk=Param("enhet_id")),
                {"enhet_id": enhet_id},
            )
        case ("namnd", namnd_id):
            return grunddata_rader(
                ("uppfoljning_namnd",),
                lambda: Enhet.objects.filter(namnd_id=Param("namnd_id")).order_by("namn"),
                {"namnd_id": namnd_id},
            )
    return []
