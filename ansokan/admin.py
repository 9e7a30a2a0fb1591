"""Admin for the tables an Administratör edits: post types and the Enhet rule (docs/arkitektur.md:
E-tjänst).

Registered on `bistand.admin.admin_site`; case data (ansökningar) is never shown here.
"""

from django.contrib import admin

from bistand.admin import admin_site

from .models import Enhetsregel, Posttyp


@admin.register(Posttyp, site=admin_site)
class PosttypAdmin(admin.ModelAdmin):
    list_display = [
        "namn",
        "kod",
        "ordning",
        "aktiv",
        "beror_barn_direkt",
        "kraver_barnkonsekvensanalys",
        "kraver_beskrivning",
    ]
    list_editable = ["ordning", "aktiv"]
    prepopulated_fields = {"kod": ["namn"]}


@admin.register(Enhetsregel, site=admin_site)
class EnhetsregelAdmin(admin.ModelAdmin):
    list_display = ["__str__", "postnummer_prefix", "standard", "enhet"]
    list_filter = ["enhet"]
