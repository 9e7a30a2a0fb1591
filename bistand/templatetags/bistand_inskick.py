"""`{% inskick_falt %}`: the hidden key that makes a single-shot form's object once
(bistand.inskick; docs/regler.md: Ett inskick blir ett)."""

from __future__ import annotations

import uuid

from django import template
from django.utils.html import format_html

from bistand.inskick import FALT

register = template.Library()


@register.simple_tag
def inskick_falt() -> str:
    """A new key each time the page is shown; a double click or a resent POST repeats it."""
    return format_html('<input type="hidden" name="{}" value="{}">', FALT, uuid.uuid4())
