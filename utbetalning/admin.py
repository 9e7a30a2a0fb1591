"""Admin of utbetalning: the figures the nämnd sets (attest thresholds, budgets) and read-only
views of the payee register's change log and the payment runs. Payees and accounts are
changed only through the pages with a second person's approval, never here."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from bistand.admin import admin_site

from .models import Attestgrans, Betalfil, Budget, Kontoandring


@admin.register(Attestgrans, site=admin_site)
class AttestgransAdmin(admin.ModelAdmin):
    list_display = ["__str__", "posttyp", "belopp", "giltig_fran"]


@admin.register(Budget, site=admin_site)
class BudgetAdmin(admin.ModelAdmin):
    list_display = ["ar", "enhet", "posttyp", "belopp"]
    list_filter = ["ar", "enhet"]


class LasbarAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Kontoandring, site=admin_site)
class KontoandringAdmin(LasbarAdmin):
    list_display = ["mottagare", "kontotyp", "status", "foreslagen_av", "besvarad_av", "foreslagen"]
    list_filter = ["status"]


@admin.register(Betalfil, site=admin_site)
class BetalfilAdmin(LasbarAdmin):
    list_display = ["betalningsdag", "meddelande_id", "antal", "kontrollsumma", "skapad"]
    exclude = ["xml"]
