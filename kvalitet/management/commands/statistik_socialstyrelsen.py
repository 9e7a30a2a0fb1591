"""`python manage.py statistik_socialstyrelsen --manad 2026-11 [--ut KATALOG]`.

Writes the month's files for Socialstyrelsen (HSLF-FS 2015:30 3–4 §§; layout in
docs/statistik.md) to the directory, or to standard output without `--ut`, and lists on
standard error what must be recorded before delivery.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kvalitet import statistik
from kvalitet.services import statistik_bevakning


class Command(BaseCommand):
    help = "Månadens individstatistik om ekonomiskt bistånd till Socialstyrelsen."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--manad", required=True, help="Månaden som ÅÅÅÅ-MM, t.ex. 2026-11.")
        parser.add_argument("--ut", help="Katalog att skriva filerna i.")

    def handle(self, *args, manad: str, ut: str | None = None, **options) -> None:
        try:
            ar, man = (int(d) for d in manad.split("-"))
            dag = datetime.date(ar, man, 1)
        except ValueError:
            raise CommandError("Ange månaden som ÅÅÅÅ-MM, till exempel 2026-11.") from None
        resultat = statistik.leverans(dag)
        if ut:
            katalog = Path(ut)
            katalog.mkdir(parents=True, exist_ok=True)
            for namn, innehall in resultat["filer"].items():
                (katalog / namn).write_text(innehall, encoding="utf-8")
                self.stderr.write(f"Skrev {katalog / namn}")
        else:
            for namn, innehall in resultat["filer"].items():
                self.stdout.write(f"# {namn}\n{innehall}", ending="")
        for s in resultat["saknas_hinder"]:
            self.stderr.write(f"Saknas: försörjningshinder för en vuxen i akt {s.akt.aktnummer}.")
        for akt in resultat["saknas_avslut"]:
            self.stderr.write(f"Saknas: avslutsorsak för akt {akt.aktnummer}.")
        statistik_bevakning(manad=dag, levererad=bool(ut))
