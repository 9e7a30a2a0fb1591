"""Print the role × URL × method matrix as markdown (docs/behorighet.md)."""

from django.core.management.base import BaseCommand

from bistand.behorighet import som_markdown


class Command(BaseCommand):
    help = "Skriver behörighetsmatrisen (roll × adress × metod) som markdown."

    def handle(self, *args, **options) -> None:
        self.stdout.write(som_markdown(), ending="")
