"""Forms of the e-tjänst and of staff intake. They validate; they never drive transitions
(docs/arkitektur.md: Kodstil (tunna vyer)). Every error is plain Swedish, next to its field."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone

from bistand.identitet import OgiltigtIdentitetsnummer, tolka_identitetsnummer
from bistand.kalender import manad_text

from . import filer
from .models import SYSTEMKATEGORIER, Kanal, Kategori, Posttyp, Typ

# A sanity bound against typing errors (a misplaced zero), not a rule of the law.
STORSTA_BELOPP = Decimal("1000000")


class Personnummerfalt(forms.CharField):
    """10 or 12 digits, with or without hyphen; cleaned to 12 digits (FOL 18 §, 18 a §)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("help_text", "10 eller 12 siffror, till exempel ÅÅÅÅMMDD-NNNN.")
        kwargs.setdefault("error_messages", {"required": "Skriv ditt personnummer."})
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        try:
            return tolka_identitetsnummer(value).nummer
        except OgiltigtIdentitetsnummer as fel:
            raise forms.ValidationError(str(fel)) from None


# Spaces people put between thousands: ordinary, non-breaking, narrow non-breaking, thin.
_MELLANRUM = re.compile(r"[\s\u00a0\u202f\u2009]+")
_KRONOR = re.compile(r"(?:kr\.?|kronor|sek|:-)$", re.IGNORECASE)
_TUSENTAL_MED_PUNKT = re.compile(r"^-?\d{1,3}(?:\.\d{3})+$")
_TAL = re.compile(r"^-?\d+(?:\.\d+)?$")


def tolka_belopp(text: str) -> Decimal | None:
    """Read an amount the way people write it in Swedish, or None when it cannot be read.

    docs/regler.md "Handläggarens arbete": spaces of any kind group thousands; "kr", "kronor"
    and ":-" after the number are ignored; a comma is the decimal sign; a dot followed by
    groups of exactly three digits ("9.800") groups thousands, otherwise it is a decimal sign.
    """
    t = text.strip().replace("\u2212", "-")
    t = _KRONOR.sub("", t.strip())
    t = _MELLANRUM.sub("", t)
    if "," in t:
        if t.count(",") > 1:
            return None
        t = t.replace(".", "").replace(",", ".")
    elif _TUSENTAL_MED_PUNKT.match(t):
        t = t.replace(".", "")
    if not _TAL.match(t):
        return None
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


