"""The utredning page's builder (docs/arkitektur.md: Kodstil (services och selectors)):
selectors read, this module puts what they read into the page's forms and sections, in the
order the work is done (docs/regler.md: Utredning)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from ansokan.selectors import ansokan_poster, poster_forladda
from bistand.selectors import galler_pa, hushall_forladda, hushall_medlemskap

from . import forms
from .models import Berakning, KontrollStatus
from .selectors import (
    ansokan_manad,
    berakning_medlemmar,
    berakning_personer,
    berakning_senaste,
    forra_manad_underlag,
    forslag_belopp_fran_berakning,
    forslag_for_ansokan,
    hushall_forslag,
    inkomster_till_hushallet,
    utkast_for,
    utredning_for_ansokan,
    utredning_forladda,
    utredning_vuxna,
    utredningens_sektioner,
)

# What the e-tjänst's economy step asked (ansokan.forms.EkonomiForm) → the beräkning's rows.
# The kind of "ersattning" is a guess the handläggare can change in the row: the applicant named
# a-kassa first among several benefits.
KOSTNAD_FRAN_ANSOKAN = {
    "hyra": "boende",
    "hushallsel": "hushallsel",
    "hemforsakring": "hemforsakring",
    "arbetsresor": "arbetsresor",
    "barnomsorg": "barnomsorg",
    "fackavgift": "fackavgift_akassa",
}
INKOMST_FRAN_ANSOKAN = {
    # field: (kind, whose: "sokande", "medsokande" or None for the household)
    "lon": ("lon", "sokande"),
    "ersattning": ("a_kassa", "sokande"),
    "annan_inkomst": ("annan", "sokande"),
    "medsokande_lon": ("lon", "medsokande"),
    "medsokande_ersattning": ("a_kassa", "medsokande"),
    "barnbidrag": ("barnbidrag", None),
    "bostadsbidrag": ("bostadsbidrag", None),
    "underhallsstod": ("underhallsstod", None),
}


def _kronor_heltal(varde) -> int:
    try:
        return int(Decimal(str(varde)).to_integral_value()) if varde not in (None, "") else 0
    except (InvalidOperation, ValueError):
        return 0


def berakning_fran_ansokan(ansokan) -> dict[str, Any]:
    """The beräkning form's values from what the applicant declared in the e-tjänst's economy
    step: costs to their rows, each income as a row of its kind and person (docs/regler.md:
    Beräkning). Nothing is saved; the handläggare checks and saves."""
    ekonomi = (ansokan.uppgifter or {}).get("ekonomi") or {}
    initial: dict[str, Any] = {}
    for falt, kod in KOSTNAD_FRAN_ANSOKAN.items():
        if _kronor_heltal(ekonomi.get(falt)):
            initial[f"kostnad_{kod}"] = _kronor_heltal(ekonomi.get(falt))
    index = {}
    if ansokan.akt_id is not None:
        enheten, _ = berakning_medlemmar(ansokan.akt.hushall, ansokan_manad(ansokan))
        index = {m.roll: str(i) for i, m in reversed(list(enumerate(enheten)))}
    rad = 0
    for falt, (typ, vem) in INKOMST_FRAN_ANSOKAN.items():
        belopp = _kronor_heltal(ekonomi.get(falt))
        if not belopp:
            continue
        initial[f"inkomst_typ_{rad}"] = typ
        initial[f"inkomst_person_{rad}"] = index.get(vem, "") if vem else ""
        initial[f"inkomst_belopp_{rad}"] = belopp
        rad += 1
    return initial


def berakning_initial(berakning: Berakning | None) -> dict[str, Any]:
    """The form's values from a saved sheet: its month, costs and every income row."""
    if berakning is None:
        return {}
    initial: dict[str, Any] = {"manad": berakning.manad}
    initial |= {
        f"kostnad_{k}": v for k, v in (berakning.underlag.get("kostnader") or {}).items() if v
    }
    for i, ink in enumerate(berakning.underlag.get("inkomster") or []):
        initial[f"inkomst_typ_{i}"] = ink.get("typ")
        initial[f"inkomst_person_{i}"] = "" if ink.get("person") is None else str(ink["person"])
        initial[f"inkomst_belopp_{i}"] = ink.get("belopp")
    initial["manader_i_foljd"] = berakning.underlag.get("manader_i_foljd_med_bistand", 0)
    return initial


