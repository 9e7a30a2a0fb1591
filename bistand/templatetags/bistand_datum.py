"""`|dag` and `|tid`: a date as 2026-11-30 and a time as 2026-11-30 14:05, in the local time
zone — the two formats every page and letter shows (docs/arkitektur.md: Kodstil;
docs/prestanda.md: Datum i mallarna).

The same text as Django's `|date:"Y-m-d"` and `|date:"Y-m-d H:i"` (`tests/test_datum.py`
compares them), written with `strftime`: Django's date filter looks up the language's format
modules and parses the format string on every call, some 40–90 µs, and a case page shows a
hundred dates. Like Django's filter they write a time in the current time zone and give "" for
an empty value and for anything that is not a date. A template hands them the value already
converted (`expects_localtime`); called from Python (row templates, `bistand.radmall`) they
convert an aware time themselves, so a row shows the same clock time as a template.

Builtins of the template engine (settings.TEMPLATES), so every template uses them without a load.
"""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def dag(value) -> str:
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if isinstance(value, datetime.date):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    return ""


@register.filter(expects_localtime=True, is_safe=False)
def tid(value) -> str:
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return (
            f"{value.year:04d}-{value.month:02d}-{value.day:02d} "
            f"{value.hour:02d}:{value.minute:02d}"
        )
    if isinstance(value, datetime.date):  # as Django's filter: a date has no time of day
        raise TypeError("The format for date objects may not contain time-related specifiers.")
    return ""
