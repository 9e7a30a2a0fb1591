"""`manage.py seed_demo`: demo data for every installed app, in flow order (docs/arkitektur.md:
Appar).

Each project app may have a `demo` module with `seed(ctx)`; the core imports none of them.
Idempotent. Refuses to run with DEBUG off unless given --force.
"""

from __future__ import annotations

import importlib

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from bistand.demo import DEMO_LOSENORD, DemoContext, testpersonnummer


class Command(BaseCommand):
    help = "Fyller databasen med demodata (idempotent). Kräver DEBUG eller --force."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Kör även när DEBUG är avslaget (aldrig i en riktig produktionsmiljö).",
        )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo körs bara med DEBUG=1, så att demodata inte hamnar i produktion. "
                "Använd --force om du verkligen vill."
            )
        ctx = DemoContext(stdout=self.stdout)
        moduler = []
        for app_config in apps.get_app_configs():
            namn = f"{app_config.name}.demo"
            try:
                moduler.append((app_config.label, importlib.import_module(namn)))
            except ModuleNotFoundError as fel:
                if fel.name != namn:
                    raise
        # Demo data sends no e-mail: notices made while seeding stay in memory.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            for index, (label, modul) in enumerate(moduler, start=1):
                self.stdout.write(f"[{index}/{len(moduler)}] {label} …")
                modul.seed(ctx)
        self.stdout.write(self.style.SUCCESS("Demodata klar."))
        self.stdout.write(
            "Logga in på /login/ med handlaggare1, forste1, enhetschef1, handlaggare2, forste2, "
            "enhetschef2, avdelningschef1, kontaktcenter1, kvalitet1, ekonomi1 eller admin – "
            f"lösenord: {DEMO_LOSENORD}"
        )
        nummer = ", ".join(f"{n[:8]}-{n[8:]}" for n in testpersonnummer()[1:3])
        self.stdout.write(f"Demosökande (testpersonnummer): {nummer}")
