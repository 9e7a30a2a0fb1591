"""A chosen period for the quality pages (docs/regler.md: Kvalitetsarbete och statistik): a
year, a quarter, a month, or from–to dates. One parser, so every page reads a period the same
way and says the same thing about bad input."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from django import forms

from bistand.kalender import manad_text
from bistand.parametrar import bara_siffror

_AR = re.compile(r"^(\d{4})$")
_MANAD = re.compile(r"^(\d{4})-(\d{1,2})$")
_KVARTAL = re.compile(r"^(\d{4})-?[KkQq]([1-4])$")
FEL = "Skriv perioden som ett år (2026), ett kvartal (2026-K2) eller en månad (2026-05)."


@dataclass(frozen=True)
class Period:
    fran: datetime.date
    till: datetime.date
    text: str

    @property
    def ar(self) -> int:
        """The calendar year the period ends in (for what is kept per year)."""
        return self.till.year


def ar(varde: int) -> Period:
    return Period(datetime.date(varde, 1, 1), datetime.date(varde, 12, 31), str(varde))


def tolka(text: str) -> Period:
    """'2026', '2026-K2' (or Q2) or '2026-05' as a Period; a clear Swedish message otherwise."""
    text = text.strip()
    try:
        if m := _AR.match(text):
            return ar(int(m[1]))
        if m := _KVARTAL.match(text):
            varde, kvartal = int(m[1]), int(m[2])
            fran = datetime.date(varde, 3 * kvartal - 2, 1)
            slut = 3 * kvartal
            till = datetime.date(varde, slut, calendar.monthrange(varde, slut)[1])
            return Period(fran, till, f"kvartal {kvartal} {varde}")
        if m := _MANAD.match(text):
            varde, manad = int(m[1]), int(m[2])
            till = datetime.date(varde, manad, calendar.monthrange(varde, manad)[1])
            return Period(
                datetime.date(varde, manad, 1), till, manad_text(datetime.date(varde, manad, 1))
            )
    except ValueError:
        pass
    raise forms.ValidationError(FEL)


def datum(fran: datetime.date, till: datetime.date) -> Period:
    return Period(fran, till, f"{fran:%Y-%m-%d} – {till:%Y-%m-%d}")


class PeriodForm(forms.Form):
    """A period by name (`period`) or by dates (`fran`, `till`); without either, the default
    the page gives (its year). Bad input gets a message beside the field, and the page falls
    back to the default."""

    period = forms.CharField(
        label="Period",
        max_length=10,
        required=False,
        help_text="År (2026), kvartal (2026-K2) eller månad (2026-05). Eller välj datum nedan.",
    )
    fran = forms.DateField(
        label="Från och med", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    till = forms.DateField(
        label="Till och med", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, standard: Period, **kwargs):
        super().__init__(*args, **kwargs)
        self.standard = standard

    def clean_period(self) -> Period | None:
        text = self.cleaned_data.get("period") or ""
        return tolka(text) if text.strip() else None

    def clean(self):
        data = super().clean()
        fran, till = data.get("fran"), data.get("till")
        if fran and till and fran > till:
            self.add_error("till", "Slutdatumet ligger före startdatumet.")
        return data

    def vald(self) -> Period:
        """The chosen period (call after is_valid()); the default when none or invalid."""
        if not self.is_bound or not self.is_valid():
            return self.standard
        data = self.cleaned_data
        if data.get("period"):
            return data["period"]
        if data.get("fran") or data.get("till"):
            return datum(
                data.get("fran") or self.standard.fran, data.get("till") or self.standard.till
            )
        return self.standard


def period_fran_begaran(request, *, idag: datetime.date) -> tuple[Period, PeriodForm]:
    """The period a quality page shows: `?period=`, `?fran=&till=`, or the old `?ar=`; the
    current year by default."""
    standard = ar(idag.year)
    text = request.GET.get("ar", "")
    if bara_siffror(text) and 2000 <= int(text) <= 2100:
        standard = ar(int(text))
    data = {k: request.GET[k] for k in ("period", "fran", "till") if request.GET.get(k)}
    form = PeriodForm(data or None, standard=standard)
    return form.vald(), form
