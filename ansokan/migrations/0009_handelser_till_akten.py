"""The ansökan's timeline events move into the Akt's case history (bistand.Handelse).

Every event of an ansökan that has an Akt is copied with its time, author, text and details;
a status move becomes the kind of the state it reached. Events of an applicant's unsent draft
that never got an Akt (attachments uploaded to the draft, a draft withdrawn) are not case
history and are not copied (docs/regler.md: "Händelser i akten"). Then the old table goes.
"""

from django.db import migrations

from bistand.dbguard import vakt

skydd_skapa, skydd_ta_bort = vakt(
    namn="ansokan_handelse",
    tabell="ansokan_handelse",
    fel="En händelse i tidslinjen går inte att ändra eller ta bort.",
)

STATUS_TYP = {
    "inkommen": "ansokan.inkommen",
    "komplettering_begard": "ansokan.vantar_komplettering",
    "under_utredning": "ansokan.under_utredning",
    "beslutad": "ansokan.beslutad",
    "avslutad": "ansokan.avslutad",
    "aterkallad": "ansokan.aterkallad",
}


ANDRA_TYPER = {
    "anteckning_delad": "journal.delad",
    "kommunicering_skickad": "kommunicering.skickad",
    "kommunicering_svar": "kommunicering.besvarad",
}


def ny_typ(h) -> str:
    if h.typ != "status":
        return ANDRA_TYPER.get(h.typ, f"ansokan.{h.typ}")
    if h.fran_status == "komplettering_begard" and h.till_status == "inkommen":
        return "ansokan.ater_inkommen"
    return STATUS_TYP.get(h.till_status, "ansokan.inkommen")


def kopiera(apps, schema_editor):
    from bistand.handelser import handelsetyper_sakerstall

    Handelsetyp = apps.get_model("bistand", "Handelsetyp")
    Ny = apps.get_model("bistand", "Handelse")
    Gammal = apps.get_model("ansokan", "Handelse")
    ContentType = apps.get_model("contenttypes", "ContentType")
    handelsetyper_sakerstall(Handelsetyp)
    ct, _ = ContentType.objects.get_or_create(app_label="ansokan", model="ansokan")
    nya = []
    for h in Gammal.objects.select_related("ansokan").order_by("tidpunkt", "pk").iterator():
        if h.ansokan.akt_id is None:
            continue
        typ = ny_typ(h)
        Handelsetyp.objects.get_or_create(
            kod=typ, defaults={"namn": h.get_typ_display(), "app": "ansokan"}
        )
        data = {}
        if h.typ == "status":
            data = {"fran": h.fran_status, "till": h.till_status}
        if h.motivering:
            data["motivering"] = h.motivering
        if h.lagrum:
            data["lagrum"] = h.lagrum
        nya.append(
            Ny(
                typ_id=typ,
                akt_id=h.ansokan.akt_id,
                ansokan_id=h.ansokan_id,
                objekt_typ=ct if h.typ == "status" else None,
                objekt_id=h.ansokan_id if h.typ == "status" else None,
                av_id=h.av_id,
                av_person_id=h.av_person_id,
                tidpunkt=h.tidpunkt,
                text=h.text,
                data=data,
            )
        )
    Ny.objects.bulk_create(nya, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("ansokan", "0008_posttyp_lopande"),
        ("bistand", "0012_handelser"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(kopiera, migrations.RunPython.noop),
        migrations.RunPython(skydd_ta_bort, skydd_skapa),
        migrations.DeleteModel(name="Handelse"),
    ]
