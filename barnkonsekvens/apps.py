from django.apps import AppConfig


class BarnkonsekvensConfig(AppConfig):
    name = "barnkonsekvens"
    verbose_name = "Barnkonsekvensanalys"

    def ready(self) -> None:
        # App registry: the gallring calls this app's removal of a culled personakt.
        from bistand.gallring import registrera_radering

        from .gallring import gallra

        registrera_radering(gallra)
        # App registry: imported in ready(), once every app is loaded.
        from ansokan.paneler import registrera_personal_panel
        from bistand.bevakning import registrera_typ
        from utredning.paneler import registrera_forslag_panel

        from . import paneler

        registrera_typ(
            "forhandsbedomning",
            "Förhandsbedömning efter orosanmälan",
            "SoL (2025:400) 20 kap. 2 §: förhandsbedömning inom 14 dagar från anmälan.",
        )
        registrera_forslag_panel(paneler.forslag_panel)
        registrera_personal_panel(paneler.ansokan_panel)
