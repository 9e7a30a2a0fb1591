"""The Ansökan — the ärende — in every channel, and what hangs on it (docs/arkitektur.md: Flöde;
docs/arkitektur.md: Appar).

The status is stored, never derived (docs/arkitektur.md: Kodstil (en tillståndsmaskin)); only
`services.ansokan_overgang` changes it. Business rules live in `services.py` (writes),
`selectors.py` (reads) and `access.py`, never in `save()` or signals.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from bistand.models import Akt, Enhet, JournalAnteckning, Person


class Status(models.TextChoices):
    """docs/arkitektur.md: Flöde — the Ansökan's state machine."""

    UTKAST = "utkast", "Utkast"
    INKOMMEN = "inkommen", "Inkommen"
    KOMPLETTERING_BEGARD = "komplettering_begard", "Komplettering begärd"
    UNDER_UTREDNING = "under_utredning", "Under utredning"
    BESLUTAD = "beslutad", "Beslut fattat"
    AVSLUTAD = "avslutad", "Avslutad"
    ATERKALLAD = "aterkallad", "Återkallad"


# The states in which the applicant's case is open: received and not yet decided
# (docs/arkitektur.md: Flöde — återkallad from any of them). The worklist, caseloads, waiting
# times and the handling clock all mean these.
OPPNA = (Status.INKOMMEN.value, Status.KOMPLETTERING_BEGARD.value, Status.UNDER_UTREDNING.value)


class Typ(models.TextChoices):
    NYANSOKAN = "nyansokan", "Nyansökan"
    ATERANSOKAN = "ateransokan", "Återansökan"
    AKUT = "akut", "Akut ansökan"


# The names of the states and kinds by their stored codes, as `get_status_display` and
# `get_typ_display` give them, for rows read as plain values (docs/prestanda.md: Tabellrader).
STATUS_NAMN = dict(Status.choices)
TYP_NAMN = dict(Typ.choices)


class Kanal(models.TextChoices):
    ETJANST = "etjanst", "E-tjänst"
    PAPPER = "papper", "Papper"
    TELEFON = "telefon", "Telefon"
    BESOK = "besok", "Besök"
    EPOST = "epost", "E-post"


class Posttyp(models.Model):
    """A kind of requested post (försörjningsstöd, hyra, tandvård, …), edited in admin.

    `beror_barn_direkt` feeds the barnkonsekvens rule (docs/regler.md: Barnkonsekvensanalys — a post
    that directly concerns a child); `kraver_beskrivning` asks the applicant for free text
    ("annat").
    """

    kod = models.SlugField("kod", max_length=40, unique=True)
    namn = models.CharField("namn", max_length=100)
    hjalptext = models.CharField("hjälptext", max_length=300, blank=True)
    beror_barn_direkt = models.BooleanField("berör barn direkt", default=False)
    kraver_barnkonsekvensanalys = models.BooleanField(
        "kräver alltid barnkonsekvensanalys när barn finns", default=False
    )
    kraver_beskrivning = models.BooleanField("kräver beskrivning", default=False)
    lopande = models.BooleanField(
        "löpande",
        default=False,
        help_text="Löpande poster (försörjningsstöd, hyra, hushållsel) beslutas per månad; "
        "andra är engångsposter med ett datum.",
    )
    ordning = models.PositiveSmallIntegerField("ordning", default=100)
    aktiv = models.BooleanField("kan sökas", default=True)

    class Meta:
        verbose_name = "posttyp"
        verbose_name_plural = "posttyper"
        ordering = ["ordning", "namn"]

    def __str__(self) -> str:
        return self.namn


