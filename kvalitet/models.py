"""Kvalitet's stored figures (DESIGN.md §6: nightly KPI snapshots)."""

from __future__ import annotations

from django.db import models


class VantetidManad(models.Model):
    """Waiting times of one Enhet for one month, stored nightly (issue 8, point 4).

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
