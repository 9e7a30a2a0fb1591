"""`{% falt f %}`: one form field with its label, help text and errors, as every form in the
system shows it (docs/arkitektur.md: Kodstil; docs/prestanda.md: Formulärens fält).

Drawn in Python rather than through an included template: a case page holds some seventy
fields, and the include with its conditions was a large part of the page's time. The markup is
the one the include gave, character for character (`tests/test_formrendering.py` keeps that
template and compares every field of every form): a hidden field alone; a checkbox before its
label; a field of several inputs (radio buttons, checkboxes) in a fieldset whose legend is the
label, described by its help text and errors; any other field under its label. Help text and
errors carry ids that the widget's `aria-describedby` points at.

`{% formular form %}`: a whole form's fields as the `etjanst/_form.html` include gave them
(its errors that belong to no field, then every field through `falt`), without the include and
its loop; an unbound form of a class that says its markup depends on nothing but its prefix and
the day (`Form.fast_markup`) is drawn once a day per process and reused
(docs/prestanda.md: Formulärens fält).

Builtins of the template engine (settings.TEMPLATES), so every template uses them without a load.
"""

from __future__ import annotations

import threading

from django import template
from django.forms import BaseForm
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from bistand.formrendering import visa

register = template.Library()


@register.simple_tag
def falt(f) -> SafeString:
    if f.is_hidden:
        return mark_safe(visa(f) + "\n")  # noqa: S308 - the widget's own safe markup
    auto_id = visa(f.auto_id)
    etikett = visa(f.label)
    hjalp = (
        f'<p class="hjalptext" id="{auto_id}_helptext">{visa(f.help_text)}</p>'
        if f.help_text
        else ""
    )
    fel = ""
    if f.errors:
        text = conditional_escape(" ").join(conditional_escape(v) for v in f.errors)
        fel = f'<p class="faltfel" id="{auto_id}_error">{text}</p>'
    faltet = visa(f)
    if f.widget_type == "checkbox":
        html = (
            f'\n<div class="falt kryssfalt">\n  {faltet} <label for="{visa(f.id_for_label)}">'
            f"{etikett}</label>\n  {hjalp}\n  {fel}\n</div>\n\n"
        )
    elif f.use_fieldset:
        beskrivs = ""
        if f.help_text or f.errors:
            beskrivs = (
                ' aria-describedby="'
                + (f"{auto_id}_helptext" if f.help_text else "")
                + (f" {auto_id}_error" if f.errors else "")
                + '"'
            )
        html = (
            f'\n<fieldset class="falt"{beskrivs}>\n  <legend class="etikett-text">{etikett}'
            f"</legend>\n  {hjalp}\n  {fel}\n  {faltet}\n</fieldset>\n\n"
        )
    else:
        html = (
            f'\n<div class="falt">\n  <label for="{visa(f.id_for_label)}">{etikett}</label>\n'
            f"  {hjalp}\n  {fel}\n  {faltet}\n</div>\n\n"
        )
    return mark_safe(html)  # noqa: S308 - every value escaped above


# Stands in for a form's prefix in a cached drawing; replaced by the real prefix on each use.
PREFIX = "__prefix__"
_ritade = threading.local()


@register.simple_tag
def formular(form) -> SafeString:
    """The form's errors that belong to no field, then each of its fields (`falt`): the
    markup of the `etjanst/_form.html` include, character for character. A variable that
    holds no form (missing from the context: "") gives what the include gave, two line
    breaks."""
    if not isinstance(form, BaseForm):
        return mark_safe("\n\n")
    if not form.is_bound and not form.initial and getattr(form, "fast_markup", False):
        return _fast_formular(form)
    return _rita_formular(form)


def _rita_formular(form) -> SafeString:
    fel = form.non_field_errors()
    html = ""
    if fel:
        text = conditional_escape(" ").join(conditional_escape(v) for v in fel)
        html = f'<div class="felruta" role="alert"><p>{text}</p></div>'
    return mark_safe(html + "\n" + "".join(falt(f) for f in form) + "\n")  # noqa: S308


def _fast_formular(form) -> SafeString:
    """An unbound form whose fields, labels, choices and initial values are the same for every
    request (the class says so with `fast_markup = True`; an initial value may be "today"),
    drawn once a day and process with `PREFIX` where the prefix goes; each use puts its own
    prefix there."""
    idag = timezone.localdate()
    ritade = getattr(_ritade, "formular", None)
    if ritade is None or ritade[0] != idag:
        ritade = _ritade.formular = (idag, {})
    nyckel = (type(form), form.auto_id, form.prefix is None)
    html = ritade[1].get(nyckel)
    if html is None:
        mall = type(form)(prefix=None if form.prefix is None else PREFIX, auto_id=form.auto_id)
        html = ritade[1][nyckel] = str(_rita_formular(mall))
    if form.prefix is not None:
        html = html.replace(PREFIX, conditional_escape(form.prefix))
    return mark_safe(html)  # noqa: S308 - drawn escaped above; the prefix is the code's own
