"""Session facts for the e-tjänst base layout (the timeout warning, docs/arkitektur.md:
E-tjänst)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from .inloggning import inloggad


def etjanst(request: HttpRequest) -> dict:
    if not request.path.startswith("/e-tjanst/") or not hasattr(request, "session"):
        return {}
    return {
        "etjanst_inloggad": inloggad(request),
        "etjanst_session_sekunder": settings.ETJANST_SESSION_TIMEOUT,
        "etjanst_session_varning": settings.ETJANST_SESSION_VARNING,
    }
