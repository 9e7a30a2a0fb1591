from django.apps import AppConfig


class BistandConfig(AppConfig):
    name = "bistand"
    verbose_name = "Bistånd – grunddata"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from .dbguard import registrera_sqlite_funktion

        connection_created.connect(registrera_sqlite_funktion, dispatch_uid="bistand_sqlite_fn")
