"""`manage.py betalfil --datum YYYY-MM-DD [--ut FIL]` or `--nasta`: the payment run.

Collects the ready orders into one pain.001 file through `utbetalning.services.betalfil_skapa`
(the same function as the ekonomiassistent's page), validated against the XSD before it is
stored. Running it twice never pays an order twice: the second run takes only orders that
became ready since (docs/regler.md: Betalfil).
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bistand.models import Namnd
from utbetalning import selectors, services


class Command(BaseCommand):
    help = "Skapar betalfilen (ISO 20022 pain.001) för en utbetalningsdag."

    def add_arguments(self, parser) -> None:
        grupp = parser.add_mutually_exclusive_group(required=True)
        grupp.add_argument("--datum", help="Utbetalningsdag, ÅÅÅÅ-MM-DD.")
        grupp.add_argument(
            "--nasta",
            action="store_true",
            help="Nästa utbetalningsdag (från i dag) som har attesterade utbetalningar.",
        )
        parser.add_argument("--ut", help="Skriv filen hit (annars bara sparad i systemet).")
        parser.add_argument("--namnd", type=int, help="Nämndens id (behövs om det finns flera).")

    def _namnd(self, namnd_id: int | None) -> Namnd:
        if namnd_id is not None:
            namnd = Namnd.objects.filter(pk=namnd_id).first()
            if namnd is None:
                raise CommandError(f"Det finns ingen nämnd med id {namnd_id}.")
            return namnd
        namnder = list(Namnd.objects.all()[:2])
        if len(namnder) != 1:
            raise CommandError("Ange nämnd med --namnd (det finns flera eller ingen).")
        return namnder[0]

    def handle(self, *args, **options) -> None:
        namnd = self._namnd(options.get("namnd"))
        if options["nasta"]:
            dag = selectors.nasta_dag_med_ordrar(namnd, timezone.localdate())
            if dag is None:
                self.stdout.write("Inga attesterade utbetalningar väntar.")
                return
        else:
            try:
                dag = datetime.date.fromisoformat(options["datum"])
            except ValueError:
                raise CommandError("Datumet ska skrivas ÅÅÅÅ-MM-DD.") from None
        fil = services.betalfil_skapa(namnd=namnd, dag=dag)
        if fil is None:
            self.stdout.write(f"Inga nya utbetalningar att skicka för {dag}.")
            return
        if options.get("ut"):
            Path(options["ut"]).write_text(fil.xml, encoding="utf-8")
        self.stdout.write(
            self.style.SUCCESS(
                f"Betalfil {fil.meddelande_id} för {dag}: {fil.antal} betalningar, "
                f"summa {fil.kontrollsumma} kr."
            )
        )
