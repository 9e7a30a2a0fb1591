"""The case history: one write function and the registry of event kinds (docs/arkitektur.md: Flöde).

Every app declares the kinds of events it writes in its own `handelsetyper.py`, as a list
`TYPER` of `Typ` (code, Swedish label, whether the applicant sees it). The core discovers the
modules of the installed apps, so it imports no app; the loader in `bistand.grunddata` puts the
kinds in the `Handelsetyp` table, where an administrator may change a label or the visibility.

Writes go through `handelse_registrera`, called inside the transaction of the change it records
(docs/regler.md: "Händelser i akten"), so the change and its event are saved together or not
at all.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from functools import cache

from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType

from .models import Handelse

TEXT_MAX = 300
DATA_MAX = 4000  # characters of JSON: a small structured payload, not a document


@dataclass(frozen=True)
class Typ:
    """A kind of event as an app declares it. `kod` is `<app>.<what>` in ASCII."""

    kod: str
    namn: str
    synlig_for_sokande: bool = False
    beskrivning: str = ""


class OkandHandelsetyp(ValueError):
    """The code is not declared in any installed app's `handelsetyper.py`."""


class ImproperlyDeclared(RuntimeError):
    """Two apps declare the same code."""


@cache
def deklarerade_typer() -> dict[str, tuple[str, Typ]]:
    """Every declared kind: code → (app label, Typ), in the order of INSTALLED_APPS."""
    typer: dict[str, tuple[str, Typ]] = {}
    for config in django_apps.get_app_configs():
        try:
            modul = importlib.import_module(f"{config.name}.handelsetyper")
        except ModuleNotFoundError as fel:
            if fel.name != f"{config.name}.handelsetyper":
                raise
            continue
        for typ in modul.TYPER:
            if typ.kod in typer:
                raise ImproperlyDeclared(f"Händelsetypen {typ.kod} är deklarerad två gånger.")
            typer[typ.kod] = (config.label, typ)
    return typer


def handelse_registrera(
    *,
    typ: str,
    akt,
    ansokan=None,
    objekt=None,
    av=None,
    av_person=None,
    text: str = "",
    data: dict | None = None,
):
    """Write one event of the Akt's case history and return it.

    Call it inside the same `transaction.atomic()` as the write it records (docs/regler.md:
    "Händelser i akten"). `typ` must be a declared kind; `ansokan`, when given, must belong to
    `akt`; `objekt` is the row the event concerns (any model); `av` is the staff user,
    `av_person` the person (the applicant) who acted, neither for the system. `text` is a short
    line (cut at 300 characters); `data` a small JSON object (from/to status, amounts, dates as
    ISO strings).
    """
    if typ not in deklarerade_typer():
        raise OkandHandelsetyp(f"Okänd händelsetyp: {typ}")
    if akt is None or akt.pk is None:
        raise ValueError("En händelse hör alltid till en akt.")
    if ansokan is not None and ansokan.akt_id != akt.pk:
        raise ValueError("Ansökan hör inte till akten.")
    if av is not None and not getattr(av, "is_authenticated", False):
        av = None
    data = dict(data or {})
    if len(json.dumps(data, default=str)) > DATA_MAX:
        raise ValueError("Händelsens uppgifter är för stora.")
    data = json.loads(json.dumps(data, default=str))
    text = text.strip()
    if len(text) > TEXT_MAX:
        text = text[: TEXT_MAX - 1] + "…"
    return Handelse.objects.create(
        typ_id=typ,
        akt=akt,
        ansokan_id=ansokan.pk if ansokan is not None else None,
        objekt_typ=ContentType.objects.get_for_model(objekt) if objekt is not None else None,
        objekt_id=objekt.pk if objekt is not None else None,
        av=av,
        av_person=av_person,
        text=text,
        data=data,
    )


def handelsetyper_sakerstall(handelsetyp_model=None) -> int:
    """Insert the declared kinds that are missing; never change an existing row (an
    administrator may have changed its label or visibility). Returns how many were inserted."""
    if handelsetyp_model is None:
        # Only on this path: migrations pass their own (historical) models.
        from .models import Handelsetyp as handelsetyp_model
    finns = set(handelsetyp_model.objects.values_list("kod", flat=True))
    nya = [
        handelsetyp_model(
            kod=t.kod,
            namn=t.namn,
            synlig_for_sokande=t.synlig_for_sokande,
            app=app,
            beskrivning=t.beskrivning,
        )
        for kod, (app, t) in deklarerade_typer().items()
        if kod not in finns
    ]
    handelsetyp_model.objects.bulk_create(nya)
    return len(nya)
