"""System checks for production settings (run by `manage.py check --deploy`)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def tvasteg_i_drift(app_configs, **kwargs) -> list[Error]:
    """docs/drift.md: Tvåstegsinloggning — every staff user needs a second factor in
    production (staff reach protected identities and social-services data)."""
    if settings.DEBUG or settings.PERSONAL_TVASTEG:
        return []
    return [
        Error(
            "PERSONAL_TVASTEG är av i produktion: personal loggar in med bara lösenord.",
            hint="Ta bort PERSONAL_TVASTEG=off (standard är på när DEBUG är av).",
            id="bistand.E001",
        )
    ]


@register(Tags.security, deploy=True)
def inloggningsspar(app_configs, **kwargs) -> list[Error]:
    """docs/drift.md: Inloggningsspärr — django-axes must be the first backend."""
    if settings.AUTHENTICATION_BACKENDS[:1] == ["axes.backends.AxesStandaloneBackend"]:
        return []
    return [
        Error(
            "django-axes är inte första autentiseringsbackend: inloggningen kan gissas fritt.",
            id="bistand.E002",
        )
    ]


@register(Tags.security, deploy=True)
def virusskanner_i_drift(app_configs, **kwargs) -> list[Error]:
    """docs/drift.md: Virusskanning — production scans every upload with clamd."""
    if settings.DEBUG or settings.CLAMD_SOCKET or settings.CLAMD_ADRESS:
        return []
    return [
        Error(
            "Ingen virusskanner: uppladdade filer skannas inte.",
            hint="Sätt CLAMD_ADRESS (docker compose: clamav:3310) eller CLAMD_SOCKET.",
            id="bistand.E003",
        )
    ]
