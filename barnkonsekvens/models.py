"""Barnkonsekvens's tables (docs/arkitektur.md: Appar; docs/regler.md: Barnkonsekvensanalys): the
analysis per child, the guidance per trigger and the register of orosanmälningar.

- `Barnkonsekvensanalys`: one per ansökan and child concerned. Signed, then immutable: a
  database trigger refuses UPDATE and DELETE of a signed row (like signed journal entries,
  docs/regler.md: Journal). Only `services.py` writes it; case data is never editable in admin.
- `Handlaggningsstod`: the guidance text shown for each trigger of the rule, edited in admin.
- `Orosanmalan`: a report of concern about a child made from the Akt, written to the journal,
  with the förhandsbedömning deadline watched (SoL 2025:400 20 kap. 2 §).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from bistand.models import Akt, JournalAnteckning, Person


class Utlosare(models.TextChoices):
    """The triggers of the rule (docs/regler.md: Bakgrund; docs/regler.md: Akut ansökan;
    docs/regler.md: Barnkonsekvensanalys)."""

    POST_BARN = "post_barn", "Ansökan gäller något som direkt rör barnet"
    AKUT = "akut", "Akut ansökan (nödprövning)"
    SKULD = "skuld", "Hyresskuld eller elskuld"
    RADRUM = "radrum", "Rådrum för att sänka boendekostnaden eller sälja bostaden"
    AVSLAG = "avslag", "Avslag eller delvis bifall på försörjningsstöd eller boende"
    ANNAT = "annat", "Handläggaren har angett ett annat skäl"


class Handlaggningsstod(models.Model):
    """Guidance for the handläggare, one text per trigger (docs/regler.md: Barnkonsekvensanalys),
    edited in admin."""

    utlosare = models.CharField("utlösare", max_length=20, choices=Utlosare.choices, unique=True)
    rubrik = models.CharField("rubrik", max_length=200)
    text = models.TextField("stödtext")
    andrad = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "handläggningsstöd för barnkonsekvensanalys"
        verbose_name_plural = "handläggningsstöd för barnkonsekvensanalys"
        ordering = ["utlosare"]
        constraints = [
            models.CheckConstraint(
                condition=Q(utlosare__in=Utlosare.values), name="bka_stod_utlosare_giltig"
            )
        ]

    def __str__(self) -> str:
        return self.rubrik


class BarnetsBoende(models.TextChoices):
    BOR = "bor", "Bor i hushållet"
    UMGANGE = "umgange", "Vistas i hushållet på umgänge"
    ANNAN = "annan", "Bor inte i hushållet"


class SamtalsForm(models.TextChoices):
    ENSKILT = "enskilt", "Enskilt samtal med barnet"
    MED_FORALDER = "med_foralder", "Samtal med barnet och förälder"
    HEMBESOK = "hembesok", "Vid hembesök"
    TELEFON = "telefon", "Per telefon eller video"
    SKRIFTLIGT = "skriftligt", "Skriftligt (brev, teckning eller enkät)"


class EjSamtalSkal(models.TextChoices):
    """Why no barnsamtal was held (docs/regler.md: Barnkonsekvensanalys)."""

    ALDER = "alder", "Barnets ålder"
    MOGNAD = "mognad", "Barnets mognad"
    BARNETS_ONSKAN = "barnets_onskan", "Barnet ville inte"
    BRADSKANDE = "bradskande", "Ärendet var brådskande"
    ANNAT = "annat", "Annat skäl"


class Barnkonsekvensanalys(models.Model):
    """The analysis for one child concerned by an ansökan (docs/regler.md: Barnkonsekvensanalys;
    docs/regler.md: Bakgrund).

    Records the child's age and living situation at the time, needs, consequences of bifall
    and of avslag, the child's own view (a barnsamtal, or why none was held; SoL 11 kap. 10 §
    old numbering, barnkonventionen art. 12), the weighing and conclusion that the decision's
    motivering must reflect, and whether bistånd is proposed directly to the child (point 4).
    """

    ansokan = models.ForeignKey(
        "ansokan.Ansokan", on_delete=models.PROTECT, related_name="barnkonsekvensanalyser"
    )
    barn = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    alder = models.PositiveSmallIntegerField("barnets ålder (år)")
    boende = models.CharField("boende", max_length=10, choices=BarnetsBoende.choices)
    behov = models.TextField("barnets behov, så som de är kända", blank=True)
    konsekvens_bifall = models.TextField("konsekvenser för barnet vid bifall", blank=True)
    konsekvens_avslag = models.TextField("konsekvenser för barnet vid avslag", blank=True)
    barnsamtal = models.BooleanField("barnsamtal har hållits", null=True, blank=True)
    samtal_datum = models.DateField("datum för samtalet", null=True, blank=True)
    samtal_av = models.CharField("samtalet hölls av", max_length=200, blank=True)
    samtal_form = models.CharField(
        "samtalets form", max_length=20, choices=SamtalsForm.choices, blank=True
    )
    barnets_asikt = models.TextField("vad barnet sa", blank=True)
    ej_samtal_skal = models.CharField(
        "skäl till att inget samtal hölls", max_length=20, choices=EjSamtalSkal.choices, blank=True
    )
    ej_samtal_motivering = models.TextField("förklaring", blank=True)
    vagning = models.TextField("avvägning", blank=True)
    slutsats = models.TextField("slutsats", blank=True)
    direkt_till_barn = models.BooleanField("bistånd föreslås direkt till barnet", default=False)
    direkt_till_barn_motiv = models.TextField("varför bistånd direkt till barnet", blank=True)
    skal = models.JSONField("skäl till att analysen krävdes", default=list, blank=True)
    skapad = models.DateTimeField(auto_now_add=True)
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    andrad = models.DateTimeField(auto_now=True)
    signerad = models.DateTimeField("signerad", null=True, blank=True)
    signerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="signerad av",
    )
    bekraftad_fran = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="bekräftad från förra månadens analys",
    )
    bekraftelse = models.TextField("varför analysen fortfarande gäller", blank=True)

    class Meta:
        verbose_name = "barnkonsekvensanalys"
        verbose_name_plural = "barnkonsekvensanalyser"
        ordering = ["ansokan", "-alder"]
        constraints = [
            models.UniqueConstraint(fields=["ansokan", "barn"], name="bka_en_per_barn_och_ansokan"),
            models.CheckConstraint(
                condition=Q(boende__in=BarnetsBoende.values), name="bka_boende_giltigt"
            ),
            models.CheckConstraint(
                condition=Q(samtal_form="") | Q(samtal_form__in=SamtalsForm.values),
                name="bka_samtal_form_giltig",
            ),
            models.CheckConstraint(
                condition=Q(ej_samtal_skal="") | Q(ej_samtal_skal__in=EjSamtalSkal.values),
                name="bka_ej_samtal_skal_giltigt",
            ),
            models.CheckConstraint(
                condition=Q(signerad__isnull=True, signerad_av__isnull=True)
                | Q(signerad__isnull=False, signerad_av__isnull=False),
                name="bka_signering_komplett",
            ),
        ]

    def __str__(self) -> str:
        return f"Barnkonsekvensanalys {self.barn} ({self.ansokan})"


class Orosanmalan(models.Model):
    """A report of concern about a child to the unit for children and young people (docs/regler.md:
    Barnkonsekvensanalys, point 5). The 14-day förhandsbedömning (SoL 2025:400 20 kap. 2 §) is
    watched by a Bevakning of kind `forhandsbedomning` until the unit's återkoppling is
    registered."""

    akt = models.ForeignKey(Akt, on_delete=models.PROTECT, related_name="orosanmalningar")
    barn = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    datum = models.DateField("datum för anmälan")
    mottagare = models.CharField("anmälan gjordes till", max_length=200)
    skal = models.TextField("skäl till oro")
    av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="av"
    )
    journal = models.ForeignKey(
        JournalAnteckning, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    aterkoppling = models.DateField("återkoppling om förhandsbedömning", null=True, blank=True)
    skapad = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "orosanmälan"
        verbose_name_plural = "orosanmälningar"
        ordering = ["-datum", "-pk"]

    def __str__(self) -> str:
        return f"Orosanmälan {self.datum} till {self.mottagare}"
