from django.urls import path

from . import views

urlpatterns = [path("golv/<int:pk>/", views.golv, name="golv")]
