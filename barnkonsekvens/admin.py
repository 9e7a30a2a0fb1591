"""Admin of barnkonsekvens: only the guidance texts (docs/regler.md: Barnkonsekvensanalys). The
analyses and the orosanmälningar are case data and never editable in admin (docs/arkitektur.md:
Roller)."""

from __future__ import annotations

from django.contrib import admin

from bistand.admin import admin_site

from .models import Handlaggningsstod


@admin.register(Handlaggningsstod, site=admin_site)
class HandlaggningsstodAdmin(admin.ModelAdmin):
    list_display = ["rubrik", "utlosare", "andrad"]
    readonly_fields = ["utlosare"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
