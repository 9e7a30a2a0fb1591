from django.apps import AppConfig


class KvalitetConfig(AppConfig):
    name = "kvalitet"
    verbose_name = "Kvalitet"

    def ready(self) -> None:
        from . import vantetid  # noqa: F401 - registers the nightly figures
