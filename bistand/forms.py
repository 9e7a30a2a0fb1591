"""Forms of the core's staff pages. They validate; services do the writing."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from .identitet import OgiltigtIdentitetsnummer, tolka_identitetsnummer
from .models import MedlemsRoll

DATUM = forms.DateInput(attrs={"type": "date"})


class MedlemForm(forms.Form):
    """Add a person to the household (SOSFS 2013:1: who belongs to the household)."""

    personnummer = forms.CharField(
        label="Personnummer eller samordningsnummer",
        help_text="10 eller 12 siffror, till exempel ÅÅÅÅMMDD-NNNN.",
        max_length=20,
    )
    fornamn = forms.CharField(label="Förnamn", max_length=100)
    efternamn = forms.CharField(label="Efternamn", max_length=100)
    roll = forms.ChoiceField(label="Roll i hushållet", choices=MedlemsRoll.choices)
    umgangesdagar = forms.IntegerField(
        label="Umgängesdagar per månad",
        help_text="Bara för barn som bor här på umgänge. Lämna tomt om barnet bor här.",
        required=False,
        min_value=1,
        max_value=31,
    )
    fran = forms.DateField(label="Med i hushållet från", widget=DATUM)

    def clean_personnummer(self) -> str:
        try:
            return tolka_identitetsnummer(self.cleaned_data["personnummer"]).nummer
        except OgiltigtIdentitetsnummer as fel:
            raise forms.ValidationError(str(fel)) from None

    def clean_fran(self) -> datetime.date:
        fran = self.cleaned_data["fran"]
        if fran > timezone.localdate() + datetime.timedelta(days=31):
            raise forms.ValidationError("Datumet kan inte ligga mer än en månad fram i tiden.")
        return fran


class AvslutaForm(forms.Form):
    till = forms.DateField(label="Flyttade ut", widget=DATUM)


def fel_till_formular(form: forms.Form, fel: ValidationError) -> None:
    """Show a service's ValidationError next to the field it names, or above the form
    (docs/arkitektur.md: Kodstil (validering i lager) — errors the user can fix are shown next to
    the field)."""
    if hasattr(fel, "error_dict"):
        for falt, texter in fel.message_dict.items():
            for text in texter:
                form.add_error(falt if falt in form.fields else None, text)
    else:
        for text in fel.messages:
            form.add_error(None, text)
