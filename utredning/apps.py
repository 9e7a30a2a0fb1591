from django.apps import AppConfig


class UtredningConfig(AppConfig):
    name = "utredning"
    verbose_name = "Utredning"
