from django.apps import AppConfig


class SynpunkterConfig(AppConfig):
    name = "synpunkter"
    verbose_name = "Synpunkter"

    def ready(self) -> None:
        # App registry: the gallring calls this app's removal of a culled personakt.
        from bistand.gallring import registrera_radering

        from .gallring import gallra

        registrera_radering(gallra)
        # App registry: imported in ready(), once every app is loaded.
        from ansokan.paneler import registrera_mina_sidor_panel
        from bistand.bevakning import registrera_typ
        from bistand.paneler import registrera_startpanel

        from . import paneler

        registrera_typ(
            "synpunkt_kvittens",
            "Synpunkt ska kvitteras",
            "docs/regler.md, Synpunkter: kvittens inom nämndens tid (arbetsdagar).",
        )
        registrera_typ(
            "synpunkt_svar",
            "Synpunkt ska besvaras",
            "docs/regler.md, Synpunkter: svar inom nämndens tid (arbetsdagar).",
        )
        registrera_typ(
            "tillsyn_yttrande",
            "Yttrande till IVO eller JO",
            "Nämndens yttrande ska vara inne den dag myndigheten har satt.",
        )
        registrera_typ(
            "lex_sarah_ivo",
            "Lex Sarah-anmälan till IVO",
            "SoL (2025:400) 27 kap. 6 §: snarast; nämndens mål i dagar är en parameter.",
        )
        registrera_startpanel(paneler.startpanel)
        registrera_mina_sidor_panel(paneler.mina_sidor_panel)
