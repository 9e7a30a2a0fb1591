"""Statistics to Socialstyrelsen (HSLF-FS 2015:30 bilaga 1 and 2): the monthly files."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from kvalitet import services, statistik
from utredning.models import Forsorjningshinder, Remiss

pytestmark = pytest.mark.django_db
IDAG = datetime.date.today()  # noqa: DTZ011
MANAD = IDAG.replace(day=1)


def _betala(beslut):
    """Mark the decision's payment orders as paid in a (plain-row) payment file."""
    from utbetalning.models import Betalfil, Utbetalningsorder

    fil = Betalfil.objects.create(
        namnd=beslut.brev.ansokan.akt.enhet.namnd,
        betalningsdag=IDAG,
        meddelande_id=f"TEST-{beslut.pk}",
        antal=1,
        kontrollsumma=0,
        xml="<Document/>",
        sha256="0" * 64,
    )
    n = Utbetalningsorder.objects.filter(beslut=beslut).update(status="betald", betalfil=fil)
    assert n, "the decision made no payment order"


def test_bilaga1_has_one_row_per_adult_with_amounts_hinder_and_insats(
    fatta, akt, handlaggare, nytt_personnummer
):
    from bistand import services as kart

    sambo = kart.person_registrera(
        identitet=nytt_personnummer(kvinna=True), fornamn="Mia", efternamn="Sambo"
    )
    kart.hushall_medlem_lagg_till(
        hushall=akt.hushall, person=sambo, roll="medsokande", fran=datetime.date(2026, 1, 1)
    )
    b = fatta(akt, handlaggare, belopp="9000")
    _betala(b)
    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    utredning = b.brev.ansokan.utredning
    Forsorjningshinder.objects.create(utredning=utredning, person=sokande, hinder="arbetslos_utan")
    Remiss.objects.create(
        utredning=utredning, person=sokande, skickad=IDAG, text="Praktik", skickad_av=handlaggare
    )
    rader, saknas = statistik.bilaga1(MANAD)
    assert len(rader) == 2
    s, m = rader
    assert s[3] == akt.aktnummer and s[4] == sokande.identitet and s[5] == "S"
    assert s[6] == "7" and s[7] == "0"  # sammanboende utan barn
    assert s[8] == "9000" and s[9] == "0"
    assert s[10] == "13" and s[11] == "J"
    assert m[4] == sambo.identitet and m[10] == "99" and m[11] == "N"
    assert [x.person for x in saknas] == [sambo]


def test_bilaga2_lists_ended_bistand_once_the_reason_is_recorded(
    fatta, akt, handlaggare, enhetschef, time_machine
):
    from beslut.models import Beslut

    b = fatta(akt, handlaggare)
    _betala(b)
    forra = statistik.forra_manad(MANAD)
    Beslut.objects.filter(pk=b.pk).update(period_fran=forra)
    rader, saknas = statistik.bilaga2(MANAD)
    assert rader == [] and saknas == [akt]
    services.avslut_registrera(akt=akt, manad=forra, orsak="arbete", av=enhetschef)
    rader, saknas = statistik.bilaga2(MANAD)
    assert saknas == []
    assert rader[0][2] == f"{forra:%Y%m}" and rader[0][3] == akt.aktnummer and rader[0][5] == "1"


def test_the_command_writes_both_files_to_stdout_or_a_directory(fatta, akt, handlaggare, tmp_path):
    _betala(fatta(akt, handlaggare, belopp="4500", post="tandvard"))
    ut, fel = StringIO(), StringIO()
    call_command("statistik_socialstyrelsen", manad=f"{MANAD:%Y-%m}", stdout=ut, stderr=fel)
    text = ut.getvalue()
    assert f"# ekb_bilaga1_9999_{MANAD:%Y%m}.csv" in text
    assert f"# ekb_bilaga2_9999_{MANAD:%Y%m}.csv" in text
    assert ";0;4500;99;N" in text  # livsföring i övrigt, hinder missing
    assert "Saknas: försörjningshinder" in fel.getvalue()
    call_command(
        "statistik_socialstyrelsen", manad=f"{MANAD:%Y-%m}", ut=str(tmp_path), stderr=StringIO()
    )
    filer = sorted(p.name for p in tmp_path.iterdir())
    assert filer == [f"ekb_bilaga1_9999_{MANAD:%Y%m}.csv", f"ekb_bilaga2_9999_{MANAD:%Y%m}.csv"]
    huvud = (tmp_path / filer[0]).read_text().splitlines()[0]
    assert huvud == ";".join(statistik.BILAGA1_KOLUMNER)


def test_a_bad_month_is_refused_in_swedish():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="ÅÅÅÅ-MM"):
        call_command("statistik_socialstyrelsen", manad="november")


@pytest.mark.parametrize(
    ("vuxna", "barn", "kod"),
    [
        (["man"], 0, "3"),
        (["man"], 2, "4"),
        (["kvinna"], 0, "5"),
        (["kvinna"], 1, "6"),
        (["man", "kvinna"], 0, "7"),
        (["man", "kvinna"], 3, "8"),
        ([], 0, "9"),
    ],
)
def test_household_type_codes(nytt_personnummer, vuxna, barn, kod):
    from bistand.models import Person

    personer = [
        Person(identitet=nytt_personnummer(kvinna=k == "kvinna"), id_typ="personnummer")
        for k in vuxna
    ]
    assert statistik.hushallstyp_kod(personer, barn) == kod


def test_the_page_records_a_missing_avslutsorsak_and_offers_the_files(
    client, fatta, akt, handlaggare, kvalitet, enhetschef
):
    from beslut.models import Beslut
    from kvalitet.models import Avslut

    b = fatta(akt, handlaggare)
    _betala(b)
    forra = statistik.forra_manad(MANAD)
    Beslut.objects.filter(pk=b.pk).update(period_fran=forra)
    client.force_login(enhetschef)
    text = client.get(f"/kvalitet/statistik/?manad={MANAD:%Y-%m}").content.decode()
    assert f'Avslutsorsak för akt <a href="/akter/{akt.pk}/">{akt.aktnummer}</a>' in text
    assert "ekb_bilaga1" not in text  # the files are Kvalitet's
    svar = client.post(
        f"/kvalitet/statistik/avslut/{akt.pk}/?manad={MANAD:%Y-%m}", {"orsak": "studier"}
    )
    assert svar.status_code == 302
    assert Avslut.objects.get(akt=akt).manad == forra
    client.force_login(kvalitet)
    fil = f"ekb_bilaga2_9999_{MANAD:%Y%m}.csv"
    svar = client.get(f"/kvalitet/statistik/?manad={MANAD:%Y-%m}&fil={fil}")
    assert f";{akt.aktnummer};" in svar.content.decode() and svar.content.decode().endswith(";2\n")
    client.force_login(handlaggare)
    assert client.get("/kvalitet/statistik/").status_code == 404
