"""Beslut, delegation, avsteg and samråd, decision letters and appeals (docs/arkitektur.md: Flöde;
docs/arkitektur.md: Appar; docs/regler.md: Beslut och beslutsbrev).

State lives in stored fields changed only by `beslut.services` (docs/arkitektur.md: Kodstil (en
tillståndsmaskin)); nothing here has logic in `save()` or signals. A rendered letter is immutable: a
database trigger refuses any change of its file and checksum once set, and any deletion (migration
0002).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from bistand.models import Roll
from utredning.models import ADVERSA_UTFALL, Utfall

# The outcome codes are defined once, in utredning (the förslag uses the same codes).
UTFALL = Utfall.choices
UTFALL_KODER = Utfall.values
ADVERSA = ADVERSA_UTFALL
BEVILJANDE = frozenset({Utfall.BIFALL, Utfall.DELVIS_BIFALL})


class Beslutstyp(models.TextChoices):
    """docs/regler.md, Beslut och beslutsbrev: an ordinary decision, a tillägg to a standing
    decision for the same month, or an ändringsbeslut that replaces one (FL 37–38 §§)."""

    BESLUT = "beslut", "Beslut"
    TILLAGG = "tillagg", "Tillägg"
    ANDRING = "andring", "Ändringsbeslut"


class Andringsgrund(models.TextChoices):
    """FL 37 § 2 st.: the only grounds on which a decision may be changed to the party's
    disadvantage."""

    FORBEHALL = "forbehall", "Det framgick av beslutet att det kunde ändras"
    SAKERHET = "sakerhet", "Tvingande säkerhetsskäl kräver ändringen"
    ORIKTIGA_UPPGIFTER = (
        "oriktiga_uppgifter",
        "Beslutet grundade sig på oriktiga eller vilseledande uppgifter från den sökande",
    )


class Andringsanledning(models.TextChoices):
    """FL 37 § 1 st.: why the nämnd changes its own decision. The label completes the letter's
    sentence "Vi ändrar beslutet från <datum> eftersom …"."""

    NYA_OMSTANDIGHETER = "nya_omstandigheter", "det har kommit fram nya omständigheter"
    ANNAN_ANLEDNING = "annan_anledning", "det var felaktigt av någon annan anledning"


ANDRINGSGRUND_PUNKT = {
    Andringsgrund.FORBEHALL: "37 § andra stycket 1 förvaltningslagen (2017:900)",
    Andringsgrund.SAKERHET: "37 § andra stycket 2 förvaltningslagen (2017:900)",
    Andringsgrund.ORIKTIGA_UPPGIFTER: "37 § andra stycket 3 förvaltningslagen (2017:900)",
}


class Avvisningsgrund(models.TextChoices):
    """An avvisning is not a decision on the merits; it has its own ground."""

    ANNAN_KOMMUN = "annan_kommun", "En annan kommun ansvarar för att pröva ansökan"
    INTE_ANSOKAN = "inte_ansokan", "Framställningen är inte en ansökan om bistånd"
    REDAN_PROVAD = "redan_provad", "Samma sak är redan prövad i ett beslut som gäller"
    ANNAT = "annat", "Annat skäl, se motiveringen"


class Riktlinjeniva(models.Model):
    """The nämnd's riktlinje level for a kind of post, dated (docs/regler.md, Beslut och
    beslutsbrev: avsteg). `beviljas` false: the riktlinjer do not grant the post at all;
    `max_belopp`: the highest amount the riktlinjer grant (empty = no fixed level)."""

    posttyp = models.ForeignKey("ansokan.Posttyp", on_delete=models.CASCADE, related_name="+")
    giltig_fran = models.DateField("gäller från")
    beviljas = models.BooleanField("riktlinjerna ger bistånd till posten", default=True)
    max_belopp = models.DecimalField(
        "högsta belopp enligt riktlinjerna (kr)",
        max_digits=10,
        decimal_places=0,
        null=True,
        blank=True,
    )
    avsnitt = models.ForeignKey(
        "utredning.RiktlinjeAvsnitt",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="avsnitt i riktlinjerna",
    )

    class Meta:
        verbose_name = "riktlinjenivå"
        verbose_name_plural = "riktlinjenivåer"
        ordering = ["posttyp", "-giltig_fran"]
        constraints = [
            models.UniqueConstraint(
                fields=["posttyp", "giltig_fran"], name="riktlinjeniva_posttyp_datum_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.posttyp} från {self.giltig_fran}"


class Delegation(models.Model):
    """One line of the delegationsordning (docs/regler.md: Delegation): a role may make this kind of
    decision (outcome, and optionally post type) up to an amount. Edited in admin."""

    roll = models.CharField("roll", max_length=40, choices=Roll.choices)
    utfall = models.CharField(
        "beslut", max_length=15, choices=UTFALL, blank=True, help_text="Tomt = alla utfall."
    )
    posttyp = models.ForeignKey(
        "ansokan.Posttyp",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="Tomt = alla sorters poster.",
    )
    max_belopp = models.DecimalField(
        "högsta belopp (kr)",
        max_digits=10,
        decimal_places=0,
        null=True,
        blank=True,
        help_text="Tomt = utan beloppsgräns. Vid avslag räknas det sökta beloppet.",
    )
    giltig_fran = models.DateField("gäller från")
    giltig_till = models.DateField("gäller till", null=True, blank=True)
    kalla = models.CharField("nämndens beslut", max_length=200, blank=True)
    punkt = models.CharField(
        "punkt i delegationsordningen",
        max_length=20,
        blank=True,
        help_text="Skrivs i beslutsbrevet, till exempel 3.1.",
    )

    class Meta:
        verbose_name = "delegation"
        verbose_name_plural = "delegationsordning"
        ordering = ["roll", "utfall"]
        constraints = [
            models.CheckConstraint(
                condition=Q(roll__in=Roll.values), name="delegation_roll_giltig"
            ),
            models.CheckConstraint(
                condition=Q(utfall="") | Q(utfall__in=UTFALL_KODER),
                name="delegation_utfall_giltigt",
            ),
        ]

    def __str__(self) -> str:
        vad = self.get_utfall_display() if self.utfall else "Alla beslut"
        grans = f" upp till {self.max_belopp} kr" if self.max_belopp is not None else ""
        return f"{self.roll}: {vad}{grans}"


class Samrad(models.Model):
    """A request for samråd about an avsteg from riktlinjer or norm (docs/regler.md: Bakgrund;
    docs/regler.md: Avsteg).

    Answered by the Enhet's enhetschef or förste socialsekreterare, never by the one who asks
    or decides. An approval is valid until `giltig_till` (at most six months).
    """

    class Status(models.TextChoices):
        BEGARD = "begard", "Väntar på samråd"
        GODKAND = "godkand", "Godkänt"
        AVSLAGEN = "avslagen", "Inte godkänt"

    class Avser(models.TextChoices):
        RIKTLINJE = "riktlinje", "Riktlinjerna"
        NORM = "norm", "Riksnormen eller nivån för skälig kostnad"

    ansokan = models.ForeignKey("ansokan.Ansokan", on_delete=models.PROTECT, related_name="+")
    post = models.ForeignKey("ansokan.AnsokanPost", on_delete=models.PROTECT, related_name="+")
    avser = models.CharField("avsteg från", max_length=10, choices=Avser.choices)
    avsnitt = models.ForeignKey(
        "utredning.RiktlinjeAvsnitt",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="avsnitt i riktlinjerna",
    )
    skal = models.TextField("skäl för avsteget")
    begard_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    begard = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.BEGARD
    )
    besvarad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    besvarad = models.DateTimeField(null=True, blank=True)
    kommentar = models.TextField("kommentar", blank=True)
    giltig_fran = models.DateField("gäller från", null=True, blank=True)
    giltig_till = models.DateField("gäller till och med", null=True, blank=True)

    class Meta:
        verbose_name = "samråd om avsteg"
        verbose_name_plural = "samråd om avsteg"
        ordering = ["-begard"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["begard", "godkand", "avslagen"]),
                name="samrad_status_giltig",
            ),
            models.CheckConstraint(
                condition=~Q(status="godkand") | Q(giltig_till__isnull=False),
                name="samrad_godkand_har_slutdatum",
            ),
        ]

    def __str__(self) -> str:
        return f"Samråd om avsteg för {self.post} ({self.get_status_display()})"


class Beslutsbrev(models.Model):
    """One decision letter: holds one or more Beslut (docs/regler.md: Beslut och beslutsbrev).

    `skickad` is the day the letter was sent (rendered and published); `oppnad` the first day
    the applicant opened it in the e-tjänst. The PDF is stored under FILE_STORAGE_DIR with its
    SHA-256; the database refuses to change either once set.
    """

    class Typ(models.TextChoices):
        BESLUT = "beslut", "Beslut"
        AVVISNING_OVERKLAGANDE = "avvisning", "Avvisning av överklagande"
        AVGORANDE = "avgorande", "Avslag på begäran om avgörande"

    ansokan = models.ForeignKey(
        "ansokan.Ansokan", on_delete=models.PROTECT, related_name="beslutsbrev"
    )
    typ = models.CharField("typ", max_length=10, choices=Typ.choices, default=Typ.BESLUT)
    beslutsdatum = models.DateField("beslutsdatum")
    fattat_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    skapad = models.DateTimeField(auto_now_add=True)
    sokvag = models.CharField("lagrad som", max_length=300, blank=True)
    sha256 = models.CharField("kontrollsumma", max_length=64, blank=True)
    renderad = models.DateTimeField(null=True, blank=True)
    skickad = models.DateField("skickat", null=True, blank=True)
    oppnad = models.DateField("öppnat i e-tjänsten", null=True, blank=True)

    class Meta:
        verbose_name = "beslutsbrev"
        verbose_name_plural = "beslutsbrev"
        ordering = ["-beslutsdatum", "-pk"]

    def __str__(self) -> str:
        return f"Beslut {self.beslutsdatum} ({self.ansokan})"


def beslutets_rubrik(posttyp: str | None, brevtyp: str | None) -> str:
    """What a decision is about, from plain values: its post's kind, else a request for a
    decision (FL 12 §) by its letter's kind, else an appeal. `Beslut.rubrik` and the lists that
    read values instead of instances (the worklist's appeals) name it so."""
    if posttyp:
        return posttyp
    if brevtyp == Beslutsbrev.Typ.AVGORANDE:
        return "Begäran om avgörande"
    return "Överklagande"


class Beslut(models.Model):
    """The decision on one requested post (docs/regler.md: Beslut och beslutsbrev), or the avvisning
    of a late appeal (then `post` is empty). `delgiven` and `laga_kraft` are recorded here
    (docs/arkitektur.md: Flöde)."""

    brev = models.ForeignKey(Beslutsbrev, on_delete=models.PROTECT, related_name="beslut")
    post = models.ForeignKey(
        "ansokan.AnsokanPost", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    forslag = models.ForeignKey(
        "utredning.ForslagPost", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    berakning = models.ForeignKey(
        "utredning.Berakning", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    utfall = models.CharField("beslut", max_length=15, choices=UTFALL)
    belopp = models.DecimalField(
        "beviljat belopp (kr)", max_digits=10, decimal_places=0, null=True, blank=True
    )
    lagrum = models.ForeignKey(
        "bistand.Lagrum", on_delete=models.PROTECT, related_name="+", verbose_name="lagrum"
    )
    period_fran = models.DateField("gäller från", null=True, blank=True)
    period_till = models.DateField("gäller till", null=True, blank=True)
    motivering = models.TextField("motivering", blank=True)
    brist_pa_underlag = models.BooleanField("avslag för att underlag saknas", default=False)
    radrum = models.CharField("rådrum", max_length=25, blank=True)
    radrum_slut = models.DateField("rådrummet slutar", null=True, blank=True)
    samrad = models.ForeignKey(
        Samrad, on_delete=models.PROTECT, null=True, blank=True, related_name="beslut"
    )
    andrar = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="andrad_genom",
        verbose_name="ändrar beslut",
    )
    typ = models.CharField(
        "slag av beslut", max_length=10, choices=Beslutstyp.choices, default=Beslutstyp.BESLUT
    )
    tillagg_till = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tillagg",
        verbose_name="tillägg till beslut",
    )
    andringsgrund = models.CharField(
        "grund för ändring till nackdel", max_length=20, choices=Andringsgrund.choices, blank=True
    )
    andringsanledning = models.CharField(
        "varför beslutet ändras",
        max_length=20,
        choices=Andringsanledning.choices,
        blank=True,
        help_text="37 § första stycket förvaltningslagen, för ett ändringsbeslut på nämndens "
        "initiativ.",
    )
    avvisningsgrund = models.CharField(
        "grund för avvisning", max_length=20, choices=Avvisningsgrund.choices, blank=True
    )
    period_skal = models.TextField("skäl för en period längre än en månad", blank=True)
    beraknat_belopp = models.DecimalField(
        "belopp enligt beräkningen (kr)", max_digits=10, decimal_places=0, null=True, blank=True
    )
    avsteg = models.BooleanField("avsteg från riktlinjer eller norm", default=False)
    delegation = models.ForeignKey(
        Delegation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    delgiven = models.DateField("delgiven", null=True, blank=True)
    besvarstid_slut = models.DateField("sista dag att överklaga", null=True, blank=True)
    laga_kraft = models.DateField("laga kraft", null=True, blank=True)

    class Meta:
        verbose_name = "beslut"
        verbose_name_plural = "beslut"
        ordering = ["brev", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(utfall__in=UTFALL_KODER), name="beslut_utfall_giltigt"
            ),
            models.CheckConstraint(
                condition=Q(belopp__isnull=True) | Q(belopp__gte=0),
                name="beslut_belopp_ej_negativt",
            ),
            models.CheckConstraint(
                condition=Q(utfall__in=["bifall"]) | ~Q(motivering=""),
                name="beslut_motivering_vid_negativt",
            ),
            models.CheckConstraint(
                condition=Q(radrum="", radrum_slut__isnull=True)
                | (~Q(radrum="") & Q(radrum_slut__isnull=False)),
                name="beslut_radrum_med_slutdatum",
            ),
            models.CheckConstraint(
                condition=Q(typ__in=Beslutstyp.values), name="beslut_typ_giltig"
            ),
            models.CheckConstraint(
                condition=~Q(typ="tillagg") | Q(tillagg_till__isnull=False),
                name="beslut_tillagg_namner_beslut",
            ),
            models.CheckConstraint(
                condition=~Q(typ="andring") | Q(andrar__isnull=False),
                name="beslut_andring_namner_beslut",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rubrik}: {self.get_utfall_display()}"

    @property
    def rubrik(self) -> str:
        """What the decision is about, as pages and letters name it (`beslutets_rubrik`)."""
        if self.post_id:
            return beslutets_rubrik(self.post.posttyp.namn, None)
        return beslutets_rubrik(None, self.brev.typ)

    @property
    def andring_skal(self) -> str:
        """FL 37 § 1 st.: the sentence that says why an ändringsbeslut on the nämnd's own
        initiative was made, as the letter and the decision page print it; empty otherwise."""
        if not (self.andrar_id and self.andringsanledning):
            return ""
        datum = self.andrar.brev.beslutsdatum
        return (
            f"Vi ändrar beslutet från {datum:%Y-%m-%d} eftersom "
            f"{self.get_andringsanledning_display()}."
        )

    @property
    def ar_negativt(self) -> bool:
        return self.utfall in ADVERSA


class Beslutsmanad(models.Model):
    """One month covered by a decision on a löpande post (docs/regler.md, Beslut och
    beslutsbrev): for an Akt, a kind of post and a month there is at most one standing
    decision. A tillägg adds to it and has no row here; an ändringsbeslut takes the month over
    and the replaced decision's row stops standing (it stays on record)."""

    beslut = models.ForeignKey(Beslut, on_delete=models.PROTECT, related_name="manader")
    akt = models.ForeignKey("bistand.Akt", on_delete=models.PROTECT, related_name="+")
    posttyp = models.ForeignKey("ansokan.Posttyp", on_delete=models.PROTECT, related_name="+")
    manad = models.DateField("månad", help_text="Den första dagen i månaden.")
    star_fast = models.BooleanField("gäller", default=True)

    class Meta:
        verbose_name = "beslutad månad"
        verbose_name_plural = "beslutade månader"
        ordering = ["akt", "posttyp", "manad"]
        constraints = [
            models.UniqueConstraint(
                fields=["akt", "posttyp", "manad"],
                condition=Q(star_fast=True),
                name="ett_gallande_beslut_per_post_och_manad",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.posttyp} {self.manad:%Y-%m}"


# The appeals still to be handled: not yet forwarded, rejected or withdrawn.
OPPNA_OVERKLAGANDEN = ("inkommen", "rattidsprovad", "omprovad")


class Overklagande(models.Model):
    """An appeal of one Beslut (docs/arkitektur.md: Flöde; FL 43–46 §§), with its own state machine:
    inkommen → rattidsprovad → (avvisad | omprovad) → overlamnad → avgjord, and aterkallad
    from every state before the forwarding when the appellant withdraws it. After an ändring
    the appeal is deemed to cover the new decision and is still forwarded (FL 46 § 2 st.).
    Only `services.overklagande_overgang` changes `status`."""

    class Status(models.TextChoices):
        INKOMMEN = "inkommen", "Inkommen"
        RATTIDSPROVAD = "rattidsprovad", "Rättidsprövad"
        AVVISAD = "avvisad", "Avvisad (för sent)"
        OMPROVAD = "omprovad", "Omprövad"
        ATERKALLAD = "aterkallad", "Återkallad"
        OVERLAMNAD = "overlamnad", "Överlämnad till förvaltningsrätten"
        AVGJORD = "avgjord", "Avgjord av domstol"

    class Kanal(models.TextChoices):
        ETJANST = "etjanst", "E-tjänst"
        PAPPER = "papper", "Papper"

    class Dom(models.TextChoices):
        AVSLAG = "avslag", "Avslag (nämndens beslut står fast)"
        BIFALL = "bifall", "Bifall (ändrat till den sökandes fördel)"
        ATERFORVISNING = "aterforvisning", "Återförvisning till nämnden"
        AVSKRIVNING = "avskrivning", "Avskrivning"

    beslut = models.ForeignKey(Beslut, on_delete=models.PROTECT, related_name="overklaganden")
    # The Akt of the appealed decision (beslut → brev → ansökan → akt), kept on the appeal so
    # that the worklist finds a unit's open appeals from its Akter through an index instead of
    # walking every open appeal of the nämnd back to its Akt (docs/prestanda.md).
    akt = models.ForeignKey("bistand.Akt", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        "status", max_length=15, choices=Status.choices, default=Status.INKOMMEN
    )
    kanal = models.CharField("inkom via", max_length=10, choices=Kanal.choices)
    inkommen = models.DateField("inkom till nämnden")
    text = models.TextField("överklagandet")
    registrerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    av_person = models.ForeignKey(
        "bistand.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sista_dag = models.DateField("sista dag för överklagande", null=True, blank=True)
    rattidig = models.BooleanField("kom in i tid", null=True)
    nytt_beslut = models.ForeignKey(
        Beslut, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    omprovning_motivering = models.TextField("omprövning", blank=True)
    yttrande = models.TextField("nämndens yttrande", blank=True)
    overlamnad = models.DateField("överlämnad", null=True, blank=True)
    overlamnad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="överlämnad av",
    )
    bilagor = models.ManyToManyField(
        "ansokan.Bilaga", blank=True, related_name="overklaganden", verbose_name="bilagor"
    )
    bunt_sokvag = models.CharField(max_length=300, blank=True)
    bunt_sha256 = models.CharField(max_length=64, blank=True)
    dom = models.CharField("domens utgång", max_length=15, choices=Dom.choices, blank=True)
    dom_datum = models.DateField("domens datum", null=True, blank=True)
    dom_avsnitt = models.ForeignKey(
        "utredning.RiktlinjeAvsnitt",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="avsnitt i riktlinjerna som domen gällde",
    )
    dom_kommentar = models.TextField("kommentar om domen", blank=True)
    skapad = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "överklagande"
        verbose_name_plural = "överklaganden"
        ordering = ["-inkommen", "-pk"]
        indexes = [
            models.Index(fields=["akt", "status"], name="overklagande_akt_status"),
            # The open appeals (docs/prestanda.md: Arbetslistan i storstad): the worklists'
            # task source reads only these, a few per cent of a year's appeals.
            models.Index(
                fields=["akt"],
                condition=Q(status__in=OPPNA_OVERKLAGANDEN),
                name="overklagande_oppen_akt",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "inkommen",
                        "rattidsprovad",
                        "avvisad",
                        "omprovad",
                        "aterkallad",
                        "overlamnad",
                        "avgjord",
                    ]
                ),
                name="overklagande_status_giltig",
            ),
        ]

    def __str__(self) -> str:
        return f"Överklagande av {self.beslut} ({self.get_status_display()})"
