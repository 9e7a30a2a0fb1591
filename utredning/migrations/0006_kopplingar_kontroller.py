"""Formerly the beräkning → sökt post table and Exempelkommun's checklists of controls.

The table's one home is utredning/grunddata.py, loaded by the core's loader after every
`migrate` and `flush`; the checklists are the nämnd's own and come with the demo only
(utredning/demo.py). Migration 0009 removes the example checklists from databases that never
took them over."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("utredning", "0005_utredning_arbete"),
        ("ansokan", "0002_grunddata_och_skydd"),
    ]

    operations = []
