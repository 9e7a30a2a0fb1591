"""`{% falt f %}`: one form field with its label, help text and errors, as every form in the
system shows it (docs/arkitektur.md: Kodstil; docs/prestanda.md: Formulärens fält).

Drawn in Python rather than through an included template: a case page holds some seventy
fields, and the include with its conditions was a large part of the page's time. The markup is
the one the include gave, character for character (`tests/test_formrendering.py` keeps that
template and compares every field of every form): a hidden field alone; a checkbox before its
label; a field of several inputs (radio buttons, checkboxes) in a fieldset whose legend is the
label, described by its help text and errors; any other field under its label. Help text and
errors carry ids that the widget's `aria-describedby` points at.

A builtin of the template engine (settings.TEMPLATES), so every template uses it without a load.
"""

from __future__ import annotations

from django import template
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