class Enhetsregel(models.Model):
    """Which Enhet a new applicant's Akt goes to: the longest matching postal-code prefix wins;
    the rule marked `standard` takes everything else (docs/arkitektur.md: E-tjänst)."""

    postnummer_prefix = models.CharField(
        "postnummer börjar med",
        max_length=5,
        blank=True,
        help_text="Siffror, t.ex. 123 eller 12345.",
    )
    standard = models.BooleanField("standardenhet", default=False)
    enhet = models.ForeignKey(Enhet, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "regel för enhet"
        verbose_name_plural = "regler för enhet"
        ordering = ["-standard", "postnummer_prefix"]
        constraints = [
            models.UniqueConstraint(
                fields=["standard"], condition=Q(standard=True), name="enhetsregel_en_standard"
            ),
            models.CheckConstraint(
                condition=Q(standard=True) | ~Q(postnummer_prefix=""),
                name="enhetsregel_prefix_eller_standard",
            ),
        ]

    def __str__(self) -> str:
        return "Standard" if self.standard else f"Postnummer {self.postnummer_prefix}…"


class Ansokan(models.Model):
    """The ärende: one application in any channel (docs/regler.md: Alla kanaler).

    `mottagen` is the day of the first contact about it, from which waiting time runs. `akt` is
    empty only for a new applicant's own draft (status utkast).
    """

    akt = models.ForeignKey(
        Akt, on_delete=models.PROTECT, null=True, blank=True, related_name="ansokningar"
    )
    sokande = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="ansokningar")
    medsokande = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="medansokningar"
    )
    status = models.CharField(
        "status", max_length=25, choices=Status.choices, default=Status.UTKAST
    )
    typ = models.CharField("typ", max_length=15, choices=Typ.choices)
    kanal = models.CharField("kanal", max_length=10, choices=Kanal.choices)
    mottagen = models.DateField("mottagen (första kontakt)", null=True, blank=True)
    inkommen_tid = models.DateTimeField("inkommen", null=True, blank=True)
    referens = models.CharField("referensnummer", max_length=20, unique=True, null=True)
    period = models.DateField("månad som ansökan gäller", null=True, blank=True)
    uppgifter = models.JSONField("uppgifter", default=dict, blank=True)
    steg = models.CharField("senast sparade steg", max_length=20, blank=True)
    epost = models.EmailField("e-post för aviseringar", blank=True)
    telefon = models.CharField("mobil för aviseringar", max_length=40, blank=True)
    signerad_sokande = models.DateTimeField("sökande har skrivit under", null=True, blank=True)
    signerad_medsokande = models.DateTimeField(
        "medsökande har skrivit under", null=True, blank=True
    )
    registrerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="registrerad av",
    )
    inskick_nyckel = models.UUIDField("inskickningsnyckel", null=True, blank=True, unique=True)
    skapad = models.DateTimeField(auto_now_add=True)
    andrad = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "ansökan"
        verbose_name_plural = "ansökningar"
        ordering = ["-mottagen", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="ansokan_status_giltig"
            ),
            models.CheckConstraint(condition=Q(typ__in=Typ.values), name="ansokan_typ_giltig"),
            models.CheckConstraint(
                condition=Q(kanal__in=Kanal.values), name="ansokan_kanal_giltig"
            ),
            models.CheckConstraint(
                condition=Q(status=Status.UTKAST)
                | Q(akt__isnull=False, mottagen__isnull=False, referens__isnull=False),
                name="ansokan_registrerad_har_akt_och_datum",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "mottagen"], name="ansokan_status_mottagen"),
            # The open ärenden of given Akter (the worklist, each handläggare's caseload): about
            # one ansökan in five of an Akt's dozen a year (docs/prestanda.md: Index).
            models.Index(
                fields=["akt"],
                name="ansokan_oppen_akt",
                condition=models.Q(status__in=OPPNA),
            ),
        ]

    def __str__(self) -> str:
        return self.referens or f"Utkast {self.pk}"

    @property
    def ar_akut(self) -> bool:
        return self.typ == Typ.AKUT


class AnsokanPost(models.Model):
    """A requested post: what the applicant asks for, one row per kind."""

    ansokan = models.ForeignKey(Ansokan, on_delete=models.CASCADE, related_name="poster")
    posttyp = models.ForeignKey(Posttyp, on_delete=models.PROTECT, related_name="+")
    belopp = models.DecimalField(
        "belopp (kr)", max_digits=10, decimal_places=2, null=True, blank=True
    )
    beskrivning = models.CharField("beskrivning", max_length=500, blank=True)

    class Meta:
        verbose_name = "sökt post"
        verbose_name_plural = "sökta poster"
        ordering = ["posttyp__ordning"]
        constraints = [
            models.UniqueConstraint(fields=["ansokan", "posttyp"], name="ansokanpost_unik"),
            models.CheckConstraint(
                condition=Q(belopp__isnull=True) | Q(belopp__gte=0),
                name="ansokanpost_belopp_ej_negativt",
            ),
        ]

    def __str__(self) -> str:
        return str(self.posttyp)


