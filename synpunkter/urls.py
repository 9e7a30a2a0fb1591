"""URLs of synpunkter: staff pages under /synpunkter/, the e-tjänst form under /e-tjanst/."""

from django.urls import path

from . import views

app_name = "synpunkter"

urlpatterns = [
    path("synpunkter/", views.lista, name="lista"),
    path("synpunkter/ny/", views.ny, name="ny"),
    path("synpunkter/<int:pk>/", views.visa, name="visa"),
    path("synpunkter/<int:pk>/<str:steg>/", views.steg, name="steg"),
    path("e-tjanst/synpunkt/", views.etjanst_ny, name="etjanst_ny"),
    path("e-tjanst/synpunkt/tack/", views.etjanst_tack, name="etjanst_tack"),
    path("e-tjanst/synpunkt/<int:pk>/", views.etjanst_visa, name="etjanst_visa"),
]
