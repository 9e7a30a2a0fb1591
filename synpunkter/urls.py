"""URLs of synpunkter: staff pages under /synpunkter/, the e-tjänst form under /e-tjanst/."""

from django.urls import path

from . import views
from . import views_uppfoljning as uppf

app_name = "synpunkter"

urlpatterns = [
    path("synpunkter/", views.lista, name="lista"),
    path("synpunkter/ny/", views.ny, name="ny"),
    path("synpunkter/larande/", uppf.larande, name="larande"),
    path("synpunkter/larande.csv", uppf.larande_csv, name="larande_csv"),
    path("synpunkter/tillsyn/", uppf.tillsyn_lista, name="tillsyn_lista"),
    path("synpunkter/tillsyn/<int:pk>/", uppf.tillsyn_visa, name="tillsyn"),
    path("synpunkter/tillsyn/<int:pk>/<str:steg>/", uppf.tillsyn_steg, name="tillsyn_steg"),
    path("synpunkter/avvikelser/", uppf.avvikelse_lista, name="avvikelse_lista"),
    path("synpunkter/avvikelser/ny/", uppf.avvikelse_ny, name="avvikelse_ny"),
    path("synpunkter/avvikelser/<int:pk>/", uppf.avvikelse_visa, name="avvikelse"),
    path("synpunkter/avvikelser/<int:pk>/<str:steg>/", uppf.avvikelse_steg, name="avvikelse_steg"),
    path("synpunkter/<int:pk>/", views.visa, name="visa"),
    path("synpunkter/<int:pk>/kvitto/", views.kvitto, name="kvitto"),
    path(
        "synpunkter/<int:pk>/aterkoppling/<int:apk>/brev/",
        views.aterkoppling_brev,
        name="aterkoppling_brev",
    ),
    path("synpunkter/<int:pk>/<str:steg>/", views.steg, name="steg"),
    path("e-tjanst/synpunkt/", views.etjanst_ny, name="etjanst_ny"),
    path("e-tjanst/synpunkt/tack/", views.etjanst_tack, name="etjanst_tack"),
    path("e-tjanst/synpunkt/<int:pk>/", views.etjanst_visa, name="etjanst_visa"),
]
