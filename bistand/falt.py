"""Model fields of our own (docs/regler.md: Loggkontroll).

`AktIdLista` holds the ids of the Akter a list page showed, in the access log's one row for
that view (docs/regler.md: Åtkomst). On PostgreSQL it is `bigint[]` (a GIN index answers "who
saw this Akt", `kvalitet.selectors.loggrader`); on SQLite, which has no arrays, the same
list is kept as JSON text and read with `json_each`.
"""

from __future__ import annotations

import json

from django.db import models


class AktIdLista(models.Field):
    description = "Akternas id:n i en lista"

    def db_type(self, connection) -> str:
        return "bigint[]" if connection.vendor == "postgresql" else "text"

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None:
            return None
        ids = [int(v) for v in value]
        return ids if connection.vendor == "postgresql" else json.dumps(ids)

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None or isinstance(value, list):
            return value
        if isinstance(value, str):
            return [int(v) for v in json.loads(value)]
        return [int(v) for v in value]

    def value_to_string(self, obj) -> str:
        return json.dumps(self.value_from_object(obj))


@AktIdLista.register_lookup
class Overlappar(models.Lookup):
    """`akt_ids__overlappar=<queryset of Akt ids>`: the list holds one of those Akter. On
    PostgreSQL `&&` against the subquery's array, through the GIN index."""

    lookup_name = "overlappar"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} && ARRAY{rhs}", [*lhs_params, *rhs_params]
        return (
            f"EXISTS (SELECT 1 FROM json_each({lhs}) WHERE json_each.value IN {rhs})",  # noqa: S608 - compiled SQL
            [*lhs_params, *rhs_params],
        )
