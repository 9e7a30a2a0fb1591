from django.urls import path

from . import views

app_name = "barnkonsekvens"

urlpatterns = [
    path("ansokningar/<int:pk>/barnkonsekvens/", views.oversikt, name="oversikt"),
    path(
        "ansokningar/<int:pk>/barnkonsekvens/barn/<int:barn_pk>/",
        views.analys,
        name="analys",
    ),
    path("akter/<int:pk>/orosanmalan/", views.orosanmalan, name="orosanmalan"),
    path(
        "akter/<int:pk>/orosanmalan/<int:anmalan_pk>/aterkoppling/",
        views.aterkoppling,
        name="aterkoppling",
    ),
    path("barnkonsekvens/nyckeltal/", views.nyckeltal, name="nyckeltal"),
]
