"""`manage.py run_periodic`: run every periodic job once, for cron in the embedded mode.

The same jobs that Celery beat runs in production (bistand.periodiskt). Safe to run as often
as you like: every job is idempotent and catches up.
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand

from bistand.periodiskt import PERIODISKA, kor_alla


class Command(BaseCommand):
    help = "Kör alla periodiska jobb en gång (bevakningar, nyckeltal …)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--datum",
            type=datetime.date.fromisoformat,
            default=None,
            help="Kör som om det vore detta datum (ÅÅÅÅ-MM-DD).",
        )

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Kör {len(PERIODISKA)} periodiska jobb …")
        for namn, antal in kor_alla(options["datum"]).items():
            utfall = "misslyckades" if antal < 0 else f"{antal} hanterade"
            self.stdout.write(f"  {namn}: {utfall}")
