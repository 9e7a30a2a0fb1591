"""The appeal's timeline (OverklagandeHandelse) moves into the Akt's case history
(bistand.Handelse), every row with its time, author, text and legal reference; then the old
table goes."""

from django.db import migrations


def kopiera(apps, schema_editor):
    from bistand.handelser import handelsetyper_sakerstall

    Handelsetyp = apps.get_model("bistand", "Handelsetyp")
    Ny = apps.get_model("bistand", "Handelse")
    Gammal = apps.get_model("beslut", "OverklagandeHandelse")
    ContentType = apps.get_model("contenttypes", "ContentType")
    handelsetyper_sakerstall(Handelsetyp)
    ct, _ = ContentType.objects.get_or_create(app_label="beslut", model="overklagande")
    nya = []
    rader = Gammal.objects.select_related("overklagande__beslut__brev__ansokan").order_by(
        "tidpunkt", "pk"
    )
    for h in rader.iterator():
        o = h.overklagande
        ansokan = o.beslut.brev.ansokan
        typ = f"overklagande.{h.till_status}"
        Handelsetyp.objects.get_or_create(
            kod=typ, defaults={"namn": h.till_status, "app": "beslut"}
        )
        data = {"fran": h.fran_status, "till": h.till_status, "beslut": o.beslut_id}
        if h.lagrum:
            data["lagrum"] = h.lagrum
        if len(h.text) > 300:
            data["text"] = h.text
        av_person_id = o.av_person_id if h.av_id is None and h.till_status == "inkommen" else None
        nya.append(
            Ny(
                typ_id=typ,
                akt_id=ansokan.akt_id,
                ansokan_id=ansokan.pk,
                objekt_typ=ct,
                objekt_id=o.pk,
                av_id=h.av_id,
                av_person_id=av_person_id,
                tidpunkt=h.tidpunkt,
                text=h.text[:300],
                data=data,
            )
        )
    Ny.objects.bulk_create(nya, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("beslut", "0008_beslutsslag_och_manader"),
        ("bistand", "0012_handelser"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(kopiera, migrations.RunPython.noop),
        migrations.DeleteModel(name="OverklagandeHandelse"),
    ]
