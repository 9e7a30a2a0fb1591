"""Protected identities (skyddade personuppgifter): look-ups by personnummer, grants to an
Akt with a protected person, and routing to the enhetschef.

docs/regler.md, Behörighet och skyddade personuppgifter: a protected identity (OSL 21 kap.
3 §; sekretessmarkering, skyddad folkbokföring) is shown only to the enhetschef of the Akt's
Enhet and to those the enhetschef has granted access, with a reason and an end date. A grant
is the django-guardian object permission `bistand.visa_skyddad_akt`; the `Medgivande` row is
its record. Grants end by themselves when the end date has passed (the periodic job below).
Every look-up of a person by personnummer is logged like a read (GDPR art. 32).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from .access import SKYDDAD_AKT_PERM, logga
from .models import ENHETSROLLER, Akt, Medgivande, Notis, Person, Roll, User
from .periodiskt import periodisk


def person_uppslag(*, av: User, identitet: str, sida: str, sokvag: str = "") -> Person | None:
    """The stored person with this number, if any; the look-up is logged like a read.

    The caller must not show the stored name or protection status of the person it gets
    unless `bistand.access.person_synlig` says so."""
    person = Person.objects.filter(identitet=identitet).first()
    logga(
        av,
        sida=sida,
        beviljad=person is not None,
        person_id=person.pk if person else None,
        sokvag=sokvag,
    )
    return person


def enhetschefer_meddela(*, akt: Akt, text: str, lank: str) -> int:
    """A notice to every enhetschef of the Akt's Enhet (who handles protected identities)."""
    chefer = User.objects.filter(
        is_active=True, enhet_id=akt.enhet_id, groups__name=Roll.ENHETSCHEF
    ).distinct()
    Notis.objects.bulk_create(Notis(mottagare=c, text=text[:300], lank=lank) for c in chefer)
    return len(chefer)


@transaction.atomic
def medgivande_bevilja(
    *, akt: Akt, anvandare: User, av: User, skal: str, till: datetime.date
) -> Medgivande:
    """The enhetschef grants one colleague access to an Akt with a protected identity, with a
    reason and an end date (docs/regler.md: Behörighet och skyddade personuppgifter)."""
    fel: dict[str, str] = {}
    if not skal.strip():
        fel["skal"] = "Skriv varför personen behöver se akten."
    if till < timezone.localdate():
        fel["till"] = "Slutdatum kan inte vara före i dag."
    if (
        anvandare.enhet_id != akt.enhet_id
        or not anvandare.is_active
        or not anvandare.groups.filter(name__in=ENHETSROLLER).exists()
    ):
        fel["anvandare"] = "Välj en handläggare i akten enhet."
    if fel:
        raise ValidationError(fel)
    medgivande = Medgivande.objects.create(
        akt=akt, anvandare=anvandare, skal=skal.strip(), till=till, beviljat_av=av
    )
    assign_perm(SKYDDAD_AKT_PERM, anvandare, akt)
    logga(av, sida="medgivande-beviljat", beviljad=True, akt_id=akt.pk)
    return medgivande


@transaction.atomic
def medgivande_aterkalla(*, medgivande: Medgivande, av: User | None, skal: str = "") -> Medgivande:
    """End a grant now (by the enhetschef, or by the job when the end date has passed). The
    permission goes only when no other current grant for the same user and Akt remains."""
    medgivande = Medgivande.objects.select_for_update().get(pk=medgivande.pk)
    if medgivande.aterkallat is not None:
        return medgivande
    medgivande.aterkallat = timezone.now()
    medgivande.aterkallat_av = av
    medgivande.aterkallat_skal = (skal or "")[:200]
    medgivande.save(update_fields=["aterkallat", "aterkallat_av", "aterkallat_skal"])
    kvar = Medgivande.objects.filter(
        akt_id=medgivande.akt_id,
        anvandare_id=medgivande.anvandare_id,
        aterkallat__isnull=True,
        till__gte=timezone.localdate(),
    ).exists()
    if not kvar:
        remove_perm(SKYDDAD_AKT_PERM, medgivande.anvandare, medgivande.akt)
    if av is not None:
        logga(av, sida="medgivande-aterkallat", beviljad=True, akt_id=medgivande.akt_id)
    return medgivande


@periodisk("medgivanden")
def medgivanden_lopa_ut(idag: datetime.date) -> int:
    """Revoke every grant whose end date has passed. Idempotent; catches up after a pause."""
    antal = 0
    for m in Medgivande.objects.filter(aterkallat__isnull=True, till__lt=idag):
        medgivande_aterkalla(medgivande=m, av=None, skal="Slutdatum passerat")
        antal += 1
    return antal
