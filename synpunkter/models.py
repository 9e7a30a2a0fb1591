"""Synpunkter and klagomål, IVO and JO matters, avvikelser and lex Sarah (docs/arkitektur.md:
Appar).

SOSFS 2011:9 (HSLF-FS 2023:27) 5 kap. 3–6 §§: the nämnd receives and investigates complaints
and reports of avvikelser; SoL (2025:400) 27 kap.: lex Sarah. The rules live in `services.py`
(writes), `selectors.py` (reads) and `access.py` (who may see what); the status fields are
changed only by the services' transition functions.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from bistand.models import Akt, Enhet, Namnd, Person


class Kanal(models.TextChoices):
    ETJANST = "etjanst", "E-tjänst"
    TELEFON = "telefon", "Telefon"
    BESOK = "besok", "Besök"
    BREV = "brev", "Brev"
    EPOST = "epost", "E-post"
    MOTE = "mote", "Muntligt vid ett möte"


# Oral channels: the person is asked whether it should be registered as a synpunkt.
MUNTLIGA_KANALER = frozenset({Kanal.TELEFON, Kanal.BESOK, Kanal.MOTE})


class Slag(models.TextChoices):
    KLAGOMAL = "klagomal", "Klagomål"
    BEROM = "berom", "Beröm"
    FORSLAG = "forslag", "Förslag"


class Svarssatt(models.TextChoices):
    BREV = "brev", "Brev"
    ETJANST = "etjanst", "Meddelande i e-tjänsten"
    TELEFON = "telefon", "Telefon"
    EPOST = "epost", "E-post"


class Status(models.TextChoices):
    INKOMMEN = "inkommen", "Inkommen"
    MOTTAGEN = "mottagen", "Mottagen (kvitterad)"
    BESVARAD = "besvarad", "Besvarad"
    AVSLUTAD = "avslutad", "Avslutad"


class Omrade(models.Model):
    """An area a synpunkt concerns (tillgänglighet, bemötande, …): reference data, editable in
    admin, so the yearly analysis can follow the nämnd's own quality areas."""

    kod = models.SlugField("kod", max_length=40, unique=True)
    namn = models.CharField("namn", max_length=100)
    ordning = models.PositiveSmallIntegerField("ordning", default=0)
    aktiv = models.BooleanField("aktiv", default=True)

    class Meta:
        verbose_name = "område för synpunkter"
        verbose_name_plural = "områden för synpunkter"
        ordering = ["ordning", "namn"]

    def __str__(self) -> str:
        return self.namn


class Synpunkt(models.Model):
    """One synpunkt (klagomål, beröm or förslag) from any channel.

    An anonymous synpunkt carries no personal data (a database constraint says so). It is
    handled by the nearest manager (`handlaggs_av`), never by the person it is about
    (`berord_personal`).
    """

    nummer = models.CharField("nummer", max_length=20, unique=True)
    namnd = models.ForeignKey(Namnd, on_delete=models.PROTECT, related_name="+")
    enhet = models.ForeignKey(
        Enhet, on_delete=models.PROTECT, null=True, blank=True, related_name="synpunkter"
    )
    kanal = models.CharField("kanal", max_length=10, choices=Kanal.choices)
    slag = models.CharField("slag", max_length=10, choices=Slag.choices)
    omraden = models.ManyToManyField(Omrade, blank=True, related_name="synpunkter")
    text = models.TextField("synpunkten")
    inkom = models.DateField("inkom")
    registrerad = models.DateTimeField(auto_now_add=True)
    registrerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="registrerad av",
    )
    fragan_stalld = models.BooleanField(
        "tillfrågad och ville att det registreras som synpunkt", default=False
    )
    anonym = models.BooleanField("anonym", default=False)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="synpunkter"
    )
    namn = models.CharField("namn", max_length=200, blank=True)
    telefon = models.CharField("telefon", max_length=40, blank=True)
    epost = models.EmailField("e-post", blank=True)
    adress = models.CharField("postadress", max_length=300, blank=True)
    akt = models.ForeignKey(
        Akt, on_delete=models.PROTECT, null=True, blank=True, related_name="synpunkter"
    )
    ansokan = models.ForeignKey(
        "ansokan.Ansokan", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    beslutsbrev = models.ForeignKey(
        "beslut.Beslutsbrev",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="beslut",
    )
    berord_personal = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gäller medarbetare",
    )
    vill_ha_svar = models.BooleanField("vill ha svar", default=False)
    svarssatt = models.CharField(
        "svar önskas via", max_length=10, choices=Svarssatt.choices, blank=True
    )
    handlaggs_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="handläggs av",
    )
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.INKOMMEN
    )
    kvittens_senast = models.DateField("ska kvitteras senast")
    svar_senast = models.DateField("ska besvaras senast")
    kvitterad = models.DateTimeField("kvitterad", null=True, blank=True)
    utredning = models.TextField("utredning", blank=True)
    atgarder = models.TextField("åtgärder", blank=True)
    besvarad = models.DateTimeField("besvarad", null=True, blank=True)
    avslutad = models.DateTimeField("avslutad", null=True, blank=True)
    tillsynsarende = models.ForeignKey(
        "Tillsynsarende",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aterforda_synpunkter",
        verbose_name="återförd av IVO i ärende",
    )

    class Meta:
        verbose_name = "synpunkt"
        verbose_name_plural = "synpunkter"
        ordering = ["-inkom", "-pk"]
        indexes = [models.Index(fields=["namnd", "inkom"], name="synpunkt_namnd_inkom")]
        constraints = [
            models.CheckConstraint(condition=Q(kanal__in=Kanal.values), name="synpunkt_kanal"),
            models.CheckConstraint(condition=Q(slag__in=Slag.values), name="synpunkt_slag"),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="synpunkt_status_giltig"
            ),
            models.CheckConstraint(
                condition=Q(svarssatt="") | Q(svarssatt__in=Svarssatt.values),
                name="synpunkt_svarssatt",
            ),
            models.CheckConstraint(
                condition=Q(anonym=False)
                | Q(
                    person__isnull=True,
                    namn="",
                    telefon="",
                    epost="",
                    adress="",
                    vill_ha_svar=False,
                    akt__isnull=True,
                    ansokan__isnull=True,
                    beslutsbrev__isnull=True,
                ),
                name="synpunkt_anonym_utan_personuppgifter",
            ),
            models.CheckConstraint(
                condition=Q(handlaggs_av__isnull=True)
                | Q(berord_personal__isnull=True)
                | ~Q(handlaggs_av=models.F("berord_personal")),
                name="synpunkt_aldrig_om_sig_sjalv",
            ),
        ]

    def __str__(self) -> str:
        return f"Synpunkt {self.nummer}"

    @property
    def avsandare(self) -> str:
        if self.anonym:
            return "Anonym"
        if self.person_id:
            return self.person.namn
        return self.namn or "Namn ej angivet"


