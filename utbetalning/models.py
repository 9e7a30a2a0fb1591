"""Payments from decisions, payees, payment runs, reconciliation and återkrav.

State lives in stored fields changed only by `utbetalning.services` (one state machine per
aggregate, no logic in `save()` or signals). Rules: docs/regler.md, "Utbetalning och återkrav".
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from . import konton


class Mottagartyp(models.TextChoices):
    SOKANDE = "sokande", "Sökande (eget konto)"
    HYRESVARD = "hyresvard", "Hyresvärd"
    ENERGIBOLAG = "energibolag", "Elbolag"
    BORGENAR = "borgenar", "Annan borgenär"


class Kontotyp(models.TextChoices):
    BANKKONTO = "bankkonto", "Bankkonto"
    BANKGIRO = "bankgiro", "Bankgiro"
    PLUSGIRO = "plusgiro", "Plusgiro"


class Ocrkrav(models.TextChoices):
    INGET = "inget", "Inget OCR-nummer (meddelande)"
    OCR = "ocr", "OCR-nummer med kontrollsiffra"
    OCR_LANGD = "ocr_langd", "OCR-nummer med kontrollsiffra och längdsiffra"


class Betalningsmottagare(models.Model):
    """A payee in the register: the applicant (with the account the applicant gave) or a
    landlord, energy company or other creditor paid directly.

    The account fields hold the approved account only; a new or changed account waits in
    `Kontoandring` until a second person approves it (docs/regler.md: Betalningsmottagare).
    """

    namnd = models.ForeignKey("bistand.Namnd", on_delete=models.PROTECT, related_name="+")
    typ = models.CharField("typ", max_length=15, choices=Mottagartyp.choices)
    namn = models.CharField("namn", max_length=140)
    person = models.ForeignKey(
        "bistand.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="person",
    )
    organisationsnummer = models.CharField("organisationsnummer", max_length=13, blank=True)
    ocrkrav = models.CharField(
        "referens", max_length=10, choices=Ocrkrav.choices, default=Ocrkrav.INGET
    )
    kontotyp = models.CharField("kontotyp", max_length=10, choices=Kontotyp.choices, blank=True)
    clearingnummer = models.CharField("clearingnummer", max_length=5, blank=True)
    kontonummer = models.CharField("kontonummer", max_length=15, blank=True)
    aktiv = models.BooleanField("aktiv", default=True)
    skapad = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "betalningsmottagare"
        verbose_name_plural = "betalningsmottagare"
        ordering = ["namn"]
        constraints = [
            models.CheckConstraint(
                condition=Q(typ__in=Mottagartyp.values), name="mottagare_typ_giltig"
            ),
            models.CheckConstraint(
                condition=~Q(typ="sokande") | Q(person__isnull=False),
                name="mottagare_sokande_har_person",
            ),
        ]

    def __str__(self) -> str:
        return self.namn

    @property
    def har_konto(self) -> bool:
        return bool(self.kontotyp and self.kontonummer)

    @property
    def konto_visning(self) -> str:
        if not self.har_konto:
            return "Inget godkänt konto"
        if self.kontotyp == Kontotyp.BANKGIRO:
            return f"Bankgiro {konton.bankgiro_visning(self.kontonummer)}"
        if self.kontotyp == Kontotyp.PLUSGIRO:
            return f"Plusgiro {konton.plusgiro_visning(self.kontonummer)}"
        return f"Bankkonto {self.clearingnummer}-{self.kontonummer}"


class Kontoandring(models.Model):
    """A proposed new or changed account for a payee; applies only when a second person
    approves it. Kept forever as the log of every account change."""

    class Status(models.TextChoices):
        FORESLAGEN = "foreslagen", "Väntar på godkännande"
        GODKAND = "godkand", "Godkänd"
        AVVISAD = "avvisad", "Avvisad"

    mottagare = models.ForeignKey(
        Betalningsmottagare, on_delete=models.PROTECT, related_name="kontoandringar"
    )
    kontotyp = models.CharField("kontotyp", max_length=10, choices=Kontotyp.choices)
    clearingnummer = models.CharField("clearingnummer", max_length=5, blank=True)
    kontonummer = models.CharField("kontonummer", max_length=15)
    tidigare = models.CharField("tidigare konto", max_length=60, blank=True)
    status = models.CharField(
        "status", max_length=12, choices=Status.choices, default=Status.FORESLAGEN
    )
    foreslagen_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    foreslagen = models.DateTimeField(auto_now_add=True)
    besvarad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    besvarad = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "kontoändring"
        verbose_name_plural = "kontoändringar"
        ordering = ["-foreslagen"]
        constraints = [
            models.CheckConstraint(
                condition=Q(besvarad_av__isnull=True) | ~Q(besvarad_av=models.F("foreslagen_av")),
                name="kontoandring_annan_person_godkanner",
            ),
        ]

    def __str__(self) -> str:
        return f"Kontoändring för {self.mottagare} ({self.get_status_display()})"


class Betalningsval(models.Model):
    """How a post type of an Akt is paid: directly to a landlord, energy company or creditor
    (with the reference the payee recognises), or split between spouses by percentage. An Akt
    without a row for a post type is paid to the applicant's own account."""

    akt = models.ForeignKey("bistand.Akt", on_delete=models.CASCADE, related_name="+")
    posttyp = models.ForeignKey(
        "ansokan.Posttyp",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="posttyp",
        help_text="Tom: gäller alla poster som inte har ett eget val.",
    )
    mottagare = models.ForeignKey(
        Betalningsmottagare, on_delete=models.PROTECT, related_name="+", verbose_name="mottagare"
    )
    andel = models.PositiveSmallIntegerField("andel (procent)", default=100)
    referens = models.CharField("referens (OCR eller meddelande)", max_length=35, blank=True)
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    skapad = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "betalningsval"
        verbose_name_plural = "betalningsval"
        ordering = ["akt", "posttyp", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(andel__gte=1, andel__lte=100), name="betalningsval_andel_1_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mottagare} ({self.andel} %)"


class Narvarovillkor(models.Model):
    """The decision makes närvaro at the arbetsmarknadsenhet a condition for payments in a
    period (docs/regler.md: Närvaro som villkor). A missing report raises a Bevakning; only a
    new decision can reduce or stop the payment."""

    akt = models.ForeignKey("bistand.Akt", on_delete=models.CASCADE, related_name="+")
    remiss = models.ForeignKey("utredning.Remiss", on_delete=models.PROTECT, related_name="+")
    fran = models.DateField("från")
    till = models.DateField("till och med", null=True, blank=True)
    satt_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    skapad = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "närvarovillkor"
        verbose_name_plural = "närvarovillkor"
        ordering = ["-fran"]

    def __str__(self) -> str:
        return f"Närvarovillkor från {self.fran}"


class Attestgrans(models.Model):
    """Orders above this amount need attest by a second person (docs/regler.md: Attest).

    Per post type (empty = every post type without its own row), dated.
    """

    posttyp = models.ForeignKey(
        "ansokan.Posttyp",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="posttyp",
    )
    belopp = models.DecimalField("attest krävs över (kr)", max_digits=10, decimal_places=0)
    giltig_fran = models.DateField("gäller från")

    class Meta:
        verbose_name = "attestgräns"
        verbose_name_plural = "attestgränser"
        ordering = ["posttyp", "-giltig_fran"]

    def __str__(self) -> str:
        return f"{self.posttyp or 'Alla poster'}: över {self.belopp} kr"


class Orderstatus(models.TextChoices):
    VANTAR_ATTEST = "vantar_attest", "Väntar på attest"
    STICKPROV = "stickprov", "Stickprovskontroll"
    VANTAR_NARVARO = "vantar_narvaro", "Närvarorapport saknas – handläggaren prövar"
    KLAR = "klar", "Klar för utbetalning"
    I_FIL = "i_fil", "Skickad till banken"
    BETALD = "betald", "Utbetald"
    AVVISAD = "avvisad", "Avvisad av banken"
    MAKULERAD = "makulerad", "Makulerad genom nytt beslut"


class Utbetalningsorder(models.Model):
    """One payment of one decided post to one payee on one payment day."""

    beslut = models.ForeignKey("beslut.Beslut", on_delete=models.PROTECT, related_name="+")
    akt = models.ForeignKey("bistand.Akt", on_delete=models.PROTECT, related_name="+")
    mottagare = models.ForeignKey(
        Betalningsmottagare, on_delete=models.PROTECT, related_name="ordrar"
    )
    belopp = models.DecimalField("belopp (kr)", max_digits=10, decimal_places=2)
    betalningsdag = models.DateField("betalningsdag")
    akut = models.BooleanField("akut", default=False)
    referens = models.CharField("referens", max_length=35, blank=True)
    referens_ar_ocr = models.BooleanField("referensen är ett OCR-nummer", default=False)
    status = models.CharField(
        "status", max_length=15, choices=Orderstatus.choices, default=Orderstatus.KLAR
    )
    kraver_attest = models.BooleanField("kräver attest", default=False)
    attesterad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    attesterad = models.DateTimeField(null=True, blank=True)
    stickprov = models.BooleanField("utvald för stickprov", default=False)
    stickprov_kontrollerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    stickprov_kontrollerad = models.DateTimeField(null=True, blank=True)
    stickprov_checklista = models.JSONField(default=dict, blank=True)
    narvarokrav = models.ForeignKey(
        "utredning.Remiss",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="villkor om närvaro",
    )
    narvaro_provad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    narvaro_provad = models.DateTimeField(null=True, blank=True)
    betalfil = models.ForeignKey(
        "Betalfil", on_delete=models.PROTECT, null=True, blank=True, related_name="ordrar"
    )
    betald_datum = models.DateField("utbetald", null=True, blank=True)
    bankens_orsak = models.CharField("bankens orsak", max_length=300, blank=True)
    ersatter = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ersatt_av",
        verbose_name="betalar igen den avvisade utbetalningen",
    )
    skapad = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "utbetalningsorder"
        verbose_name_plural = "utbetalningsordrar"
        ordering = ["betalningsdag", "pk"]
        indexes = [models.Index(fields=["status", "betalningsdag"], name="order_status_dag")]
        permissions = [
            ("attestera", "Får attestera utbetalningar (aldrig egna beslut)"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Orderstatus.values), name="order_status_giltig"
            ),
            models.CheckConstraint(condition=Q(belopp__gt=0), name="order_belopp_positivt"),
            models.CheckConstraint(
                condition=~Q(status__in=["i_fil", "betald", "avvisad"]) | Q(betalfil__isnull=False),
                name="order_skickad_har_fil",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.belopp} kr till {self.mottagare} {self.betalningsdag}"


