"""Ground data of docs/regler.md: Utredning — the beräkning → sökt post table and the controls checklists of
docs/regler.md: Bakgrund (KPMG, Alingsås: "ett minimum för en ny klient" and "vid återansökan"). Both are kept
by the administrator afterwards."""

from django.db import migrations

KOPPLINGAR = {
    "riksnorm": "forsorjningsstod",
    "boende": "hyra",
    "hushallsel": "hushallsel",
    "hemforsakring": "forsorjningsstod",
    "arbetsresor": "forsorjningsstod",
    "fackavgift_akassa": "forsorjningsstod",
    "barnomsorg": "forsorjningsstod",
}

NY_KLIENT = [
    "Identitet",
    "Medborgarskap och uppehållstillstånd respektive uppehållsrätt",
    "Boende och vistelse (hyreskontrakt eller inneboendeavtal)",
    "Folkbokföring",
    "Vårdnadshavare för barn som bor i hushållet",
    "Inkomstuppgifter",
    "Deklarationsunderlag eller kontrolluppgift från Skatteverket (SSBTEK)",
    "Ekonomisk översikt",
    "Kontoutdrag senaste 3 månaderna från samtliga konton",
    "Kontoutdrag och ekonomisk översikt för barn senaste 3 månaderna",
    "Utdrag ur Transportstyrelsens fordonsregister",
    "Arbetssökande (handlingsplan och daganteckningar)",
    "Läkarintyg vid sjukskrivning",
]
ATERANSOKAN = [
    "Kontoutdrag från samtliga konton en månad tillbaka",
    "Daganteckningar från Arbetsförmedlingen en månad tillbaka",
    "Läkarintyg vid sjukskrivning",
    "Närvarolistor från arbetsmarknadsenhetens verksamheter",
]
AKUT = ["Identitet", "Inkomstuppgifter", "Boende och vistelse"]


def ladda(apps, schema_editor):
    Posttyp = apps.get_model("ansokan", "Posttyp")
    Koppling = apps.get_model("utredning", "BerakningKoppling")
    Mall = apps.get_model("utredning", "KontrollMall")
    for berakningsdel, kod in KOPPLINGAR.items():
        posttyp = Posttyp.objects.filter(kod=kod).first()
        if posttyp is not None:
            Koppling.objects.get_or_create(
                berakningsdel=berakningsdel, defaults={"posttyp": posttyp}
            )
    for typ, lista in (("nyansokan", NY_KLIENT), ("ateransokan", ATERANSOKAN), ("akut", AKUT)):
        for ordning, namn in enumerate(lista, start=1):
            Mall.objects.get_or_create(ansokningstyp=typ, namn=namn, defaults={"ordning": ordning})


class Migration(migrations.Migration):
    dependencies = [
        ("utredning", "0005_utredning_arbete"),
        ("ansokan", "0002_grunddata_och_skydd"),
    ]

    operations = [migrations.RunPython(ladda, migrations.RunPython.noop)]
