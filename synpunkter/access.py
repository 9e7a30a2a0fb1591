"""Who may see which synpunkter (docs/arkitektur.md: Kodstil (åtkomstfunktioner); docs/regler.md:
Synpunkter, åtkomst).

- The manager a synpunkt is routed to sees it; whoever registered it sees its receipt
  (number, dates, who handles it), not the investigation.
- An enhetschef sees every synpunkt of the own Enhet; an avdelningschef and Kvalitet read
  across the enheter of their nämnd.
- Nobody sees a synpunkt about herself through these pages (it is handled above her).
- A synpunkt from a person with skyddade personuppgifter is shown only to those who may open
  the Akt it is linked to (the grant covers it), or to the manager handling it.
- The applicant sees her own (never an anonymous one — it has no owner).
Missing and forbidden answer the same 404, and every check writes an access-log row.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from ansokan.access import SokandeAktor
from bistand import access as kart_access
from bistand.models import Person, Roll, Skydd, User

from .models import Avvikelse, Synpunkt, Tillsynsarende

INTE_HITTAD = "Sidan finns inte eller så saknar du behörighet."


def synpunkter_for_user(user: User) -> QuerySet[Synpunkt]:
    """Every synpunkt the user may read (the rule for lists and for one synpunkt)."""
    r = kart_access.roller(user)
    if not r:
        return Synpunkt.objects.none()
    synlig = Q(handlaggs_av=user)
    if r & {Roll.AVDELNINGSCHEF, Roll.KVALITET} and user.namnd_id:
        synlig |= Q(namnd_id=user.namnd_id)
    if Roll.ENHETSCHEF in r and user.enhet_id:
        synlig |= Q(enhet_id=user.enhet_id)
    # The protected persons are a handful (the partial index person_skyddad): asking whether
    # the synpunkt's person is one of them reads that index, where a condition on the joined
    # person row made PostgreSQL read every person of the nämnd (docs/prestanda.md:
    # Sidindelning).
    skyddad = Q(person__in=Person.objects.exclude(skydd=Skydd.INGET).values("pk"))
    tillaten_skyddad = Q(handlaggs_av=user) | Q(akt__in=kart_access.akter_for_user(user))
    return (
        Synpunkt.objects.filter(synlig)
        .exclude(berord_personal=user)
        .exclude(skyddad & ~tillaten_skyddad)
    )


def synpunkt_for_user(user: User, pk: int, *, sida: str, sokvag: str = "") -> Synpunkt:
    """The synpunkt if the user may read it, else Http404 (logged either way)."""
    synpunkt = (
        synpunkter_for_user(user)
        .select_related(
            "enhet", "person", "handlaggs_av", "registrerad_av", "akt", "ansokan", "beslutsbrev"
        )
        .filter(pk=pk)
        .first()
    )
    kart_access.logga(
        user,
        sida=sida,
        beviljad=synpunkt is not None,
        akt_id=synpunkt.akt_id if synpunkt else None,
        person_id=synpunkt.person_id if synpunkt else None,
        sokvag=sokvag,
    )
    if synpunkt is None:
        raise Http404(INTE_HITTAD)
    return synpunkt


def kvitto_for_user(user: User, pk: int, *, sokvag: str = "") -> Synpunkt:
    """The receipt of a synpunkt: for whoever registered it and for those who may read the
    synpunkt itself, else Http404 (logged either way)."""
    synpunkt = (
        Synpunkt.objects.filter(Q(registrerad_av=user) | Q(pk__in=synpunkter_for_user(user)))
        .select_related("handlaggs_av", "enhet", "akt")
        .filter(pk=pk)
        .first()
        if user.is_authenticated
        else None
    )
    kart_access.logga(
        user,
        sida="synpunkt-kvitto",
        beviljad=synpunkt is not None,
        akt_id=synpunkt.akt_id if synpunkt else None,
        sokvag=sokvag,
    )
    if synpunkt is None:
        raise Http404(INTE_HITTAD)
    return synpunkt


def logga_synpunkter(user: User, synpunkter, *, sida: str, sokvag: str = "") -> None:
    """A list logs one row per synpunkt that names a person or an Akt."""
    kart_access.skriv_atkomstlogg(
        [
            (user.pk, user.get_username(), s.akt_id, s.person_id, sida, sokvag, True)
            for s in synpunkter
            if s.akt_id or s.person_id
        ],
        lista=True,
    )


def synpunkter_for_sokande(person: Person) -> QuerySet[Synpunkt]:
    return Synpunkt.objects.filter(person=person, anonym=False)


def synpunkt_for_sokande(person: Person, pk: int, *, sokvag: str = "") -> Synpunkt:
    """The applicant's own synpunkt, else Http404 (logged either way)."""
    synpunkt = synpunkter_for_sokande(person).filter(pk=pk).first()
    kart_access.logga(
        SokandeAktor(person),
        sida="etjanst-synpunkt",
        beviljad=synpunkt is not None,
        akt_id=synpunkt.akt_id if synpunkt else None,
        person_id=person.pk,
        sokvag=sokvag,
    )
    if synpunkt is None:
        raise Http404(INTE_HITTAD)
    return synpunkt


