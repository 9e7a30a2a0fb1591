"""Admin of beslut (docs/regler.md: Beslut och beslutsbrev): the delegationsordning only. Decisions,
samråd and appeals are case data and never editable in admin (docs/arkitektur.md: Kodstil)."""

from __future__ import annotations

from django.contrib import admin

from bistand.admin import admin_site

from .models import Delegation


@admin.register(Delegation, site=admin_site)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["roll", "utfall", "posttyp", "max_belopp", "giltig_fran", "giltig_till"]
    list_filter = ["roll", "utfall"]
