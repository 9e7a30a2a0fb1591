"""The plain widgets drawn in Python give Django's own markup (bistand/formrendering.py;
docs/prestanda.md: Formulärens fält): every widget of every form in the project, and the edge
cases of escaping, localisation, empty values, option groups and boolean attributes, rendered
by both renderers must be the same text. The same for `{% falt f %}`
(bistand/templatetags/bistand_falt.py) against the template it replaced (`FALT_MALL`)."""

from __future__ import annotations

import datetime
import importlib
from decimal import Decimal

import pytest
from django import forms
from django.apps import apps
from django.forms.renderers import DjangoTemplates
from django.template import Context, Template
from django.utils.safestring import mark_safe

from bistand.formrendering import RITARE, Renderer

pytestmark = pytest.mark.django_db

DJANGO = DjangoTemplates()
SNABB = Renderer()


# The field template that `{% falt f %}` replaced: the markup every field must keep.
FALT_MALL = Template(
    '{% if f.is_hidden %}{{ f }}{% elif f.widget_type == "checkbox" %}\n<div class="falt '
    'kryssfalt">\n  {{ f }} <label for="{{ f.id_for_label }}">{{ f.label }}</label>\n  {% if '
    'f.help_text %}<p class="hjalptext" id="{{ f.auto_id }}_helptext">{{ f.help_text }}</p>{% '
    'endif %}\n  {% if f.errors %}<p class="faltfel" id="{{ f.auto_id }}_error">{{ f.errors|join'
    ':" " }}</p>{% endif %}\n</div>\n{% elif f.use_fieldset %}\n<fieldset class="falt"{% if '
    'f.help_text or f.errors %} aria-describedby="{% if f.help_text %}{{ f.auto_id }}_helptext{% '
    'endif %}{% if f.errors %} {{ f.auto_id }}_error{% endif %}"{% endif %}>\n  <legend class="'
    'etikett-text">{{ f.label }}</legend>\n  {% if f.help_text %}<p class="hjalptext" id="{{ '
    'f.auto_id }}_helptext">{{ f.help_text }}</p>{% endif %}\n  {% if f.errors %}<p class="'
    'faltfel" id="{{ f.auto_id }}_error">{{ f.errors|join:" " }}</p>{% endif %}\n  {{ f }}\n</'
    'fieldset>\n{% else %}\n<div class="falt">\n  <label for="{{ f.id_for_label }}">{{ f.label '
    '}}</label>\n  {% if f.help_text %}<p class="hjalptext" id="{{ f.auto_id }}_helptext">{{ '
    'f.help_text }}</p>{% endif %}\n  {% if f.errors %}<p class="faltfel" id="{{ f.auto_id }}_'
    'error">{{ f.errors|join:" " }}</p>{% endif %}\n  {{ f }}\n</div>\n{% endif %}\n'
)
FALT_TAGG = Template("{% load bistand_falt %}{% falt f %}")
# The form include that `{% formular form %}` replaced.
FORM_MALL = Template(
    '{% if form.non_field_errors %}<div class="felruta" role="alert"><p>{{ form.non_field_errors'
    '|join:" " }}</p></div>{% endif %}\n{% for f in form %}{% falt f %}{% endfor %}\n'
)
FORM_TAGG = Template("{% formular form %}")


def _lika(form_klass, **kwargs) -> int:
    """Render every field of the form with both renderers, and with the field template and
    the tag; the number of fields compared."""
    django_form = form_klass(renderer=DJANGO, **kwargs)
    snabb_form = form_klass(renderer=SNABB, **kwargs)
    for namn in django_form.fields:
        vantat = django_form[namn].as_widget()
        fatt = snabb_form[namn].as_widget()
        assert fatt == vantat, f"{form_klass.__name__}.{namn}:\n{fatt!r}\n!=\n{vantat!r}"
        vantat = FALT_MALL.render(Context({"f": django_form[namn]}))
        fatt = FALT_TAGG.render(Context({"f": snabb_form[namn]}))
        assert fatt == vantat, f"falt {form_klass.__name__}.{namn}:\n{fatt!r}\n!=\n{vantat!r}"
    vantat = FORM_MALL.render(Context({"form": django_form}))
    fatt = FORM_TAGG.render(Context({"form": snabb_form}))
    assert fatt == vantat, f"formular {form_klass.__name__}:\n{fatt!r}\n!=\n{vantat!r}"
    return len(django_form.fields)


