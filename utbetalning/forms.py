"""Forms of utbetalning: they validate input; the services decide."""

from __future__ import annotations

from django import forms

from ansokan.models import Posttyp

from .models import Aterkrav, Kontotyp, Mottagartyp, Ocrkrav, Reglering
from .services import KONTROLLPUNKTER


class BetalfilForm(forms.Form):
    datum = forms.DateField(
        label="Utbetalningsdag",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Ange utbetalningsdag.",
            "invalid": "Skriv datumet ÅÅÅÅ-MM-DD.",
        },
    )


class AvstamningForm(forms.Form):
    fil = forms.FileField(
        label="Fil från banken (camt.054 eller CSV)",
        error_messages={"required": "Välj filen från banken.", "empty": "Filen är tom."},
    )


class StickprovForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kod, text in KONTROLLPUNKTER:
            self.fields[kod] = forms.BooleanField(label=text, required=False)

    checklista = forms.CharField(required=False, widget=forms.HiddenInput)


class MottagareForm(forms.Form):
    typ = forms.ChoiceField(
        label="Typ av mottagare",
        choices=[c for c in Mottagartyp.choices if c[0] != Mottagartyp.SOKANDE],
    )
    namn = forms.CharField(
        label="Namn", max_length=140, error_messages={"required": "Skriv namnet."}
    )
    organisationsnummer = forms.CharField(
        label="Organisationsnummer", max_length=13, required=False
    )
    ocrkrav = forms.ChoiceField(label="Referens", choices=Ocrkrav.choices, initial=Ocrkrav.INGET)


class KontoForm(forms.Form):
    kontotyp = forms.ChoiceField(label="Kontotyp", choices=Kontotyp.choices)
    clearingnummer = forms.CharField(
        label="Clearingnummer (bara för bankkonto)", max_length=8, required=False
    )
    kontonummer = forms.CharField(
        label="Konto-, bankgiro- eller plusgironummer",
        max_length=20,
        error_messages={"required": "Ange numret."},
    )


class NarvaroProvningForm(forms.Form):
    text = forms.CharField(
        label="Vad har du kontrollerat?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class AterkravBeslutForm(forms.Form):
    belopp = forms.DecimalField(
        label="Belopp att betala tillbaka (kr)",
        min_value=0,
        decimal_places=2,
        error_messages={"required": "Ange beloppet.", "invalid": "Skriv beloppet med siffror."},
    )
    grund = forms.ChoiceField(
        label="Grund", choices=[("", "Välj grund"), *Aterkrav.Grund.choices], required=False
    )
    ond_tro = forms.ChoiceField(
        label="Har den enskilde handlat i ond tro?",
        choices=[("ja", "Ja"), ("nej", "Nej")],
        widget=forms.RadioSelect,
        error_messages={"required": "Svara ja eller nej."},
    )
    motivering = forms.CharField(
        label="Motivering", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    antal = forms.IntegerField(
        label="Antal månatliga avbetalningar",
        min_value=1,
        max_value=60,
        initial=3,
        error_messages={
            "required": "Ange antal avbetalningar.",
            "min_value": "Minst en avbetalning.",
            "max_value": "Högst 60 avbetalningar.",
        },
    )
    forsta = forms.DateField(
        label="Första avbetalningen senast",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Ange datum för första avbetalningen.",
            "invalid": "Skriv datumet ÅÅÅÅ-MM-DD.",
        },
    )


class AterkravNedForm(forms.Form):
    motivering = forms.CharField(
        label="Varför görs inget återkrav?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class RegleringForm(forms.Form):
    typ = forms.ChoiceField(label="Vad", choices=Reglering.Typ.choices)
    belopp = forms.DecimalField(
        label="Belopp (kr)",
        min_value=0,
        decimal_places=2,
        error_messages={"required": "Ange beloppet.", "invalid": "Skriv beloppet med siffror."},
    )
    datum = forms.DateField(
        label="Datum",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Ange datum.", "invalid": "Skriv datumet ÅÅÅÅ-MM-DD."},
    )
    samtycke = forms.CharField(
        label="Skriftligt samtycke (dokument)", max_length=200, required=False
    )


class BetalningsvalForm(forms.Form):
    posttyp = forms.ModelChoiceField(
        label="Post", queryset=None, required=False, empty_label="Alla poster utan eget val"
    )
    mottagare = forms.ModelChoiceField(
        label="Mottagare", queryset=None, error_messages={"required": "Välj mottagare."}
    )
    andel = forms.IntegerField(
        label="Andel (procent)",
        initial=100,
        min_value=1,
        max_value=100,
        error_messages={
            "required": "Ange andel.",
            "min_value": "Minst 1 procent.",
            "max_value": "Högst 100 procent.",
        },
    )
    referens = forms.CharField(label="OCR-nummer eller meddelande", max_length=40, required=False)

    def __init__(self, *args, akt, mottagare_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["posttyp"].queryset = Posttyp.objects.order_by("ordning")
        self.fields["mottagare"].queryset = mottagare_qs


class AterkravForslagForm(forms.Form):
    belopp = forms.DecimalField(
        label="Utbetalt för mycket (kr)",
        min_value=0,
        decimal_places=2,
        error_messages={"required": "Ange beloppet.", "invalid": "Skriv beloppet med siffror."},
    )
    utbetalt_datum = forms.DateField(
        label="När betalades det ut?",
        widget=forms.DateInput(attrs={"type": "date"}),
        required=False,
        error_messages={"invalid": "Skriv datumet ÅÅÅÅ-MM-DD."},
    )
    beskrivning = forms.CharField(
        label="Vilka uppgifter saknades eller var fel?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class AvvisadForm(forms.Form):
    """What to do with a payment the bank rejected or returned (docs/regler.md: Avstämning)."""

    val = forms.ChoiceField(
        label="Vad ska göras?",
        choices=[
            ("betala_igen", "Betala igen till det nya kontot"),
            ("aterkrav", "Föreslå återkrav – pengarna har hamnat fel"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Välj vad som ska göras med utbetalningen."},
    )
    beskrivning = forms.CharField(
        label="Vad har gått fel med pengarna? (vid återkrav)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=1000,
    )
