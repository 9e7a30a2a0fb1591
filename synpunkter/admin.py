"""Admin of synpunkter: the areas only (reference data). Synpunkter, IVO/JO matters and
avvikelser are case data and never editable in admin."""

from __future__ import annotations

from django.contrib import admin

from bistand.admin import admin_site

from .models import Omrade


@admin.register(Omrade, site=admin_site)
class OmradeAdmin(admin.ModelAdmin):
    list_display = ["namn", "kod", "ordning", "aktiv"]
    list_editable = ["ordning", "aktiv"]
    list_filter = ["aktiv"]
    search_fields = ["namn", "kod"]

    def has_delete_permission(self, request, obj=None) -> bool:
        """An area in use is retired (aktiv off), not deleted, so history keeps its name."""
        return obj is None or not obj.synpunkter.exists()
