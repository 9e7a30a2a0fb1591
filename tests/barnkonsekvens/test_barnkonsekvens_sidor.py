"""The pages of barnkonsekvens (docs/regler.md: Barnkonsekvensanalys): through real HTTP requests,
with the outsider, the reader (kvalitet) and query counts."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from ansokan.services import ansokan_overgang
from barnkonsekvens import services
from barnkonsekvens.models import Barnkonsekvensanalys, Orosanmalan
from bistand.models import Atkomstlogg, Bevakning, JournalAnteckning

pytestmark = pytest.mark.django_db


def _form(data: dict) -> dict:
    ut = {k: v for k, v in data.items() if v is not None}
    if "barnsamtal" in ut:
        ut["barnsamtal"] = "ja" if ut["barnsamtal"] else "nej"
    if "samtal_datum" in ut:
        ut["samtal_datum"] = ut["samtal_datum"].isoformat()
    return ut


@pytest.fixture
def avslag(familj, ny_ansokan, foresla):
    ansokan = ny_ansokan(familj, "forsorjningsstod")
    foresla(ansokan, "forsorjningsstod", "avslag")
    return ansokan


@pytest.fixture
def barn(familj):
    return familj.hushall.medlemmar.get(roll="barn").person


def test_the_overview_shows_the_requirement_its_reasons_and_the_guidance(
    client, handlaggare, avslag
):
    client.force_login(handlaggare)
    svar = client.get(f"/ansokningar/{avslag.pk}/barnkonsekvens/")
    text = svar.content.decode()
    assert "en barnkonsekvensanalys krävs innan beslut kan fattas" in text
    assert "avslag på försörjningsstöd" in text
    assert "Barnkonsekvensanalys för Barn0 Sökande saknas." in text
    assert "Avslag eller delvis bifall på försörjningsstöd eller boende" in text  # stöd
    assert Atkomstlogg.objects.filter(sida="barnkonsekvens", beviljad=True).count() == 1


@pytest.mark.parametrize(
    "sokvag",
    [
        "/ansokningar/{a}/barnkonsekvens/",
        "/ansokningar/{a}/barnkonsekvens/barn/{b}/",
        "/akter/{akt}/orosanmalan/",
    ],
)
def test_an_outsider_gets_404_and_the_attempt_is_logged(client, utomstaende, avslag, barn, sokvag):
    client.force_login(utomstaende)
    url = sokvag.format(a=avslag.pk, b=barn.pk, akt=avslag.akt_id)
    assert client.get(url).status_code == 404
    # 405 where the page takes no POST at all (bistand.middleware.MetodMiddleware)
    assert client.post(url, {"behov": "x", "mottagare": "x"}).status_code in (404, 405)
    assert Atkomstlogg.objects.filter(anvandarnamn="utomstaende", beviljad=False).exists()
    assert not Barnkonsekvensanalys.objects.exists()
    assert not Orosanmalan.objects.exists()


def test_a_person_who_is_not_a_child_of_the_household_gives_404(client, handlaggare, avslag):
    sokande = avslag.sokande
    client.force_login(handlaggare)
    svar = client.get(f"/ansokningar/{avslag.pk}/barnkonsekvens/barn/{sokande.pk}/")
    assert svar.status_code == 404


def test_a_draft_is_saved_and_shown_again(client, handlaggare, avslag, barn):
    client.force_login(handlaggare)
    url = f"/ansokningar/{avslag.pk}/barnkonsekvens/barn/{barn.pk}/"
    svar = client.post(url, {"behov": "Behöver nya vinterskor.", "spara": ""})
    assert svar.status_code == 302
    assert "Behöver nya vinterskor." in client.get(url).content.decode()


def test_signing_an_incomplete_analysis_keeps_the_text_and_shows_errors_by_the_fields(
    client, handlaggare, avslag, barn
):
    client.force_login(handlaggare)
    url = f"/ansokningar/{avslag.pk}/barnkonsekvens/barn/{barn.pk}/"
    svar = client.post(url, {"behov": "Behöver nya vinterskor.", "signera": ""})
    text = svar.content.decode()
    assert svar.status_code == 200
    assert "Ange om ett barnsamtal har hållits." in text
    assert "Behöver nya vinterskor." in text
    analys = Barnkonsekvensanalys.objects.get()
    assert analys.behov == "Behöver nya vinterskor." and analys.signerad is None


def test_signing_a_complete_analysis_meets_the_requirement(
    client, handlaggare, avslag, barn, fullstandig
):
    client.force_login(handlaggare)
    url = f"/ansokningar/{avslag.pk}/barnkonsekvens/barn/{barn.pk}/"
    svar = client.post(url, {**_form(fullstandig), "signera": ""})
    assert svar.status_code == 302
    assert Barnkonsekvensanalys.objects.get().signerad is not None
    text = client.get(f"/ansokningar/{avslag.pk}/barnkonsekvens/").content.decode()
    assert "Kravet är uppfyllt." in text
    visning = client.get(url).content.decode()
    assert "Analysen är signerad och kan inte ändras." in visning
    assert "Jag vill kunna fortsätta spela fotboll." in visning


def test_kvalitet_reads_but_cannot_write(client, kvalitet, avslag, barn):
    client.force_login(kvalitet)
    url = f"/ansokningar/{avslag.pk}/barnkonsekvens/barn/{barn.pk}/"
    assert client.get(f"/ansokningar/{avslag.pk}/barnkonsekvens/").status_code == 200
    assert client.post(url, {"behov": "x", "spara": ""}).status_code == 404
    assert not Barnkonsekvensanalys.objects.exists()


def test_the_overview_needs_the_same_queries_for_more_children(
    client, handlaggare, avslag, lagg_till_barn, django_assert_max_num_queries
):
    client.force_login(handlaggare)
    url = f"/ansokningar/{avslag.pk}/barnkonsekvens/"
    client.get(url)
    with django_assert_max_num_queries(30) as fore:
        client.get(url)
    for i in range(3):
        lagg_till_barn(avslag.akt, fornamn=f"Extra{i}", fodd=datetime.date(2014, 1, 1 + i))
    with django_assert_max_num_queries(len(fore.captured_queries)):
        client.get(url)


def test_the_panels_show_the_requirement_on_the_ansokan_and_forslag_pages(
    client, rf, handlaggare, avslag
):
    from utredning.paneler import forslag_paneler

    client.force_login(handlaggare)
    text = client.get(f"/ansokningar/{avslag.pk}/").content.decode()
    assert "En barnkonsekvensanalys krävs innan beslut kan fattas." in text
    assert f"/ansokningar/{avslag.pk}/barnkonsekvens/" in text
    request = rf.get("/")
    request.user = handlaggare
    [panel] = [p for p in forslag_paneler(request, avslag) if "Barnkonsekvensanalys" in p]
    assert "avslag på försörjningsstöd" in panel


def test_the_ansokan_page_has_no_panel_for_a_household_without_children(
    client, handlaggare, akt, ny_ansokan
):
    ansokan = ny_ansokan(akt, "forsorjningsstod")
    client.force_login(handlaggare)
    assert "Barnkonsekvensanalys" not in client.get(f"/ansokningar/{ansokan.pk}/").content.decode()


# ---- orosanmälan (point 5) ---------------------------------------------------------------


def test_an_orosanmalan_is_journaled_with_a_14_day_forhandsbedomning(
    client, handlaggare, familj, barn
):
    client.force_login(handlaggare)
    idag = timezone.localdate()
    svar = client.post(
        f"/akter/{familj.pk}/orosanmalan/",
        {
            "datum": idag.isoformat(),
            "mottagare": "Barn och unga",
            "barn": barn.pk,
            "skal": "Barnet berättar att det ofta saknas mat hemma.",
        },
    )
    assert svar.status_code == 302
    anmalan = Orosanmalan.objects.get()
    assert (anmalan.barn, anmalan.av, anmalan.mottagare) == (barn, handlaggare, "Barn och unga")
    assert anmalan.journal.signerad is not None
    assert "Orosanmälan om Barn0 Sökande gjord till Barn och unga" in anmalan.journal.text
    assert "20 kap. 2 §" in anmalan.journal.text
    bevakning = Bevakning.objects.get(typ="forhandsbedomning")
    assert bevakning.forfaller == idag + datetime.timedelta(days=14)
    text = client.get(f"/akter/{familj.pk}/orosanmalan/").content.decode()
    assert (idag + datetime.timedelta(days=14)).isoformat() in text


def test_an_orosanmalan_without_reason_shows_the_error_by_the_field(client, handlaggare, familj):
    client.force_login(handlaggare)
    svar = client.post(
        f"/akter/{familj.pk}/orosanmalan/",
        {"datum": timezone.localdate().isoformat(), "mottagare": "Barn och unga"},
    )
    assert "Beskriv vad oron gäller." in svar.content.decode()
    assert not Orosanmalan.objects.exists()


def test_the_aterkoppling_meets_the_bevakning(client, handlaggare, familj):
    anmalan = services.orosanmalan_registrera(
        akt=familj,
        av=handlaggare,
        datum=timezone.localdate(),
        mottagare="Barn och unga",
        skal="Oro för barnets skolgång.",
    )
    client.force_login(handlaggare)
    svar = client.post(
        f"/akter/{familj.pk}/orosanmalan/{anmalan.pk}/aterkoppling/",
        {"datum": timezone.localdate().isoformat()},
    )
    assert svar.status_code == 302
    assert Bevakning.objects.get(typ="forhandsbedomning").status == "uppfylld"
    assert JournalAnteckning.objects.filter(akt=familj, text__startswith="Återkoppling").exists()


# ---- figures (point 6) -----------------------------------------------------------------------


@pytest.fixture
def beslutade(avslag, familj, ny_ansokan, foresla, handlaggare, barn, fullstandig):
    """Two decided ansökningar that required an analysis: one signed before the decision with
    a barnsamtal, one decided without it; and one that required none."""
    analys = services.analys_spara(ansokan=avslag, barn=barn, av=handlaggare, **fullstandig)
    services.analys_signera(analys=analys, av=handlaggare)
    ansokan_overgang(ansokan=avslag, till="beslutad", av=handlaggare)
    utan = ny_ansokan(familj, "hyresskuld")
    ansokan_overgang(ansokan=utan, till="beslutad", av=handlaggare)
    bifall = ny_ansokan(familj, "forsorjningsstod")
    foresla(bifall, "forsorjningsstod", "bifall")
    ansokan_overgang(ansokan=bifall, till="beslutad", av=handlaggare)


def test_the_figures_count_analyses_signed_before_the_decision_and_barnsamtal(
    beslutade, enhet, annan_enhet
):
    from barnkonsekvens.selectors import nyckeltal
    from bistand.models import Enhet

    rader = nyckeltal(enheter=Enhet.objects.all(), slut=timezone.localdate())
    [rad] = [r for r in rader if r.beslutade]
    assert rad.enhet == enhet
    assert rad.manad == timezone.localdate().replace(day=1)
    assert (rad.beslutade, rad.kravs, rad.klara, rad.analyser, rad.med_barnsamtal) == (
        3,
        2,
        1,
        2,
        1,
    )
    assert (rad.andel_klara, rad.andel_barnsamtal) == (50, 50)
    assert len(rader) == 24


def test_the_figures_page_is_for_enhetschef_forste_and_kvalitet(
    client, beslutade, handlaggare, enhetschef, kvalitet, skapa_anvandare, enhet, annan_enhet
):
    forste = skapa_anvandare("forste", "Förste socialsekreterare", enhet)
    client.force_login(handlaggare)
    assert client.get("/barnkonsekvens/nyckeltal/").status_code == 404
    for user in (enhetschef, forste):
        client.force_login(user)
        text = client.get("/barnkonsekvens/nyckeltal/").content.decode()
        assert "1 (50 %)" in text and "Enhet Söder" not in text
    client.force_login(kvalitet)
    text = client.get("/barnkonsekvens/nyckeltal/").content.decode()
    assert "1 (50 %)" in text and "Enhet Söder" in text
    assert 'aria-labelledby="d-andel-kr' in text and "50 %" in text  # the chart


def test_the_figures_page_needs_the_same_queries_for_more_decisions(
    client, kvalitet, beslutade, familj, ny_ansokan, handlaggare, django_assert_max_num_queries
):
    client.force_login(kvalitet)
    client.get("/barnkonsekvens/nyckeltal/")
    with django_assert_max_num_queries(30) as fore:
        client.get("/barnkonsekvens/nyckeltal/")
    for _ in range(3):
        ansokan = ny_ansokan(familj, "elskuld", typ="akut")
        ansokan_overgang(ansokan=ansokan, till="beslutad", av=handlaggare)
    with django_assert_max_num_queries(len(fore.captured_queries)):
        client.get("/barnkonsekvens/nyckeltal/")
