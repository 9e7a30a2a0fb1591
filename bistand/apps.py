from django.apps import AppConfig


class BistandConfig(AppConfig):
    name = "bistand"
    verbose_name = "Bistånd – grunddata"

    def ready(self) -> None:
        # App registry: imported in ready(), once every app is loaded.
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from . import (
            bevakning_skanning,  # noqa: F401 - registers the periodic scan
            checks,  # noqa: F401 - registers the deploy checks
            inlasning,  # noqa: F401 - registers the nightly removal of run-out sessions
            sakerhet,
            sidminne,  # noqa: F401 - registers the nightly packing of the Akter's changes
            skydd,  # noqa: F401 - registers the job that ends grants
        )
        from .dbguard import registrera_sqlite_funktion

        connection_created.connect(registrera_sqlite_funktion, dispatch_uid="bistand_sqlite_fn")
        post_migrate.connect(ge_administratoren_behorighet, dispatch_uid="bistand_admin_perms")
        sakerhet.koppla_signaler()
        # App registry: imported in ready(), once every app is loaded.
        from .dbroller import efter_migrering

        post_migrate.connect(efter_migrering, sender=self, dispatch_uid="bistand_app_roll")
        from . import registerutdrag  # noqa: F401 - registers its Bevakning kind
        from .gallring import gallring_jobb
        from .periodiskt import periodisk

        periodisk("gallringsforslag", nattlig=True)(gallring_jobb)
        # App registry: the job's module reads the models when it runs, after ready().
        from .partitioner import partitioner_jobb

        periodisk("partitioner", nattlig=True)(partitioner_jobb)
        post_migrate.connect(grunddata_efter_migrate, dispatch_uid="bistand_grunddata")


def grunddata_efter_migrate(sender, **kwargs) -> None:
    """`migrate` (and `flush`) end by loading the national reference data that is missing;
    nothing an administrator changed is overwritten (docs/arkitektur.md: Händelser och
    grunddata)."""
    if sender.name != "bistand":
        return
    # App registry: imported in ready(), once every app is loaded.
    from .grunddata import nationell_grunddata_ladda

    nationell_grunddata_ladda(using=kwargs.get("using", "default"))


def ge_administratoren_behorighet(sender, **kwargs) -> None:
    """The Administratör group may edit every model on the admin site (organisation, users,
    Lagrum, parameters, and what later apps register); case data is never registered there."""
    # App registry: imported in ready(), once every app is loaded.
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    from .admin import admin_site
    from .models import Roll

    grupp = Group.objects.filter(name=Roll.ADMINISTRATOR).first()
    if grupp is None:
        return
    typer = [ContentType.objects.get_for_model(m) for m in admin_site._registry]
    grupp.permissions.add(*Permission.objects.filter(content_type__in=typer))