class Aterkoppling(models.Model):
    """The återkoppling actually given: a letter, an e-tjänst message or a phone note."""

    class Satt(models.TextChoices):
        BREV = "brev", "Brev"
        ETJANST = "etjanst", "Meddelande i e-tjänsten"
        TELEFON = "telefon", "Telefonsamtal"
        EPOST = "epost", "E-post"

    synpunkt = models.ForeignKey(Synpunkt, on_delete=models.PROTECT, related_name="aterkopplingar")
    satt = models.CharField("hur", max_length=10, choices=Satt.choices)
    text = models.TextField("svaret")
    given = models.DateTimeField(auto_now_add=True)
    av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    last_av_sokande = models.DateTimeField("läst av den som lämnade synpunkten", null=True)

    class Meta:
        verbose_name = "återkoppling"
        verbose_name_plural = "återkopplingar"
        ordering = ["given"]
        constraints = [
            models.CheckConstraint(
                condition=Q(satt__in=["brev", "etjanst", "telefon", "epost"]),
                name="aterkoppling_satt",
            )
        ]

    def __str__(self) -> str:
        return f"Återkoppling {self.given:%Y-%m-%d} ({self.get_satt_display()})"


class Omfordelning(models.Model):
    """A synpunkt handed over from one manager to another, with the reason: the record of who
    handled it when, also for a synpunkt that concerns no Akt (docs/regler.md: Synpunkter)."""

    synpunkt = models.ForeignKey(Synpunkt, on_delete=models.PROTECT, related_name="omfordelningar")
    fran = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="från",
    )
    till = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="till"
    )
    av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    skal = models.TextField("skäl")
    tidpunkt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "omfördelning"
        verbose_name_plural = "omfördelningar"
        ordering = ["tidpunkt", "pk"]

    def __str__(self) -> str:
        return f"Omfördelning {self.tidpunkt:%Y-%m-%d} ({self.synpunkt})"