# ---- IVO/JO matters and avvikelser ---------------------------------------------------------


def tillsynsarenden_for_user(user: User) -> QuerySet[Tillsynsarende]:
    """IVO and JO matters: avdelningschef and Kvalitet read the nämnd's; an enhetschef reads
    those she is responsible for or that concern her Enhet's synpunkter or Akter."""
    r = kart_access.roller(user)
    if r & {Roll.AVDELNINGSCHEF, Roll.KVALITET} and user.namnd_id:
        return Tillsynsarende.objects.filter(namnd_id=user.namnd_id)
    if Roll.ENHETSCHEF in r and user.enhet_id:
        return Tillsynsarende.objects.filter(
            Q(ansvarig=user)
            | Q(synpunkter__enhet_id=user.enhet_id)
            | Q(akter__enhet_id=user.enhet_id)
        ).distinct()
    return Tillsynsarende.objects.none()


def tillsynsarende_for_user(user: User, pk: int, *, sokvag: str = "") -> Tillsynsarende:
    arende = tillsynsarenden_for_user(user).filter(pk=pk).first()
    kart_access.logga(user, sida="tillsynsarende", beviljad=arende is not None, sokvag=sokvag)
    if arende is None:
        raise Http404(INTE_HITTAD)
    return arende


def kan_skriva_tillsyn(user: User, arende: Tillsynsarende) -> bool:
    """The person responsible, an avdelningschef or Kvalitet of the nämnd."""
    if user.pk == arende.ansvarig_id:
        return True
    return (
        kart_access.har_roll(user, Roll.AVDELNINGSCHEF, Roll.KVALITET)
        and user.namnd_id == arende.namnd_id
    )


def avvikelser_for_user(user: User) -> QuerySet[Avvikelse]:
    """Reports: the reporter and the responsible manager see them; an enhetschef the Enhet's;
    avdelningschef and Kvalitet the nämnd's."""
    r = kart_access.roller(user)
    if not r:
        return Avvikelse.objects.none()
    synlig = Q(rapporterad_av=user) | Q(ansvarig=user)
    if r & {Roll.AVDELNINGSCHEF, Roll.KVALITET} and user.namnd_id:
        synlig |= Q(namnd_id=user.namnd_id)
    if Roll.ENHETSCHEF in r and user.enhet_id:
        synlig |= Q(enhet_id=user.enhet_id)
    return Avvikelse.objects.filter(synlig)


def avvikelse_for_user(user: User, pk: int, *, sokvag: str = "") -> Avvikelse:
    avvikelse = (
        avvikelser_for_user(user)
        .select_related("enhet", "akt", "rapporterad_av", "ansvarig")
        .filter(pk=pk)
        .first()
    )
    kart_access.logga(
        user,
        sida="avvikelse",
        beviljad=avvikelse is not None,
        akt_id=avvikelse.akt_id if avvikelse else None,
        sokvag=sokvag,
    )
    if avvikelse is None:
        raise Http404(INTE_HITTAD)
    return avvikelse