def _berakning_form(
    ansokan, berakning, forra_manad, manad
) -> tuple[forms.BerakningForm, str, list[str]]:
    """The beräkning form, where its values come from (this ansökan's saved sheet, else last
    month's sheet moved to this month and its household, else the applicant's figures) and
    notes on last month's incomes left out (a person who left the household)."""
    anteckningar: list[str] = []
    if berakning is not None:
        initial, kalla = berakning_initial(berakning), ""
    elif forra_manad and forra_manad["berakning"] is not None:
        blad = forra_manad["berakning"]
        inkomster, anteckningar = inkomster_till_hushallet(blad, ansokan.akt.hushall, manad)
        initial = berakning_initial(blad) | {"manad": manad}
        initial = {k: v for k, v in initial.items() if not k.startswith("inkomst_")}
        for i, ink in enumerate(inkomster):
            initial[f"inkomst_typ_{i}"] = ink.get("typ")
            initial[f"inkomst_person_{i}"] = "" if ink.get("person") is None else str(ink["person"])
            initial[f"inkomst_belopp_{i}"] = ink.get("belopp")
        kalla = "forra"
    elif (ansokan.uppgifter or {}).get("ekonomi"):
        initial, kalla = berakning_fran_ansokan(ansokan), "ansokan"
    else:
        initial, kalla = {}, ""
    form = forms.BerakningForm(
        initial={"manad": manad} | initial,
        personer=berakning_personer(ansokan.akt.hushall, manad),
    )
    return form, kalla, anteckningar


def kontroll_sammanfattning(kontroller) -> dict[str, int]:
    antal = {s: 0 for s in KontrollStatus.values}
    for k in kontroller:
        antal[k.status] += 1
    return antal


def _texter(utredning, utkast: dict) -> list[dict[str, Any]]:
    texter = []
    for falt, etikett in forms.TextForm.base_fields["falt"].choices:
        u = utkast.get(falt)
        texter.append(
            {
                "falt": falt,
                "etikett": etikett,
                "text": u.text if u is not None else getattr(utredning, falt),
                "utkast": u,
                "nyckel": f"utredning:{utredning.pk}:{falt}",
            }
        )
    return texter


def _delar(sida: dict[str, Any]) -> list[dict[str, Any]]:
    """The sections in the order the work is done, each with whether it is done."""
    utredning, antal = sida["utredning"], sida["kontroll_sammanfattning"]
    forslag = {f.post_id for f in sida["forslag"]}
    return [
        {
            "ankare": "delaktighet",
            "namn": "Berättelse och bedömning",
            "klar": bool(utredning.sokandes_berattelse and utredning.individuell_bedomning),
        },
        {"ankare": "hushall", "namn": "Hushållet", "klar": bool(utredning.hushall_bekraftat)},
        {"ankare": "berakning", "namn": "Beräkning", "klar": sida["berakning"] is not None},
        {
            "ankare": "kontroller",
            "namn": "Kontroller",
            "klar": bool(sida["kontroller"]) and antal[KontrollStatus.EJ_GJORD] == 0,
        },
        {
            "ankare": "kommunicering",
            "namn": "Kommunicering",
            "klar": all(k.besvarad for k, _ in sida["kommuniceringar"]),
        },
        {
            "ankare": "forslag",
            "namn": "Förslag till beslut",
            "klar": bool(sida["poster"]) and all(p.pk in forslag for p in sida["poster"]),
        },
    ]