class Kanter(forms.Form):
    text = forms.CharField(initial="<b>\"Ö\" & 'å'</b>", help_text="hjälp")
    saker = forms.CharField(initial=mark_safe("<i>säker</i>"), required=False)
    tom = forms.CharField(required=False)
    tal = forms.IntegerField(initial=2026, min_value=0, max_value=9999)
    belopp = forms.DecimalField(initial=Decimal("1234.50"), decimal_places=2)
    datum = forms.DateField(initial=datetime.date(2026, 11, 30))
    tid = forms.DateTimeField(
        initial=datetime.datetime(2026, 11, 30, 14, 5, tzinfo=datetime.UTC), required=False
    )
    epost = forms.EmailField(required=False)
    dold = forms.CharField(widget=forms.HiddenInput, initial="x&y")
    losen = forms.CharField(widget=forms.PasswordInput)
    ja = forms.BooleanField(initial=True, required=False)
    nej = forms.BooleanField(required=False)
    val = forms.ChoiceField(
        choices=[("", "Välj …"), ("a", "A & B"), ("b", mark_safe("<b>B</b>"))], initial="a"
    )
    grupper = forms.ChoiceField(
        choices=[
            ("Mat", [("1", "Frukost"), ("2", "Lunch")]),
            ("Boende", [("3", "Hyra")]),
            ("4", "Övrigt"),
        ],
        initial="3",
    )
    tal_val = forms.TypedChoiceField(choices=[(1, 1), (2, Decimal("2.5"))], coerce=int)
    flera = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", "B"), ("c", "C")], initial=["a", "c"], required=False
    )
    lang = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), initial="rad 1\n<rad 2>")
    tom_text = forms.CharField(widget=forms.Textarea, required=False)
    fil = forms.FileField(required=False)
    attr = forms.CharField(
        widget=forms.TextInput(
            attrs={"autofocus": True, "disabled": False, "data-x": '"q"', "inputmode": 5}
        ),
        required=False,
    )


def test_the_edge_cases_render_as_djangos_templates_do():
    assert _lika(Kanter) == len(Kanter.base_fields)


def test_a_bound_form_with_errors_renders_as_djangos_templates_do():
    data = {
        "text": "<script>",
        "tal": "abc",
        "belopp": "1 234,5",
        "datum": "30/11",
        "val": "zz",
        "grupper": "2",
        "flera": ["b", "x"],
        "lang": "",
        "ja": "on",
    }
    assert _lika(Kanter, data=data) == len(Kanter.base_fields)
    assert not Kanter(data=data).is_valid()


def test_every_form_of_the_project_renders_as_djangos_templates_do():
    for app in apps.get_app_configs():
        if app.path.startswith(str(apps.get_app_config("bistand").path.rsplit("/", 1)[0])):
            for modul in ("forms", "views", "admin"):
                try:
                    importlib.import_module(f"{app.name}.{modul}")
                except ModuleNotFoundError:
                    continue

    def underklasser(klass):
        for k in klass.__subclasses__():
            yield k
            yield from underklasser(k)

    jamforda, falt = set(), 0
    for klass in set(underklasser(forms.BaseForm)):
        if klass.__module__.split(".")[0] not in {a.name for a in apps.get_app_configs()}:
            continue
        if getattr(klass, "_meta", None) is not None and getattr(klass._meta, "model", 1) is None:
            continue  # a ModelForm base without a model
        try:
            klass(renderer=DJANGO)
        except Exception:  # noqa: BLE001, S112 - a form that needs arguments of its own
            continue
        falt += _lika(klass)
        jamforda.add(klass.__name__)
    assert len(jamforda) >= 30, sorted(jamforda)
    assert falt >= 150


