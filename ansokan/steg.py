"""The steps of an application in the e-tjänst, per type (docs/arkitektur.md: E-tjänst).

A nyansökan asks for everything; an återansökan only for what changed (prefilled from the last
one); an akut ansökan for what is needed today. Each step is saved on the server.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django import forms as djforms
from django.utils import formats, timezone

from bistand.parametrar import bara_siffror

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


# Steps an återansökan skips when the applicant says nothing has changed: the economy and the
# posts are already copied from last month (`services.ansokan_utkast_skapa`).
OFORANDRAT_HOPPAR_OVER = ("ekonomi", "poster")


def oforandrad(ansokan: Ansokan) -> bool:
    """The applicant answered "Nej, allt är som förra månaden"."""
    return (ansokan.uppgifter.get("andringar") or {}).get("andrat") == "nej"


def nasta(ansokan: Ansokan, steg: str) -> str:
    koder = [k for k, _ in steg_for(ansokan)]
    i = min(koder.index(steg) + 1, len(koder) - 1)
    if steg == "andringar" and oforandrad(ansokan):
        while koder[i] in OFORANDRAT_HOPPAR_OVER and i < len(koder) - 1:
            i += 1
    return koder[i]


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
    if steg == "andringar":
        kwargs["manader"] = valbara_manader(ansokan)
        if ansokan.period and not initial.get("manad"):
            initial["manad"] = f"{ansokan.period:%Y-%m}"
    return FORMULAR[steg](data, initial=initial, **kwargs)


def valbara_manader(ansokan: Ansokan) -> list[datetime.date]:
    """The months an återansökan can be for: this month and the next (and the month already
    chosen, if another)."""
    idag = timezone.localdate().replace(day=1)
    nasta_manad = (idag + datetime.timedelta(days=32)).replace(day=1)
    manader = [idag, nasta_manad]
    if ansokan.period and ansokan.period not in manader:
        manader.append(ansokan.period)
    return manader


def manadsvarning(ansokan: Ansokan) -> str:
    """A warning when the chosen month is already decided (docs/arkitektur.md: E-tjänst)."""
    beslutad = selectors.manad_redan_beslutad(ansokan, ansokan.period)
    if beslutad is None:
        return ""
    namn = forms._manadsnamn(ansokan.period).lower()
    return (
        f"Du har redan fått beslut för {namn} (ansökan {beslutad.referens}). Om du söker för "
        f"samma månad igen prövar vi det som en ny ansökan. Berätta vad som är nytt, eller välj "
        f"en annan månad."
    )


def barn_formset(ansokan: Ansokan, data=None) -> djforms.BaseFormSet:
    barn = ansokan.uppgifter.get("hushall", {}).get("barn", [])
    return forms.BarnFormset(data, initial=barn, prefix="barn")


def barn_data(formset: djforms.BaseFormSet) -> list[dict]:
    return [
        f.cleaned_data
        for f in formset.forms
        if f.cleaned_data and (f.cleaned_data.get("fornamn") or f.cleaned_data.get("personnummer"))
    ]


def _kronor(varde) -> str:
    """9800.5 -> "9 800,50 kr"; whole kronor without öre."""
    try:
        d = Decimal(str(varde))
    except InvalidOperation:
        return str(varde)
    text = f"{d:,.2f}".replace(",", "\u00a0").replace(".", ",")
    return (text[:-3] if text.endswith(",00") else text) + "\u00a0kr"


def _text(falt: djforms.Field, varde) -> str:
    """A stored value as the applicant would say it, by the field that asked for it."""
    if falt is forms.AndringarForm.base_fields["manad"]:
        try:
            return forms._manadsnamn(datetime.date.fromisoformat(f"{varde}-01"))
        except ValueError:
            return str(varde)
    if isinstance(falt, forms.Beloppfalt):
        return _kronor(varde)
    if isinstance(falt, djforms.BooleanField):
        return "Ja" if varde else "Nej"
    if isinstance(falt, djforms.ChoiceField):
        return str(dict(falt.choices).get(varde, varde))
    if isinstance(falt, djforms.DateField):
        try:
            return formats.date_format(datetime.date.fromisoformat(str(varde)), "j F Y")
        except ValueError:
            return str(varde)
    return str(varde)


def _barn_rader(barn: list[dict]) -> list[tuple[str, str, str]]:
    """One row per child: (key, label, value). The key is the child's personnummer, so a
    child is the same child from month to month whatever its name or place in the list."""
    falt = forms.BarnForm.base_fields
    rader = []
    for i, b in enumerate(barn, start=1):
        delar = [str(b[k]) for k in ("fornamn", "personnummer") if b.get(k)]
        if b.get("boende"):
            delar.append(_text(falt["boende"], b["boende"]).lower())
        if b.get("umgangesdagar"):
            delar.append(f"{b['umgangesdagar']} umgängesdagar per månad")
        siffror = "".join(c for c in str(b.get("personnummer") or "") if bara_siffror(c))
        nyckel = f"barn:{siffror[-10:]}" if siffror else f"barn-utan-personnummer:{i}"
        rader.append((nyckel, f"Barn {i}", ", ".join(delar)))
    return rader


def _del(ansokan: Ansokan, kod: str, namn: str) -> dict:
    """One step's rows as (key, label, value); the key of a plain field is its label."""
    data = ansokan.uppgifter.get(kod, {})
    falt = FORMULAR[kod].base_fields
    rader = [
        (str(f.label), str(f.label), _text(f, data[namn_]))
        for namn_, f in falt.items()
        if data.get(namn_) not in (None, "", [], False)
    ]
    if kod == "hushall":
        rader += _barn_rader(data.get("barn") or [])
    return {"kod": kod, "rubrik": namn, "rader": rader}


