"""`manage.py gallra`: execute every approved gallring proposal not yet executed.

Runs as the database owner when DATABASE_AGARE_URL is set (bistand.dbroller), since only the
owner may remove rows past the append-only guards, and only inside the gallring
(bistand.dbguard.gallring_pagar; docs/drift.md: Databasroller). Idempotent: run it nightly
from cron after the proposals are reviewed.
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand

from bistand.gallring import gallringsforslag_verkstall
from bistand.models import Gallringsforslag


class Command(BaseCommand):
    help = "Verkställ godkända gallringsförslag (SoL 16 kap.)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--datum",
            type=datetime.date.fromisoformat,
            default=None,
            help="Bedöm som om det vore detta datum (ÅÅÅÅ-MM-DD).",
        )

    def handle(self, *args, **options) -> None:
        vantande = Gallringsforslag.objects.filter(
            status=Gallringsforslag.Status.GODKAND, verkstalld__isnull=True
        ).order_by("pk")
        for forslag in vantande:
            forslag = gallringsforslag_verkstall(forslag=forslag, idag=options["datum"])
            antal = sum(forslag.raderat.values())
            self.stdout.write(f"Gallringsförslag {forslag.pk}: {antal} rader borttagna.")
        if not vantande:
            self.stdout.write("Inget godkänt gallringsförslag väntar.")