class Betalfil(models.Model):
    """One payment run: an ISO 20022 pain.001 file for one payment day.

    The XML is kept as written, with its SHA-256; a run never changes afterwards.
    """

    namnd = models.ForeignKey("bistand.Namnd", on_delete=models.PROTECT, related_name="+")
    betalningsdag = models.DateField("betalningsdag")
    meddelande_id = models.CharField("meddelande-id", max_length=35, unique=True)
    antal = models.PositiveIntegerField("antal betalningar")
    kontrollsumma = models.DecimalField("kontrollsumma", max_digits=14, decimal_places=2)
    xml = models.TextField("fil")
    sha256 = models.CharField("kontrollsumma (SHA-256)", max_length=64)
    skapad = models.DateTimeField(auto_now_add=True)
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "betalfil"
        verbose_name_plural = "betalfiler"
        ordering = ["-betalningsdag", "-skapad"]

    def __str__(self) -> str:
        return f"Betalfil {self.betalningsdag} ({self.meddelande_id})"


class Avstamning(models.Model):
    """An imported reconciliation file from the bank (camt.054 or CSV); imported once."""

    filnamn = models.CharField("filnamn", max_length=200)
    sha256 = models.CharField("kontrollsumma", max_length=64, unique=True)
    format = models.CharField("format", max_length=10)
    betalda = models.PositiveIntegerField("betalda", default=0)
    avvisade = models.PositiveIntegerField("avvisade", default=0)
    importerad = models.DateTimeField(auto_now_add=True)
    importerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "avstämningsfil"
        verbose_name_plural = "avstämningsfiler"
        ordering = ["-importerad"]

    def __str__(self) -> str:
        return f"{self.filnamn} ({self.importerad:%Y-%m-%d})"


