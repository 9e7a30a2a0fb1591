"""The method half of the role × URL × method matrix, enforced in one place.

A URL whose `Regel` in `bistand.behorighet` lets no role POST answers POST with 405, and one
that lets no role GET answers GET with 405, so a page that only shows data can never be used
to change it (docs/regler.md: Behörighet och skyddade personuppgifter). Who may use a method
is checked by each view's access function; this only stops methods the URL does not have.
"""

from __future__ import annotations

from django.http import HttpResponseNotAllowed, JsonResponse

from .behorighet import MATRIS


class MetodMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.namespace == "admin":
            return None
        regel = MATRIS.get(match.view_name)
        if regel is None:
            return None
        tillatna = (["GET", "HEAD"] if regel.get else []) + (["POST"] if regel.post else [])
        if request.method not in tillatna:
            if request.path.startswith("/api/"):
                svar = JsonResponse(
                    {"fel": {"begaran": ["Metoden är inte tillåten här."]}}, status=405
                )
                svar["Allow"] = ", ".join(tillatna)
                return svar
            return HttpResponseNotAllowed(tillatna)
        return None
