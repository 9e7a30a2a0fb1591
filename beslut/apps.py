from django.apps import AppConfig


class BeslutConfig(AppConfig):
    name = "beslut"
    verbose_name = "Beslut"

    def ready(self) -> None:
        # App registry: the gallring calls this app's removal of a culled personakt.
        from bistand.gallring import registrera_radering

        from .gallring import gallra

        registrera_radering(gallra)
        # App registry: imported in ready(), once every app is loaded.
        from bistand.bevakning import registrera_typ

        registrera_typ(
            "besvarstid",
            "Tiden för överklagande går ut",
            "FL 44 §: tre veckor från delgivningen; lag (1930:173) flyttar slutdagen. Passerar "
            "den utan överklagande vinner beslutet laga kraft.",
        )
        registrera_typ(
            "overlamnande",
            "Överklagande ska lämnas över till förvaltningsrätten",
            "FL 46 §; JO: normalt inom en vecka från att överklagandet kom in.",
        )
        registrera_typ(
            "rattidsprovning",
            "Överklagande ska rättidsprövas",
            "FL 45 §: nämnden prövar först om överklagandet kom in i tid; "
            "docs/regler.md: senast nästa arbetsdag.",
        )
        registrera_typ(
            "avsteg",
            "Avsteg från riktlinjerna upphör snart",
            "Ett avsteg gäller högst sex månader; nytt samråd behövs efter det.",
        )
        registrera_typ(
            "radrum",
            "Rådrum slutar",
            "Rådrum för att sänka boendekostnaden eller sälja bostaden, satt i ett beslut.",
        )

        # App registry: imported in ready(), once every app is loaded.
        from ansokan.paneler import registrera_personal_panel, registrera_sokande_panel
        from bistand.paneler import registrera_aktpanel
        from utredning.paneler import registrera_forslag_panel

        from . import paneler, tasks  # noqa: F401  (tasks registers the periodic jobs)

        registrera_aktpanel(paneler.akt_panel)

        registrera_personal_panel(paneler.personal_panel)
        registrera_sokande_panel(paneler.sokande_panel)
        registrera_forslag_panel(paneler.forslag_panel)

        # App registry: imported in ready(), once every app is loaded.
        from utredning.uppgifter import registrera_uppgiftskalla

        from .selectors import overklaganden_att_hantera

        registrera_uppgiftskalla(overklaganden_att_hantera)
