"""Why an ändringsbeslut on the nämnd's own initiative was made (FL 37 § första stycket) is
stored on the decision, so the letter and the decision page can say it.

Until now the reason lived only in the case-history event `beslut.andrat` (its data holds
`anledning` and `andrat_genom`, the new decision). Each such event gives its reason to the
decision it names, when that decision is an ändringsbeslut without one; nothing else changes.
"""

from django.db import migrations, models


def _fran_historiken(apps, schema_editor):
    Beslut = apps.get_model("beslut", "Beslut")
    Handelse = apps.get_model("bistand", "Handelse")
    giltiga = {"nya_omstandigheter", "annan_anledning"}
    for data in Handelse.objects.filter(typ_id="beslut.andrat").values_list("data", flat=True):
        data = data or {}
        anledning, nytt = data.get("anledning"), data.get("andrat_genom")
        if anledning in giltiga and nytt:
            Beslut.objects.filter(
                pk=nytt, typ="andring", andrar__isnull=False, andringsanledning=""
            ).update(andringsanledning=anledning)


class Migration(migrations.Migration):

    dependencies = [
        ('beslut', '0012_manader_for_aldre_beslut'),
        ('bistand', '0012_handelser'),
    ]

    operations = [
        migrations.AddField(
            model_name='beslut',
            name='andringsanledning',
            field=models.CharField(blank=True, choices=[('nya_omstandigheter', 'det har kommit fram nya omständigheter'), ('annan_anledning', 'det var felaktigt av någon annan anledning')], help_text='37 § första stycket förvaltningslagen, för ett ändringsbeslut på nämndens initiativ.', max_length=20, verbose_name='varför beslutet ändras'),
        ),
        migrations.RunPython(_fran_historiken, migrations.RunPython.noop),
    ]
