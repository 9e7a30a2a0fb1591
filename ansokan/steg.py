"""The steps of an application in the e-tjänst, per type (issue 3, point 3).

A nyansökan asks for everything; an återansökan only for what changed (prefilled from the last
one); an akut ansökan for what is needed today. Each step is saved on the server.
"""

from __future__ import annotations

from django import forms as djforms

from . import forms, selectors
from .models import Ansokan, Typ

STEG: dict[str, list[tuple[str, str]]] = {
    Typ.NYANSOKAN: [
        ("kontakt", "Kontaktuppgifter"),
        ("hushall", "Hushåll"),
        ("situation", "Din situation"),
        ("ekonomi", "Ekonomi"),
        ("poster", "Vad du söker för"),
        ("berattelse", "Din berättelse"),
        ("bilagor", "Bilagor"),
        ("granska", "Granska och skicka"),
    ],
    Typ.ATERANSOKAN: [
        ("andringar", "Ändringar"),
        ("ekonomi", "Ekonomi"),
        ("poster", "Vad du söker för"),
        ("bilagor", "Bilagor"),
        ("granska", "Granska och skicka"),
    ],
    Typ.AKUT: [
        ("kontakt", "Kontaktuppgifter"),
        ("akut", "Vad du behöver i dag"),
        ("poster", "Vad du söker för"),
        ("bilagor", "Bilagor"),
        ("granska", "Granska och skicka"),
    ],
}

FORMULAR = {
    "kontakt": forms.KontaktForm,
    "hushall": forms.HushallForm,
    "situation": forms.SituationForm,
    "ekonomi": forms.EkonomiForm,
    "berattelse": forms.BerattelseForm,
    "andringar": forms.AndringarForm,
    "akut": forms.AkutForm,
}


def steg_for(ansokan: Ansokan) -> list[tuple[str, str]]:
    return STEG[ansokan.typ]


def nasta(ansokan: Ansokan, steg: str) -> str:
    koder = [k for k, _ in steg_for(ansokan)]
    return koder[min(koder.index(steg) + 1, len(koder) - 1)]


def forra(ansokan: Ansokan, steg: str) -> str | None:
    koder = [k for k, _ in steg_for(ansokan)]
    i = koder.index(steg)
    return koder[i - 1] if i > 0 else None


def formular(ansokan: Ansokan, steg: str, data=None) -> djforms.Form:
    """The bound or unbound form of a step, with what the draft already holds as initial."""
    if steg == "poster":
        return forms.PosterForm(
            data,
            posttyper=selectors.aktiva_posttyper(),
            initial=forms.PosterForm.initial_fran(selectors.poster(ansokan)),
        )
    initial = dict(ansokan.uppgifter.get(steg, {}))
    if steg == "kontakt" and not initial:
        p = ansokan.sokande
        initial = {
            "adress": p.adress,
            "postnummer": p.postnummer,
            "ort": p.ort,
            "telefon": ansokan.telefon or p.telefon,
            "epost": ansokan.epost or p.epost,
        }
    kwargs = {}
    if steg in ("situation", "ekonomi"):
        kwargs["medsokande"] = ansokan.medsokande_id is not None
    return FORMULAR[steg](data, initial=initial, **kwargs)


def barn_formset(ansokan: Ansokan, data=None) -> djforms.BaseFormSet:
    barn = ansokan.uppgifter.get("hushall", {}).get("barn", [])
    return forms.BarnFormset(data, initial=barn, prefix="barn")


def barn_data(formset: djforms.BaseFormSet) -> list[dict]:
    return [
        f.cleaned_data
        for f in formset.forms
        if f.cleaned_data and (f.cleaned_data.get("fornamn") or f.cleaned_data.get("personnummer"))
    ]


def sammanfattning(ansokan: Ansokan) -> list[tuple[str, str, bool]]:
    """(code, title, filled in) per step, for the review page. An incomplete application can
    still be submitted (seed 000)."""
    rader = []
    for kod, namn in steg_for(ansokan):
        if kod == "granska":
            continue
        if kod == "poster":
            ifyllt = ansokan.poster.exists()
        elif kod == "bilagor":
            ifyllt = ansokan.bilagor.exists()
        else:
            ifyllt = any(
                v not in (None, "", [], False) for v in ansokan.uppgifter.get(kod, {}).values()
            )
        rader.append((kod, namn, ifyllt))
    return rader
