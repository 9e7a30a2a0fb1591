from django.apps import AppConfig


class AnsokanConfig(AppConfig):
    name = "ansokan"
    verbose_name = "Ansökan"
