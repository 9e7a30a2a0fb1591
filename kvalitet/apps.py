from django.apps import AppConfig


class KvalitetConfig(AppConfig):
    name = "kvalitet"
    verbose_name = "Kvalitet"

    def ready(self) -> None:
        # App registry: the gallring calls this app's removal of a culled personakt.
        from bistand.gallring import registrera_radering

        from .gallring import gallra

        registrera_radering(gallra)
        # App registry: imported in ready(), once every app is loaded.
        from bistand.bevakning import registrera_typ

        from . import vantetid  # noqa: F401 - registers the nightly figures

        registrera_typ(
            "statistik_socialstyrelsen",
            "Statistik till Socialstyrelsen",
            "Månadens uppgifter om ekonomiskt bistånd ska lämnas senast den 15:e.",
        )
