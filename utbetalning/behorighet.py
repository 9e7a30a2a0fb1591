"""Who may do what in utbetalning (docs/regler.md: Attest).

The attest right is the permission `utbetalning.attestera`, given in admin to an
ekonomiassistent or enhetschef user; it is never tied to the role that decides.
"""

from __future__ import annotations

from django.contrib.auth.models import Permission

from bistand.access import har_attestratt, har_roll
from bistand.models import Roll

ATTEST_PERM = "utbetalning.attestera"


def kan_attestera(user) -> bool:
    """The attest right given explicitly; a superuser (who implicitly has every permission)
    attests only when given it like anyone else (docs/regler.md: Behörighet och skyddade
    personuppgifter: least privilege for every write). Read with the roles once per request
    (`bistand.access.har_attestratt`, which the navigation asks too)."""
    return har_attestratt(user)


def kan_kora_betalfil(user) -> bool:
    return bool(user.is_authenticated and har_roll(user, Roll.EKONOMIASSISTENT))


def ge_attestratt(user):
    """Give a user the attest right (demo data, tests, and admin does the same)."""
    user.user_permissions.add(
        Permission.objects.get(codename="attestera", content_type__app_label="utbetalning")
    )
    for attr in ("_perm_cache", "_user_perm_cache", "_bistand_attestratt"):
        if hasattr(user, attr):
            delattr(user, attr)
    return user
