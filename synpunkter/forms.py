"""Forms of synpunkter. They validate; the services write (docs/arkitektur.md: Kodstil (tunna
vyer)). Every error is plain Swedish, next to its field."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from ansokan.forms import Personnummerfalt
from ansokan.models import Ansokan
from beslut.models import Beslutsbrev
from bistand.forms import DATUM
from bistand.models import Enhet, User

from .models import Aterkoppling, Avvikelse, Kanal, Omrade, Slag, Svarssatt, Tillsynsarende
from .services import omfordela_kandidater

SLAG_FRAGA = "Vad vill du lämna?"


def _omraden_falt(label: str) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Omrade.objects.filter(aktiv=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Välj ett eller flera, eller inget om du är osäker.",
    )


class KontaktMixin(forms.Form):
    """Whether the person wants an answer and how; anonymous means no personal data."""

    anonym = forms.BooleanField(
        label="Jag vill vara anonym",
        required=False,
        help_text="Då sparar vi inga uppgifter om dig, och vi kan inte svara dig.",
    )
    vill_ha_svar = forms.BooleanField(label="Jag vill ha svar", required=False)
    svarssatt = forms.ChoiceField(
        label="Hur vill du få svaret?",
        choices=Svarssatt.choices,
        required=False,
        widget=forms.RadioSelect,
    )

    def clean(self):
        data = super().clean()
        if data.get("anonym"):
            for falt in ("namn", "telefon", "epost", "adress"):
                if data.get(falt):
                    self.add_error(
                        falt,
                        "Du har valt att vara anonym. Ta bort uppgiften eller avmarkera anonym.",
                    )
            if data.get("vill_ha_svar"):
                self.add_error(
                    "vill_ha_svar", "Vi kan inte svara på en anonym synpunkt. Välj det ena."
                )
        elif data.get("vill_ha_svar") and not data.get("svarssatt"):
            self.add_error("svarssatt", "Välj hur du vill få svaret.")
        return data


class EtjanstSynpunktForm(KontaktMixin):
    """The e-tjänst form: open without login; a logged-in applicant's name is already known."""

    slag = forms.ChoiceField(
        label=SLAG_FRAGA,
        choices=Slag.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Välj om det är ett klagomål, beröm eller förslag."},
    )
    text = forms.CharField(
        label="Din synpunkt",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": "Skriv din synpunkt."},
    )
    omraden = _omraden_falt("Vad gäller det?")
    beslutsbrev = forms.ChoiceField(label="Gäller det ett beslut?", required=False)
    namn = forms.CharField(label="Ditt namn", max_length=200, required=False)
    telefon = forms.CharField(label="Telefonnummer", max_length=40, required=False)
    epost = forms.EmailField(
        label="E-postadress",
        required=False,
        error_messages={"invalid": "Skriv en e-postadress, till exempel namn@exempel.se."},
    )
    adress = forms.CharField(label="Postadress", max_length=300, required=False)

    field_order = [
        "slag",
        "text",
        "omraden",
        "beslutsbrev",
        "anonym",
        "namn",
        "telefon",
        "epost",
        "adress",
        "vill_ha_svar",
        "svarssatt",
    ]

    def __init__(self, *args, person=None, beslutsbrev=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.brev = {str(b.pk): b for b in beslutsbrev}
        if self.brev:
            self.fields["beslutsbrev"].choices = [("", "Nej, inget särskilt beslut")] + [
                (pk, f"Beslut {b.beslutsdatum:%Y-%m-%d}") for pk, b in self.brev.items()
            ]
        else:
            del self.fields["beslutsbrev"]
        if person is not None:
            for falt in ("namn", "adress"):
                del self.fields[falt]
            self.fields["telefon"].help_text = "Bara om du vill att vi ringer upp dig."
        else:
            self.fields["svarssatt"].choices = [
                c for c in Svarssatt.choices if c[0] != Svarssatt.ETJANST
            ]

    def clean(self):
        data = super().clean()
        if self.person is None and not data.get("anonym") and not data.get("namn"):
            self.add_error("namn", "Skriv ditt namn, eller välj att vara anonym.")
        svarssatt = data.get("svarssatt")
        if data.get("vill_ha_svar") and svarssatt:
            krav = {
                Svarssatt.TELEFON: ("telefon", "Skriv ditt telefonnummer."),
                Svarssatt.EPOST: ("epost", "Skriv din e-postadress."),
                Svarssatt.BREV: ("adress", "Skriv din postadress."),
            }.get(svarssatt)
            if krav and krav[0] in self.fields and not data.get(krav[0]):
                self.add_error(krav[0], krav[1])
        return data

    def valt_beslutsbrev(self):
        return self.brev.get(self.cleaned_data.get("beslutsbrev") or "")


class PersonalSynpunktForm(KontaktMixin):
    """Staff registration of a synpunkt that came by phone, visit, letter, e-mail or orally at
    a meeting."""

    kanal = forms.ChoiceField(
        label="Hur kom synpunkten in?",
        choices=[c for c in Kanal.choices if c[0] != Kanal.ETJANST],
        widget=forms.RadioSelect,
        error_messages={"required": "Välj hur synpunkten kom in."},
    )
    fragan_stalld = forms.BooleanField(
        label="Personen fick frågan om det ska registreras som synpunkt och svarade ja",
        required=False,
        help_text="Krävs när synpunkten lämnades muntligt (telefon, besök, möte).",
    )
    inkom = forms.DateField(label="Datum då synpunkten kom in", widget=DATUM)
    slag = forms.ChoiceField(
        label="Slag",
        choices=Slag.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Välj klagomål, beröm eller förslag."},
    )
    text = forms.CharField(
        label="Synpunkten",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text="Skriv med personens egna ord så långt det går.",
        error_messages={"required": "Skriv vad synpunkten gäller."},
    )
    omraden = _omraden_falt("Områden")
    personnummer = Personnummerfalt(
        label="Personnummer (om personen är känd)",
        required=False,
        error_messages={"required": ""},
    )
    namn = forms.CharField(label="Namn", max_length=200, required=False)
    telefon = forms.CharField(label="Telefon", max_length=40, required=False)
    epost = forms.EmailField(
        label="E-post",
        required=False,
        error_messages={"invalid": "Skriv en e-postadress, till exempel namn@exempel.se."},
    )
    adress = forms.CharField(label="Postadress", max_length=300, required=False)
    aktnummer = forms.CharField(label="Aktnummer (om synpunkten gäller en akt)", required=False)
    ansokan = forms.TypedChoiceField(
        label="Ansökan i akten som synpunkten gäller",
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Ansökan hör inte till akten. Välj en av aktens."},
    )
    beslutsbrev = forms.TypedChoiceField(
        label="Beslut i akten som synpunkten gäller",
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Beslutet hör inte till akten. Välj ett av aktens."},
    )
    enhet = forms.ModelChoiceField(
        label="Enhet som synpunkten gäller", queryset=Enhet.objects.none(), required=False
    )
    berord_personal = forms.ModelChoiceField(
        label="Gäller synpunkten en viss medarbetare?",
        queryset=User.objects.none(),
        required=False,
        help_text="Synpunkten handläggs då av medarbetarens chef, aldrig av personen själv.",
    )

    field_order = [
        "kanal",
        "fragan_stalld",
        "inkom",
        "slag",
        "text",
        "omraden",
        "anonym",
        "personnummer",
        "namn",
        "telefon",
        "epost",
        "adress",
        "aktnummer",
        "ansokan",
        "beslutsbrev",
        "enhet",
        "berord_personal",
        "vill_ha_svar",
        "svarssatt",
    ]

    def __init__(self, *args, user=None, akt=None, **kwargs):
        kwargs.setdefault("initial", {"inkom": timezone.localdate()})
        if akt is not None:
            kwargs["initial"].setdefault("aktnummer", akt.aktnummer)
        super().__init__(*args, **kwargs)
        self.akt = akt
        self._aktens_val(akt)
        self.fields["anonym"].label = "Personen vill vara anonym"
        self.fields["vill_ha_svar"].label = "Personen vill ha svar"
        self.fields["svarssatt"].label = "Svar önskas via"
        self.fields["anonym"].help_text = "Då sparas inga uppgifter om personen."
        if user is not None and user.namnd_id:
            self.fields["enhet"].queryset = Enhet.objects.filter(namnd_id=user.namnd_id)
            self.fields["berord_personal"].queryset = (
                User.objects.filter(namnd_id=user.namnd_id, is_active=True, groups__isnull=False)
                .distinct()
                .order_by("first_name", "last_name")
            )
            if user.enhet_id:
                self.fields["enhet"].initial = user.enhet_id

    def clean(self):
        data = super().clean()
        if data.get("kanal") in {Kanal.TELEFON, Kanal.BESOK, Kanal.MOTE} and not data.get(
            "fragan_stalld"
        ):
            self.add_error(
                "fragan_stalld",
                "Fråga personen om det ska registreras som synpunkt. Registrera bara om svaret "
                "är ja.",
            )
        if data.get("anonym") and (data.get("personnummer") or data.get("aktnummer")):
            self.add_error("anonym", "En anonym synpunkt kan inte kopplas till person eller akt.")
        if (data.get("ansokan") or data.get("beslutsbrev")) and not data.get("aktnummer"):
            self.add_error("aktnummer", "Skriv aktnumret för ansökan eller beslutet.")
        return data

    def _aktens_val(self, akt) -> None:
        """The Akt's ansökningar and decision letters to choose from; with no Akt (or another
        Akt than the one the choices were made for) a chosen one is refused beside its field."""
        ansokningar = [("", "Ingen särskild ansökan")]
        brev = [("", "Inget särskilt beslut")]
        if akt is not None:
            for a in Ansokan.objects.filter(akt=akt, referens__isnull=False).order_by("-pk"):
                ansokningar.append((a.pk, f"{a.referens} ({a.get_typ_display().lower()})"))
            for b in Beslutsbrev.objects.filter(ansokan__akt=akt).order_by("-beslutsdatum", "-pk"):
                brev.append((b.pk, f"Beslut {b.beslutsdatum:%Y-%m-%d} ({b.ansokan})"))
        self.fields["ansokan"].choices = ansokningar
        self.fields["beslutsbrev"].choices = brev
        if akt is None:
            self.fields["ansokan"].help_text = self.fields["beslutsbrev"].help_text = (
                "Hämta aktens ansökningar och beslut med aktnumret ovan."
            )


class OmfordelaForm(forms.Form):
    """Hand the synpunkt over to another manager (docs/regler.md: Synpunkter)."""

    till = forms.ModelChoiceField(
        label="Lämna över till",
        queryset=User.objects.none(),
        error_messages={
            "required": "Välj vem som ska handlägga synpunkten.",
            "invalid_choice": "Välj en annan enhetschef eller avdelningschef i nämnden.",
        },
    )
    skal = forms.CharField(
        label="Varför lämnas synpunkten över?",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages={"required": "Skriv varför synpunkten lämnas över."},
    )

    def __init__(self, *args, synpunkt=None, **kwargs):
        super().__init__(*args, **kwargs)
        if synpunkt is not None:
            self.fields["till"].queryset = User.objects.filter(
                pk__in=[u.pk for u in omfordela_kandidater(synpunkt)]
            ).order_by("first_name", "last_name", "pk")


class UtredningForm(forms.Form):
    utredning = forms.CharField(
        label="Utredning", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    atgarder = forms.CharField(
        label="Åtgärder", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class AterkopplingForm(forms.Form):
    satt = forms.ChoiceField(
        label="Hur gavs återkopplingen?",
        choices=Aterkoppling.Satt.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Välj hur återkopplingen gavs."},
    )
    text = forms.CharField(
        label="Svaret (eller vad som sades i samtalet)",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Skriv svaret."},
    )


def _text(label: str, *, rows: int = 4, required: bool = True, fel: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        required=required,
        error_messages={"required": fel or f"Fyll i {label.lower()}."},
    )


def _datum(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=DATUM,
        required=required,
        error_messages={
            "required": "Ange datum.",
            "invalid": "Skriv datumet som ÅÅÅÅ-MM-DD.",
        },
    )


class TillsynForm(forms.Form):
    myndighet = forms.ChoiceField(
        label="Myndighet",
        choices=Tillsynsarende.Myndighet.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Välj IVO eller JO."},
    )
    diarienummer = forms.CharField(
        label="Myndighetens diarienummer",
        max_length=40,
        error_messages={"required": "Skriv myndighetens diarienummer."},
    )
    inkom = _datum("Inkom till nämnden")
    beskrivning = _text("Vad ärendet gäller", fel="Beskriv vad ärendet gäller.")
    yttrande_senast = _datum("Yttrande ska lämnas senast", required=False)
    synpunkter = forms.CharField(
        label="Synpunkter som ärendet gäller (nummer, kommaseparerade)",
        required=False,
        help_text="Till exempel S-2026-00012.",
    )
    aktnummer = forms.CharField(
        label="Akter som ärendet gäller (aktnummer, kommaseparerade)", required=False
    )


class YttrandeForm(forms.Form):
    yttrande = _text("Yttrandet (eller en sammanfattning)", rows=5, fel="Skriv yttrandet.")
    datum = _datum("Lämnat")


class TillsynBeslutForm(forms.Form):
    datum = _datum("Beslutsdatum")
    beslut = _text("Myndighetens beslut", fel="Skriv vad myndigheten beslutade.")
    kritik = forms.BooleanField(label="Beslutet innehåller kritik mot nämnden", required=False)


class TillsynAtgarderForm(forms.Form):
    atgarder = _text("Åtgärder", fel="Skriv vilka åtgärder som vidtogs.")
    datum = _datum("Åtgärderna vidtogs")


class AterforForm(forms.Form):
    text = _text("Klagomålet som IVO lämnat över", rows=5, fel="Skriv klagomålet.")
    namn = forms.CharField(label="Klagandens namn", max_length=200, required=False)
    adress = forms.CharField(label="Postadress", max_length=300, required=False)


class AvvikelseForm(forms.Form):
    typ = forms.ChoiceField(
        label="Vad vill du rapportera?",
        choices=Avvikelse.Typ.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Välj avvikelse, missförhållande eller risk."},
    )
    beskrivning = _text("Vad hände?", rows=6, fel="Beskriv vad som hände.")
    intraffade = _datum("När hände det?", required=False)
    omedelbara_atgarder = _text("Vad har redan gjorts?", required=False)
    aktnummer = forms.CharField(label="Aktnummer (om det gäller en akt)", required=False)


class AvvikelseUtredningForm(forms.Form):
    utredning = _text("Utredning", rows=6, fel="Skriv utredningen.")
    atgarder = _text("Åtgärder för att avhjälpa eller undanröja", required=False)


class BedomningForm(forms.Form):
    allvarligt = forms.TypedChoiceField(
        label="Är missförhållandet eller risken allvarligt?",
        choices=[("ja", "Ja, allvarligt"), ("nej", "Nej, inte allvarligt")],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
        error_messages={"required": "Välj ja eller nej."},
    )
    bedomning = _text("Motivering", fel="Motivera bedömningen.")


class IvoAnmalanForm(forms.Form):
    datum = _datum("Anmäld till IVO")
    diarienummer = forms.CharField(label="IVO:s diarienummer", max_length=40, required=False)


class UppfoljningForm(forms.Form):
    uppfoljning = _text("Uppföljning", fel="Skriv uppföljningen.")


class PeriodForm(forms.Form):
    fran = _datum("Från")
    till = _datum("Till och med")

    def clean(self):
        data = super().clean()
        if data.get("fran") and data.get("till") and data["till"] < data["fran"]:
            self.add_error("till", "Slutdatum kan inte vara före startdatum.")
        return data
