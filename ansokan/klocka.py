"""The handling clock and the deadlines that follow the ansökan itself (docs/arkitektur.md:
Periodiska jobb).

- Handling target: a number of working days (admin parameter `handlaggningsmal-arbetsdagar`)
  from the complete application, paused while waiting for the applicant (Code for America's
  blueprint; docs/regler.md: Bakgrund). Complete = no komplettering open, or the handläggare marks
  it so (which ends the wait).
- Nybesök within two weeks of the first contact (docs/regler.md: Bakgrund, Alingsås), calendar days.
- Akut ansökan decided the same working day (docs/regler.md: Akut ansökan).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from bistand import services as kart
from bistand.kalender import ar_arbetsdag, nasta_arbetsdag
from bistand.selectors import parameter_varde

from .models import Ansokan, Typ


def handlaggningsmal_forfaller(
    *,
    mottagen: datetime.date,
    vanteperioder: Iterable[tuple[datetime.date, datetime.date | None]],
    mal: int,
) -> datetime.date | None:
    """The day the handling target is reached, or None while the clock is paused.

    Counts working days after `mottagen` that do not fall in a waiting period (a period from
    the request to the answer pauses the days after the request up to and including the
    answer day). Holidays, midsommar-, jul- and nyårsafton are not working days.
    """
    perioder = list(vanteperioder)
    if any(till is None for _, till in perioder):
        return None

    def vantar(dag: datetime.date) -> bool:
        return any(fran < dag <= till for fran, till in perioder)

    dag, kvar = mottagen, mal
    while kvar > 0:
        dag += datetime.timedelta(days=1)
        if ar_arbetsdag(dag) and not vantar(dag):
            kvar -= 1
    return dag


def klockor_uppdatera(ansokan: Ansokan) -> None:
    """Register or move the ansökan's own bevakningar after registration or a change in
    waiting (idempotent: bevakning_skapa moves an active one instead of duplicating)."""
    if ansokan.mottagen is None or ansokan.akt_id is None:
        return
    mal = int(parameter_varde("handlaggningsmal-arbetsdagar", ansokan.mottagen))
    forfaller = handlaggningsmal_forfaller(
        mottagen=ansokan.mottagen,
        vanteperioder=ansokan.vanteperioder.values_list("fran", "till"),
        mal=mal,
    )
    if forfaller is None:
        kart.bevakningar_makulera_for(objekt=ansokan, typ="handlaggningsmal")
    else:
        kart.bevakning_skapa(
            typ="handlaggningsmal",
            akt=ansokan.akt,
            forfaller=forfaller,
            objekt=ansokan,
            beskrivning=f"Beslut inom {mal} arbetsdagar från komplett ansökan",
        )


def klockor_vid_registrering(ansokan: Ansokan) -> None:
    """Deadlines that start at the first contact."""
    if ansokan.typ == Typ.AKUT:
        kart.bevakning_skapa(
            typ="akut_ansokan",
            akt=ansokan.akt,
            forfaller=nasta_arbetsdag(ansokan.mottagen),
            objekt=ansokan,
            beskrivning="Akut ansökan – prövas samma dag.",
        )
    if ansokan.typ == Typ.NYANSOKAN:
        dagar = int(parameter_varde("nybesok-inom-dagar", ansokan.mottagen))
        kart.bevakning_skapa(
            typ="nybesok",
            akt=ansokan.akt,
            forfaller=ansokan.mottagen + datetime.timedelta(days=dagar),
            objekt=ansokan,
            beskrivning=f"Nybesök inom {dagar} dagar från första kontakt",
        )
    klockor_uppdatera(ansokan)


def klockor_vid_beslut(ansokan: Ansokan) -> None:
    """A decision meets the handling target and the same-day rule."""
    for typ in ("handlaggningsmal", "akut_ansokan", "begaran_avgorande"):
        kart.bevakning_uppfyll(typ=typ, objekt=ansokan)
    ansokan.begaran_om_avgorande.filter(lage="vantar").update(lage="avgjord")


def klockor_vid_aterkallelse(ansokan: Ansokan) -> None:
    """A withdrawn ansökan needs nothing more: its open bevakningar are cancelled."""
    kart.bevakningar_makulera_for(objekt=ansokan)
    for k in ansokan.kompletteringar.all():
        kart.bevakningar_makulera_for(objekt=k)
