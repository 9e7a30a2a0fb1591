"""Django's `flush`, allowed past the SQLite append-only guards (see bistand.dbguard).

Emptying the whole database is an explicit, deliberate operation (tests use it between
transactional tests); it is the only path on which the guards step aside.
"""

from django.core.management.commands.flush import Command as FlushCommand

from bistand.dbguard import FLUSH_PAGAR


class Command(FlushCommand):
    def handle(self, **options):
        token = FLUSH_PAGAR.set(True)
        try:
            return super().handle(**options)
        finally:
            FLUSH_PAGAR.reset(token)
