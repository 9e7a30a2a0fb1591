"""URLs of the ansokan app: the e-tjänst under /e-tjanst/ and staff pages under /ansokningar/."""

from django.urls import path

from . import views, views_personal, views_registerutdrag

app_name = "ansokan"

urlpatterns = [
    path("e-tjanst/", views.start, name="start"),
    path("e-tjanst/logga-in/", views.testlegitimation, name="testlegitimation"),
    path("e-tjanst/logga-in/e-legitimation/", views.oidc_start, name="oidc_start"),
    path("e-tjanst/logga-in/e-legitimation/svar/", views.oidc_callback, name="oidc_callback"),
    path("e-tjanst/logga-ut/", views.logga_ut_vy, name="logga_ut"),
    path("e-tjanst/aktiv/", views.ping, name="ping"),
    path("e-tjanst/om-dig/", views.om_dig, name="om_dig"),
    path("e-tjanst/ny/<str:typ>/", views.ny, name="ny"),
    path("e-tjanst/ansokan/<int:pk>/", views.ansokan_visa, name="ansokan"),
    path(
        "e-tjanst/ansokan/<int:pk>/begar-avgorande/",
        views.begar_avgorande,
        name="begar_avgorande",
    ),
    path("e-tjanst/ansokan/<int:pk>/steg/<str:steg>/", views.steg, name="steg"),
    path("e-tjanst/ansokan/<int:pk>/kvitto/", views.kvitto, name="kvitto"),
    path("e-tjanst/ansokan/<int:pk>/signera/", views.signera, name="signera"),
    path("e-tjanst/ansokan/<int:pk>/aterkalla/", views.aterkalla, name="aterkalla"),
    path("e-tjanst/ansokan/<int:pk>/meddelande/", views.meddelande_ny, name="meddelande_ny"),
    path("e-tjanst/meddelande/<int:pk>/", views.meddelande_visa, name="meddelande"),
    path("e-tjanst/komplettering/<int:pk>/", views.komplettering, name="komplettering"),
    path(
        "e-tjanst/komplettering/<int:pk>/datum/",
        views.komplettering_datum,
        name="komplettering_datum",
    ),
    path("e-tjanst/bilaga/<int:pk>/", views.bilaga, name="bilaga"),
    path("e-tjanst/registerutdrag/", views_registerutdrag.begar, name="registerutdrag"),
    path(
        "e-tjanst/registerutdrag/<int:pk>/pdf/",
        views_registerutdrag.pdf,
        name="registerutdrag_pdf",
    ),
    path("ansokningar/", views_personal.lista, name="personal_lista"),
    path("ansokningar/registrera/", views_personal.intag, name="intag"),
    path("ansokningar/<int:pk>/", views_personal.visa, name="personal_visa"),
    path("ansokningar/<int:pk>/forsening/", views_personal.forsening, name="personal_forsening"),
    path(
        "ansokningar/<int:pk>/komplettering/",
        views_personal.komplettering_begar,
        name="personal_komplettering",
    ),
    path(
        "ansokningar/komplettering/<int:pk>/registrera/",
        views_personal.komplettering_registrera,
        name="personal_komplettering_registrera",
    ),
    path(
        "ansokningar/<int:pk>/komplett/",
        views_personal.markera_komplett,
        name="personal_markera_komplett",
    ),
    path("ansokningar/<int:pk>/meddelande/", views_personal.meddelande, name="personal_meddelande"),
    path("ansokningar/bilaga/<int:pk>/", views_personal.bilaga, name="personal_bilaga"),
]
