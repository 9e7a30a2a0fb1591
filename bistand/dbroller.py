"""Two database roles: the owner runs DDL, the application runs as a role that owns nothing.

docs/drift.md: Databasroller. The append-only guards (bistand/dbguard.py) are row triggers; the
table owner could switch them off (`ALTER TABLE … DISABLE TRIGGER`) or empty a table with
TRUNCATE. So the web and worker processes connect as an application role (`DATABASE_URL`)
with only SELECT, INSERT, UPDATE and DELETE on the tables — no ownership, no TRUNCATE, no
DDL — and the commands that must change the schema or empty tables (migrate, flush, the test
suite) connect as the owner (`DATABASE_AGARE_URL`). After each migrate the owner grants the
application role its rights on every table, new ones included (`DATABASE_APP_ROLL`).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import connections

# manage.py commands that run as the owner when DATABASE_AGARE_URL is set.
AGARE_KOMMANDON = frozenset(
    {
        "migrate",
        "flush",
        "sqlflush",
        "createcachetable",
        "dbshell",
        "makemigrations",
        "gallra",
        "arkivera_atkomstlogg",
    }
)

# Tables the application may only add to (the triggers refuse changes; without UPDATE and
# DELETE the application role cannot even try).
BARA_TILLAGG = ("bistand_atkomstlogg", "bistand_handelse")

_NAMN = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def agare_kommando(argv: list[str]) -> bool:
    return len(argv) > 1 and argv[0].endswith("manage.py") and argv[1] in AGARE_KOMMANDON


def ge_app_rattigheter(cursor, roll: str) -> None:
    """Grant the application role what it needs on every table and sequence, and nothing else:
    no TRUNCATE, no REFERENCES/TRIGGER, no ownership (PostgreSQL)."""
    if not _NAMN.match(roll):
        raise ValueError(f"Ogiltigt rollnamn: {roll!r}")
    cursor.execute(f'GRANT USAGE ON SCHEMA public TO "{roll}"')
    cursor.execute(
        f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{roll}"'
    )
    cursor.execute(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{roll}"')
    cursor.execute(
        f'REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM "{roll}"'
    )
    for tabell in BARA_TILLAGG:
        cursor.execute(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' "
            "AND table_name = %s",
            [tabell],
        )
        if cursor.fetchone():
            cursor.execute(f'REVOKE UPDATE, DELETE ON "{tabell}" FROM "{roll}"')
        # Its partitions (bistand.partitioner) likewise; partitions the nightly job creates
        # later get no grants at all and are reached only through the parent.
        cursor.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = to_regclass(%s)",
            [tabell],
        )
        for (partition,) in cursor.fetchall():
            cursor.execute(f'REVOKE UPDATE, DELETE ON "{partition}" FROM "{roll}"')
    # The nightly job creates the coming partitions through this owner's function.
    cursor.execute("SELECT to_regprocedure('bistand_partition_skapa(text, date)')")
    if cursor.fetchone()[0]:
        cursor.execute(f'GRANT EXECUTE ON FUNCTION bistand_partition_skapa(text, date) TO "{roll}"')


def efter_migrering(sender, using="default", **kwargs) -> None:
    """post_migrate: keep the application role's grants complete after every migration."""
    roll = settings.DATABASE_APP_ROLL
    forbindelse = connections[using]
    if not roll or forbindelse.vendor != "postgresql":
        return
    with forbindelse.cursor() as cursor:
        ge_app_rattigheter(cursor, roll)