def _delar(ansokan: Ansokan, *, hushall: bool = False) -> list[dict]:
    steg = [(k, n) for k, n in steg_for(ansokan) if k in FORMULAR]
    if hushall and "hushall" not in dict(steg) and ansokan.uppgifter.get("hushall"):
        steg.insert(1, ("hushall", forms.HushallForm.rubrik))
    return [_del(ansokan, kod, namn) for kod, namn in steg]


def uppgifter_lasbart(ansokan: Ansokan) -> list[dict]:
    """What the applicant entered, step by step, as Swedish labels and plain values — for the
    e-tjänst's review step and the staff page of the application (docs/regler.md
    "Handläggarens arbete"). Steps without a form of their own (poster, bilagor) are left out."""
    delar = _delar(ansokan)
    for d in delar:
        d["rader"] = [(e, v) for _, e, v in d["rader"]]
    return delar


def uppgifter_mot_forra_manaden(ansokan: Ansokan) -> list[dict]:
    """`uppgifter_lasbart` with, for an återansökan, what differs from the applicant's previous
    ansökan in the same Akt: each row gets `andrad` and last month's value `forra` (None when
    the row is new), and each step lists the rows that are gone (`borttagna`). The
    handläggare sees at once what to look at (docs/regler.md: Utredning).

    An återansökan also shows the household it is made for. Household members are matched by
    personnummer, not by their place in the list: a child whose name is spelled differently is
    the same child, and two children with the same first name are two."""
    forra = None
    if ansokan.typ == Typ.ATERANSOKAN and ansokan.akt_id is not None:
        forra = (
            Ansokan.objects.filter(akt_id=ansokan.akt_id, skapad__lt=ansokan.skapad)
            .exclude(pk=ansokan.pk)
            .exclude(status__in=["utkast", "aterkallad"])
            .order_by("-skapad", "-pk")
            .first()
        )
    delar = _delar(ansokan, hushall=forra is not None)
    forra_delar = (
        {d["kod"]: {n: (e, v) for n, e, v in d["rader"]} for d in _delar(forra)} if forra else {}
    )
    for d in delar:
        if forra is None:
            d["rader"] = [(e, v, False, None) for _, e, v in d["rader"]]
            d["borttagna"] = []
            continue
        tidigare = forra_delar.get(d["kod"]) or {}
        nu = {n for n, _, _ in d["rader"]}
        d["borttagna"] = [(e, v) for n, (e, v) in tidigare.items() if n not in nu]
        d["rader"] = [
            (e, v, (dav := tidigare.get(n, (None, None))[1]) != v, dav) for n, e, v in d["rader"]
        ]
    for d in delar:
        d["andrad"] = any(r[2] for r in d["rader"]) or bool(d["borttagna"])
    return delar
