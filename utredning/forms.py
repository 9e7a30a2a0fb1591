"""Forms of the utredning pages (docs/regler.md: Utredning). Forms validate; services do the work
(docs/arkitektur.md: Kodstil (tunna vyer))."""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone

from ansokan.forms import Beloppfalt, FlerFilerField
from bistand.models import Kontakttyp
from bistand.parametrar import bara_siffror

from .berakning import INKOMSTTYPER, KOSTNADER
from .models import (
    SVARSKANALER,
    Handlingsplan,
    Hinder,
    KontrollStatus,
    MoteKanal,
    MoteTyp,
    Radrum,
    Utfall,
)

BOENDEPOSTER = frozenset({"hyra"})
DATUM = forms.DateInput(attrs={"type": "date"})
TID = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ForslagForm(forms.Form):
    """One set of fields per requested post: utfall_<pk>, belopp_<pk>, motivering_<pk>,
    brist_<pk>, and for boende radrum_<pk> and radrum_slut_<pk>."""

    def __init__(self, *args, poster, **kwargs):
        super().__init__(*args, **kwargs)
        self.poster = poster
        for p in poster:
            namn = p.posttyp.namn.lower()
            self.fields[f"utfall_{p.pk}"] = forms.ChoiceField(
                label=f"Förslag för {namn}",
                choices=[("", "Välj")] + list(Utfall.choices),
                error_messages={"required": "Välj ett förslag."},
            )
            self.fields[f"belopp_{p.pk}"] = forms.DecimalField(
                label=f"Belopp för {namn} (kr)",
                required=False,
                min_value=0,
                decimal_places=0,
                max_digits=10,
            )
            self.fields[f"motivering_{p.pk}"] = forms.CharField(
                label=f"Motivering för {namn} (utkast)",
                required=False,
                max_length=10000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            self.fields[f"brist_{p.pk}"] = forms.BooleanField(
                label="Avslag för att underlag saknas", required=False
            )
            if p.posttyp.kod in BOENDEPOSTER:
                self.fields[f"radrum_{p.pk}"] = forms.ChoiceField(
                    label=f"Rådrum för {namn}", choices=Radrum.choices, required=False
                )
                self.fields[f"radrum_slut_{p.pk}"] = forms.DateField(
                    label="Rådrummet slutar", required=False, widget=DATUM
                )

    def grupper(self):
        """(post, [bound fields]) for the template."""
        return [
            (p, [self[n] for n in self.fields if n.rsplit("_", 1)[-1] == str(p.pk)])
            for p in self.poster
        ]

    def rader(self) -> list[dict]:
        d = self.cleaned_data
        return [
            {
                "post": p,
                "utfall": d[f"utfall_{p.pk}"],
                "belopp": d.get(f"belopp_{p.pk}"),
                "motivering": d.get(f"motivering_{p.pk}", ""),
                "brist_pa_underlag": bool(d.get(f"brist_{p.pk}")),
                "radrum": d.get(f"radrum_{p.pk}") or "",
                "radrum_slut": d.get(f"radrum_slut_{p.pk}"),
            }
            for p in self.poster
        ]

    @staticmethod
    def initial_for(poster, forslag: dict, belopp: dict) -> dict:
        initial = {}
        for p in poster:
            f = forslag.get(p.pk)
            if f is not None:
                initial |= {
                    f"utfall_{p.pk}": f.utfall,
                    f"belopp_{p.pk}": f.belopp,
                    f"motivering_{p.pk}": f.motivering,
                    f"brist_{p.pk}": f.brist_pa_underlag,
                    f"radrum_{p.pk}": f.radrum,
                    f"radrum_slut_{p.pk}": f.radrum_slut,
                }
            elif p.pk in belopp:
                initial[f"belopp_{p.pk}"] = belopp[p.pk]
        return initial


INKOMSTRADER = 4  # empty income rows shown below the filled ones
STORSTA_ANTAL_RADER = 40


def kronor(label: str) -> forms.Field:
    """Whole kronor, written as people write them ("9 800", "9 800 kr")."""
    return Beloppfalt(
        label=label,
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=0,
        error_messages={
            "min_value": "Beloppet kan inte vara negativt.",
            "invalid": "Skriv beloppet i hela kronor, till exempel 9 800.",
            "max_decimal_places": "Skriv beloppet i hela kronor, utan ören.",
            "max_digits": "Beloppet är orimligt stort. Kontrollera siffrorna.",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )


class Manadsfalt(forms.DateField):
    """A month, typed as ÅÅÅÅ-MM (or any day of it); cleaned to its first day."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%Y-%m-%d"]

    def to_python(self, value):
        dag = super().to_python(value)
        return dag.replace(day=1) if dag else dag


class BerakningForm(forms.Form):
    """The costs and incomes of a beräkning; the household comes from the Akt. Any number of
    income rows, each with a kind and whose it is (docs/regler.md: Beräkning): the rows sent are
    read by number (`inkomst_typ_0`, `inkomst_person_0`, `inkomst_belopp_0`, …), and "Fler
    rader" shows more without any script."""

    manad = Manadsfalt(label="Månad", error_messages={"invalid": "Skriv månaden som ÅÅÅÅ-MM."})
    manader_i_foljd = forms.IntegerField(
        label="Månader i följd med försörjningsstöd", min_value=0, initial=0, required=False
    )

    def __init__(self, *args, personer=(), rader: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for kod, namn in KOSTNADER.items():
            self.fields[f"kostnad_{kod}"] = kronor(f"{namn} (kr)")
        self.personval = [("", "Hushållet")] + [(str(i), namn) for i, namn in personer]
        fyllda = self._fyllda_rader()
        self.antal_rader = min(
            STORSTA_ANTAL_RADER, rader if rader is not None else fyllda + INKOMSTRADER
        )
        for i in range(self.antal_rader):
            self.fields[f"inkomst_typ_{i}"] = forms.ChoiceField(
                label=f"Inkomst {i + 1}: slag",
                choices=[("", "Ingen")] + list(INKOMSTTYPER.items()),
                required=False,
            )
            self.fields[f"inkomst_person_{i}"] = forms.ChoiceField(
                label=f"Inkomst {i + 1}: vems", choices=self.personval, required=False
            )
            self.fields[f"inkomst_belopp_{i}"] = kronor(f"Inkomst {i + 1}: belopp (kr)")

    def _fyllda_rader(self) -> int:
        """How many income rows the data or the initial values hold (the highest number + 1)."""
        kalla = self.data if self.is_bound else self.initial
        storsta = -1
        for nyckel in kalla:
            slut = nyckel.rsplit("_", 1)[-1]
            if nyckel.startswith("inkomst_") and bara_siffror(slut):
                storsta = max(storsta, int(slut))
        return min(storsta + 1, STORSTA_ANTAL_RADER)

    def kostnadsfalt(self):
        return [self[f"kostnad_{kod}"] for kod in KOSTNADER]

    def inkomstrader(self):
        """(number, kind, person, amount) bound fields per row, for a table."""
        return [
            (
                i + 1,
                self[f"inkomst_typ_{i}"],
                self[f"inkomst_person_{i}"],
                self[f"inkomst_belopp_{i}"],
            )
            for i in range(self.antal_rader)
        ]

    def clean(self):
        d = super().clean()
        for i in range(self.antal_rader):
            if d.get(f"inkomst_typ_{i}") and d.get(f"inkomst_belopp_{i}") is None:
                self.add_error(f"inkomst_belopp_{i}", "Ange beloppet.")
            if d.get(f"inkomst_belopp_{i}") and not d.get(f"inkomst_typ_{i}"):
                self.add_error(f"inkomst_typ_{i}", "Välj vilken sorts inkomst det är.")
        return d

    def kostnader(self) -> dict[str, int]:
        return {kod: int(self.cleaned_data.get(f"kostnad_{kod}") or 0) for kod in KOSTNADER}

    def _skickade(self) -> list[int]:
        return [i for i in range(self.antal_rader) if self.cleaned_data.get(f"inkomst_typ_{i}")]

    def inkomster(self) -> list[dict]:
        d = self.cleaned_data
        rader = []
        for i in self._skickade():
            rad = {"typ": d[f"inkomst_typ_{i}"], "belopp": int(d[f"inkomst_belopp_{i}"])}
            if d.get(f"inkomst_person_{i}") not in (None, ""):
                rad["person"] = int(d[f"inkomst_person_{i}"])
            rader.append(rad)
        return rader

    def fel_fran_berakningen(self, fel) -> None:
        """Put the calculation's errors (keyed by the API's paths) next to the fields."""
        rader = self._skickade()
        for sokvag, texter in fel.message_dict.items():
            falt = None
            if sokvag.startswith("kostnader."):
                falt = f"kostnad_{sokvag.removeprefix('kostnader.')}"
            elif sokvag == "manad":
                falt = "manad"
            elif sokvag == "manader_i_foljd_med_bistand":
                falt = "manader_i_foljd"
            elif traff := re.match(r"^inkomster\[(\d+)\](?:\.(\w+))?$", sokvag):
                index = int(traff.group(1))
                if index < len(rader):
                    del_ = traff.group(2) if traff.group(2) in ("typ", "person") else "belopp"
                    falt = f"inkomst_{del_}_{rader[index]}"
            for text in texter:
                self.add_error(falt if falt in self.fields else None, text)


class TextForm(forms.Form):
    falt = forms.ChoiceField(
        choices=[
            ("sokandes_berattelse", "Sökandes egen berättelse"),
            ("sokandes_syn", "Sökandes syn på sin situation och sina planer"),
            ("individuell_bedomning", "Individuell bedömning"),
        ]
    )
    text = forms.CharField(required=False, max_length=20000, widget=forms.Textarea)


class KontrollerForm(forms.Form):
    """Every control of the utredning in one form (docs/regler.md: Utredning): a status, a date
    and a note per control (`status_<pk>`, `datum_<pk>`, `anteckning_<pk>`). "Allt kontrollerat
    utan anmärkning" marks what is still undone as done today; the rows changed by hand are the
    exceptions."""

    def __init__(self, *args, kontroller, idag, **kwargs):
        super().__init__(*args, **kwargs)
        self.kontroller = kontroller
        for k in kontroller:
            self.fields[f"status_{k.pk}"] = forms.ChoiceField(
                label=f"{k.namn}: status", choices=KontrollStatus.choices, initial=k.status
            )
            self.fields[f"datum_{k.pk}"] = forms.DateField(
                label=f"{k.namn}: datum",
                required=False,
                widget=DATUM,
                initial=k.datum or idag,
                error_messages={"invalid": "Skriv datumet som ÅÅÅÅ-MM-DD."},
            )
            self.fields[f"anteckning_{k.pk}"] = forms.CharField(
                label=f"{k.namn}: anteckning",
                required=False,
                max_length=500,
                initial=k.anteckning,
            )

    def rader_for_mall(self):
        """(control, status, date, note) bound fields per control, for a table."""
        return [
            (k, self[f"status_{k.pk}"], self[f"datum_{k.pk}"], self[f"anteckning_{k.pk}"])
            for k in self.kontroller
        ]

    def rader(self) -> list[dict]:
        d = self.cleaned_data
        return [
            {
                "kontroll": k,
                "status": d[f"status_{k.pk}"],
                "datum": d.get(f"datum_{k.pk}"),
                "anteckning": d.get(f"anteckning_{k.pk}") or "",
            }
            for k in self.kontroller
        ]


class MoteForm(forms.Form):
    # Unbound, its markup depends on nothing but its prefix and the day: drawn once a day
    # (`{% formular %}`, docs/prestanda.md: Formulärens fält).
    fast_markup = True

    typ = forms.ChoiceField(label="Typ av möte", choices=MoteTyp.choices)
    kanal = forms.ChoiceField(label="Sätt", choices=MoteKanal.choices)
    med_vem = forms.CharField(label="Med vem", max_length=200)
    bokad = forms.DateTimeField(label="Bokad till", widget=TID)


class MoteHallenForm(forms.Form):
    # Unbound, its markup depends on nothing but its prefix and the day: drawn once a day
    # (`{% formular %}`, docs/prestanda.md: Formulärens fält).
    fast_markup = True

    hallen = forms.DateTimeField(label="Mötet hölls", widget=TID)
    anteckning = forms.CharField(
        label="Anteckning", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class HinderForm(forms.Form):
    # Unbound, its markup depends on nothing but its prefix and the day: drawn once a day
    # (`{% formular %}`, docs/prestanda.md: Formulärens fält).
    fast_markup = True

    hinder = forms.ChoiceField(label="Försörjningshinder", choices=[("", "Välj")] + Hinder.choices)
    anteckning = forms.CharField(label="Anteckning", required=False, max_length=300)


class KommuniceringForm(forms.Form):
    # Unbound, its markup depends on nothing but its prefix and the day: drawn once a day
    # (`{% formular %}`, docs/prestanda.md: Formulärens fält).
    fast_markup = True

    vad = forms.CharField(
        label="Vad som kommuniceras",
        help_text="Skriv uppgifterna så att sökanden förstår dem utan att fråga.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": "Skriv vad som kommuniceras."},
    )
    svara_senast = forms.DateField(
        label="Svar senast", widget=DATUM, error_messages={"required": "Ange ett svarsdatum."}
    )
    filer = FlerFilerField(
        label="Handlingar som skickas med (om några)",
        help_text="PDF, JPEG, PNG eller HEIC. De läggs i samma PDF som texten.",
        required=False,
    )


class KommuniceringSvarForm(forms.Form):
    """Staff register an answer that came by any channel (FL 25 §)."""

    # Unbound, its markup depends on nothing but its prefix and the day: drawn once a day
    # (`{% formular %}`, docs/prestanda.md: Formulärens fält).
    fast_markup = True

    svar = forms.CharField(
        label="Sökandes svar", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    kanal = forms.ChoiceField(
        label="Hur kom svaret in?",
        choices=[("", "Välj")] + [k for k in SVARSKANALER if k[0] != "etjanst"],
        error_messages={"required": "Välj hur svaret kom in."},
    )
    besvarad = forms.DateField(
        label="Datum då svaret kom in", widget=DATUM, required=False, initial=timezone.localdate
    )
    filer = FlerFilerField(label="Filer med svaret (om några)", required=False)


class EtjanstKommuniceringSvarForm(forms.Form):
    """The applicant answers a kommunicering in the e-tjänst: text and files."""

    svar = forms.CharField(
        label="Ditt svar",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    filer = FlerFilerField(
        label="Filer (om du vill skicka med något)",
        help_text="Du kan välja flera filer. PDF, JPEG, PNG eller HEIC (bild från mobilen).",
        required=False,
    )

    def clean(self):
        data = super().clean()
        if not (data.get("svar") or "").strip() and not data.get("filer") and not self.errors:
            self.add_error("svar", "Skriv ett svar eller bifoga en fil.")
        return data


class HandlingsplanForm(forms.ModelForm):
    class Meta:
        model = Handlingsplan
        fields = [
            "mal",
            "aktiviteter",
            "sokandes_ataganden",
            "handlaggarens_ataganden",
            "uppfoljning",
        ]
        widgets = {
            "mal": forms.Textarea(attrs={"rows": 3}),
            "aktiviteter": forms.Textarea(attrs={"rows": 3}),
            "sokandes_ataganden": forms.Textarea(attrs={"rows": 3}),
            "handlaggarens_ataganden": forms.Textarea(attrs={"rows": 3}),
            "uppfoljning": DATUM,
        }


class RemissForm(forms.Form):
    person = forms.TypedChoiceField(label="Gäller", coerce=int)
    text = forms.CharField(label="Uppdrag", widget=forms.Textarea(attrs={"rows": 3}))
    skickad = forms.DateField(label="Skickad", widget=DATUM)

    def __init__(self, *args, personer=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(p.pk, str(p)) for p in personer]


class NarvaroForm(forms.Form):
    # Unbound, its markup depends on nothing but its prefix and the day: drawn once a day
    # (`{% formular %}`, docs/prestanda.md: Formulärens fält).
    fast_markup = True

    fran = forms.DateField(label="Från", widget=DATUM)
    till = forms.DateField(label="Till", widget=DATUM)
    planerade_tillfallen = forms.IntegerField(label="Planerade tillfällen", min_value=0)
    narvarande = forms.IntegerField(label="Närvarande", min_value=0)


class JournalForm(forms.Form):
    kontakttyp = forms.ChoiceField(label="Kontakt", choices=Kontakttyp.choices)
    handelse_datum = forms.DateField(label="Datum för kontakten", widget=DATUM)
    text = forms.CharField(
        label="Anteckning",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Skriv en anteckning."},
    )
    mottagare = forms.ChoiceField(
        label="Vem är anteckningen till?",
        choices=[
            ("intern", "Intern anteckning (stannar i akten)"),
            ("enskilde", "Till den enskilde (kan visas på sökandes Mina sidor)"),
        ],
        initial="intern",
        required=False,
        widget=forms.RadioSelect,
        help_text="Bara en anteckning till den enskilde kan visas på Mina sidor.",
    )
    signera = forms.BooleanField(label="Signera nu (anteckningen låses)", required=False)

    def clean(self):
        data = super().clean()
        if data.get("mottagare") == "enskilde" and data.get("kontakttyp") == Kontakttyp.INTERN:
            self.add_error(
                "mottagare",
                "En intern anteckning kan inte skrivas till den enskilde. Välj en annan "
                "kontakt eller Intern anteckning.",
            )
        data["till_enskilde"] = data.pop("mottagare", "intern") == "enskilde"
        return data
