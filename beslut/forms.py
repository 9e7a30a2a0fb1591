"""Forms of beslut: they validate input, never drive transitions (docs/arkitektur.md: Kodstil (tunna
vyer))."""

from __future__ import annotations

import datetime

from django import forms
from django.forms.models import ModelChoiceIteratorValue
from django.utils import timezone

from ansokan.forms import FlerFilerField, datumfalt
from bistand.forberedd import datum
from bistand.grunddataversion import grunddata_rader
from bistand.models import Lagrum
from utredning.models import RiktlinjeAvsnitt

from .inmatning import PostBeslut
from .models import BEVILJANDE, UTFALL, Andringsgrund, Avvisningsgrund, Overklagande, Samrad

RADRUM_VAL = [
    ("", "Inget rådrum"),
    ("sanka_boendekostnad", "Sänka boendekostnaden"),
    ("salja_bostad", "Sälja bostaden"),
]


def lagrum_val(dag: datetime.date) -> list[tuple[str, str]]:
    """The legal grounds in force, from the Lagrum table (docs/regler.md: Lagar och källor)."""
    sett: dict[str, str] = {}
    i_kraft = grunddata_rader(
        ("lagrum_val",),
        lambda: Lagrum.objects.filter(giltig_fran__lte=datum("dag")).order_by(
            "kod", "-giltig_fran"
        ),
        {"dag": dag},
    )
    for rad in i_kraft:
        if rad.kod not in sett and (rad.kod.startswith("sol-") or rad.kod.startswith("fl-")):
            sett[rad.kod] = f"{rad.beskrivning or rad.kod} – {rad.text}"
    forst = ["sol-ratt-till-bistand", "sol-bistand-utover"]
    return [(k, sett[k]) for k in forst if k in sett] + [
        (k, v) for k, v in sett.items() if k not in forst
    ]


def avsnitt_fraga():
    """Every riktlinje section with its riktlinje: the choices of a decision's avsteg."""
    return RiktlinjeAvsnitt.objects.select_related("riktlinje")


def avsnitt_val() -> list:
    """The choices of the riktlinje section field (`avsnitt_fraga`), read once: a select
    renders by reading its queryset again, so a page with one form per post would read the
    sections per post. The rows come from a prepared query (docs/prestanda.md: Förberedda
    frågor); the choices are ModelChoiceField's own."""
    falt = forms.ModelChoiceField(queryset=avsnitt_fraga(), required=False)
    rader = grunddata_rader(("avsnitt_val",), avsnitt_fraga, {})
    return [("", falt.empty_label)] + [
        (ModelChoiceIteratorValue(falt.prepare_value(rad), rad), falt.label_from_instance(rad))
        for rad in rader
    ]


