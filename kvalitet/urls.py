from django.urls import path

from . import views

urlpatterns = [
    path("oversikt/", views.oversikt, name="kvalitet-oversikt"),
]