class Beloppfalt(forms.DecimalField):
    """An amount in kronor, accepted as people write it ("9 800", "9 800 kr", "9800,50",
    "9.800"); what cannot be read gets a Swedish message and the typed text stays."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, (Decimal, int)):
            return Decimal(value)
        tal = tolka_belopp(str(value))
        if tal is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return tal


def belopp(label: str, **kwargs) -> Beloppfalt:
    """An amount in kronor per month: not negative, not absurd."""
    return Beloppfalt(
        label=label,
        required=False,
        min_value=0,
        max_value=STORSTA_BELOPP,
        decimal_places=2,
        localize=True,
        error_messages={
            "min_value": "Beloppet kan inte vara negativt.",
            "max_value": "Beloppet är orimligt stort. Kontrollera siffrorna.",
            "invalid": (
                "Vi kan inte läsa beloppet. Skriv det i kronor med siffror, "
                "till exempel 9 800 eller 9 800,50."
            ),
            "max_decimal_places": "Skriv högst två decimaler (ören).",
            "max_digits": "Beloppet är orimligt stort. Kontrollera siffrorna.",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        **kwargs,
    )


def ej_framtid(dag: datetime.date | None) -> None:
    if dag and dag > timezone.localdate():
        raise forms.ValidationError("Datumet kan inte vara i framtiden.")


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def datumfalt(label: str, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=DatumInput(),
        error_messages={
            "invalid": "Skriv datumet som ÅÅÅÅ-MM-DD.",
            "required": "Ange ett datum.",
        },
        **kwargs,
    )


class TestlegitimationForm(forms.Form):
    personnummer = Personnummerfalt(label="Personnummer")


class OmDigForm(forms.Form):
    fornamn = forms.CharField(
        label="Förnamn", max_length=100, error_messages={"required": "Skriv ditt förnamn."}
    )
    efternamn = forms.CharField(
        label="Efternamn", max_length=100, error_messages={"required": "Skriv ditt efternamn."}
    )


# ---- the steps of an application ---------------------------------------------------------


class KontaktForm(forms.Form):
    rubrik = "Kontaktuppgifter"
    adress = forms.CharField(label="Adress", max_length=200, required=False)
    postnummer = forms.RegexField(
        label="Postnummer",
        regex=r"^\s*\d{3}\s?\d{2}\s*$",
        required=False,
        error_messages={"invalid": "Skriv postnumret med fem siffror, till exempel 123 45."},
    )
    ort = forms.CharField(label="Ort", max_length=100, required=False)
    telefon = forms.RegexField(
        label="Mobilnummer",
        regex=r"^\+?[\d\s-]{6,20}$",
        required=False,
        help_text="Vi skickar ett sms när det finns något nytt att läsa. Vi skriver aldrig "
        "vad det gäller.",
        error_messages={"invalid": "Skriv telefonnumret med siffror, till exempel 070-123 45 67."},
    )
    epost = forms.EmailField(
        label="E-post",
        required=False,
        error_messages={"invalid": "Skriv en giltig e-postadress, till exempel namn@exempel.se."},
    )


class HushallForm(forms.Form):
    rubrik = "Ditt hushåll"
    grupper = [
        (
            "Söker du tillsammans med make, maka eller sambo?",
            [
                "har_medsokande",
                "medsokande_personnummer",
                "medsokande_fornamn",
                "medsokande_efternamn",
            ],
        ),
        ("Andra vuxna i bostaden", ["ovriga_vuxna"]),
    ]
    har_medsokande = forms.BooleanField(
        label="Jag är gift eller sambo och vi söker tillsammans", required=False
    )
    medsokande_personnummer = Personnummerfalt(label="Medsökandes personnummer", required=False)
    medsokande_fornamn = forms.CharField(
        label="Medsökandes förnamn", max_length=100, required=False
    )
    medsokande_efternamn = forms.CharField(
        label="Medsökandes efternamn", max_length=100, required=False
    )
    ovriga_vuxna = forms.CharField(
        label="Bor någon annan vuxen i bostaden? Skriv namn och hur ni är släkt.",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("har_medsokande") and not data.get("medsokande_personnummer"):
            self.add_error("medsokande_personnummer", "Skriv medsökandes personnummer.")
        if data.get("har_medsokande") and not data.get("medsokande_fornamn"):
            self.add_error("medsokande_fornamn", "Skriv medsökandes förnamn.")
        return data


class BarnForm(forms.Form):
    fornamn = forms.CharField(label="Barnets förnamn", max_length=100, required=False)
    personnummer = Personnummerfalt(label="Barnets personnummer", required=False)
    boende = forms.ChoiceField(
        label="Var bor barnet?",
        choices=[("bor", "Bor hos mig"), ("umgange", "Är hos mig på umgänge")],
        required=False,
    )
    umgangesdagar = forms.IntegerField(
        label="Umgängesdagar per månad",
        required=False,
        min_value=1,
        max_value=31,
        error_messages={
            "min_value": "Skriv ett antal dagar mellan 1 och 31.",
            "max_value": "Skriv ett antal dagar mellan 1 och 31.",
            "invalid": "Skriv antal dagar med siffror.",
        },
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("fornamn")
            and not data.get("personnummer")
            and not self.has_error("personnummer")
        ):
            self.add_error("personnummer", "Skriv barnets personnummer.")
        if data.get("boende") == "umgange" and not data.get("umgangesdagar"):
            self.add_error("umgangesdagar", "Skriv hur många dagar per månad barnet är hos dig.")
        return data


BarnFormset = forms.formset_factory(BarnForm, extra=1, max_num=12, absolute_max=12)

SYSSELSATTNING = [
    ("", "Välj"),
    ("arbetssokande", "Arbetssökande"),
    ("arbetar", "Arbetar"),
    ("sjukskriven", "Sjukskriven"),
    ("studerar", "Studerar"),
    ("foraldraledig", "Föräldraledig"),
    ("pension", "Pensionär"),
    ("annat", "Annat"),
]


class SituationForm(forms.Form):
    rubrik = "Din situation"
    sysselsattning = forms.ChoiceField(
        label="Vad gör du just nu?", choices=SYSSELSATTNING, required=False
    )
    sedan = datumfalt("Sedan när?", required=False, validators=[ej_framtid])
    forsorjningshinder = forms.CharField(
        label="Vad gör att du inte kan försörja dig själv just nu?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    medsokande_sysselsattning = forms.ChoiceField(
        label="Vad gör medsökande just nu?", choices=SYSSELSATTNING, required=False
    )
    medsokande_forsorjningshinder = forms.CharField(
        label="Vad gör att medsökande inte kan försörja sig själv just nu?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, medsokande: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not medsokande:
            del self.fields["medsokande_sysselsattning"]
            del self.fields["medsokande_forsorjningshinder"]


class EkonomiForm(forms.Form):
    rubrik = "Inkomster, kostnader och tillgångar"
    grupper = [
        ("Dina inkomster per månad", ["lon", "ersattning", "annan_inkomst"]),
        ("Medsökandes inkomster per månad", ["medsokande_lon", "medsokande_ersattning"]),
        ("Hushållets bidrag per månad", ["barnbidrag", "bostadsbidrag", "underhallsstod"]),
        (
            "Kostnader per månad",
            [
                "hyra",
                "hushallsel",
                "hemforsakring",
                "arbetsresor",
                "barnomsorg",
                "fackavgift",
                "annan_kostnad",
            ],
        ),
        ("Tillgångar", ["bankmedel", "bil_varde", "annan_tillgang"]),
    ]
    lon = belopp("Lön efter skatt")
    ersattning = belopp("A-kassa, sjukpenning, aktivitetsstöd eller annan ersättning")
    annan_inkomst = belopp("Annan inkomst")
    medsokande_lon = belopp("Medsökandes lön efter skatt")
    medsokande_ersattning = belopp("Medsökandes ersättningar")
    barnbidrag = belopp("Barnbidrag")
    bostadsbidrag = belopp("Bostadsbidrag")
    underhallsstod = belopp("Underhållsstöd eller underhållsbidrag")
    hyra = belopp("Hyra")
    hushallsel = belopp("Hushållsel")
    hemforsakring = belopp("Hemförsäkring")
    arbetsresor = belopp("Arbetsresor")
    barnomsorg = belopp("Barnomsorg")
    fackavgift = belopp("Fackavgift och a-kassa")
    annan_kostnad = belopp("Annan kostnad")
    bankmedel = belopp("Pengar på bankkonton")
    bil_varde = belopp("Bil – ungefärligt värde")
    annan_tillgang = belopp("Andra tillgångar (bostad, aktier, fonder) – värde")

    def __init__(self, *args, medsokande: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not medsokande:
            del self.fields["medsokande_lon"]
            del self.fields["medsokande_ersattning"]


class PosterForm(forms.Form):
    """What is applied for, one row per post type from the admin-edited table."""

    rubrik = "Vad söker du för?"

    def __init__(self, *args, posttyper: list[Posttyp], **kwargs):
        super().__init__(*args, **kwargs)
        self.posttyper = posttyper
        for p in posttyper:
            self.fields[f"post_{p.kod}"] = forms.BooleanField(
                label=p.namn, required=False, help_text=p.hjalptext
            )
            self.fields[f"belopp_{p.kod}"] = belopp(f"Belopp för {p.namn.lower()} (om du vet)")
            if p.kraver_beskrivning:
                self.fields[f"beskrivning_{p.kod}"] = forms.CharField(
                    label=f"Beskriv vad du söker för ({p.namn.lower()})",
                    required=False,
                    max_length=500,
                )

    def clean(self):
        data = super().clean()
        for p in self.posttyper:
            if (
                p.kraver_beskrivning
                and data.get(f"post_{p.kod}")
                and not data.get(f"beskrivning_{p.kod}")
            ):
                self.add_error(f"beskrivning_{p.kod}", "Beskriv vad du söker för.")
        return data

    def valda(self) -> list[tuple[Posttyp, Decimal | None, str]]:
        d = self.cleaned_data
        return [
            (p, d.get(f"belopp_{p.kod}"), d.get(f"beskrivning_{p.kod}", "") or "")
            for p in self.posttyper
            if d.get(f"post_{p.kod}")
        ]

    @classmethod
    def initial_fran(cls, poster) -> dict:
        initial = {}
        for post in poster:
            kod = post.posttyp.kod
            initial[f"post_{kod}"] = True
            initial[f"belopp_{kod}"] = post.belopp
            initial[f"beskrivning_{kod}"] = post.beskrivning
        return initial


class BerattelseForm(forms.Form):
    rubrik = "Din berättelse"
    berattelse = forms.CharField(
        label="Berätta om din situation med egna ord",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    planer = forms.CharField(
        label="Vad är din plan för att kunna försörja dig själv?",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AndringarForm(forms.Form):
    rubrik = "Vad har ändrats sedan förra månaden?"
    manad = forms.ChoiceField(
        label="Vilken månad söker du för?",
        required=False,
        help_text="Oftast nästa månad.",
    )
    andrat = forms.ChoiceField(
        label="Har något ändrats i ditt hushåll, dina inkomster eller kostnader?",
        choices=[("nej", "Nej, allt är som förra månaden"), ("ja", "Ja, något har ändrats")],
        widget=forms.RadioSelect,
        required=False,
    )
    beskrivning = forms.CharField(
        label="Beskriv vad som har ändrats",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, manader=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["manad"].choices = [(f"{m:%Y-%m}", _manadsnamn(m)) for m in manader]
        if not manader:
            del self.fields["manad"]


def _manadsnamn(dag: datetime.date) -> str:
    return manad_text(dag).capitalize()


class AkutForm(forms.Form):
    rubrik = "Akut ansökan"
    vad = forms.CharField(
        label="Vad behöver du hjälp med i dag?",
        help_text="Till exempel pengar till mat. Vi prövar en akut ansökan samma dag.",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class BilagaForm(forms.Form):
    kategori = forms.ChoiceField(
        label="Vad innehåller filen?",
        choices=[("", "Välj")] + [c for c in Kategori.choices if c[0] not in SYSTEMKATEGORIER],
        error_messages={"required": "Välj vad filen innehåller."},
    )
    fil = forms.FileField(
        label="Fil",
        help_text="PDF, JPEG, PNG eller HEIC (bild från mobilen).",
        error_messages={"required": "Välj en fil.", "empty": filer.FEL_TOM},
    )

    def clean_fil(self):
        fil = self.cleaned_data["fil"]
        self.cleaned_data["innehallstyp"] = filer.kontrollera_fil(fil)
        return fil


class SkickaInForm(forms.Form):
    intygar = forms.BooleanField(
        label="Jag intygar att uppgifterna stämmer och att jag har läst informationen.",
        error_messages={
            "required": "Kryssa i rutan för att intyga att uppgifterna stämmer. Du kan skicka "
            "in även om allt inte är ifyllt."
        },
    )


class KompletteringSvarForm(forms.Form):
    text = forms.CharField(
        label="Ditt svar", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    kategori = forms.ChoiceField(
        label="Vad innehåller filen?",
        choices=[("", "Välj")] + [c for c in Kategori.choices if c[0] not in SYSTEMKATEGORIER],
        required=False,
    )
    fil = forms.FileField(
        label="Fil (om du vill skicka en)",
        help_text="PDF, JPEG, PNG eller HEIC (bild från mobilen).",
        required=False,
        error_messages={"empty": filer.FEL_TOM},
    )

    def clean_fil(self):
        fil = self.cleaned_data.get("fil")
        if fil:
            filer.kontrollera_fil(fil)
        return fil

    def clean(self):
        data = super().clean()
        if data.get("fil") and not data.get("kategori"):
            self.add_error("kategori", "Välj vad filen innehåller.")
        if not (data.get("text") or "").strip() and not data.get("fil") and not self.errors:
            self.add_error("text", "Skriv ett svar eller ladda upp en fil.")
        return data

    def filer(self):
        fil = self.cleaned_data.get("fil")
        return [(fil, self.cleaned_data["kategori"])] if fil else []


class NyttDatumForm(forms.Form):
    senast = datumfalt("Vilket datum kan du skicka in det?")


class MeddelandeForm(forms.Form):
    text = forms.CharField(
        label="Skriv ett meddelande",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Skriv ett meddelande."},
    )


# ---- staff ---------------------------------------------------------------------------------


class KompletteringBegarForm(forms.Form):
    vad = forms.CharField(label="Vad behövs?", max_length=300)
    varfor = forms.CharField(
        label="Varför behövs det?", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    senast = datumfalt("Senast", help_text="Datum som sökande har valt eller gått med på.")
    datum_foreslaget_av_sokande = forms.BooleanField(
        label="Sökande har själv valt datumet", required=False
    )

    def clean_senast(self):
        senast = self.cleaned_data["senast"]
        if senast < timezone.localdate():
            raise forms.ValidationError("Datumet har redan passerat. Välj i dag eller senare.")
        return senast


class KompletteringRegistreraForm(forms.Form):
    kanal = forms.ChoiceField(
        label="Hur kom kompletteringen in?",
        choices=[c for c in Kanal.choices if c[0] != Kanal.ETJANST],
    )
    text = forms.CharField(label="Vad kom in?", widget=forms.Textarea(attrs={"rows": 3}))


class IntagForm(forms.Form):
    """Staff registers an application received in another channel (docs/arkitektur.md: E-tjänst)."""

    personnummer = Personnummerfalt(label="Sökandes personnummer")
    fornamn = forms.CharField(label="Förnamn", max_length=100, required=False)
    efternamn = forms.CharField(label="Efternamn", max_length=100, required=False)
    typ = forms.ChoiceField(label="Typ av ansökan", choices=Typ.choices)
    kanal = forms.ChoiceField(
        label="Kom in via", choices=[c for c in Kanal.choices if c[0] != Kanal.ETJANST]
    )
    mottagen = datumfalt("Mottagen (första kontakt)", validators=[ej_framtid])
    uppgifter = forms.CharField(
        label="Uppgifter ur ansökan",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    fil = forms.FileField(
        label="Inskannad ansökan (om den kom på papper)",
        required=False,
        help_text="PDF, JPEG, PNG eller HEIC.",
        error_messages={"empty": filer.FEL_TOM},
    )
    inskick_nyckel = forms.UUIDField(widget=forms.HiddenInput)

    def clean_fil(self):
        fil = self.cleaned_data.get("fil")
        if fil:
            filer.kontrollera_fil(fil)
        return fil


class FlerFilerInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FlerFilerField(forms.FileField):
    """Several files in one field (Django's documented pattern); each is checked as the
    ansökan's attachments are (ansokan.filer)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", FlerFilerInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        enskild = super().clean
        if isinstance(data, (list, tuple)):
            filerna = [enskild(d, initial) for d in data if d]
        else:
            filerna = [enskild(data, initial)] if data else []
        fel = []
        for fil in filerna:
            try:
                filer.kontrollera_fil(fil)
            except forms.ValidationError as e:
                fel.append(f"{fil.name}: {' '.join(e.messages)}")
        if fel:
            raise forms.ValidationError(fel)
        return filerna


class ForseningForm(forms.Form):
    """FL 11 §: an underrättelse om försening with the reason and an expected date."""

    skal = forms.CharField(
        label="Varför blir handläggningen försenad?",
        help_text="Skriv så att sökanden förstår. Texten visas för henne.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Skriv varför handläggningen blir försenad."},
    )
    beraknat_datum = datumfalt("När räknar ni med att besluta?")


class BegaranOmAvgorandeForm(forms.Form):
    """FL 12 §: the applicant asks that her matter be decided."""

    text = forms.CharField(
        label="Vill du skriva något mer? (frivilligt)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
