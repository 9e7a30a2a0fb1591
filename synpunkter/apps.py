from django.apps import AppConfig


class SynpunkterConfig(AppConfig):
    name = "synpunkter"
    verbose_name = "Synpunkter"
