"""Formerly the default figures of utbetalning (attest threshold, sample check). Their one home
is now utbetalning/grunddata.py, which the core's loader (bistand.grunddata) runs after every
`migrate` and `flush`; databases that ran the earlier version keep their rows, and the loader
never changes them (docs/regler.md: Attest, Stickprov)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("utbetalning", "0001_initial"),
        ("bistand", "0006_utbetalningskalender"),
    ]

    operations = []