class Komplettering(models.Model):
    """A request for named documents or information, with reason and a deadline the applicant
    may propose or agree to (docs/regler.md: Komplettering; docs/regler.md: Bakgrund)."""

    ansokan = models.ForeignKey(Ansokan, on_delete=models.PROTECT, related_name="kompletteringar")
    vad = models.CharField("vad som behövs", max_length=300)
    varfor = models.TextField("varför det behövs")
    senast = models.DateField("senast")
    datum_foreslaget_av_sokande = models.BooleanField("datum valt av sökande", default=False)
    begard = models.DateTimeField("begärd", auto_now_add=True)
    begard_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="begärd av",
    )
    besvarad = models.DateTimeField("inskickad", null=True, blank=True)
    besvarad_kanal = models.CharField(
        "inskickad via", max_length=10, choices=Kanal.choices, blank=True
    )
    svar = models.TextField("svar", blank=True)

    class Meta:
        verbose_name = "komplettering"
        verbose_name_plural = "kompletteringar"
        ordering = ["begard"]

    def __str__(self) -> str:
        return self.vad


class Vanteperiod(models.Model):
    """A period of waiting for the applicant: it pauses the handling clock (docs/arkitektur.md:
    Periodiska jobb)."""

    ansokan = models.ForeignKey(Ansokan, on_delete=models.PROTECT, related_name="vanteperioder")
    fran = models.DateField("från")
    till = models.DateField("till", null=True, blank=True)

    class Meta:
        verbose_name = "väntan på sökande"
        verbose_name_plural = "väntan på sökande"
        ordering = ["fran"]
        constraints = [
            models.UniqueConstraint(
                fields=["ansokan"], condition=Q(till__isnull=True), name="vanteperiod_en_oppen"
            ),
            models.CheckConstraint(
                condition=Q(till__isnull=True) | Q(till__gte=models.F("fran")),
                name="vanteperiod_till_efter_fran",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fran} – {self.till or ''}"


class Kategori(models.TextChoices):
    KONTOUTDRAG = "kontoutdrag", "Kontoutdrag"
    HYRESKONTRAKT = "hyreskontrakt", "Hyreskontrakt eller hyresavi"
    LONESPECIFIKATION = "lonespecifikation", "Lönespecifikation"
    LAKARINTYG = "lakarintyg", "Läkarintyg"
    KOSTNADSFORSLAG = "kostnadsforslag", "Kostnadsförslag (t.ex. tandvård)"
    RAKNING = "rakning", "Räkning"
    BESLUT_ANNAN = "beslut_annan", "Beslut från annan myndighet"
    INSKANNAD = "inskannad", "Inskannad ansökan"
    OVERKLAGANDE = "overklagande", "Bilaga till överklagande"
    KOMM_UNDERLAG = "komm_underlag", "Underlag som kommuniceras"
    KOMM_SVAR = "komm_svar", "Svar på kommunicering"
    ANNAT = "annat", "Annat"


class Skanning(models.TextChoices):
    """The virus scan of an attachment (docs/drift.md: Virusskanning). Only `ren` and, where no
    scanner is configured (`make run`), `ej_skannad` may be opened."""

    REN = "ren", "Virusskannad"
    EJ_SKANNAD = "ej_skannad", "Ej virusskannad"
    VANTAR = "vantar", "Väntar på virusskanning"
    KARANTAN = "karantan", "Skadlig kod – i karantän"


# Kinds the system sets itself (a scanned paper, a file sent with an appeal or a kommunicering);
# the applicant does not choose them for a file of her own.
SYSTEMKATEGORIER = frozenset(
    {Kategori.INSKANNAD, Kategori.OVERKLAGANDE, Kategori.KOMM_UNDERLAG, Kategori.KOMM_SVAR}
)


class Bilaga(models.Model):
    """An uploaded document, stored under FILE_STORAGE_DIR and served only through an
    access-checked view (docs/regler.md: Åtkomst), once the virus scan allows it."""

    ansokan = models.ForeignKey(Ansokan, on_delete=models.PROTECT, related_name="bilagor")
    komplettering = models.ForeignKey(
        Komplettering, on_delete=models.PROTECT, null=True, blank=True, related_name="bilagor"
    )
    kategori = models.CharField("kategori", max_length=20, choices=Kategori.choices)
    filnamn = models.CharField("filnamn", max_length=200)
    sokvag = models.CharField("lagrad som", max_length=300)
    innehallstyp = models.CharField("filtyp", max_length=50)
    storlek = models.PositiveIntegerField("storlek (byte)")
    sha256 = models.CharField("kontrollsumma", max_length=64)
    skanning = models.CharField(
        "virusskanning", max_length=12, choices=Skanning.choices, default=Skanning.EJ_SKANNAD
    )
    virusfynd = models.CharField("virusfynd", max_length=200, blank=True)
    uppladdad = models.DateTimeField(auto_now_add=True)
    uppladdad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uppladdad_av_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "bilaga"
        verbose_name_plural = "bilagor"
        ordering = ["uppladdad"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kategori__in=Kategori.values), name="bilaga_kategori_giltig"
            ),
            models.CheckConstraint(
                condition=Q(skanning__in=Skanning.values), name="bilaga_skanning_giltig"
            ),
        ]

    def __str__(self) -> str:
        return self.filnamn

    @property
    def kan_oppnas(self) -> bool:
        return self.skanning in (Skanning.REN, Skanning.EJ_SKANNAD)


