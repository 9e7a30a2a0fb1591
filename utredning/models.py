"""Utredning's tables (docs/arkitektur.md: Appar): the figures of the beräkning, saved sheets,
riktlinjer.

Figures are dated data an administrator keeps in admin, each with its source and a verified
flag (docs/regler.md: Lagar och källor — an unconfirmed figure stays editable and visibly
unverified):

- `Riksnorm`: one row per date it takes effect (in practice 1 January of each year) with its
  items (`RiksnormBelopp`), each amount with its own source and verified flag.
- `Boendeniva`: the municipality's highest reasonable housing cost per household type, dated.
- Prisbasbelopp and the jobbstimulans figures are general dated figures and live in the core's
  `bistand.Parameter` (kod `prisbasbelopp`, `jobbstimulans-*`), next to the handling target.

`Riktlinje` and `RiktlinjeAvsnitt` hold the nämnd's guidelines as versioned documents.
docs/arkitektur.md: Appar lets the core own riktlinjer; they live here for now so that the core is
not edited while other apps are built, and can move later with a model-state migration.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from .berakning import HUSHALLSTYPER, RIKSNORM_POSTER


class Riksnorm(models.Model):
    """The riksnorm in force from `giltig_fran` (socialtjänstförordningen 2 kap. 1 §).

    A riksnorm applies within its calendar year only: a month of a year without its own row is
    an error rather than last year's figures (docs/regler.md: Beräkning).
    """

    giltig_fran = models.DateField("gäller från", unique=True)
    benamning = models.CharField(
        "benämning", max_length=100, help_text="Till exempel Riksnorm 2026."
    )
    kalla = models.CharField("källa", max_length=300)
    anteckning = models.TextField("anteckning", blank=True)

    class Meta:
        verbose_name = "riksnorm"
        verbose_name_plural = "riksnormer"
        ordering = ["-giltig_fran"]

    def __str__(self) -> str:
        return self.benamning


class RiksnormBelopp(models.Model):
    """One item of a riksnorm (a child's age band, adults, common costs for N persons)."""

    riksnorm = models.ForeignKey(Riksnorm, on_delete=models.CASCADE, related_name="belopp")
    post = models.CharField("post", max_length=30, choices=RIKSNORM_POSTER)
    belopp = models.PositiveIntegerField("belopp (kr per månad)")
    kalla = models.CharField("källa", max_length=300)
    verifierad = models.BooleanField(
        "verifierad",
        default=False,
        help_text="Kryssa bara i när beloppet är kontrollerat mot författningen (SFS).",
    )

    class Meta:
        verbose_name = "riksnormsbelopp"
        verbose_name_plural = "riksnormsbelopp"
        ordering = ["riksnorm", "id"]
        constraints = [
            models.UniqueConstraint(fields=["riksnorm", "post"], name="riksnormbelopp_post_unik"),
            models.CheckConstraint(
                condition=Q(post__in=[kod for kod, _ in RIKSNORM_POSTER]),
                name="riksnormbelopp_post_giltig",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.riksnorm}: {self.get_post_display()} {self.belopp} kr"


class Boendeniva(models.Model):
    """The municipality's highest reasonable housing cost for a household type (docs/regler.md:
    Riksnorm).

    Dated: the level in force on a day is the row with the latest `giltig_fran` on or before it.
    """

    hushallstyp = models.CharField("hushållstyp", max_length=20, choices=HUSHALLSTYPER)
    giltig_fran = models.DateField("gäller från")
    belopp = models.PositiveIntegerField("högsta skäliga boendekostnad (kr per månad)")
    kalla = models.CharField("källa", max_length=300, help_text="Nämndens beslut eller riktlinje.")
    verifierad = models.BooleanField("verifierad", default=False)

    class Meta:
        verbose_name = "nivå för skälig boendekostnad"
        verbose_name_plural = "nivåer för skälig boendekostnad"
        ordering = ["hushallstyp", "-giltig_fran"]
        constraints = [
            models.UniqueConstraint(
                fields=["hushallstyp", "giltig_fran"], name="boendeniva_typ_datum_unik"
            ),
            models.CheckConstraint(
                condition=Q(hushallstyp__in=[kod for kod, _ in HUSHALLSTYPER]),
                name="boendeniva_typ_giltig",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_hushallstyp_display()} från {self.giltig_fran}: {self.belopp} kr"


class Berakning(models.Model):
    """A saved calculation sheet (docs/regler.md: Beräkning): the input, the result and every line
    with its parameter and source, as they were when it was made — later edits of the figures do not
    change a saved sheet.

    It belongs to one Ansökan (`ansokan`, nullable so that a sheet can be made before it is
    attached; the utredning shows the sheets of its Ansökan). Protected: an Ansökan with saved
    sheets cannot be deleted.
    """

    ansokan = models.ForeignKey(
        "ansokan.Ansokan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="berakningar",
        verbose_name="ansökan",
    )
    manad = models.DateField("månad", help_text="Den första dagen i månaden.")
    underlag = models.JSONField("underlag")
    resultat = models.JSONField("resultat")
    riksnorm = models.ForeignKey(
        Riksnorm, on_delete=models.PROTECT, related_name="berakningar", verbose_name="riksnorm"
    )
    riksnorm_summa = models.PositiveIntegerField("riksnorm")
    skaliga_kostnader = models.PositiveIntegerField("skäliga kostnader")
    inkomster = models.PositiveIntegerField("inkomster")
    behov = models.PositiveIntegerField("behov")
    bistand = models.PositiveIntegerField("försörjningsstöd")
    verifierad = models.BooleanField("alla belopp verifierade")
    skapad = models.DateTimeField(auto_now_add=True)
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gjord av",
    )

    class Meta:
        verbose_name = "beräkning"
        verbose_name_plural = "beräkningar"
        ordering = ["-skapad"]
        constraints = [
            models.CheckConstraint(
                condition=Q(behov=models.F("riksnorm_summa") + models.F("skaliga_kostnader")),
                name="berakning_behov_summa",
            ),
        ]

    def __str__(self) -> str:
        return f"Beräkning {self.manad:%Y-%m}: {self.bistand} kr"


class Riktlinje(models.Model):
    """One version of one of the nämnd's guideline documents (docs/regler.md: Beräkning).

    A document is identified by `kod` across its versions; the version in force on a day is the
    one with the latest `giltig_fran` on or before it. A new version is made by copying the old
    one with its sections (`services.riktlinje_ny_version`), so an avsteg or a dom that points
    at a section keeps pointing at the text it concerned.
    """

    kod = models.SlugField("dokument", max_length=60, help_text="Samma för alla versioner.")
    titel = models.CharField("titel", max_length=200)
    version = models.CharField("version", max_length=40, help_text="Till exempel 2026:1.")
    antagen = models.DateField("antagen")
    giltig_fran = models.DateField("gäller från")
    beslutad_av = models.CharField(
        "beslutad av", max_length=200, blank=True, help_text="Till exempel Socialnämnden § 45."
    )
    diarienummer = models.CharField("diarienummer", max_length=60, blank=True)
    ingress = models.TextField("ingress", blank=True)

    class Meta:
        verbose_name = "riktlinje"
        verbose_name_plural = "riktlinjer"
        ordering = ["titel", "-giltig_fran"]
        constraints = [
            models.UniqueConstraint(fields=["kod", "giltig_fran"], name="riktlinje_kod_datum_unik"),
            models.UniqueConstraint(fields=["kod", "version"], name="riktlinje_kod_version_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.titel} (version {self.version})"


class RiktlinjeAvsnitt(models.Model):
    """A numbered section of a guideline version; avsteg and domar point at one of these."""

    riktlinje = models.ForeignKey(Riktlinje, on_delete=models.CASCADE, related_name="avsnitt")
    ordning = models.PositiveSmallIntegerField("ordning", default=0)
    nummer = models.CharField("nummer", max_length=20, help_text="Till exempel 4.2.")
    titel = models.CharField("rubrik", max_length=200)
    text = models.TextField("text")
    antagen = models.DateField(
        "antagen", null=True, blank=True, help_text="Lämna tomt om det är samma som dokumentets."
    )
    giltig_fran = models.DateField(
        "gäller från",
        null=True,
        blank=True,
        help_text="Lämna tomt om det är samma som dokumentets.",
    )

    class Meta:
        verbose_name = "avsnitt"
        verbose_name_plural = "avsnitt"
        ordering = ["riktlinje", "ordning", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["riktlinje", "nummer"], name="riktlinjeavsnitt_nummer_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nummer} {self.titel}"

    @property
    def antagen_datum(self):
        return self.antagen or self.riktlinje.antagen

    @property
    def galler_fran(self):
        return self.giltig_fran or self.riktlinje.giltig_fran


class Utredning(models.Model):
    """The investigation of one Ansökan (docs/arkitektur.md: Appar; docs/regler.md: Utredning): the
    applicant's own account and view (docs/regler.md: Bakgrund — delaktighet), the individual
    assessment written by the handläggare, and the förslag till beslut per requested post
    (`ForslagPost`)."""

    ansokan = models.OneToOneField(
        "ansokan.Ansokan", on_delete=models.PROTECT, related_name="utredning"
    )
    startad = models.DateTimeField("startad", auto_now_add=True)
    startad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sokandes_berattelse = models.TextField("sökandes egen berättelse", blank=True)
    sokandes_syn = models.TextField("sökandes syn på sin situation och sina planer", blank=True)
    individuell_bedomning = models.TextField("individuell bedömning", blank=True)
    hushall_bekraftat = models.DateField("hushållets uppgifter bekräftade", null=True, blank=True)
    barnkonsekvens_annat_skal = models.TextField(
        "barnkonsekvensanalys krävs av annat skäl",
        blank=True,
        help_text="Fyll i om en analys behövs av ett skäl som inte följer av reglerna.",
    )
    andrad = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "utredning"
        verbose_name_plural = "utredningar"

    def __str__(self) -> str:
        return f"Utredning av {self.ansokan}"


class Utfall(models.TextChoices):
    BIFALL = "bifall", "Bifall"
    DELVIS_BIFALL = "delvis_bifall", "Delvis bifall"
    AVSLAG = "avslag", "Avslag"
    AVVISNING = "avvisning", "Avvisning"


class Radrum(models.TextChoices):
    INGET = "", "Inget rådrum"
    SANKA_BOENDEKOSTNAD = "sanka_boendekostnad", "Sänka boendekostnaden"
    SALJA_BOSTAD = "salja_bostad", "Sälja bostaden"


ADVERSA_UTFALL = frozenset({Utfall.DELVIS_BIFALL, Utfall.AVSLAG, Utfall.AVVISNING})


class ForslagPost(models.Model):
    """The förslag till beslut for one requested post (docs/regler.md: Utredning): the outcome, the
    amount (from the beräkning), a draft motivering and, for boende, a proposed rådrum.

    Barnkonsekvens reads it to decide whether an analysis is required; beslut builds the
    decision on it. Only `utredning.services.forslag_spara` writes it.
    """

    utredning = models.ForeignKey(Utredning, on_delete=models.CASCADE, related_name="forslag")
    post = models.OneToOneField(
        "ansokan.AnsokanPost", on_delete=models.PROTECT, related_name="forslag"
    )
    utfall = models.CharField("förslag", max_length=15, choices=Utfall.choices)
    belopp = models.DecimalField(
        "belopp (kr)", max_digits=10, decimal_places=0, null=True, blank=True
    )
    motivering = models.TextField("motivering (utkast)", blank=True)
    brist_pa_underlag = models.BooleanField(
        "avslag för att underlag saknas",
        default=False,
        help_text="Får bara beslutas när fristen för komplettering har gått ut.",
    )
    radrum = models.CharField(
        "rådrum", max_length=25, choices=Radrum.choices, default=Radrum.INGET, blank=True
    )
    radrum_slut = models.DateField("rådrummet slutar", null=True, blank=True)
    berakning = models.ForeignKey(
        Berakning, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    andrad = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "förslag till beslut"
        verbose_name_plural = "förslag till beslut"
        ordering = ["post__posttyp__ordning"]
        constraints = [
            models.CheckConstraint(
                condition=Q(utfall__in=Utfall.values), name="forslag_utfall_giltigt"
            ),
            models.CheckConstraint(
                condition=Q(radrum="", radrum_slut__isnull=True)
                | (~Q(radrum="") & Q(radrum_slut__isnull=False)),
                name="forslag_radrum_med_slutdatum",
            ),
            models.CheckConstraint(
                condition=Q(belopp__isnull=True) | Q(belopp__gte=0),
                name="forslag_belopp_ej_negativt",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.post}: {self.get_utfall_display()}"


# How an answer to a kommunicering came in (FL 25 §: any channel counts).
SVARSKANALER = [
    ("etjanst", "E-tjänsten"),
    ("telefon", "Telefon"),
    ("besok", "Besök"),
    ("papper", "Brev"),
    ("epost", "E-post"),
]


class Kommunicering(models.Model):
    """Material from others sent to the applicant with a reply date before an adverse decision
    (FL 25 §). An adverse decision waits until it is answered or the date has passed."""

    utredning = models.ForeignKey(
        Utredning, on_delete=models.CASCADE, related_name="kommuniceringar"
    )
    vad = models.TextField("vad som kommuniceras")
    skickad = models.DateField("skickad")
    svara_senast = models.DateField("svar senast")
    skickad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    besvarad = models.DateField("besvarad", null=True, blank=True)
    svar = models.TextField("svar", blank=True)
    svar_kanal = models.CharField("svaret kom via", max_length=10, blank=True)
    svar_av_person = models.ForeignKey(
        "bistand.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    svar_registrerat_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    svar_last = models.DateTimeField("handläggaren har läst svaret", null=True, blank=True)
    bilagor = models.ManyToManyField(
        "ansokan.Bilaga", blank=True, related_name="kommuniceringar", verbose_name="bilagor"
    )
    pdf_sokvag = models.CharField(max_length=300, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = "kommunicering"
        verbose_name_plural = "kommuniceringar"
        ordering = ["skickad"]
        constraints = [
            models.CheckConstraint(
                condition=Q(svara_senast__gte=models.F("skickad")),
                name="kommunicering_svar_efter_skickad",
            )
        ]

    def __str__(self) -> str:
        return f"Kommunicering {self.skickad}"

    def get_svar_kanal_visning(self) -> str:
        return dict(SVARSKANALER).get(self.svar_kanal, "").lower()


# ---- docs/regler.md: Utredning — mapping, drafts, meetings, försörjningshinder, controls,
# warnings, plan ----------


BERAKNINGSDELAR: list[tuple[str, str]] = [
    ("riksnorm", "Riksnorm (personliga och gemensamma kostnader)"),
    ("boende", "Boendekostnad"),
    ("hushallsel", "Hushållsel"),
    ("hemforsakring", "Hemförsäkring"),
    ("arbetsresor", "Arbetsresor"),
    ("fackavgift_akassa", "Avgift till fackförening och a-kassa"),
    ("barnomsorg", "Avgift för förskola och fritidshem"),
]


class BerakningKoppling(models.Model):
    """Which requested post a part of the beräkning belongs to (docs/regler.md: Utredning:
    försörjningsstöd = riksnorm; hyra = boende; hushållsel; …). Kept by the administrator."""

    berakningsdel = models.CharField(
        "del av beräkningen", max_length=30, choices=BERAKNINGSDELAR, unique=True
    )
    posttyp = models.ForeignKey(
        "ansokan.Posttyp", on_delete=models.PROTECT, related_name="+", verbose_name="sökt post"
    )

    class Meta:
        verbose_name = "koppling beräkning → sökt post"
        verbose_name_plural = "kopplingar beräkning → sökt post"
        ordering = ["berakningsdel"]

    def __str__(self) -> str:
        return f"{self.get_berakningsdel_display()} → {self.posttyp}"


class Utkast(models.Model):
    """A server-side draft of a text a staff user is typing (docs/regler.md: Bakgrund — nothing is
    lost when the session ends). One per user and field key, e.g. `journal:12:<page key>` (one
    per open journal page) or `utredning:5:sokandes_syn`. Deleted when the text is saved for
    real."""

    anvandare = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    nyckel = models.CharField("fält", max_length=120)
    akt = models.ForeignKey("bistand.Akt", on_delete=models.CASCADE, related_name="+")
    text = models.TextField("text", blank=True)
    andrad = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "utkast"
        verbose_name_plural = "utkast"
        constraints = [
            models.UniqueConstraint(fields=["anvandare", "nyckel"], name="utkast_per_falt"),
        ]

    def __str__(self) -> str:
        return f"{self.nyckel} ({self.anvandare})"


class MoteTyp(models.TextChoices):
    NYBESOK = "nybesok", "Nybesök"
    UPPFOLJNING = "uppfoljning", "Uppföljning"


class MoteKanal(models.TextChoices):
    BESOK = "besok", "Besök på kontoret"
    HEMBESOK = "hembesok", "Hembesök"
    TELEFON = "telefon", "Telefon"
    VIDEO = "video", "Videosamtal"


class Mote(models.Model):
    """A meeting booked and held (docs/regler.md: Utredning). `hallen` is the time it was held; the
    jobs issue reads it for the two-week rule for nybesök (docs/regler.md: Bakgrund)."""

    utredning = models.ForeignKey(Utredning, on_delete=models.CASCADE, related_name="moten")
    typ = models.CharField("typ", max_length=15, choices=MoteTyp.choices)
    kanal = models.CharField("sätt", max_length=10, choices=MoteKanal.choices)
    med_vem = models.CharField("med vem", max_length=200)
    bokad = models.DateTimeField("bokad till")
    hallen = models.DateTimeField("hölls", null=True, blank=True)
    anteckning = models.TextField("anteckning", blank=True)
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "möte"
        verbose_name_plural = "möten"
        ordering = ["bokad"]
        constraints = [
            models.CheckConstraint(condition=Q(typ__in=MoteTyp.values), name="mote_typ_giltig"),
        ]

    def __str__(self) -> str:
        return f"{self.get_typ_display()} {self.bokad:%Y-%m-%d}"


class Hinder(models.TextChoices):
    """Socialstyrelsen's categories of försörjningshinder (statistik om ekonomiskt bistånd)."""

    ARBETSLOS_VANTAR = "arbetslos_vantar", "Arbetslös – väntar på ersättning"
    ARBETSLOS_OTILLRACKLIG = "arbetslos_otillracklig", "Arbetslös – otillräcklig ersättning"
    ARBETSLOS_UTAN = "arbetslos_utan", "Arbetslös – utan ersättning"
    SJUK_VANTAR = "sjuk_vantar", "Sjukskriven med läkarintyg – väntar på ersättning"
    SJUK_OTILLRACKLIG = "sjuk_otillracklig", "Sjukskriven med läkarintyg – otillräcklig ersättning"
    SJUK_UTAN = "sjuk_utan", "Sjukskriven med läkarintyg – utan ersättning"
    OHALSA = "ohalsa", "Ohälsa utan läkarintyg"
    SOCIALA_SKAL = "sociala_skal", "Arbetshinder av sociala skäl"
    FORALDRALEDIG = "foraldraledig", "Föräldraledig"
    ARBETE_OTILLRACKLIG = "arbete_otillracklig", "Arbetar, men inkomsten räcker inte"
    STUDERANDE = "studerande", "Studerande"
    SFI = "sfi", "Språkhinder, deltar i sfi"
    OVRIGT = "ovrigt", "Annat hinder"
    INGET = "inget", "Inget försörjningshinder"


class Forsorjningshinder(models.Model):
    """Each adult's försörjningshinder in the utredning (docs/regler.md: Utredning)."""

    utredning = models.ForeignKey(Utredning, on_delete=models.CASCADE, related_name="hinder")
    person = models.ForeignKey("bistand.Person", on_delete=models.PROTECT, related_name="+")
    hinder = models.CharField("försörjningshinder", max_length=25, choices=Hinder.choices)
    anteckning = models.CharField("anteckning", max_length=300, blank=True)

    class Meta:
        verbose_name = "försörjningshinder"
        verbose_name_plural = "försörjningshinder"
        constraints = [
            models.UniqueConstraint(fields=["utredning", "person"], name="hinder_per_person"),
            models.CheckConstraint(condition=Q(hinder__in=Hinder.values), name="hinder_giltigt"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_hinder_display()}"


class KontrollMall(models.Model):
    """One control of the checklist for an application type (docs/regler.md: Bakgrund — the minimum
    for a new client and for a re-application). Kept by the administrator."""

    ansokningstyp = models.CharField("ansökningstyp", max_length=15)
    namn = models.CharField("kontroll", max_length=200)
    ordning = models.PositiveSmallIntegerField("ordning", default=100)
    aktiv = models.BooleanField("används", default=True)
    giltighet_manader = models.PositiveSmallIntegerField(
        "giltig i månader",
        default=0,
        help_text="Hur många månader en gjord kontroll gäller och följer med till nästa "
        "månads ansökan. 0 = görs om varje månad (till exempel inkomster och kontoutdrag).",
    )

    class Meta:
        verbose_name = "kontroll i checklista"
        verbose_name_plural = "checklistor för kontroller"
        ordering = ["ansokningstyp", "ordning", "id"]

    def __str__(self) -> str:
        return f"{self.ansokningstyp}: {self.namn}"


class KontrollStatus(models.TextChoices):
    EJ_GJORD = "ej_gjord", "Inte gjord"
    GJORD = "gjord", "Gjord"
    EJ_AKTUELL = "ej_aktuell", "Inte aktuell"
    AVVIKELSE = "avvikelse", "Avvikelse"


class Kontroll(models.Model):
    """A control of the utredning, copied from the template when the utredning starts. A result
    carried over from last month (`overford`) keeps the date of the original check."""

    utredning = models.ForeignKey(Utredning, on_delete=models.CASCADE, related_name="kontroller")
    mall = models.ForeignKey(
        KontrollMall, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    namn = models.CharField("kontroll", max_length=200)
    ordning = models.PositiveSmallIntegerField(default=100)
    status = models.CharField(
        "status", max_length=12, choices=KontrollStatus.choices, default=KontrollStatus.EJ_GJORD
    )
    datum = models.DateField("datum", null=True, blank=True)
    anteckning = models.CharField("anteckning", max_length=500, blank=True)
    av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    overford = models.BooleanField("överförd från förra månaden", default=False)

    class Meta:
        verbose_name = "kontroll"
        verbose_name_plural = "kontroller"
        ordering = ["ordning", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=KontrollStatus.values), name="kontroll_status_giltig"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.namn}: {self.get_status_display()}"


class VarningTyp(models.TextChoices):
    NY_INKOMST = "ny_inkomst", "Ny inkomst"
    BORTFALLEN_INKOMST = "bortfallen_inkomst", "Inkomst som fallit bort"
    NY_MEDLEM = "ny_medlem", "Ny person i hushållet"
    HOG_KOSTNAD = "hog_kostnad", "Kostnad över kommunens nivå"


class Varning(models.Model):
    """A change since last month on an återansökan (docs/regler.md: Utredning), acknowledged by the
    handläggare."""

    utredning = models.ForeignKey(Utredning, on_delete=models.CASCADE, related_name="varningar")
    typ = models.CharField("typ", max_length=25, choices=VarningTyp.choices)
    nyckel = models.CharField(max_length=100)
    text = models.CharField("text", max_length=300)
    kvitterad = models.DateTimeField("kvitterad", null=True, blank=True)
    kvitterad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "varning"
        verbose_name_plural = "varningar"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["utredning", "typ", "nyckel"], name="varning_unik"),
        ]

    def __str__(self) -> str:
        return self.text


class Handlingsplan(models.Model):
    """Handlingsplan mot egen försörjning (docs/regler.md: Bakgrund), signed by the applicant in the
    e-tjänst and by the handläggare. Signed by both, it is locked."""

    utredning = models.OneToOneField(
        Utredning, on_delete=models.CASCADE, related_name="handlingsplan"
    )
    mal = models.TextField("mål")
    aktiviteter = models.TextField("aktiviteter")
    sokandes_ataganden = models.TextField("vad du gör")
    handlaggarens_ataganden = models.TextField("vad socialtjänsten gör")
    uppfoljning = models.DateField("uppföljning", null=True, blank=True)
    signerad_sokande = models.DateTimeField(null=True, blank=True)
    signerad_handlaggare = models.DateTimeField(null=True, blank=True)
    signerad_handlaggare_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "handlingsplan"
        verbose_name_plural = "handlingsplaner"

    def __str__(self) -> str:
        return f"Handlingsplan för {self.utredning}"


class Remiss(models.Model):
    """A remiss to the arbetsmarknadsenhet (docs/regler.md: Bakgrund) and its närvaro reports."""

    utredning = models.ForeignKey(Utredning, on_delete=models.CASCADE, related_name="remisser")
    person = models.ForeignKey("bistand.Person", on_delete=models.PROTECT, related_name="+")
    skickad = models.DateField("skickad")
    text = models.TextField("uppdrag")
    skickad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "remiss till arbetsmarknadsenheten"
        verbose_name_plural = "remisser till arbetsmarknadsenheten"
        ordering = ["skickad"]

    def __str__(self) -> str:
        return f"Remiss {self.skickad} för {self.person}"


class Narvaro(models.Model):
    """Attendance reported by the arbetsmarknadsenhet for a period."""

    remiss = models.ForeignKey(Remiss, on_delete=models.CASCADE, related_name="narvaro")
    fran = models.DateField("från")
    till = models.DateField("till")
    planerade_tillfallen = models.PositiveSmallIntegerField("planerade tillfällen")
    narvarande = models.PositiveSmallIntegerField("närvarande")
    anteckning = models.CharField("anteckning", max_length=300, blank=True)

    class Meta:
        verbose_name = "närvarorapport"
        verbose_name_plural = "närvarorapporter"
        ordering = ["fran"]
        constraints = [
            models.CheckConstraint(
                condition=Q(narvarande__lte=models.F("planerade_tillfallen")),
                name="narvaro_hogst_planerade",
            ),
        ]

    def __str__(self) -> str:
        return f"Närvaro {self.fran}–{self.till}"


class Publicering(models.Model):
    """A signed journal entry the handläggare has published to the applicant's Mina sidor
    (docs/regler.md: Utredning; Lifecare does this). Shown by a sökande panel on the ansökan."""

    anteckning = models.OneToOneField(
        "bistand.JournalAnteckning", on_delete=models.PROTECT, related_name="+"
    )
    ansokan = models.ForeignKey("ansokan.Ansokan", on_delete=models.PROTECT, related_name="+")
    publicerad = models.DateTimeField(auto_now_add=True)
    av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "publicerad anteckning"
        verbose_name_plural = "publicerade anteckningar"
        ordering = ["publicerad"]

    def __str__(self) -> str:
        return f"Publicerad {self.anteckning}"
