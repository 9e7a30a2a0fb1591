from django.urls import path

from . import views, views_arbete, views_kommunicering, views_utredning

U = "ansokningar/<int:pk>/utredning/"

urlpatterns = [
    path("api/provberakning", views.api_provberakning, name="api-provberakning"),
    path("api/openapi.json", views.api_openapi, name="api-openapi"),
    path("e-tjanst/provberakning/", views.provberakning, name="provberakning"),
    path("riktlinjer/", views.riktlinjer, name="riktlinjer"),
    path("riktlinjer/<int:pk>/", views.riktlinje, name="riktlinje"),
    # docs/regler.md: Utredning — the utredning page and its small forms
    path(U, views_utredning.visa, name="utredning"),
    path(U + "starta/", views_utredning.starta, name="utredning-starta"),
    path(U + "berakning/", views_utredning.berakning, name="utredning-berakning"),
    path(
        U + "som-forra-manaden/",
        views_utredning.som_forra_manaden,
        name="utredning-som-forra-manaden",
    ),
    path(U + "text/", views_utredning.text, name="utredning-text"),
    path(U + "hushall/", views_utredning.hushall, name="utredning-hushall"),
    path(U + "kontroller/", views_utredning.kontroller, name="utredning-kontroller"),
    path(U + "varningar/", views_utredning.varningar_uppdatera, name="utredning-varningar"),
    path(U + "externt-uppslag/", views_utredning.externt_uppslag, name="utredning-uppslag"),
    path(
        U + "varningar/<int:vpk>/kvittera/",
        views_utredning.varning_kvittera,
        name="utredning-varning-kvittera",
    ),
    path(U + "moten/", views_utredning.mote_boka, name="utredning-mote"),
    path(U + "moten/<int:mpk>/hallen/", views_utredning.mote_halla, name="utredning-mote-hallen"),
    path(U + "hinder/<int:person_pk>/", views_utredning.hinder, name="utredning-hinder"),
    path(U + "kommunicering/", views_utredning.kommunicering, name="utredning-kommunicering"),
    path(
        U + "kommunicering/<int:kpk>/svar/",
        views_utredning.kommunicering_svar,
        name="utredning-kommunicering-svar",
    ),
    path(
        U + "kommunicering/<int:kpk>/pdf/",
        views_kommunicering.pdf,
        name="utredning-kommunicering-pdf",
    ),
    path(
        U + "kommunicering/<int:kpk>/last/",
        views_kommunicering.svar_last,
        name="utredning-kommunicering-last",
    ),
    path(U + "handlingsplan/", views_utredning.handlingsplan, name="utredning-handlingsplan"),
    path(
        U + "handlingsplan/signera/",
        views_utredning.handlingsplan_signera,
        name="utredning-handlingsplan-signera",
    ),
    path(U + "remiss/", views_utredning.remiss, name="utredning-remiss"),
    path(U + "remiss/<int:rpk>/narvaro/", views_utredning.narvaro, name="utredning-narvaro"),
    # the worklist, the journal and autosave
    path("arbetslista/", views_arbete.arbetslista, name="arbetslista"),
    path("arbetslista/tilldela/", views_arbete.tilldela, name="arbetslista-tilldela"),
    path("arbetslista/omfordela/", views_arbete.omfordela, name="arbetslista-omfordela"),
    path("akter/<int:pk>/journal/", views_arbete.journal, name="journal"),
    path(
        "akter/<int:pk>/journal/<int:jpk>/signera/",
        views_arbete.journal_signera,
        name="journal-signera",
    ),
    path(
        "akter/<int:pk>/journal/<int:jpk>/publicera/",
        views_arbete.journal_publicera,
        name="journal-publicera",
    ),
    path("utkast/", views_arbete.utkast, name="utkast"),
    path("utkast/status/", views_arbete.utkast_status, name="utkast-status"),
    path(
        "e-tjanst/ansokan/<int:pk>/handlingsplan/signera/",
        views_arbete.handlingsplan_sokande_signera,
        name="handlingsplan-sokande-signera",
    ),
    path(
        "e-tjanst/ansokan/<int:pk>/kommunicering/<int:kpk>/",
        views_kommunicering.etjanst,
        name="etjanst-kommunicering",
    ),
    path(
        "e-tjanst/ansokan/<int:pk>/kommunicering/<int:kpk>/pdf/",
        views_kommunicering.etjanst_pdf,
        name="etjanst-kommunicering-pdf",
    ),
]
