"""The staff user's own account: second factor (enrolment and verification), password change,
and the keep-alive of the idle timeout. See bistand/sakerhet.py and docs/drift.md."""

from __future__ import annotations

import base64

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import sakerhet
from .parametrar import bara_siffror
from .views import startsida_for


class KodForm(forms.Form):
    kod = forms.CharField(
        label="Engångskod",
        max_length=8,
        error_messages={"required": "Skriv koden som visas i appen."},
    )

    def clean_kod(self) -> str:
        kod = self.cleaned_data["kod"].replace(" ", "")
        if not bara_siffror(kod) or len(kod) != 6:
            raise forms.ValidationError("Koden är sex siffror, till exempel 123456.")
        return kod


def _nasta(request: HttpRequest) -> str:
    nasta = request.POST.get("next") or request.GET.get("next") or ""
    if nasta and url_has_allowed_host_and_scheme(
        nasta, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return nasta
    return startsida_for(request.user)


@never_cache
@login_required
def tvasteg(request: HttpRequest) -> HttpResponse:
    """Verify the second factor; on the first login, enrol an authenticator app first."""
    if sakerhet.tvasteg_klart(request) and sakerhet.tvasteg_pa():
        return redirect(_nasta(request))
    enhet = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    registrering = enhet is None
    if registrering:
        enhet = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        if enhet is None:
            enhet = TOTPDevice.objects.create(
                user=request.user, name="Autentiseringsapp", confirmed=False
            )
    form = KodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        tillatet, _ = enhet.verify_is_allowed()
        if tillatet and enhet.verify_token(form.cleaned_data["kod"]):
            if registrering:
                enhet.confirmed = True
                enhet.save(update_fields=["confirmed"])
            otp_login(request, enhet)
            sakerhet.handelse(
                request,
                "tvasteg_registrerat" if registrering else "tvasteg_godkant",
                request.user.get_username(),
            )
            return redirect(_nasta(request))
        sakerhet.handelse(request, "tvasteg_misslyckat", request.user.get_username())
        form.add_error(
            "kod",
            "Koden stämmer inte. Vänta på nästa kod i appen och försök igen."
            if tillatet
            else "För många felaktiga koder. Vänta en stund och försök igen.",
        )
    sammanhang = {"form": form, "registrering": registrering, "next": _nasta(request)}
    if registrering:
        sammanhang["qr"] = segno.make(enhet.config_url, error="m").svg_inline(
            scale=4, title="QR-kod för autentiseringsappen"
        )
        hemlighet = base64.b32encode(enhet.bin_key).decode().rstrip("=")
        sammanhang["hemlighet"] = " ".join(
            hemlighet[i : i + 4] for i in range(0, len(hemlighet), 4)
        )
    return render(request, "registration/tvasteg.html", sammanhang)


class LosenordBytView(auth_views.PasswordChangeView):
    """Self-service password change, under Django's password validators (docs/drift.md)."""

    template_name = "registration/losenord_byt.html"
    success_url = reverse_lazy("start")

    def form_valid(self, form):
        svar = super().form_valid(form)
        sakerhet.handelse(self.request, "losenord_bytt", self.request.user.get_username())
        messages.success(self.request, "Ditt lösenord är bytt.")
        return svar


@require_POST
@login_required
def aktiv(request: HttpRequest) -> JsonResponse:
    """Keep the staff session alive: the user asked to stay, so the activity is noted now."""
    sakerhet.markera_aktiv(request)
    return JsonResponse({"ok": True, "sekunder": settings.PERSONAL_SESSION_TIMEOUT})