class Tillsynsarende(models.Model):
    """A matter at IVO or JO concerning the nämnd: the yttrande, the decision and criticism,
    the measures taken and when."""

    class Myndighet(models.TextChoices):
        IVO = "ivo", "IVO"
        JO = "jo", "JO"

    class Status(models.TextChoices):
        OPPET = "oppet", "Öppet"
        YTTRANDE_LAMNAT = "yttrande", "Yttrande lämnat"
        AVGJORT = "avgjort", "Avgjort"

    namnd = models.ForeignKey(Namnd, on_delete=models.PROTECT, related_name="+")
    myndighet = models.CharField("myndighet", max_length=3, choices=Myndighet.choices)
    diarienummer = models.CharField("diarienummer", max_length=40)
    inkom = models.DateField("inkom till nämnden")
    beskrivning = models.TextField("vad ärendet gäller")
    ansvarig = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ansvarig",
    )
    yttrande_senast = models.DateField("yttrande ska lämnas senast", null=True, blank=True)
    yttrande = models.TextField("nämndens yttrande", blank=True)
    yttrande_lamnat = models.DateField("yttrande lämnat", null=True, blank=True)
    beslut_datum = models.DateField("beslut", null=True, blank=True)
    beslut = models.TextField("myndighetens beslut", blank=True)
    kritik = models.BooleanField("kritik", null=True, blank=True)
    atgarder = models.TextField("åtgärder", blank=True)
    atgarder_datum = models.DateField("åtgärder vidtagna", null=True, blank=True)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.OPPET)
    synpunkter = models.ManyToManyField(Synpunkt, blank=True, related_name="tillsynsarenden")
    akter = models.ManyToManyField(Akt, blank=True, related_name="+")
    registrerad = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "IVO- eller JO-ärende"
        verbose_name_plural = "IVO- och JO-ärenden"
        ordering = ["-inkom", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["namnd", "myndighet", "diarienummer"], name="tillsyn_diarienummer_unikt"
            ),
            models.CheckConstraint(
                condition=Q(myndighet__in=["ivo", "jo"]), name="tillsyn_myndighet"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["oppet", "yttrande", "avgjort"]), name="tillsyn_status"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_myndighet_display()} {self.diarienummer}"


class Avvikelse(models.Model):
    """An avvikelse, or a lex Sarah report of a missförhållande or a påtaglig risk of one
    (SoL (2025:400) 27 kap. 2 §), with the responsible manager's investigation, remedy,
    assessment and — if allvarligt — the report to IVO (27 kap. 5–6 §§)."""

    class Typ(models.TextChoices):
        AVVIKELSE = "avvikelse", "Avvikelse"
        MISSFORHALLANDE = "missforhallande", "Missförhållande (lex Sarah)"
        RISK = "risk", "Påtaglig risk för missförhållande (lex Sarah)"

    class Status(models.TextChoices):
        RAPPORTERAD = "rapporterad", "Rapporterad"
        UTREDS = "utreds", "Utreds"
        BEDOMD = "bedomd", "Bedömd"
        ANMALD = "anmald", "Anmäld till IVO"
        AVSLUTAD = "avslutad", "Avslutad"

    nummer = models.CharField("nummer", max_length=20, unique=True)
    namnd = models.ForeignKey(Namnd, on_delete=models.PROTECT, related_name="+")
    enhet = models.ForeignKey(
        Enhet, on_delete=models.PROTECT, null=True, blank=True, related_name="avvikelser"
    )
    akt = models.ForeignKey(
        Akt, on_delete=models.PROTECT, null=True, blank=True, related_name="avvikelser"
    )
    typ = models.CharField("typ", max_length=20, choices=Typ.choices)
    beskrivning = models.TextField("vad hände")
    intraffade = models.DateField("inträffade", null=True, blank=True)
    omedelbara_atgarder = models.TextField("åtgärder som redan vidtagits", blank=True)
    rapporterad = models.DateTimeField(auto_now_add=True)
    rapporterad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ansvarig = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ansvarig chef",
    )
    status = models.CharField(
        "status", max_length=12, choices=Status.choices, default=Status.RAPPORTERAD
    )
    utredning = models.TextField("utredning", blank=True)
    atgarder = models.TextField("åtgärder för att undanröja", blank=True)
    allvarligt = models.BooleanField("allvarligt", null=True, blank=True)
    bedomning = models.TextField("bedömning", blank=True)
    bedomd = models.DateTimeField("bedömd", null=True, blank=True)
    ivo_senast = models.DateField("anmälan till IVO senast", null=True, blank=True)
    ivo_anmald = models.DateField("anmäld till IVO", null=True, blank=True)
    ivo_diarienummer = models.CharField("IVO:s diarienummer", max_length=40, blank=True)
    uppfoljning = models.TextField("uppföljning", blank=True)
    rapportor_informerad = models.DateTimeField("rapportören informerad", null=True, blank=True)
    avslutad = models.DateTimeField("avslutad", null=True, blank=True)

    class Meta:
        verbose_name = "avvikelse eller lex Sarah-rapport"
        verbose_name_plural = "avvikelser och lex Sarah-rapporter"
        ordering = ["-rapporterad"]
        constraints = [
            models.CheckConstraint(
                condition=Q(typ__in=["avvikelse", "missforhallande", "risk"]),
                name="avvikelse_typ",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["rapporterad", "utreds", "bedomd", "anmald", "avslutad"]),
                name="avvikelse_status",
            ),
            models.CheckConstraint(
                condition=Q(ivo_anmald__isnull=True) | Q(allvarligt=True),
                name="avvikelse_ivo_bara_allvarligt",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_typ_display()} {self.nummer}"

    @property
    def lex_sarah(self) -> bool:
        return self.typ != self.Typ.AVVIKELSE
