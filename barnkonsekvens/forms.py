"""Forms of barnkonsekvens: they validate input; services decide (docs/arkitektur.md: Kodstil (tunna
vyer))."""

from __future__ import annotations

from django import forms

from .models import EjSamtalSkal, SamtalsForm

JA_NEJ = [("ja", "Ja, ett barnsamtal har hållits"), ("nej", "Nej, inget barnsamtal hölls")]


def _text(label: str, help_text: str = "", rader: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        widget=forms.Textarea(attrs={"rows": rader}),
    )


class AnalysForm(forms.Form):
    """The analysis for one child (docs/regler.md: Barnkonsekvensanalys). Nothing is required to
    save a draft; what signing needs is checked by `services.analys_granska` and shown next to the
    field."""

    behov = _text("Barnets behov", "Det du vet om barnets behov: hälsa, skola, fritid, trygghet.")
    konsekvens_bifall = _text("Konsekvenser för barnet om ansökan beviljas")
    konsekvens_avslag = _text("Konsekvenser för barnet om ansökan avslås")
    barnsamtal = forms.TypedChoiceField(
        label="Har barnet fått komma till tals i ett barnsamtal?",
        choices=JA_NEJ,
        coerce=lambda v: v == "ja",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    samtal_datum = forms.DateField(
        label="Datum för samtalet",
        help_text="Till exempel 2026-11-20.",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Skriv datumet som ÅÅÅÅ-MM-DD."},
    )
    samtal_av = forms.CharField(
        label="Vem eller vilka höll samtalet", max_length=200, required=False
    )
    samtal_form = forms.ChoiceField(
        label="Hur hölls samtalet",
        choices=[("", "Välj")] + SamtalsForm.choices,
        required=False,
    )
    barnets_asikt = _text(
        "Vad barnet sa", "Återge barnets egna ord och synpunkter så långt det går.", rader=5
    )
    ej_samtal_skal = forms.ChoiceField(
        label="Varför hölls inget barnsamtal",
        choices=[("", "Välj")] + EjSamtalSkal.choices,
        required=False,
    )
    ej_samtal_motivering = _text("Förklara skälet", rader=3)
    vagning = _text(
        "Avvägning", "Hur barnets bästa har vägts mot andra intressen i ärendet.", rader=5
    )
    slutsats = _text("Slutsats", "Beslutets motivering ska spegla slutsatsen.", rader=4)
    direkt_till_barn = forms.BooleanField(
        label="Bistånd föreslås direkt till barnet", required=False
    )
    direkt_till_barn_motiv = _text(
        "Varför bistånd direkt till barnet",
        "Till exempel när föräldrarna inte försörjer barnet (Socialstyrelsen 2013).",
        rader=3,
    )

    @classmethod
    def fran_analys(cls, analys) -> dict:
        if analys is None:
            return {}
        initial = {namn: getattr(analys, namn) for namn in cls.base_fields}
        initial["barnsamtal"] = {True: "ja", False: "nej"}.get(analys.barnsamtal)
        return initial


class OrosanmalanForm(forms.Form):
    """An orosanmälan made from the Akt (docs/regler.md: Barnkonsekvensanalys)."""

    datum = forms.DateField(
        label="Datum för anmälan",
        help_text="Till exempel 2026-11-20.",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Ange datum för anmälan.",
            "invalid": "Skriv datumet som ÅÅÅÅ-MM-DD.",
        },
    )
    mottagare = forms.CharField(
        label="Anmälan gjordes till",
        help_text="Den enhet som tog emot anmälan, till exempel Barn och unga.",
        max_length=200,
        error_messages={"required": "Ange vilken enhet anmälan gjordes till."},
    )
    barn = forms.TypedChoiceField(
        label="Barn som anmälan gäller", coerce=int, empty_value=None, required=False
    )
    skal = forms.CharField(
        label="Skäl till oro",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Beskriv vad oron gäller."},
    )

    def __init__(self, *args, barn_val=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["barn"].choices = [("", "Inget särskilt barn")] + [
            (p.pk, p.namn) for p in barn_val
        ]


class AterkopplingForm(forms.Form):
    datum = forms.DateField(
        label="Datum för återkoppling",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Ange datum för återkopplingen.",
            "invalid": "Skriv datumet som ÅÅÅÅ-MM-DD.",
        },
    )
