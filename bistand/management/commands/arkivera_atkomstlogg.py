"""`manage.py arkivera_atkomstlogg --katalog DIR --bevara-manader N`: move every month of the
access log that ended at least N whole months ago out of the database, into DIR.

Each month becomes `bistand_atkomstlogg_pÅÅÅÅ_MM.csv.gz` (CSV with a header, every column) and
a `.sha256` file beside it; the file is read back and its rows counted before the month's
partition is detached and dropped, in one transaction (bistand.partitioner.manad_arkivera). It
is the only way rows leave the access log. Runs as the database owner when DATABASE_AGARE_URL
is set (bistand.dbroller), like `gallra`: the application role may not drop a table
(docs/drift.md: Databasroller). PostgreSQL only.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from bistand.partitioner import manad_arkivera, manader_att_arkivera


class Command(BaseCommand):
    help = "Arkivera åtkomstloggens månader som är äldre än bevarandetiden (PostgreSQL)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--katalog", type=Path, required=True, help="Arkivets katalog.")
        parser.add_argument(
            "--bevara-manader",
            type=int,
            required=True,
            help="Hur många hela månader loggen ska finnas kvar i databasen "
            "(nämndens dokumenthanteringsplan).",
        )
        parser.add_argument(
            "--datum",
            type=datetime.date.fromisoformat,
            default=None,
            help="Räkna som om det vore detta datum (ÅÅÅÅ-MM-DD).",
        )
        parser.add_argument(
            "--torrkorning", action="store_true", help="Visa bara vilka månader som arkiveras."
        )

    def handle(self, *args, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Åtkomstloggen delas i månader bara på PostgreSQL.")
        katalog: Path = options["katalog"]
        if not katalog.is_dir():
            raise CommandError(f"Katalogen {katalog} finns inte.")
        try:
            manader = manader_att_arkivera(
                idag=options["datum"] or timezone.localdate(),
                bevara_manader=options["bevara_manader"],
            )
        except ValueError as e:
            raise CommandError(str(e)) from e
        if not manader:
            self.stdout.write("Ingen månad är äldre än bevarandetiden.")
        for manad in manader:
            if options["torrkorning"]:
                self.stdout.write(f"{manad:%Y-%m} skulle arkiveras.")
                continue
            arkiv = manad_arkivera(manad=manad, katalog=katalog)
            self.stdout.write(
                f"{manad:%Y-%m}: {arkiv.rader} rader till {arkiv.fil} (sha256 {arkiv.sha256})."
            )
