"""The Django admin, for the Administratör role only (docs/arkitektur.md: Appar).

Organisation, users, Lagrum and dated parameters are edited here. Case data (persons,
households, Akter, journal) is not: the admin never shows it. The access log is read-only.
Later apps register their own parameter models on `admin_site`.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group
from django.http import HttpRequest

from .access import har_roll
from .models import (
    ENHETSROLLER,
    NAMNDROLLER,
    Atkomstlogg,
    Enhet,
    Handelsetyp,
    Lagrum,
    Namnd,
    Parameter,
    Roll,
    User,
    Utbetalningsdag,
    Utbetalningsregel,
)


class BistandAdminSite(admin.AdminSite):
    site_header = "Bistånd – administration"
    site_title = "Bistånd administration"
    index_title = "Organisation, användare och parametrar"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return (
            user.is_active
            and user.is_staff
            and (user.is_superuser or har_roll(user, Roll.ADMINISTRATOR))
        )


admin_site = BistandAdminSite(name="admin")


@admin.register(Namnd, site=admin_site)
class NamndAdmin(admin.ModelAdmin):
    list_display = ["namn", "kommun", "telefon"]


@admin.register(Enhet, site=admin_site)
class EnhetAdmin(admin.ModelAdmin):
    list_display = ["namn", "kod", "namnd"]
    prepopulated_fields = {"kod": ["namn"]}


class AnvandarForm(UserChangeForm):
    def clean(self):
        """Case-working roles belong to an Enhet; the nämnd's roles to no Enhet (docs/arkitektur.md:
        Appar; docs/arkitektur.md: Roller)."""
        data = super().clean()
        grupper = {g.name for g in data.get("groups") or []}
        if grupper & ENHETSROLLER and not data.get("enhet"):
            self.add_error(
                "enhet",
                "Handläggare, förste socialsekreterare och enhetschef måste höra till en enhet.",
            )
        if grupper & NAMNDROLLER and not grupper & ENHETSROLLER and data.get("enhet"):
            self.add_error(
                "enhet",
                "Kontaktcenter, kvalitet, ekonomiassistent och administratör hör till "
                "nämnden, inte till en enhet. Lämna enhet tom.",
            )
        return data


@admin.register(User, site=admin_site)
class BistandUserAdmin(UserAdmin):
    form = AnvandarForm
    list_display = [
        "username",
        "first_name",
        "last_name",
        "befattning",
        "enhet",
        "namnd",
        "is_active",
    ]
    list_filter = ["groups", "enhet", "is_active"]
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Organisation", {"fields": ("namnd", "enhet", "befattning")}),
    )


admin_site.register(Group, GroupAdmin)


@admin.register(Lagrum, site=admin_site)
class LagrumAdmin(admin.ModelAdmin):
    list_display = ["kod", "text", "giltig_fran", "verifierad", "kalla"]
    list_filter = ["verifierad"]
    search_fields = ["kod", "text", "beskrivning"]


@admin.register(Parameter, site=admin_site)
class ParameterAdmin(admin.ModelAdmin):
    list_display = ["kod", "giltig_fran", "varde", "verifierad", "beskrivning"]
    list_filter = ["verifierad", "kod"]
    search_fields = ["kod", "beskrivning"]


@admin.register(Atkomstlogg, site=admin_site)
class AtkomstloggAdmin(admin.ModelAdmin):
    """Read-only: the database refuses changes anyway (append-only trigger)."""

    list_display = [
        "tidpunkt",
        "anvandarnamn",
        "sida",
        "akt_id",
        "akter_i_listan",
        "person_id",
        "beviljad",
    ]
    list_filter = ["beviljad", "sida"]
    search_fields = ["anvandarnamn", "sokvag"]
    date_hierarchy = "tidpunkt"

    @admin.display(description="akter i listan")
    def akter_i_listan(self, obj: Atkomstlogg) -> str:
        """A list view's Akter as ids separated by commas, not as Python's list."""
        return ", ".join(str(pk) for pk in obj.akt_ids or [])

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Utbetalningsregel, site=admin_site)
class UtbetalningsregelAdmin(admin.ModelAdmin):
    """The nämnd's recurring payment days (docs/regler.md: Utbetalningskalender)."""

    list_display = ["__str__", "namnd", "giltig_fran", "giltig_till", "beskrivning"]
    list_filter = ["namnd"]


@admin.register(Utbetalningsdag, site=admin_site)
class UtbetalningsdagAdmin(admin.ModelAdmin):
    """Extra and cancelled payment days (docs/regler.md: Utbetalningskalender)."""

    list_display = ["datum", "extra", "namnd", "beskrivning"]
    list_filter = ["namnd", "extra"]
    date_hierarchy = "datum"


# ---- Staff login security (docs/drift.md): unlock accounts, reset a lost authenticator --------

from axes.admin import AccessAttemptAdmin as _AxesAttemptAdmin  # noqa: E402
from axes.models import AccessAttempt  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402


@admin.register(AccessAttempt, site=admin_site)
class InloggningsforsokAdmin(_AxesAttemptAdmin):
    """Failed logins per account and address; deleting a row unlocks it."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(TOTPDevice, site=admin_site)
class AutentiseringsappAdmin(admin.ModelAdmin):
    """A lost authenticator is removed here; the user enrols a new one at the next login. The
    secret key is never shown."""

    list_display = ["user", "name", "confirmed", "last_used_at"]
    search_fields = ["user__username"]
    fields = ["user", "name", "confirmed", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Handelsetyp, site=admin_site)
class HandelsetypAdmin(admin.ModelAdmin):
    """The kinds of case-history events: the label and whether the applicant sees the kind may
    be changed; the kinds themselves are declared by the code (bistand.handelser)."""

    list_display = ["namn", "kod", "app", "synlig_for_sokande"]
    list_filter = ["app", "synlig_for_sokande"]
    readonly_fields = ["kod", "app"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
