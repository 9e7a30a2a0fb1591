"""Parameters from the request, checked before use: ids, free text and return paths.

Bad input never reaches the database as a 500: an id that is not a whole number, a text with a
NUL byte or a return address on another site is treated as missing (docs/regler.md:
Behörighet och skyddade personuppgifter; GDPR art. 32, security of processing).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

# PostgreSQL's integer and bigint bounds; larger values would be a database error, not a 404.
STORSTA_ID = 2**63 - 1


def bara_siffror(text: str) -> bool:
    """Whether the text is one or more of the digits 0–9. `str.isdigit()` alone also takes '²'
    and other Unicode digits, which `int()` refuses (a server error) or reads as another number;
    every whole number a user types or sends is checked here first."""
    return text.isascii() and text.isdigit()


def heltal(varde: object) -> int | None:
    """The value as a positive whole number that fits an id column, else None."""
    if isinstance(varde, int):
        tal = varde
    else:
        text = str(varde or "").strip()
        if not bara_siffror(text) or len(text) > 19:
            return None
        tal = int(text)
    return tal if 0 < tal <= STORSTA_ID else None


def text(varde: object, *, max_langd: int) -> str:
    """Text without NUL bytes (which PostgreSQL refuses), cut to the given length."""
    return str(varde or "").replace("\x00", "")[:max_langd]


def egen_sokvag(request: HttpRequest, varde: object, *, standard: str) -> str:
    """A return address only if it is a path on this site; anything else gives the default,
    so a form cannot be used to send the user on to another site (open redirect)."""
    sokvag = text(varde, max_langd=500)
    if (
        sokvag.startswith("/")
        and not sokvag.startswith("//")
        and "\\" not in sokvag
        and url_has_allowed_host_and_scheme(
            sokvag, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return sokvag
    return standard
