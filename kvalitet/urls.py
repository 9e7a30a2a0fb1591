from django.urls import path

from . import views

urlpatterns = [
    path("oversikt/", views.oversikt, name="kvalitet-oversikt"),
    path("journalgranskning/", views.journalgranskning, name="kvalitet-journalgranskning"),
    path("journalgranskning/<int:pk>/", views.granskning_visa, name="kvalitet-granskning"),
    path(
        "journalgranskning/<int:pk>/granskare/",
        views.granskning_byt_granskare,
        name="kvalitet-granskning-granskare",
    ),
    path(
        "journalgranskning/atgard/<int:pk>/",
        views.atgard_folj_upp,
        name="kvalitet-granskning-atgard",
    ),
]
urlpatterns += [
    path("loggkontroll/", views.loggkontroll, name="kvalitet-loggkontroll"),
    path("loggkontroll/stickprov/<int:pk>/", views.loggstickprov, name="kvalitet-loggstickprov"),
    path("loggkontroll/rad/<int:pk>/", views.loggrad_bedom, name="kvalitet-loggrad"),
]
urlpatterns += [
    path("listor/", views.listor, name="kvalitet-listor"),
    path("listor/<slug:kod>/", views.lista, name="kvalitet-lista"),
]
urlpatterns += [
    path("domar/", views.domar, name="kvalitet-domar"),
    path("likvardighet/", views.likvardighet, name="kvalitet-likvardighet"),
]
urlpatterns += [
    path("arendedragning/", views.arendedragning, name="kvalitet-arendedragning"),
    path("arendedragning/ny/", views.arendedragning_ny, name="kvalitet-arendedragning-ny"),
    path(
        "arendedragning/<int:pk>/slutsats/",
        views.arendedragning_slutsats,
        name="kvalitet-arendedragning-slutsats",
    ),
]
urlpatterns += [
    path("rapport/", views.rapport_index, name="kvalitet-rapport-index"),
    path("rapport/<int:ar>/", views.rapport, name="kvalitet-rapport"),
    path("rapport/<int:ar>.pdf", views.rapport_pdf, name="kvalitet-rapport-pdf"),
    path("rapport/<int:ar>/redigera/", views.rapport_redigera, name="kvalitet-rapport-redigera"),
]
urlpatterns += [
    path("statistik/", views.statistik_sida, name="kvalitet-statistik"),
    path("statistik/avslut/<int:pk>/", views.statistik_avslut, name="kvalitet-statistik-avslut"),
]
