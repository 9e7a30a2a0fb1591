from django.urls import path

from . import views

urlpatterns = [
    path("api/provberakning", views.api_provberakning, name="api-provberakning"),
    path("api/openapi.json", views.api_openapi, name="api-openapi"),
    path("e-tjanst/provberakning/", views.provberakning, name="provberakning"),
    path("riktlinjer/", views.riktlinjer, name="riktlinjer"),
    path("riktlinjer/<int:pk>/", views.riktlinje, name="riktlinje"),
]