def test_radio_and_checkbox_lists_are_drawn_in_python_as_djangos_templates_draw_them():
    """Radio lists and checkbox lists — with option groups, escaped labels, a class, without
    ids, bound with an error — give the markup of multiple_input.html and input_option.html;
    file inputs with a current file keep Django's template."""
    assert "django/forms/widgets/radio.html" in RITARE
    assert "django/forms/widgets/checkbox_select.html" in RITARE
    assert "django/forms/widgets/clearable_file_input.html" not in RITARE

    class Lista(forms.Form):
        radio = forms.ChoiceField(
            choices=[("a", "A & <b>"), ("b", mark_safe("<i>B</i>"))],
            widget=forms.RadioSelect(attrs={"class": "val-lista"}),
            help_text="Välj en",
        )
        grupper = forms.ChoiceField(
            choices=[("Mat", [("1", "Frukost"), ("2", "Lunch")]), ("3", "Övrigt")],
            widget=forms.RadioSelect,
            initial="2",
        )
        kryss = forms.MultipleChoiceField(
            choices=[("a", "A"), ("b", "B"), ("c", "C")],
            widget=forms.CheckboxSelectMultiple,
            initial=["a", "c"],
            required=False,
        )
        tal = forms.TypedChoiceField(
            choices=[(1, "Ett"), (2, "Två")], coerce=int, widget=forms.RadioSelect, initial=2
        )

    assert _lika(Lista) == 4
    assert _lika(Lista, data={"radio": "c", "kryss": ["b", "x"]}) == 4  # errors, fieldsets
    assert _lika(Lista, auto_id=False) == 4  # no ids: no for="" on the labels


def test_errors_that_belong_to_no_field_come_first_as_the_include_wrote_them():
    class Helt(forms.Form):
        a = forms.CharField()

        def clean(self):
            raise forms.ValidationError(["Fel <ett>", "fel två"])

    assert _lika(Helt, data={"a": "x"}) == 1
    assert 'role="alert"><p>Fel &lt;ett&gt; fel två</p>' in FORM_TAGG.render(
        Context({"form": Helt(data={"a": "x"})})
    )


def _fasta_formular() -> list[type]:
    from utredning import forms as utredning_forms

    return [
        k
        for k in vars(utredning_forms).values()
        if isinstance(k, type) and issubclass(k, forms.BaseForm) and k.__dict__.get("fast_markup")
    ]


def test_a_form_drawn_once_gives_every_prefix_what_drawing_it_anew_gives():
    from bistand.templatetags import bistand_falt

    klasser = _fasta_formular()
    assert len(klasser) >= 5
    for klass in klasser:
        for prefix in (None, "m1", "ks42", "m1"):  # the last one from the drawing kept
            fatt = bistand_falt.formular(klass(prefix=prefix))
            vantat = bistand_falt._rita_formular(klass(prefix=prefix))
            assert fatt == vantat, f"{klass.__name__} {prefix}"
            assert bistand_falt.PREFIX not in fatt


def test_a_form_with_values_or_data_is_drawn_anew_not_from_the_kept_drawing():
    from utredning.forms import HinderForm

    med_varde = FORM_TAGG.render(
        Context({"form": HinderForm(prefix="h1", initial={"anteckning": "Sjukskriven"})})
    )
    assert 'value="Sjukskriven"' in med_varde
    bunden = FORM_TAGG.render(Context({"form": HinderForm({"h1-hinder": "zz"}, prefix="h1")}))
    assert "faltfel" in bunden
    assert "faltfel" not in FORM_TAGG.render(Context({"form": HinderForm(prefix="h1")}))


def test_the_kept_drawing_follows_the_day_for_todays_date_as_initial_value(time_machine):
    from utredning.forms import KommuniceringSvarForm

    time_machine.move_to(datetime.datetime(2026, 11, 30, 12, tzinfo=datetime.UTC))
    assert 'value="2026-11-30"' in FORM_TAGG.render(
        Context({"form": KommuniceringSvarForm(prefix="ks1")})
    )
    time_machine.move_to(datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.UTC))
    assert 'value="2026-12-01"' in FORM_TAGG.render(
        Context({"form": KommuniceringSvarForm(prefix="ks1")})
    )


def test_a_template_without_the_form_gets_what_the_include_gave_not_an_error():
    for sammanhang in ({}, {"form": None}, {"form": ""}):
        assert FORM_TAGG.render(Context(sammanhang)) == FORM_MALL.render(Context(sammanhang))