class PostBeslutForm(forms.Form):
    """The decision for one requested post; prefixed `p<post pk>` on the page."""

    utfall = forms.ChoiceField(label="Beslut", choices=UTFALL, widget=forms.RadioSelect)
    belopp = forms.DecimalField(
        label="Beviljat belopp (kr)",
        required=False,
        min_value=0,
        decimal_places=0,
        help_text="Vid bifall och delvis bifall. Hämtat från beräkningen när det finns.",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    lagrum = forms.ChoiceField(label="Lagrum")
    motivering = forms.CharField(
        label="Motivering",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Krävs vid avslag, delvis bifall och avvisning. Skriv så att den sökande "
        "förstår varför.",
    )
    avvisningsgrund = forms.ChoiceField(
        label="Grund för avvisning",
        choices=[("", "–")] + list(Avvisningsgrund.choices),
        required=False,
        help_text="Bara vid avvisning.",
    )
    period_fran = datumfalt("Gäller från", required=False)
    period_till = datumfalt("Gäller till och med", required=False)
    period_skal = forms.CharField(
        label="Skäl för en period längre än en månad",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Ett beslut om en löpande post gäller en månad. Skriv varför om det ska "
        "gälla längre.",
    )
    andringsgrund = forms.ChoiceField(
        label="Om ändringen är till nackdel för den sökande: skäl enligt 37 § förvaltningslagen",
        choices=[("", "–")] + list(Andringsgrund.choices),
        required=False,
    )
    brist_pa_underlag = forms.BooleanField(label="Avslag för att underlag saknas", required=False)
    radrum = forms.ChoiceField(label="Rådrum", choices=RADRUM_VAL, required=False)
    radrum_slut = datumfalt("Rådrummet slutar", required=False)
    avsteg_avser = forms.ChoiceField(
        label="Om beslutet är ett avsteg: avsteget gäller",
        choices=Samrad.Avser.choices,
        required=False,
        help_text="Systemet ser själv om beslutet är ett avsteg (mer än beräkningen eller "
        "riktlinjernas nivå). Då krävs samråd innan beslutet fattas.",
    )
    avsteg_avsnitt = forms.ModelChoiceField(
        label="Avsnitt i riktlinjerna", queryset=None, required=False
    )
    avsteg_skal = forms.CharField(
        label="Skäl för avsteget (för samrådet)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args,
        avsnitt_qs=None,
        avsnitt_choices=None,
        lagrum_choices=None,
        andring=False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        if not andring:
            del self.fields["andringsgrund"]

        # `is None`, not `or`: the truth of a queryset reads every row of it.
        self.fields["avsteg_avsnitt"].queryset = (
            RiktlinjeAvsnitt.objects.none() if avsnitt_qs is None else avsnitt_qs
        )
        if avsnitt_choices is not None:  # read once for a page of forms (`avsnitt_val`)
            self.fields["avsteg_avsnitt"].choices = avsnitt_choices
        self.fields["lagrum"].choices = lagrum_choices or lagrum_val(timezone.localdate())

    def clean(self):
        cd = super().clean()
        # The amount field is prefilled from the förslag; with avslag or avvisning nothing is
        # granted, so a leftover amount is not part of the decision.
        if cd.get("utfall") not in BEVILJANDE:
            cd["belopp"] = None
        return cd

    def post_beslut(self, post) -> PostBeslut:
        """The decision for `post` as `beslut_fatta` takes it, from the cleaned form."""
        cd = self.cleaned_data
        return PostBeslut(
            post=post,
            utfall=cd["utfall"],
            belopp=cd.get("belopp"),
            lagrum_kod=cd["lagrum"],
            motivering=cd.get("motivering") or "",
            period_fran=cd.get("period_fran"),
            period_till=cd.get("period_till"),
            period_skal=cd.get("period_skal") or "",
            brist_pa_underlag=cd.get("brist_pa_underlag") or False,
            radrum=cd.get("radrum") or "",
            radrum_slut=cd.get("radrum_slut"),
            avvisningsgrund=cd.get("avvisningsgrund") or "",
            andringsgrund=cd.get("andringsgrund") or "",
        )


class AndringsbeslutForm(PostBeslutForm):
    """An ändringsbeslut on the nämnd's own initiative (FL 37 §): why the decision is changed,
    the new decision for the post, and, when the change goes against the applicant, the ground
    of FL 37 § andra stycket. An avsteg needs its samråd first, as any decision; the avsteg
    fields are for asking it from the same page."""

    anledning = forms.ChoiceField(
        label="Varför ändras beslutet? (37 § förvaltningslagen)",
        choices=[
            ("nya_omstandigheter", "Nya omständigheter, till exempel en ändrad inkomst eller hyra"),
            ("annan_anledning", "Beslutet är felaktigt av någon annan anledning"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Välj varför beslutet ändras."},
    )

    def __init__(self, *args, **kwargs):
        kwargs["andring"] = True
        super().__init__(*args, **kwargs)
        motivering = self.fields["motivering"]
        motivering.required = True
        motivering.help_text = (
            "Skriv vad som har ändrats och vad det nya beslutet grundar sig på, så att den "
            "sökande förstår varför."
        )
        motivering.error_messages["required"] = "Skriv varför beslutet ändras."
        self.order_fields(["anledning"])


class SamradSvarForm(forms.Form):
    beslut = forms.ChoiceField(
        label="Ditt svar",
        choices=[("godkand", "Godkänn avsteget"), ("avslagen", "Godkänn inte")],
        widget=forms.RadioSelect,
    )
    kommentar = forms.CharField(
        label="Kommentar", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class OverklagandeForm(forms.Form):
    """The applicant's appeal in the e-tjänst (FL 43 §): one or more decisions at once, with
    documents that support it."""

    beslut = forms.MultipleChoiceField(
        label="Vilka beslut vill du överklaga?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Välj minst ett beslut som du vill överklaga."},
    )
    text = forms.CharField(
        label="Hur vill du att beslutet ska ändras, och varför?",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Skriv hur du vill att beslutet ska ändras och varför."},
    )
    filer = FlerFilerField(
        label="Handlingar som stöder ditt överklagande (om du vill)",
        help_text="Du kan välja flera filer. PDF, JPEG, PNG eller HEIC (bild från mobilen).",
        required=False,
    )

    def __init__(self, *args, beslut_val=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["beslut"].choices = [
            (
                str(b.pk),
                f"{b.rubrik}: {b.get_utfall_display().lower()}"
                + (f" – sista dag att överklaga: {b.sista_dag:%Y-%m-%d}" if b.sista_dag else ""),
            )
            for b in beslut_val
        ]


class PappersoverklagandeForm(OverklagandeForm):
    inkommen = datumfalt("Datum då överklagandet kom in till nämnden")


class OmprovningForm(forms.Form):
    andras = forms.ChoiceField(
        label="Ändras beslutet som den sökande begär?",
        choices=[("nej", "Nej, beslutet ändras inte"), ("ja", "Ja, beslutet ändras som begärt")],
        widget=forms.RadioSelect,
    )
    motivering = forms.CharField(
        label="Nämndens bedömning", widget=forms.Textarea(attrs={"rows": 4})
    )
    utfall = forms.ChoiceField(
        label="Nytt utfall, om beslutet ändras",
        choices=[("", "–"), ("bifall", "Bifall"), ("delvis_bifall", "Delvis bifall")],
        required=False,
        help_text="Bifall utan belopp beviljar det sökta beloppet.",
    )
    belopp = forms.DecimalField(
        label="Nytt beviljat belopp (kr), om beslutet ändras",
        required=False,
        min_value=0,
        decimal_places=0,
    )


class AterkallaForm(forms.Form):
    text = forms.CharField(
        label="Hur och när återkallade den sökande överklagandet?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Skriv hur och när den sökande återkallade överklagandet."},
    )


class OverlamnaForm(forms.Form):
    yttrande = forms.CharField(
        label="Nämndens yttrande till förvaltningsrätten",
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class DomForm(forms.Form):
    dom = forms.ChoiceField(label="Domens utgång", choices=Overklagande.Dom.choices)
    dom_datum = datumfalt("Domens datum")
    dom_avsnitt = forms.ModelChoiceField(
        label="Avsnitt i riktlinjerna som domen gällde", queryset=None, required=False
    )
    kommentar = forms.CharField(
        label="Kommentar", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["dom_avsnitt"].queryset = RiktlinjeAvsnitt.objects.select_related("riktlinje")


class AvgorandeAvslagForm(forms.Form):
    """FL 12 §: the special decision refusing a request that the matter be decided."""

    motivering = forms.CharField(
        label="Motivering till sökanden",
        help_text="Skriv varför ärendet inte kan avgöras nu och vad som återstår.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Skriv varför ärendet inte kan avgöras nu och vad som återstår."
        },
    )
