"""Forms of kvalitet's pages. They validate; services write."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from bistand.models import User
from bistand.selectors import ParameterSaknas, parameter_varde

from .models import Bedomning, LoggBedomning, Omrade
from .perioder import tolka

DATUM = forms.DateInput(attrs={"type": "date"})


class DraStickprovForm(forms.Form):
    enhet = forms.ModelChoiceField(label="Enhet", queryset=None, empty_label=None)
    ar = forms.IntegerField(label="År", min_value=2000, max_value=2100)
    antal = forms.IntegerField(
        label="Antal akter per handläggare",
        min_value=1,
        max_value=50,
        required=False,
        help_text="Lämna tomt för nämndens parameter (normalt tre om året).",
    )
    urvalsfro = forms.IntegerField(
        label="Slumpfrö",
        min_value=0,
        max_value=10**12,
        help_text="Samma frö ger samma urval. Anteckna det om urvalet ska kunna göras om.",
    )
    granskare = forms.ChoiceField(
        label="Vem granskar",
        choices=[("kollegor", "En kollega i enheten (kollegial granskning)"), ("jag", "Jag")],
        widget=forms.RadioSelect,
        initial="kollegor",
    )

    def __init__(self, *args, enheter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enhet"].queryset = enheter

    def clean_ar(self) -> int:
        ar = self.cleaned_data["ar"]
        if ar > timezone.localdate().year:
            raise forms.ValidationError("Året har inte börjat.")
        return ar


class GranskningForm(forms.Form):
    """The checklist: one judgement and comment per point, then the summary and feedback."""

    sammanfattning = forms.CharField(
        label="Sammanfattning av granskningen",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    aterkoppling = forms.CharField(
        label="Återkoppling till handläggaren",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Handläggaren ser återkopplingen när du skickar den.",
    )
    atgard = forms.CharField(label="Överenskommen åtgärd", max_length=500, required=False)
    atgard_senast = forms.DateField(label="Åtgärden följs upp senast", widget=DATUM, required=False)

    def __init__(self, *args, punkter, **kwargs):
        super().__init__(*args, **kwargs)
        self.punkter = list(punkter)
        for p in self.punkter:
            self.fields[f"punkt_{p.pk}"] = forms.ChoiceField(
                label=p.rubrik,
                help_text=p.fraga,
                choices=Bedomning.choices,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"kommentar_{p.pk}"] = forms.CharField(
                label=f"Kommentar om {p.rubrik.lower()}",
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )
        self.order_fields([n for p in self.punkter for n in (f"punkt_{p.pk}", f"kommentar_{p.pk}")])

    def clean(self):
        data = super().clean()
        if data.get("atgard") and not data.get("atgard_senast"):
            self.add_error("atgard_senast", "Ange när åtgärden ska följas upp.")
        senast = data.get("atgard_senast")
        if senast and senast < timezone.localdate():
            self.add_error("atgard_senast", "Datumet har redan passerat.")
        return data

    def svar(self) -> dict[int, tuple[str, str]]:
        return {
            p.pk: (
                self.cleaned_data.get(f"punkt_{p.pk}") or "",
                self.cleaned_data.get(f"kommentar_{p.pk}") or "",
            )
            for p in self.punkter
        }

    def atgarder(self) -> list[tuple[str, datetime.date]]:
        if self.cleaned_data.get("atgard"):
            return [(self.cleaned_data["atgard"], self.cleaned_data["atgard_senast"])]
        return []


class UppfoljningForm(forms.Form):
    uppfoljning = forms.CharField(
        label="Vad visade uppföljningen?", widget=forms.Textarea(attrs={"rows": 2})
    )


class BytGranskareForm(forms.Form):
    granskare = forms.ModelChoiceField(label="Ny granskare", queryset=None)

    def __init__(self, *args, kandidater, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["granskare"].queryset = kandidater


class LoggFilterForm(forms.Form):
    anvandare = forms.CharField(label="Användare", max_length=150, required=False)
    aktnummer = forms.CharField(label="Aktnummer", max_length=20, required=False)
    fran = forms.DateField(label="Från och med", widget=DATUM, required=False)
    till = forms.DateField(label="Till och med", widget=DATUM, required=False)
    skyddad = forms.BooleanField(label="Bara akter med skyddad identitet", required=False)

    def clean(self):
        data = super().clean()
        if data.get("fran") and data.get("till") and data["fran"] > data["till"]:
            self.add_error("till", "Slutdatumet ligger före startdatumet.")
        return data


class LoggStickprovForm(forms.Form):
    enhet = forms.ModelChoiceField(label="Enhet", queryset=None, empty_label=None)
    manad = forms.CharField(label="Månad (ÅÅÅÅ-MM)", max_length=7)

    def __init__(self, *args, enheter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enhet"].queryset = enheter

    def clean_manad(self) -> datetime.date:
        return tolka_manad(self.cleaned_data["manad"])


class LoggBedomningForm(forms.Form):
    bedomning = forms.ChoiceField(
        label="Bedömning",
        choices=[c for c in LoggBedomning.choices if c[0]],
        widget=forms.RadioSelect,
    )
    kommentar = forms.CharField(
        label="Kommentar", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


def tolka_manad(text: str) -> datetime.date:
    """'2026-11' as the first day of the month; a clear Swedish message otherwise."""
    try:
        ar, manad = (int(d) for d in text.strip().split("-"))
        return datetime.date(ar, manad, 1)
    except (ValueError, TypeError):
        raise forms.ValidationError("Skriv månaden som ÅÅÅÅ-MM, till exempel 2026-11.") from None


class ListFilterForm(forms.Form):
    enhet = forms.ModelChoiceField(label="Enhet", queryset=None, required=False, empty_label="Alla")
    handlaggare = forms.ModelChoiceField(
        label="Handläggare", queryset=None, required=False, empty_label="Alla"
    )
    urval = forms.ChoiceField(label="Urval", required=False)
    period = forms.CharField(
        label="Period",
        max_length=10,
        required=False,
        help_text="År (2026), kvartal (2026-K2) eller månad (2026-05), eller datum nedan.",
    )
    fran = forms.DateField(label="Från och med", widget=DATUM, required=False)
    till = forms.DateField(label="Till och med", widget=DATUM, required=False)

    def __init__(self, *args, enheter, urval, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enhet"].queryset = enheter
        self.fields["handlaggare"].queryset = User.objects.filter(
            enhet__in=enheter, is_active=True
        ).order_by("first_name", "username")
        if urval:
            self.fields["urval"].choices = urval
        else:
            del self.fields["urval"]
        if enheter.count() < 2:
            del self.fields["enhet"]

    def clean_period(self):
        text = self.cleaned_data.get("period") or ""
        return tolka(text) if text.strip() else None

    def clean(self):
        data = super().clean()
        # A named period (year, quarter, month) fills the dates not given.
        if period := data.pop("period", None):
            data["fran"] = data.get("fran") or period.fran
            data["till"] = data.get("till") or period.till
        if data.get("fran") and data.get("till") and data["fran"] > data["till"]:
            self.add_error("till", "Slutdatumet ligger före startdatumet.")
        return data


def nasta_forum(idag: datetime.date) -> datetime.date:
    """The next weekly forum day after today; the weekday is the parameter
    `arendedragning-veckodag` (1 = Monday)."""
    try:
        veckodag = int(parameter_varde("arendedragning-veckodag", idag)) - 1
    except ParameterSaknas:
        veckodag = 2
    dagar = (veckodag - idag.weekday()) % 7 or 7
    return idag + datetime.timedelta(days=dagar)


class ArendedragningForm(forms.Form):
    aktnummer = forms.CharField(label="Aktnummer", max_length=20)
    motesdatum = forms.DateField(label="Möte", widget=DATUM)
    forslag = forms.CharField(
        label="Förslag till beslut, med motivering", widget=forms.Textarea(attrs={"rows": 4})
    )
    fraga = forms.CharField(
        label="Vad ska forumet ta ställning till?", widget=forms.Textarea(attrs={"rows": 3})
    )


class SlutsatsForm(forms.Form):
    slutsats = forms.CharField(
        label="Forumets slutsats",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Skrivs in i aktens journal och signeras i ditt namn.",
    )


class RapportTextForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kod, namn in Omrade.choices:
            self.fields[kod] = forms.CharField(
                label=namn, widget=forms.Textarea(attrs={"rows": 5}), required=False
            )


class EgenkontrollForm(forms.Form):
    from .models import Omrade as _Omrade

    omrade = forms.ChoiceField(label="Område", choices=_Omrade.choices)
    vad = forms.CharField(label="Vad som kontrolleras", max_length=300)
    metod = forms.CharField(label="Hur", max_length=300)
    planerad = forms.DateField(label="Planerad", widget=DATUM)
    genomford = forms.DateField(label="Genomförd", widget=DATUM, required=False)
    resultat = forms.CharField(
        label="Resultat", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class RiskForm(forms.Form):
    from .models import Omrade as _Omrade

    SKALA = [(i, str(i)) for i in range(1, 5)]
    omrade = forms.ChoiceField(label="Område", choices=_Omrade.choices)
    risk = forms.CharField(label="Risk", max_length=300)
    sannolikhet = forms.TypedChoiceField(
        label="Sannolikhet (1 = liten, 4 = stor)", choices=SKALA, coerce=int
    )
    konsekvens = forms.TypedChoiceField(
        label="Konsekvens (1 = liten, 4 = allvarlig)", choices=SKALA, coerce=int
    )
    atgarder = forms.CharField(
        label="Åtgärder", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    ansvarig = forms.CharField(label="Ansvarig", max_length=200, required=False)


class BrukarCsvForm(forms.Form):
    fil = forms.FileField(
        label="Resultat från brukarundersökningen (CSV)",
        help_text="Kolumner: område;fråga;antal svar;andel positiva (%). Första raden är rubriker.",
    )


class AvslutForm(forms.Form):
    from .models import Avslutsorsak as _Avslutsorsak

    orsak = forms.ChoiceField(label="Avslutsorsak", choices=_Avslutsorsak.choices)
