"""`manage.py seed_scale --hushall N`: storstad-scale benchmark data (docs/prestanda.md).

Each project app may have a `skala` module with `seed(ctx)`; they run in flow order, as the
`demo` modules do for `seed_demo`. Bulk inserts in batches with progress on stderr. Meant for
an empty, migrated PostgreSQL database; on SQLite only small sizes are allowed.
"""

from __future__ import annotations

import importlib
import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from bistand.sidminne import aktandringar_packa
from bistand.skala import SkalaContext

SQLITE_MAX = 500


class Command(BaseCommand):
    help = "Fyller databasen med storstadsdata för prestandamätning (PostgreSQL)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--hushall", type=int, default=50000, help="Antal hushåll (standard 50 000)."
        )

    def handle(self, *args, **options) -> None:
        antal = options["hushall"]
        if antal < 1:
            raise CommandError("Ange minst ett hushåll med --hushall.")
        if connection.vendor != "postgresql" and antal > SQLITE_MAX:
            raise CommandError(
                f"Storstadsdata kräver PostgreSQL. På {connection.vendor} går det bara att "
                f"skapa högst {SQLITE_MAX} hushåll (--hushall {SQLITE_MAX})."
            )
        ctx = SkalaContext(hushall=antal, stderr=self.stderr._out)
        start = time.monotonic()
        for app_config in apps.get_app_configs():
            namn = f"{app_config.name}.skala"
            try:
                modul = importlib.import_module(namn)
            except ModuleNotFoundError as fel:
                if fel.name != namn:
                    raise
                continue
            ctx.say(f"{app_config.label} …")
            modul.seed(ctx)
        if connection.vendor == "postgresql":
            # As after a night: each Akt's change rows, one per bulk statement that touched
            # it, packed into one (bistand.sidminne; docs/prestanda.md: Sidor i minnet).
            ctx.say("Akternas ändringsrader packas …")
            aktandringar_packa(timezone.localdate())
            # Fresh statistics, or the planner guesses a handful of rows per table and picks
            # nested loops over hundreds of thousands (docs/prestanda.md: Storstadsdata).
            # VACUUM cannot run inside a transaction (a test's); ANALYZE alone can.
            sats = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            ctx.say(f"{sats} …")
            with connection.cursor() as cursor:
                cursor.execute(sats)
        for etikett, n in sorted(ctx.antal.items()):
            self.stdout.write(f"{etikett}: {n}")
        self.stdout.write(
            self.style.SUCCESS(f"Storstadsdata klar på {time.monotonic() - start:.0f} s.")
        )
