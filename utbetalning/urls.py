"""URLs of utbetalning: staff pages under /utbetalning/."""

from django.urls import path

from . import views

app_name = "utbetalning"

urlpatterns = [
    path("utbetalning/", views.oversikt, name="oversikt"),
    path("utbetalning/order/<int:pk>/attestera/", views.attestera, name="attestera"),
    path("utbetalning/order/<int:pk>/stickprov/", views.stickprov, name="stickprov"),
    path("utbetalning/order/<int:pk>/narvaro/", views.narvaro_prova, name="narvaro"),
    path("utbetalning/betalfil/", views.betalfil_skapa, name="betalfil_skapa"),
    path("utbetalning/betalfil/<int:pk>/", views.betalfil_hamta, name="betalfil"),
    path("utbetalning/avstamning/", views.avstamning, name="avstamning"),
    path("utbetalning/mottagare/", views.mottagare_lista, name="mottagare"),
    path("utbetalning/uppfoljning/", views.uppfoljning, name="uppfoljning"),
    path("akter/<int:pk>/utbetalning/", views.akt_utbetalning, name="akt"),
    path("aterkrav/", views.aterkrav_lista, name="aterkrav_lista"),
    path("aterkrav/<int:pk>/", views.aterkrav_visa, name="aterkrav"),
    path("aterkrav/<int:pk>/brev/", views.aterkrav_brev, name="aterkrav_brev"),
    path("utbetalning/mottagare/<int:pk>/konto/", views.konto, name="konto"),
    path(
        "utbetalning/kontoandring/<int:pk>/",
        views.kontoandring_besvara,
        name="kontoandring",
    ),
]
