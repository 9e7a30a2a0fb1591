"""PostgreSQL: the access log becomes a table partitioned by month and the case history one
partitioned by year, by `tidpunkt` (docs/prestanda.md: Tillväxt: partitionering och arkiv).
The rows move in one transaction; run it in a maintenance window on a large database. SQLite
keeps plain tables. Reversible: the reverse builds plain tables from the rows still there."""

from django.db import migrations

from bistand.partitioner import avpartitionera, partitionera


class Migration(migrations.Migration):
    dependencies = [("bistand", "0020_inskick")]

    operations = [migrations.RunPython(partitionera, avpartitionera)]
