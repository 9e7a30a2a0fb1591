"""The appeal's Akt becomes required and indexed with the status, after 0014 filled it in (a
migration of its own: PostgreSQL does not alter a table in the transaction that just updated
its rows under a deferred foreign key)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("beslut", "0014_overklagande_akt")]

    operations = [
        migrations.AlterField(
            model_name="overklagande",
            name="akt",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="bistand.akt"
            ),
        ),
        migrations.AddIndex(
            model_name="overklagande",
            index=models.Index(fields=["akt", "status"], name="overklagande_akt_status"),
        ),
    ]
