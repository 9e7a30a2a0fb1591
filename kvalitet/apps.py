from django.apps import AppConfig


class KvalitetConfig(AppConfig):
    name = "kvalitet"
    verbose_name = "Kvalitet"

    def ready(self) -> None:
        from bistand.bevakning import registrera_typ

        from . import vantetid  # noqa: F401 - registers the nightly figures

        registrera_typ(
            "statistik_socialstyrelsen",
            "Statistik till Socialstyrelsen",
            "Månadens uppgifter om ekonomiskt bistånd ska lämnas senast den 15:e.",
        )