def utredning_sida(ansokan, user, *, kan_skriva: bool) -> dict[str, Any]:
    """Everything the utredning page shows, in a number of queries that does not grow with the
    number of posts, controls, meetings or warnings. Without the right to write (`kan_skriva`,
    from the ansökan's write access function) the page shows no form at all
    (docs/regler.md: Behörighet och skyddade personuppgifter)."""
    if ansokan.akt_id is not None:  # the builder and the panels each look at the household
        hushall_forladda(ansokan.akt.hushall)
    poster_forladda(ansokan)  # the barnkonsekvens panel looks at the posts too
    poster = ansokan_poster(ansokan)
    utredning = utredning_for_ansokan(ansokan)
    berakning = berakning_senaste(ansokan)
    forslag_rader = forslag_for_ansokan(ansokan)
    utredning_forladda(ansokan, utredning=utredning, forslag=forslag_rader)
    forslag = {f.post_id: f for f in forslag_rader}
    belopp = forslag_belopp_fran_berakning(berakning, poster)
    initial = forms.ForslagForm.initial_for(poster, forslag, belopp)
    nycklar = [f"forslag:{p.pk}:motivering" for p in poster]
    if utredning is not None:
        nycklar += [
            f"utredning:{utredning.pk}:{f}"
            for f in ("sokandes_berattelse", "sokandes_syn", "individuell_bedomning")
        ]
    utkast = utkast_for(user, nycklar)
    for p in poster:
        u = utkast.get(f"forslag:{p.pk}:motivering")
        if u is not None:
            initial[f"motivering_{p.pk}"] = u.text
    forra_manad = forra_manad_underlag(ansokan)
    sida: dict[str, Any] = {
        "ansokan": ansokan,
        "utredning": utredning,
        "poster": poster,
        "berakning": berakning,
        "forslag": forslag_rader,
        "forslag_belopp": belopp,
        "forslag_form": forms.ForslagForm(initial=initial, poster=poster),
        "utkast": {
            k.split(":")[-1] if k.startswith("utredning:") else k: v for k, v in utkast.items()
        },
        "kan_skriva": kan_skriva,
        "forra_manad": forra_manad,
    }
    if utredning is None:
        return sida
    idag = timezone.localdate()
    manad = ansokan_manad(ansokan)
    vuxna = utredning_vuxna(ansokan)
    sektioner = utredningens_sektioner(utredning)
    hinder = {h.person_id: h for h in sektioner["hinder"]}
    kontroller = sektioner["kontroller"]
    plan = sektioner["plan"]
    berakning_form, berakning_kalla, berakning_anteckningar = _berakning_form(
        ansokan, berakning, forra_manad, manad
    )
    sida |= {
        "texter": _texter(utredning, sida["utkast"]),
        "varningar": sektioner["varningar"],
        "kontroller": kontroller,
        "kontroller_form": forms.KontrollerForm(kontroller=kontroller, idag=idag),
        "kontroll_sammanfattning": kontroll_sammanfattning(kontroller),
        "moten": [(m, forms.MoteHallenForm(prefix=f"m{m.pk}")) for m in sektioner["moten"]],
        "mote_form": forms.MoteForm(prefix="mote"),
        "hinder": [
            (
                p,
                hinder.get(p.pk),
                forms.HinderForm(
                    prefix=f"h{p.pk}",
                    # Without an assessment the form is empty (and drawn once, `{% formular %}`).
                    initial=(
                        {"hinder": hinder[p.pk].hinder, "anteckning": hinder[p.pk].anteckning}
                        if p.pk in hinder
                        else {}
                    ),
                ),
            )
            for p in vuxna
        ],
        "kommuniceringar": [
            (k, forms.KommuniceringSvarForm(prefix=f"ks{k.pk}"))
            for k in sektioner["kommuniceringar"]
        ],
        "kommunicering_form": forms.KommuniceringForm(prefix="komm"),
        "plan": plan,
        "plan_form": forms.HandlingsplanForm(prefix="plan", instance=plan),
        "remisser": [(r, forms.NarvaroForm(prefix=f"n{r.pk}")) for r in sektioner["remisser"]],
        "remiss_form": forms.RemissForm(prefix="remiss", personer=vuxna, initial={"skickad": idag}),
        "berakning_form": berakning_form,
        "berakning_kalla": berakning_kalla,
        "berakning_anteckningar": berakning_anteckningar,
        "medlemmar": sorted(
            (m for m in hushall_medlemskap(ansokan.akt.hushall) if galler_pa(m, manad)),
            key=lambda m: (m.roll, m.person.fodelsedatum),
        ),
        "hushall_forslag": hushall_forslag(ansokan),
        "manad": manad,
    }
    sida["delar"] = _delar(sida)
    return sida
