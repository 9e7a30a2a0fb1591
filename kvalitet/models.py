"""Kvalitet's stored figures (docs/arkitektur.md: Periodiska jobb — nightly KPI snapshots)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class VantetidManad(models.Model):
    """Waiting times of one Enhet for one month, stored nightly (docs/arkitektur.md: Periodiska
    jobb).

    Over the ansökningar decided in the month: days from first contact to decision (mean,
    median), the share decided within the handling target, Kolada U31402 (nyansökningar only,
    mean days from first contact to decision) and the mean days spent waiting for the
    applicant's komplettering, shown separately (the clock pauses).
    """

    enhet = models.ForeignKey("bistand.Enhet", on_delete=models.CASCADE, related_name="+")
    manad = models.DateField("månad", help_text="Den första dagen i månaden.")
    antal_beslutade = models.PositiveIntegerField("beslutade ansökningar")
    medel_dagar = models.DecimalField("medel, dagar", max_digits=6, decimal_places=1, null=True)
    median_dagar = models.DecimalField("median, dagar", max_digits=6, decimal_places=1, null=True)
    andel_inom_mal = models.DecimalField(
        "andel inom handläggningsmålet (%)", max_digits=5, decimal_places=1, null=True
    )
    kolada_u31402 = models.DecimalField(
        "U31402: nyansökningar, medel dagar", max_digits=6, decimal_places=1, null=True
    )
    medel_vantan_sokande = models.DecimalField(
        "väntan på sökande, medel dagar", max_digits=6, decimal_places=1, null=True
    )
    beraknad = models.DateTimeField("beräknad", auto_now=True)

    class Meta:
        verbose_name = "väntetid per månad"
        verbose_name_plural = "väntetider per månad"
        ordering = ["-manad", "enhet"]
        constraints = [
            models.UniqueConstraint(fields=["enhet", "manad"], name="vantetid_enhet_manad_unik")
        ]

    def __str__(self) -> str:
        return f"{self.enhet} {self.manad:%Y-%m}"


# ---- journalgranskning ---------------------------------------------------------------------


class GranskningsPunkt(models.Model):
    """One point of the journalgranskning checklist (SOSFS 2011:9 5 kap. 2 §: egenkontroll).

    Edited in admin; a review copies the point's text so later edits do not change old results.
    """

    rubrik = models.CharField("rubrik", max_length=200)
    fraga = models.TextField("vad granskaren bedömer")
    ordning = models.PositiveSmallIntegerField("ordning", default=100)
    aktiv = models.BooleanField("används", default=True)

    class Meta:
        verbose_name = "punkt i granskningsmallen"
        verbose_name_plural = "granskningsmall för journalgranskning"
        ordering = ["ordning", "id"]

    def __str__(self) -> str:
        return self.rubrik


class GranskningStatus(models.TextChoices):
    DRAGEN = "dragen", "Att granska"
    GRANSKAD = "granskad", "Granskad"
    ATERKOPPLAD = "aterkopplad", "Återkopplad till handläggaren"


class Granskning(models.Model):
    """One Akt drawn at random for journalgranskning of one handläggare's work in a year.

    docs/regler.md, Kvalitetsarbete och statistik: the sample is drawn per handläggare from a
    recorded seed, so the same seed gives the same sample; the reviewer is never the handläggare.
    """

    enhet = models.ForeignKey("bistand.Enhet", on_delete=models.PROTECT, related_name="+")
    ar = models.PositiveSmallIntegerField("år")
    akt = models.ForeignKey("bistand.Akt", on_delete=models.PROTECT, related_name="+")
    handlaggare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="granskningar_av_mig",
        verbose_name="handläggare",
    )
    granskare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="granskningar_att_gora",
        verbose_name="granskare",
    )
    urvalsfro = models.BigIntegerField("urvalets frö")
    dragen = models.DateTimeField("dragen", auto_now_add=True)
    dragen_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        "status", max_length=15, choices=GranskningStatus.choices, default=GranskningStatus.DRAGEN
    )
    sammanfattning = models.TextField("sammanfattning", blank=True)
    aterkoppling = models.TextField("återkoppling till handläggaren", blank=True)
    granskad = models.DateTimeField("granskad", null=True, blank=True)
    aterkopplad = models.DateTimeField("återkopplad", null=True, blank=True)
    last_av_handlaggaren = models.DateTimeField("läst av handläggaren", null=True, blank=True)

    class Meta:
        verbose_name = "journalgranskning"
        verbose_name_plural = "journalgranskningar"
        ordering = ["-ar", "enhet", "handlaggare", "akt"]
        constraints = [
            models.UniqueConstraint(
                fields=["ar", "akt", "handlaggare"], name="granskning_en_per_akt_och_ar"
            ),
            models.CheckConstraint(
                condition=~Q(granskare=models.F("handlaggare")),
                name="granskning_aldrig_egen",
            ),
            models.CheckConstraint(
                condition=Q(status__in=GranskningStatus.values), name="granskning_status_giltig"
            ),
        ]

    def __str__(self) -> str:
        return f"Granskning {self.ar} {self.akt}"


class Bedomning(models.TextChoices):
    UPPFYLLT = "uppfyllt", "Uppfyllt"
    DELVIS = "delvis", "Delvis uppfyllt"
    EJ_UPPFYLLT = "ej_uppfyllt", "Inte uppfyllt"
    EJ_AKTUELLT = "ej_aktuellt", "Inte aktuellt"


class GranskningSvar(models.Model):
    granskning = models.ForeignKey(Granskning, on_delete=models.CASCADE, related_name="svar")
    punkt = models.ForeignKey(GranskningsPunkt, on_delete=models.PROTECT, related_name="+")
    rubrik = models.CharField("rubrik", max_length=200)
    bedomning = models.CharField("bedömning", max_length=15, choices=Bedomning.choices)
    kommentar = models.TextField("kommentar", blank=True)

    class Meta:
        verbose_name = "granskningssvar"
        verbose_name_plural = "granskningssvar"
        ordering = ["punkt__ordning", "punkt_id"]
        constraints = [
            models.UniqueConstraint(fields=["granskning", "punkt"], name="svar_en_per_punkt"),
            models.CheckConstraint(
                condition=Q(bedomning__in=Bedomning.values), name="svar_bedomning_giltig"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rubrik}: {self.get_bedomning_display()}"


class GranskningAtgard(models.Model):
    """An agreed action after a review, with its follow-up."""

    granskning = models.ForeignKey(Granskning, on_delete=models.CASCADE, related_name="atgarder")
    text = models.CharField("åtgärd", max_length=500)
    senast = models.DateField("följs upp senast")
    skapad = models.DateTimeField(auto_now_add=True)
    uppfoljd = models.DateField("uppföljd", null=True, blank=True)
    uppfoljning = models.TextField("resultat av uppföljningen", blank=True)

    class Meta:
        verbose_name = "åtgärd efter granskning"
        verbose_name_plural = "åtgärder efter granskning"
        ordering = ["senast", "id"]

    def __str__(self) -> str:
        return self.text


# ---- access-log review ----------------------------------------------------------------------


class LoggStickprov(models.Model):
    """The month's random sample of reads in one Enhet, to confirm as justified (OSL 2009:400
    and dataskyddsförordningen art. 32: the nämnd follows up who reads case data)."""

    enhet = models.ForeignKey("bistand.Enhet", on_delete=models.PROTECT, related_name="+")
    manad = models.DateField("månad", help_text="Den första dagen i månaden.")
    dragen = models.DateTimeField(auto_now_add=True)
    dragen_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "stickprov i åtkomstloggen"
        verbose_name_plural = "stickprov i åtkomstloggen"
        ordering = ["-manad", "enhet"]
        constraints = [
            models.UniqueConstraint(fields=["enhet", "manad"], name="loggstickprov_en_per_manad")
        ]

    def __str__(self) -> str:
        return f"{self.enhet} {self.manad:%Y-%m}"


class LoggBedomning(models.TextChoices):
    EJ_BEDOMD = "", "Inte bedömd"
    MOTIVERAD = "motiverad", "Motiverad"
    FRAGASATT = "fragasatt", "Ifrågasatt"


class LoggStickprovRad(models.Model):
    """One read in the sample and how it was judged (who and when, recorded once)."""

    stickprov = models.ForeignKey(LoggStickprov, on_delete=models.CASCADE, related_name="rader")
    logg_id = models.BigIntegerField("loggrad")
    bedomning = models.CharField(
        "bedömning", max_length=10, choices=LoggBedomning.choices, blank=True
    )
    kommentar = models.TextField("kommentar", blank=True)
    bedomd_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bedomd = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "läsning i stickprovet"
        verbose_name_plural = "läsningar i stickprovet"
        ordering = ["logg_id"]
        constraints = [
            models.UniqueConstraint(fields=["stickprov", "logg_id"], name="stickprovsrad_unik")
        ]

    def __str__(self) -> str:
        return f"Loggrad {self.logg_id}"


# ---- ärendedragning -------------------------------------------------------------------------


class Arendedragning(models.Model):
    """An ärende brought to the unit's weekly forum with a förslag and a question; the forum's
    conclusion is written here and in the Akt's journal."""

    enhet = models.ForeignKey("bistand.Enhet", on_delete=models.PROTECT, related_name="+")
    akt = models.ForeignKey("bistand.Akt", on_delete=models.PROTECT, related_name="+")
    ansokan = models.ForeignKey(
        "ansokan.Ansokan", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    motesdatum = models.DateField("möte")
    forslag = models.TextField("förslag till beslut")
    fraga = models.TextField("fråga till forumet")
    anmald_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    anmald = models.DateTimeField(auto_now_add=True)
    skal = models.CharField("varför", max_length=200, blank=True)
    slutsats = models.TextField("forumets slutsats", blank=True)
    slutsats_datum = models.DateField("slutsats", null=True, blank=True)
    journal = models.ForeignKey(
        "bistand.JournalAnteckning",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "ärendedragning"
        verbose_name_plural = "ärendedragningar"
        ordering = ["motesdatum", "id"]

    def __str__(self) -> str:
        return f"Ärendedragning {self.motesdatum} {self.akt}"


# ---- kvalitetsrapport -----------------------------------------------------------------------


class Omrade(models.TextChoices):
    """The six quality areas of the yearly kvalitetsrapport (docs/regler.md)."""

    RATTSSAKERHET = "rattssakerhet", "Rättssäkerhet"
    LIKVARDIGHET = "likvardighet", "Likvärdighet"
    EFFEKTIVITET = "effektivitet", "Effektivitet"
    TILLGANGLIGHET = "tillganglighet", "Tillgänglighet"
    BEMOTANDE = "bemotande", "Bemötande och delaktighet"
    EGEN_FORSORJNING = "egen_forsorjning", "Vägledning till egen försörjning"


class RapportText(models.Model):
    """The quality group's own text for one area of one year's report (Enhet or whole nämnd)."""

    ar = models.PositiveSmallIntegerField("år")
    enhet = models.ForeignKey(
        "bistand.Enhet", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    omrade = models.CharField("område", max_length=20, choices=Omrade.choices)
    text = models.TextField("text", blank=True)
    andrad = models.DateTimeField(auto_now=True)
    andrad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "text i kvalitetsrapporten"
        verbose_name_plural = "texter i kvalitetsrapporten"
        constraints = [
            models.UniqueConstraint(
                fields=["ar", "enhet", "omrade"], name="rapporttext_unik_enhet"
            ),
            models.UniqueConstraint(
                fields=["ar", "omrade"],
                condition=Q(enhet__isnull=True),
                name="rapporttext_unik_namnd",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ar} {self.get_omrade_display()}"


class Egenkontroll(models.Model):
    """A planned egenkontroll and its result (SOSFS 2011:9 5 kap. 2 §)."""

    ar = models.PositiveSmallIntegerField("år")
    enhet = models.ForeignKey(
        "bistand.Enhet", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    omrade = models.CharField("område", max_length=20, choices=Omrade.choices)
    vad = models.CharField("vad som kontrolleras", max_length=300)
    metod = models.CharField("hur", max_length=300)
    planerad = models.DateField("planerad")
    genomford = models.DateField("genomförd", null=True, blank=True)
    resultat = models.TextField("resultat", blank=True)

    class Meta:
        verbose_name = "egenkontroll"
        verbose_name_plural = "egenkontroller"
        ordering = ["ar", "planerad"]

    def __str__(self) -> str:
        return self.vad


class Risk(models.Model):
    """A risk in the riskanalys register (SOSFS 2011:9 5 kap. 1 §)."""

    ar = models.PositiveSmallIntegerField("år")
    enhet = models.ForeignKey(
        "bistand.Enhet", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    omrade = models.CharField("område", max_length=20, choices=Omrade.choices)
    risk = models.CharField("risk", max_length=300)
    sannolikhet = models.PositiveSmallIntegerField("sannolikhet (1–4)")
    konsekvens = models.PositiveSmallIntegerField("konsekvens (1–4)")
    atgarder = models.TextField("åtgärder", blank=True)
    ansvarig = models.CharField("ansvarig", max_length=200, blank=True)
    klar = models.DateField("åtgärdad", null=True, blank=True)

    class Meta:
        verbose_name = "risk"
        verbose_name_plural = "riskanalys"
        ordering = ["ar", "-sannolikhet", "-konsekvens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sannolikhet__gte=1, sannolikhet__lte=4, konsekvens__gte=1)
                & Q(konsekvens__lte=4),
                name="risk_skala_1_4",
            )
        ]

    def __str__(self) -> str:
        return self.risk

    @property
    def riskvarde(self) -> int:
        return self.sannolikhet * self.konsekvens


class BrukarundersokningSvar(models.Model):
    """One question's result in a year's brukarundersökning, imported from CSV."""

    ar = models.PositiveSmallIntegerField("år")
    enhet = models.ForeignKey(
        "bistand.Enhet", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    omrade = models.CharField("område", max_length=20, choices=Omrade.choices)
    fraga = models.CharField("fråga", max_length=300)
    antal_svar = models.PositiveIntegerField("antal svar")
    andel_positiva = models.DecimalField("andel positiva svar (%)", max_digits=5, decimal_places=1)
    importerad = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "resultat i brukarundersökningen"
        verbose_name_plural = "brukarundersökning"
        ordering = ["ar", "omrade", "fraga"]
        constraints = [
            models.UniqueConstraint(fields=["ar", "enhet", "fraga"], name="brukar_fraga_unik"),
            models.UniqueConstraint(
                fields=["ar", "fraga"],
                condition=Q(enhet__isnull=True),
                name="brukar_fraga_unik_namnd",
            ),
        ]

    def __str__(self) -> str:
        return self.fraga


# ---- statistik till Socialstyrelsen ---------------------------------------------------------


class Avslutsorsak(models.TextChoices):
    """Why ekonomiskt bistånd ended (HSLF-FS 2015:30 bilaga 2)."""

    ARBETE = "arbete", "Arbete"
    STUDIER = "studier", "Studier med studiemedel"
    ERSATTNING_A_KASSA = "a_kassa", "Arbetslöshetsersättning"
    ERSATTNING_SJUK = "sjuk", "Sjukpenning, sjuk- eller aktivitetsersättning"
    PENSION = "pension", "Pension"
    ANNAN_ERSATTNING = "annan_ersattning", "Annan ersättning eller inkomst"
    FLYTT = "flytt", "Flyttat från kommunen"
    OKAND = "okand", "Okänd orsak"
    ANNAT = "annat", "Annat"


class Avslut(models.Model):
    """That an Akt's bistånd ended in a month, and why (for bilaga 2)."""

    akt = models.ForeignKey("bistand.Akt", on_delete=models.PROTECT, related_name="+")
    manad = models.DateField("sista månad med bistånd", help_text="Den första dagen i månaden.")
    orsak = models.CharField("avslutsorsak", max_length=20, choices=Avslutsorsak.choices)
    registrerad = models.DateTimeField(auto_now_add=True)
    registrerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "avslutat bistånd"
        verbose_name_plural = "avslutat bistånd"
        constraints = [
            models.UniqueConstraint(fields=["akt", "manad"], name="avslut_per_akt_och_manad"),
            models.CheckConstraint(
                condition=Q(orsak__in=Avslutsorsak.values), name="avslut_orsak_giltig"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.akt} {self.manad:%Y-%m}"
