from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import konto, views, views_gallring, views_registerutdrag, views_skydd
from .admin import admin_site

urlpatterns = [
    path("", views.start, name="start"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/tvasteg/", konto.tvasteg, name="konto-tvasteg"),
    path("konto/losenord/", konto.LosenordBytView.as_view(), name="konto-losenord"),
    path("konto/aktiv/", konto.aktiv, name="konto-aktiv"),
    path("gallring/", views_gallring.lista, name="gallring-lista"),
    path("gallring/<int:pk>/", views_gallring.visa, name="gallring"),
    path("registerutdrag/<int:pk>/", views_registerutdrag.granska, name="registerutdrag"),
    path("akter/<int:pk>/", views.akt_visa, name="akt"),
    path("akter/<int:pk>/hushall/", views.hushall, name="akt-hushall"),
    path("akter/<int:pk>/historik/", views.akt_historik, name="akt-historik"),
    path("akter/<int:pk>/historik/pdf/", views.akt_historik_pdf, name="akt-historik-pdf"),
    path(
        "akter/<int:pk>/hushall/<int:mpk>/avsluta/",
        views.hushall_avsluta,
        name="akt-hushall-avsluta",
    ),
    path("kontaktcenter/", views.kontaktcenter, name="kontaktcenter"),
    path("skyddade-akter/", views_skydd.skyddade_akter, name="skyddade-akter"),
    path("akter/<int:pk>/medgivanden/", views_skydd.medgivanden, name="akt-medgivanden"),
    path(
        "akter/<int:pk>/medgivanden/<int:mpk>/aterkalla/",
        views_skydd.medgivande_aterkalla,
        name="akt-medgivande-aterkalla",
    ),
    path("notiser/", views.notiser, name="notiser"),
    path("health/", views.health, name="health"),
    path("admin/", admin_site.urls),
    path("", include("ansokan.urls")),
    path("", include("utredning.urls")),
    path("", include("barnkonsekvens.urls")),
    path("", include("beslut.urls")),
    path("", include("utbetalning.urls")),
    path("", include("synpunkter.urls")),
    path("kvalitet/", include("kvalitet.urls")),
]
