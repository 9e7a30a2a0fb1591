from django.apps import AppConfig


class AnsokanConfig(AppConfig):
    name = "ansokan"
    verbose_name = "Ansökan"

    def ready(self) -> None:
        # App registry: imported in ready(), once every app is loaded.
        from bistand.bevakning import registrera_typ
        from bistand.gallring import registrera_kalla, registrera_radering
        from bistand.selectors import registrera_statuskalla

        from . import tasks  # noqa: F401 - registers the notices' periodic catch-up
        from .selectors import statusrader_for_kontaktcenter

        registrera_typ(
            "komplettering",
            "Komplettering ska vara inne",
            "Datum som sökande valt eller gått med på. Att datumet passerar ändrar "
            "ingenting i ansökan; bara en person kan besluta.",
        )
        registrera_typ(
            "akut_ansokan", "Akut ansökan prövas i dag", "En akut ansökan prövas samma dag."
        )
        registrera_typ(
            "handlaggningsmal",
            "Handläggningsmål",
            "Arbetsdagar från komplett ansökan (parameter); pausas medan vi väntar på sökande.",
        )
        registrera_typ(
            "begaran_avgorande",
            "Begäran om avgörande",
            "FL 12 §: ärendet ska avgöras, eller begäran avslås genom ett särskilt beslut, "
            "inom fyra veckor från begäran.",
        )
        registrera_typ(
            "nybesok",
            "Nybesök inom två veckor",
            "Nybesök inom 14 dagar från första kontakt.",
        )
        registrera_statuskalla(statusrader_for_kontaktcenter)
        # App registry: imported in ready(), once every app is loaded.
        from bistand.registerutdrag import registrera_del

        from .gallring import gallra, registerutdrag_del, senaste_i_ansokningar

        registrera_kalla(senaste_i_ansokningar)
        registrera_radering(gallra)
        registrera_del(registerutdrag_del)
