"""Admin of kvalitet: the journalgranskning checklist (edited by the Administratör)."""

from __future__ import annotations

from django.contrib import admin

from bistand.admin import admin_site

from .models import GranskningsPunkt


@admin.register(GranskningsPunkt, site=admin_site)
class GranskningsPunktAdmin(admin.ModelAdmin):
    list_display = ["ordning", "rubrik", "aktiv"]
    list_display_links = ["rubrik"]
    list_editable = ["ordning", "aktiv"]
    ordering = ["ordning"]

    def has_delete_permission(self, request, obj=None) -> bool:
        # Old reviews point at their points; a point no longer used is made inactive.
        return False
