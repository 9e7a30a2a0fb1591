"""Admin of the beräkning's figures and of riktlinjer, on the project's admin site.

Riksnorm per year with every amount's source and verified flag (values keyed by the date they
take effect, as OpenFisca does); the municipality's housing levels per household type.
Prisbasbelopp, the jobbstimulans figures and the handling target are the core's dated
parameters (bistand › Parametrar). Saved sheets are case data and are not shown here.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from bistand.admin import admin_site

from . import services
from .models import Boendeniva, Riksnorm, RiksnormBelopp, Riktlinje, RiktlinjeAvsnitt
from .riksnorm_bevakning import riksnorm_saknas


class RiksnormBeloppInline(admin.TabularInline):
    model = RiksnormBelopp
    extra = 0
    fields = ["post", "belopp", "verifierad", "kalla"]


@admin.register(Riksnorm, site=admin_site)
class RiksnormAdmin(admin.ModelAdmin):
    list_display = ["benamning", "giltig_fran", "antal_belopp", "overifierade", "kalla"]
    search_fields = ["benamning", "kalla"]
    inlines = [RiksnormBeloppInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Riksnorm]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                _antal=Count("belopp"),
                _overifierade=Count("belopp", filter=Q(belopp__verifierad=False)),
            )
        )

    def changelist_view(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        """The list says when a year's riksnorm is missing and due (docs/regler.md: Riksnorm)."""
        ar = riksnorm_saknas(timezone.localdate())
        if ar is not None:
            messages.warning(
                request,
                f"Riksnormen för {ar} är inte inlagd. Lägg in regeringens belopp för {ar} "
                "(socialtjänstförordningen 12 kap. 2 §): utan dem går det inte att räkna ut "
                f"försörjningsstöd för månader under {ar}.",
            )
        return super().changelist_view(request, extra_context)

    @admin.display(description="belopp", ordering="_antal")
    def antal_belopp(self, obj: Riksnorm) -> int:
        return obj._antal

    @admin.display(description="ej verifierade", ordering="_overifierade")
    def overifierade(self, obj: Riksnorm) -> str:
        return str(obj._overifierade) if obj._overifierade else "–"


@admin.register(RiksnormBelopp, site=admin_site)
class RiksnormBeloppAdmin(admin.ModelAdmin):
    """Every amount of every year in one list: filter on unverified ones to check them."""

    list_display = ["riksnorm", "post", "belopp", "verifierad", "kalla"]
    list_filter = ["verifierad", "riksnorm", "post"]
    list_select_related = ["riksnorm"]
    search_fields = ["kalla"]


@admin.register(Boendeniva, site=admin_site)
class BoendenivaAdmin(admin.ModelAdmin):
    list_display = ["hushallstyp", "giltig_fran", "belopp", "verifierad", "kalla"]
    list_filter = ["hushallstyp", "verifierad"]
    date_hierarchy = "giltig_fran"


class RiktlinjeAvsnittInline(admin.StackedInline):
    model = RiktlinjeAvsnitt
    extra = 0
    fields = [("ordning", "nummer", "titel"), "text", ("antagen", "giltig_fran")]


class NyVersionForm(forms.Form):
    version = forms.CharField(label="Ny version", max_length=40)
    antagen = forms.DateField(label="Antagen", help_text="ÅÅÅÅ-MM-DD")
    giltig_fran = forms.DateField(label="Gäller från", help_text="ÅÅÅÅ-MM-DD")


@admin.register(Riktlinje, site=admin_site)
class RiktlinjeAdmin(admin.ModelAdmin):
    list_display = ["titel", "version", "antagen", "giltig_fran", "beslutad_av"]
    list_filter = ["kod"]
    search_fields = ["titel", "ingress", "avsnitt__titel", "avsnitt__text"]
    prepopulated_fields = {"kod": ["titel"]}
    inlines = [RiktlinjeAvsnittInline]
    actions = ["ny_version"]

    @admin.action(description="Skapa en ny version (kopia med alla avsnitt)")
    def ny_version(
        self, request: HttpRequest, queryset: QuerySet[Riktlinje]
    ) -> HttpResponse | None:
        if queryset.count() != 1:
            self.message_user(request, "Välj exakt en riktlinje.", messages.WARNING)
            return None
        gammal = queryset.get()
        form = NyVersionForm(
            request.POST if "spara_version" in request.POST else None,
            initial={"antagen": timezone.localdate(), "giltig_fran": gammal.giltig_fran},
        )
        if form.is_valid():
            try:
                ny = services.riktlinje_ny_version(riktlinje=gammal, **form.cleaned_data)
            except ValidationError as fel:
                for falt, texter in fel.message_dict.items():
                    for text in texter:
                        form.add_error(falt if falt in form.fields else None, text)
            else:
                self.message_user(request, f"Version {ny.version} skapad. Redigera den nu.")
                return redirect("admin:utredning_riktlinje_change", ny.pk)
        return render(
            request,
            "utredning/admin_ny_version.html",
            {
                **self.admin_site.each_context(request),
                "form": form,
                "gammal": gammal,
                "opts": self.model._meta,
                "title": "Ny version av riktlinje",
            },
        )


# ---- docs/regler.md: Utredning — the beräkning → sökt post table and the controls checklists
# ---------------------
from .models import BerakningKoppling, KontrollMall  # noqa: E402


@admin.register(BerakningKoppling, site=admin_site)
class BerakningKopplingAdmin(admin.ModelAdmin):
    """Which requested post each part of the beräkning belongs to (docs/regler.md: Utredning)."""

    list_display = ["berakningsdel", "posttyp"]
    list_editable = ["posttyp"]


@admin.register(KontrollMall, site=admin_site)
class KontrollMallAdmin(admin.ModelAdmin):
    """The controls checklist per application type (docs/regler.md: Bakgrund); copied into each
    utredning when it starts, so a change applies to utredningar started afterwards."""

    list_display = ["namn", "ansokningstyp", "ordning", "giltighet_manader", "aktiv"]
    list_filter = ["ansokningstyp", "aktiv"]
    list_editable = ["ordning", "giltighet_manader", "aktiv"]
