from django.apps import AppConfig


class UtbetalningConfig(AppConfig):
    name = "utbetalning"
    verbose_name = "Utbetalning"

    def ready(self) -> None:
        # App registry: the gallring calls this app's removal of a culled personakt.
        from bistand.gallring import registrera_radering

        from .gallring import gallra

        registrera_radering(gallra)
        # App registry: imported in ready(), once every app is loaded.
        from beslut.hooks import registrera_efter_beslut, registrera_utbetalningsavsnitt
        from bistand.bevakning import registrera_typ

        registrera_typ(
            "narvaro_saknas",
            "Närvarorapport saknas före utbetalning",
            "Beslutet har närvaro som villkor. Utbetalningen stoppas aldrig utan att en person "
            "prövar saken; minskning kräver ett nytt beslut efter kommunicering.",
        )
        registrera_typ(
            "utbetalning_avvisad",
            "Utbetalning avvisad av banken",
            "Banken har inte kunnat betala ut. Orsaken står i bevakningen.",
        )
        registrera_typ(
            "aterkrav_avbetalning",
            "Avbetalning på återkrav har inte kommit in",
            "En avbetalning enligt planen har passerat sitt datum utan inbetalning.",
        )
        registrera_typ(
            "aterkrav_preskription",
            "Tidsgräns för talan om återkrav",
            "Talan i förvaltningsrätten om återkrav måste väckas inom tre år.",
        )
        # App registry: imported in ready(), once every app is loaded.
        from . import selectors, services

        registrera_efter_beslut(services.ordrar_for_beslutsbrev)
        registrera_utbetalningsavsnitt(selectors.utbetalningsavsnitt)

        # App registry: imported in ready(), once every app is loaded.
        from ansokan.paneler import registrera_personal_panel, registrera_sokande_panel

        from . import paneler

        registrera_personal_panel(paneler.personal_panel)
        registrera_sokande_panel(paneler.sokande_panel)