class Meddelande(models.Model):
    """A message between applicant and handläggare, filed into the journal (docs/regler.md:
    Bakgrund)."""

    class Riktning(models.TextChoices):
        FRAN_SOKANDE = "in", "Från sökande"
        TILL_SOKANDE = "ut", "Till sökande"

    ansokan = models.ForeignKey(Ansokan, on_delete=models.PROTECT, related_name="meddelanden")
    riktning = models.CharField("riktning", max_length=2, choices=Riktning.choices)
    text = models.TextField("text")
    skickat = models.DateTimeField(auto_now_add=True)
    av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    av_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    journal = models.ForeignKey(
        JournalAnteckning, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "meddelande"
        verbose_name_plural = "meddelanden"
        ordering = ["skickat"]
        constraints = [
            models.CheckConstraint(
                condition=Q(riktning__in=["in", "ut"]), name="meddelande_riktning_giltig"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_riktning_display()} {self.skickat:%Y-%m-%d}"


class Avisering(models.Model):
    """A notice that something is waiting (never its content). `nyckel` makes sending
    idempotent: a task run twice finds `skickad` set and does nothing."""

    nyckel = models.CharField("nyckel", max_length=80, unique=True)
    ansokan = models.ForeignKey(Ansokan, on_delete=models.PROTECT, related_name="aviseringar")
    typ = models.CharField("typ", max_length=30)
    epost = models.EmailField("e-post", blank=True)
    telefon = models.CharField("mobil", max_length=40, blank=True)
    skapad = models.DateTimeField(auto_now_add=True)
    skickad = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "avisering"
        verbose_name_plural = "aviseringar"

    def __str__(self) -> str:
        return self.nyckel


class Forsening(models.Model):
    """An underrättelse om försening (FL 11 §): the applicant is told that the handling will be
    considerably delayed, why, and when a decision is expected. Shown in Mina sidor."""

    ansokan = models.ForeignKey(Ansokan, on_delete=models.PROTECT, related_name="forseningar")
    skal = models.TextField("skäl till förseningen")
    beraknat_datum = models.DateField("beräknat datum för beslut")
    skickad = models.DateTimeField(auto_now_add=True)
    av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "underrättelse om försening"
        verbose_name_plural = "underrättelser om försening"
        ordering = ["-skickad", "-pk"]

    def __str__(self) -> str:
        return f"Försening {self.ansokan} till {self.beraknat_datum}"


class BegaranOmAvgorande(models.Model):
    """A written request that the matter be decided (FL 12 §): after six months without a
    decision in first instance the applicant may ask; the nämnd then decides the matter within
    four weeks or refuses the request by a special decision that can be appealed."""

    class Lage(models.TextChoices):
        VANTAR = "vantar", "Väntar"
        AVGJORD = "avgjord", "Ärendet avgjort"
        AVSLAGEN = "avslagen", "Begäran avslagen"

    ansokan = models.ForeignKey(
        Ansokan, on_delete=models.PROTECT, related_name="begaran_om_avgorande"
    )
    begard = models.DateField("begärd")
    text = models.TextField("sökandens text", blank=True)
    av_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    senast = models.DateField("avgörs eller avslås senast")
    lage = models.CharField("läge", max_length=10, choices=Lage.choices, default=Lage.VANTAR)
    skapad = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "begäran om avgörande"
        verbose_name_plural = "begäranden om avgörande"
        ordering = ["-begard", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(lage__in=["vantar", "avgjord", "avslagen"]),
                name="begaran_avgorande_status_giltig",
            )
        ]

    def __str__(self) -> str:
        return f"Begäran om avgörande {self.ansokan} {self.begard}"
