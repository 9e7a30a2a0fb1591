"""Form widgets drawn in Python instead of through Django's widget templates
(docs/prestanda.md: Formulärens fält).

A case page holds some seventy fields and a hundred and fifty select options; Django draws each
through a template and an `attrs.html` include, which made the template engine half of the
utredning page's time. This renderer draws the plain widgets — every `<input>` kind, `<select>`
with its options, `<textarea>`, and lists of radio buttons and checkboxes (the beslut page's
outcome per post: their nested includes were a third of that page's time) — with the same
markup, character for character, as Django 5.2's templates
(`django/forms/templates/django/forms/widgets/`), and hands every other template (the form
layouts, file inputs with a current file, the admin's widgets) to Django's own renderer.
`tests/test_formrendering.py` renders every widget of every form in the project and a set of
edge cases both ways and requires the same text.

Values are shown as a template shows them: localised (`localize`, dates and numbers in Swedish),
in local time, and escaped unless already marked safe.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.timezone import template_localtime

MAPP = "django/forms/widgets/"


def visa(varde) -> str:
    """`{{ varde }}` in a template with autoescape on (django.template.base's
    render_value_in_context). Plain text, most of what a form draws (names, ids, option values
    and labels), is escaped straight away: localising and Django's lazy-aware escape leave it
    as it is but cost a tenth of a case page's Python."""
    typ = type(varde)
    if typ is str:
        return html.escape(varde)
    if typ is SafeString:
        return varde
    varde = localize(template_localtime(varde))
    if not issubclass(type(varde), str):
        varde = str(varde)
    return conditional_escape(varde)


def _strang(varde) -> str:
    """`{{ varde|stringformat:'s' }}`: the value as text, safe if it was safe."""
    text = str(varde)  # what "%s" % varde gives, and the filter's str() of a tuple
    # The filter keeps a safe value safe (is_safe=True).
    return visa(mark_safe(text) if isinstance(varde, SafeData) else text)  # noqa: S308


def _attribut(attrs: dict) -> str:
    """attrs.html: ` namn="värde"`, a bare ` namn` for True, nothing for False."""
    delar = []
    for namn, varde in attrs.items():
        if varde is False:
            continue
        if varde is True:
            delar.append(f" {visa(namn)}")
        else:
            delar.append(f' {visa(namn)}="{_strang(varde)}"')
    return "".join(delar)


def _input(w: dict) -> str:
    """input.html."""
    varde = f' value="{_strang(w["value"])}"' if w["value"] is not None else ""
    typ, namn = visa(w["type"]), visa(w["name"])
    return f'<input type="{typ}" name="{namn}"{varde}{_attribut(w["attrs"])}>\n'


def _input_omslag(w: dict) -> str:
    """checkbox.html, text.html, number.html …: input.html included, and a line break."""
    return _input(w) + "\n"


def _option(w: dict) -> str:
    """select_option.html."""
    varde, etikett = _strang(w["value"]), visa(w["label"])
    return f'<option value="{varde}"{_attribut(w["attrs"])}>{etikett}</option>\n'


def _select(w: dict) -> str:
    """select.html, each option drawn by its own template (select_option.html here)."""
    delar = [f'<select name="{visa(w["name"])}"{_attribut(w["attrs"])}>']
    for gruppnamn, alternativ, _index in w["optgroups"]:
        if gruppnamn:
            delar.append(f'\n  <optgroup label="{visa(gruppnamn)}">')
        for option in alternativ:
            delar.append("\n  " + _rita(option["template_name"], option))
        if gruppnamn:
            delar.append("\n  </optgroup>")
    delar.append("\n</select>\n")
    return "".join(delar)


def _input_alternativ(w: dict) -> str:
    """input_option.html: one radio button or checkbox of a list, inside its label."""
    if not w["wrap_label"]:
        return _input(w)
    id_ = w["attrs"].get("id")
    for_ = f' for="{visa(id_)}"' if id_ else ""
    return f"<label{for_}>{_input(w)} {visa(w['label'])}</label>\n"


def _alternativ_omslag(w: dict) -> str:
    """radio_option.html, checkbox_option.html: input_option.html included, and a line break."""
    return _input_alternativ(w) + "\n"


def _flerval(w: dict) -> str:
    """multiple_input.html: a list of radio buttons or checkboxes, in option groups if any."""
    attrs = w["attrs"]
    id_, klass = attrs.get("id"), attrs.get("class")
    delar = [
        "<div",
        f' id="{visa(id_)}"' if id_ else "",
        f' class="{visa(klass)}"' if klass else "",
        ">",
    ]
    for gruppnamn, alternativ, _index in w["optgroups"]:
        if gruppnamn:
            delar.append(f"\n  <div><label>{visa(gruppnamn)}</label>")
        for option in alternativ:
            delar.append("<div>\n    " + _rita(option["template_name"], option) + "</div>")
        if gruppnamn:
            delar.append("\n  </div>")
    delar.append("\n</div>\n")
    return "".join(delar)


def _flerval_omslag(w: dict) -> str:
    """radio.html, checkbox_select.html: multiple_input.html included, and a line break."""
    return _flerval(w) + "\n"


def _textarea(w: dict) -> str:
    """textarea.html."""
    innehall = visa(w["value"]) if w["value"] else ""
    return f'<textarea name="{visa(w["name"])}"{_attribut(w["attrs"])}>\n{innehall}</textarea>\n'


RITARE: dict[str, Callable[[dict], str]] = {
    MAPP + "input.html": _input,
    **{
        f"{MAPP}{namn}.html": _input_omslag
        for namn in (
            "checkbox",
            "color",
            "date",
            "datetime",
            "email",
            "file",
            "hidden",
            "number",
            "password",
            "search",
            "tel",
            "text",
            "time",
            "url",
        )
    },
    MAPP + "select.html": _select,
    MAPP + "select_option.html": _option,
    MAPP + "textarea.html": _textarea,
    MAPP + "multiple_input.html": _flerval,
    MAPP + "radio.html": _flerval_omslag,
    MAPP + "checkbox_select.html": _flerval_omslag,
    MAPP + "input_option.html": _input_alternativ,
    MAPP + "radio_option.html": _alternativ_omslag,
    MAPP + "checkbox_option.html": _alternativ_omslag,
}


def _rita(mall: str, widget: dict) -> str:
    ritare = RITARE.get(mall)
    if ritare is None:
        return get_default_renderer().render(mall, {"widget": widget})
    return ritare(widget)


class Renderer(DjangoTemplates):
    """settings.FORM_RENDERER: the plain widgets in Python, everything else by template."""

    def render(self, template_name, context, request=None):
        ritare = RITARE.get(template_name)
        if ritare is None or request is not None or set(context) - {"widget"}:
            return super().render(template_name, context, request)
        # Stripped, as BaseRenderer.render strips what a template gives.
        return mark_safe(ritare(context["widget"]).strip())  # noqa: S308 - every value escaped
