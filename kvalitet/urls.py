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
