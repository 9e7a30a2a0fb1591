"""Filters for the PDF templates (rendered by WeasyPrint on the server)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def css_strang(varde) -> SafeString:
    """The value as the inside of a CSS string: every character but letters, digits and spaces
    as a CSS escape, so an admin-typed name cannot end the string or the rule (docs/drift.md:
    PDF-rendering)."""
    ut = []
    for tecken in str(varde):
        if tecken.isalnum() or tecken == " ":
            ut.append(tecken)
        else:
            ut.append(f"\\{ord(tecken):06x}")
    return mark_safe("".join(ut))  # noqa: S308 - every special character is escaped above
