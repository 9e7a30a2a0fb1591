"""URLs of beslut: staff pages and the applicant's letter and appeal under /e-tjanst/."""

from django.urls import path

from . import views

app_name = "beslut"

urlpatterns = [
    path("ansokningar/<int:pk>/beslut/", views.fatta, name="fatta"),
    path("ansokningar/<int:pk>/overklagande/", views.overklagande_ny, name="overklagande_ny"),
    path(
        "ansokningar/<int:pk>/begaran-avgorande/<int:bpk>/avsla/",
        views.avgorande_avsla,
        name="avgorande_avsla",
    ),
    path("beslut/brev/<int:pk>/", views.brev_visa, name="brev"),
    path("beslut/<int:pk>/andra/", views.andra, name="andra"),
    path("beslut/brev/<int:pk>/pdf/", views.brev_pdf, name="brev_pdf"),
    path("samrad/", views.samrad_lista, name="samrad_lista"),
    path("samrad/<int:pk>/", views.samrad_visa, name="samrad"),
    path("overklagande/<int:pk>/", views.overklagande_visa, name="overklagande"),
    path("overklagande/<int:pk>/bunt/", views.overklagande_bunt, name="overklagande_bunt"),
    path("overklagande/<int:pk>/<str:steg>/", views.overklagande_steg, name="overklagande_steg"),
    path("e-tjanst/beslut/<int:pk>/", views.etjanst_brev, name="etjanst_brev"),
    path("e-tjanst/ansokan/<int:pk>/overklaga/", views.etjanst_overklaga, name="etjanst_overklaga"),
    path(
        "e-tjanst/overklagande/<int:pk>/aterkalla/",
        views.etjanst_aterkalla,
        name="etjanst_aterkalla",
    ),
]
