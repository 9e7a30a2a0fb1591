"""The enhetschef's pages for protected identities: which Akter of the Enhet hold one, and
who may reach each, with grants given and revoked here (docs/regler.md: Behörighet och
skyddade personuppgifter)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import access, skydd
from .forms import DATUM, fel_till_formular
from .models import ENHETSROLLER, Medgivande, User


class MedgivandeForm(forms.Form):
    anvandare = forms.ModelChoiceField(label="Vem", queryset=User.objects.none())
    skal = forms.CharField(label="Skäl", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    till = forms.DateField(label="Gäller till och med", widget=DATUM)

    def __init__(self, *args, akt, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["anvandare"].queryset = (
            User.objects.filter(
                is_active=True, enhet_id=akt.enhet_id, groups__name__in=ENHETSROLLER
            )
            .distinct()
            .order_by("first_name", "username")
        )


@login_required
def skyddade_akter(request: HttpRequest) -> HttpResponse:
    """The protected Akter of the enhetschef's own Enhet, with their current grants."""
    akter = access.skyddade_akter_for_chef(request.user)
    if akter is None:
        raise Http404
    rader = list(akter.select_related("handlaggare").order_by("aktnummer"))
    access.logga_lista(request.user, rader, sida="skyddade-akter", sokvag=request.path)
    return render(request, "bistand/skyddade_akter.html", {"akter": rader})


@login_required
def medgivanden(request: HttpRequest, pk: int) -> HttpResponse:
    akt = access.skyddad_akt_for_chef(request.user, pk, sokvag=request.path)
    form = MedgivandeForm(request.POST or None, akt=akt)
    if request.method == "POST" and form.is_valid():
        try:
            skydd.medgivande_bevilja(akt=akt, av=request.user, **form.cleaned_data)
        except ValidationError as fel:
            fel_till_formular(form, fel)
        else:
            messages.success(request, "Behörigheten är given.")
            return redirect("akt-medgivanden", pk=akt.pk)
    lista = Medgivande.objects.filter(akt=akt).select_related(
        "anvandare", "beviljat_av", "aterkallat_av"
    )
    return render(
        request,
        "bistand/medgivanden.html",
        {"akt": akt, "form": form, "medgivanden": lista, "idag": timezone.localdate()},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def medgivande_aterkalla(request: HttpRequest, pk: int, mpk: int) -> HttpResponse:
    akt = access.skyddad_akt_for_chef(request.user, pk, sokvag=request.path)
    medgivande = Medgivande.objects.filter(akt=akt, pk=mpk).first()
    if medgivande is None:
        raise Http404
    skydd.medgivande_aterkalla(
        medgivande=medgivande, av=request.user, skal=request.POST.get("skal", "")[:200]
    )
    messages.success(request, "Behörigheten är återkallad.")
    return redirect("akt-medgivanden", pk=akt.pk)
