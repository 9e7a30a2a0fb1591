"""Month rows for the standing decisions made before the rows existed (docs/regler.md, Beslut
och beslutsbrev: one standing decision per löpande post and month).

Migration 0008 added `Beslutsmanad` but gave the decisions already made no rows, so they did not
block a second decision for their months. This gives every standing decision on a löpande post
without rows one row per month of its period (the month applied for, when the period has one
day only), as `beslut_fatta` does: not an avvisning, not a tillägg (it adds to another decision
and has no rows), not a decision an ändringsbeslut replaced.

Where two old decisions cover the same month, the later one keeps the month (the latest
decision date, then the latest made) and the earlier gets no row for it, as the partial unique
index allows only one; a month that already has a standing row keeps it (that decision was made
later, under the rule). Nothing else is changed: no decision is altered or removed and no
existing row is touched.
"""

import datetime

from django.db import migrations


def _manader(fran: datetime.date, till: datetime.date) -> list[datetime.date]:
    manader = []
    dag = fran.replace(day=1)
    while dag <= till:
        manader.append(dag)
        dag = dag.replace(year=dag.year + 1, month=1) if dag.month == 12 else dag.replace(
            month=dag.month + 1
        )
    return manader


def manader_skapa(apps, schema_editor):
    Beslut = apps.get_model("beslut", "Beslut")
    Beslutsmanad = apps.get_model("beslut", "Beslutsmanad")
    upptagna = set(
        Beslutsmanad.objects.filter(star_fast=True).values_list("akt_id", "posttyp_id", "manad")
    )
    utan_rader = (
        Beslut.objects.filter(
            post__isnull=False,
            post__posttyp__lopande=True,
            period_fran__isnull=False,
            manader__isnull=True,
            andrad_genom__isnull=True,
        )
        .exclude(utfall="avvisning")
        .exclude(typ="tillagg")
        .select_related("brev__ansokan", "post")
        .order_by("-brev__beslutsdatum", "-pk")
    )
    nya = []
    for beslut in utan_rader:
        akt_id = beslut.brev.ansokan.akt_id
        posttyp_id = beslut.post.posttyp_id
        for manad in _manader(beslut.period_fran, beslut.period_till or beslut.period_fran):
            nyckel = (akt_id, posttyp_id, manad)
            if nyckel in upptagna:
                continue
            upptagna.add(nyckel)
            nya.append(
                Beslutsmanad(beslut=beslut, akt_id=akt_id, posttyp_id=posttyp_id, manad=manad)
            )
    Beslutsmanad.objects.bulk_create(nya, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("beslut", "0011_delegation_exempel_bort")]

    operations = [migrations.RunPython(manader_skapa, migrations.RunPython.noop)]
