from django.apps import AppConfig


class UtredningConfig(AppConfig):
    name = "utredning"
    verbose_name = "Utredning"

    def ready(self) -> None:
        # App registry: the gallring calls this app's removal of a culled personakt.
        from bistand.gallring import registrera_radering

        from .gallring import gallra

        registrera_radering(gallra)
        # Fail loudly at start-up on a bad rate-limit setting (docs/arkitektur.md: Kodstil
        # (inställningar)).
        from .begransning import kontrollera_installningar

        kontrollera_installningar()

        # ready(): the registries and panels are filled once the app registry is loaded.
        from bistand.bevakning import registrera_typ

        registrera_typ(
            "handlingsplan",
            "Uppföljning av handlingsplan",
            "Handlingsplanen följs upp det datum den anger.",
        )
        registrera_typ(
            "kommunicering", "Svar på kommunicering", "FL 25 §: det datum som sökanden fått."
        )
        # ready(): as above; importing the module registers its nightly job.
        from . import riksnorm_bevakning

        registrera_typ(
            riksnorm_bevakning.TYP,
            "Riksnorm för nästa år",
            "Regeringens belopp ska vara inlagda före den 1 januari.",
        )
        # ready(): as above, the panel modules import models.
        from ansokan.paneler import registrera_personal_panel, registrera_sokande_panel

        from .paneler_registrering import personal_panel, sokande_panel

        registrera_personal_panel(personal_panel)
        registrera_sokande_panel(sokande_panel)

        # ready(): as above.
        from ansokan.paneler import registrera_sokande_att_gora
        from utredning.uppgifter import registrera_uppgiftskalla

        from .selectors import (
            forseningar_att_underratta,
            kommunicering_svar_att_lasa,
            kommuniceringar_att_besvara,
        )

        registrera_sokande_att_gora(kommuniceringar_att_besvara)
        registrera_uppgiftskalla(kommunicering_svar_att_lasa)
        registrera_uppgiftskalla(forseningar_att_underratta)
