from django.apps import AppConfig


class BarnkonsekvensConfig(AppConfig):
    name = "barnkonsekvens"
    verbose_name = "Barnkonsekvensanalys"