class Aterkrav(models.Model):
    """A claim to pay back bistånd (SoL (2025:400) 33 kap. 1–6 §§; before 2025-07-01
    SoL (2001:453) 9 kap. 1–3 §§). Proposed by the system or a person, decided or dropped by a
    person — never decided automatically."""

    class Status(models.TextChoices):
        FORESLAGET = "foreslaget", "Förslag – ska prövas"
        NEDLAGT = "nedlagt", "Inget återkrav"
        BESLUTAT = "beslutat", "Beslutat"
        REGLERAT = "reglerat", "Betalt eller eftergivet"

    class Orsak(models.TextChoices):
        ANDRINGSBESLUT = "andringsbeslut", "Ändrat beslut efter utbetalning"
        AVVISAD_BETALNING = "avvisad", "Utbetalning som inte kunnat stämmas av"
        UPPGIFTER = "uppgifter", "Oriktiga eller utelämnade uppgifter"
        FELAKTIG = "felaktig", "Felaktig utbetalning av annat skäl"

    class Grund(models.TextChoices):
        # 33 kap. 1 §: oriktiga uppgifter, underlåtenhet, eller annars felaktigt och den
        # enskilde skäligen borde ha insett det; 2 §: förskott på förmån/ersättning.
        OSANNA_UPPGIFTER = (
            "1_oriktiga",
            "Oriktiga uppgifter eller underlåtenhet att lämna uppgifter",
        )
        INSETT = "1_insett", "Felaktig utbetalning som den enskilde borde ha insett"
        FORSKOTT = "2_forskott", "Förskott på en förmån eller ersättning"
        VILLKOR = "3_villkor", "Bistånd som getts med villkor om återbetalning"

    akt = models.ForeignKey("bistand.Akt", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("bistand.Person", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        "status", max_length=12, choices=Status.choices, default=Status.FORESLAGET
    )
    orsak = models.CharField("orsak", max_length=15, choices=Orsak.choices)
    beslut = models.ForeignKey(
        "beslut.Beslut", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    order = models.ForeignKey(
        Utbetalningsorder, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    foreslaget_belopp = models.DecimalField("föreslaget belopp", max_digits=10, decimal_places=2)
    beskrivning = models.TextField("underlag", blank=True)
    belopp = models.DecimalField(
        "beslutat belopp", max_digits=10, decimal_places=2, null=True, blank=True
    )
    grund = models.CharField("grund", max_length=12, choices=Grund.choices, blank=True)
    ond_tro = models.BooleanField("den enskilde har handlat i ond tro", null=True)
    motivering = models.TextField("motivering", blank=True)
    utbetalt_datum = models.DateField("utbetalningen gjordes", null=True, blank=True)
    beslutsdatum = models.DateField("beslutsdatum", null=True, blank=True)
    beslutat_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    brev_sokvag = models.CharField(max_length=300, blank=True)
    brev_sha256 = models.CharField(max_length=64, blank=True)
    skapad = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "återkrav"
        verbose_name_plural = "återkrav"
        ordering = ["-skapad"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["foreslaget", "nedlagt"])
                | Q(belopp__isnull=False, beslutat_av__isnull=False, beslutsdatum__isnull=False),
                name="aterkrav_beslut_komplett",
            ),
        ]

    def __str__(self) -> str:
        return f"Återkrav {self.akt} ({self.get_status_display()})"


class Avbetalning(models.Model):
    """One scheduled instalment of a decided claim."""

    aterkrav = models.ForeignKey(Aterkrav, on_delete=models.CASCADE, related_name="plan")
    forfaller = models.DateField("förfaller")
    belopp = models.DecimalField("belopp", max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = "avbetalning"
        verbose_name_plural = "avbetalningsplan"
        ordering = ["forfaller"]

    def __str__(self) -> str:
        return f"{self.belopp} kr senast {self.forfaller}"


class Reglering(models.Model):
    """A payment, an agreed deduction (written consent) or a waiver (33 kap. 6 §) that lowers
    the balance of a claim."""

    class Typ(models.TextChoices):
        INBETALNING = "inbetalning", "Inbetalning"
        AVDRAG = "avdrag", "Avdrag med skriftligt samtycke"
        EFTERGIFT = "eftergift", "Eftergift (helt eller delvis)"

    aterkrav = models.ForeignKey(Aterkrav, on_delete=models.PROTECT, related_name="regleringar")
    typ = models.CharField("typ", max_length=12, choices=Typ.choices)
    datum = models.DateField("datum")
    belopp = models.DecimalField("belopp", max_digits=10, decimal_places=2)
    samtycke = models.CharField("skriftligt samtycke (dokument)", max_length=200, blank=True)
    registrerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    skapad = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "reglering"
        verbose_name_plural = "regleringar"
        ordering = ["datum"]
        constraints = [
            models.CheckConstraint(condition=Q(belopp__gt=0), name="reglering_belopp_positivt"),
            models.CheckConstraint(
                condition=~Q(typ="avdrag") | ~Q(samtycke=""),
                name="reglering_avdrag_kraver_samtycke",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_typ_display()} {self.belopp} kr {self.datum}"


class Budget(models.Model):
    """The year's budget for paid bistånd, per Enhet and optionally per post type (admin)."""

    ar = models.PositiveSmallIntegerField("år")
    enhet = models.ForeignKey("bistand.Enhet", on_delete=models.PROTECT, related_name="+")
    posttyp = models.ForeignKey(
        "ansokan.Posttyp", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    belopp = models.DecimalField("budget (kr)", max_digits=14, decimal_places=0)

    class Meta:
        verbose_name = "budget"
        verbose_name_plural = "budgetar"
        ordering = ["-ar", "enhet"]
        constraints = [
            models.UniqueConstraint(fields=["ar", "enhet", "posttyp"], name="budget_unik"),
        ]

    def __str__(self) -> str:
        return f"Budget {self.ar} {self.enhet}"
