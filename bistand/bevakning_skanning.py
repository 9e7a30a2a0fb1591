"""The periodic deadline scan (docs/arkitektur.md: Periodiska jobb)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    ExpressionWrapper,
    F,
    Func,
    Q,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, Lower, Substr
from django.utils import timezone

from .bevakning import TYPER
from .models import Bevakning, BevakningStatus, Notis, Roll, User
from .periodiskt import periodisk


class _IsoDatum(Func):
    """A date as YYYY-MM-DD text (SQLite stores dates so; PostgreSQL's text form follows the
    server's DateStyle, so the format is spelled out there)."""

    function = "CAST"
    template = "CAST(%(expressions)s AS TEXT)"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="to_char(%(expressions)s, 'YYYY-MM-DD')", **extra_context
        )


def _text() -> Substr:
    """The notice's text in SQL: "Bevakningen <kind> i akt <aktnummer> passerade <date>.", or
    for a deadline without an Akt its description in brackets, at most 300 characters."""
    typ = Case(
        *[When(typ=kod, then=Value(t.namn.lower())) for kod, t in TYPER.items()],
        default=Lower("typ"),
        output_field=CharField(),
    )
    var = Case(
        When(akt__isnull=False, then=Concat(Value(" i akt "), F("akt__aktnummer"))),
        When(beskrivning="", then=Value("")),
        default=Concat(Value(" ("), F("beskrivning"), Value(")")),
        output_field=CharField(),
    )
    text = Concat(
        Value("Bevakningen "),
        typ,
        var,
        Value(" passerade "),
        _IsoDatum("forfaller"),
        Value("."),
        output_field=CharField(),
    )
    return Substr(text, 1, 300)


def _lank() -> Case:
    return Case(
        When(
            akt__isnull=False,
            then=Concat(Value("/akter/"), Cast("akt_id", CharField()), Value("/")),
        ),
        default=Value("/notiser/"),
        output_field=CharField(),
    )


def _underratta_alla(ids: list[int], brev: dict[str, list[tuple[str, str]]]) -> None:
    """Tell the owner and the enhetschef(er) of each bevakning of the batch — of the Akt's
    Enhet, for a deadline without an Akt of the owner's Enhet, or every enhetschef when it has
    no owner either (docs/regler.md: "Bevakning utan akt") — with one INSERT … SELECT in the
    database: the batch joined with the active managers and with its active owner. No model
    instance is made per notice, so the cost per batch is a few queries of database work
    (docs/prestanda.md: Bevakningsskanningen). A recipient already told about a bevakning is
    not told again (the unique notice per bevakning and recipient; conflicts are skipped), and
    only the notices inserted now are returned for the e-mail lines in `brev` (address →
    lines), sent after the scan, one message per recipient."""
    parti = (
        Bevakning.objects.filter(pk__in=ids)
        .annotate(
            b_id=F("pk"),
            b_enhet=Coalesce("akt__enhet_id", "agare__enhet_id"),
            b_alla=ExpressionWrapper(
                Q(akt__isnull=True, agare__isnull=True), output_field=BooleanField()
            ),
            b_agare=Case(When(agare__is_active=True, then=F("agare_id"))),
            b_text=_text(),
            b_lank=_lank(),
        )
        .values_list("b_id", "b_enhet", "b_alla", "b_agare", "b_text", "b_lank")
        .order_by()  # a subquery: the model's ordering would only add a sort
    )
    chefer = (
        User.objects.filter(is_active=True, groups__name=Roll.ENHETSCHEF)
        .annotate(c_id=F("pk"), c_enhet=F("enhet_id"))
        .values_list("c_id", "c_enhet")
        .distinct()
    )
    parti_sql, parti_param = parti.query.sql_with_params()
    chef_sql, chef_param = chefer.query.sql_with_params()
    notis = Notis._meta.db_table
    sql = f"""
        INSERT INTO {notis} (mottagare_id, text, lank, bevakning_id, skapad)
        SELECT mottagare, text, lank, bevakning, %s FROM (
            SELECT c.c_id AS mottagare, b.b_text AS text, b.b_lank AS lank, b.b_id AS bevakning
            FROM ({parti_sql}) AS b
            JOIN ({chef_sql}) AS c ON (c.c_enhet = b.b_enhet OR b.b_alla)
            UNION
            SELECT b.b_agare, b.b_text, b.b_lank, b.b_id
            FROM ({parti_sql}) AS b
            WHERE b.b_agare IS NOT NULL
        ) AS nya
        WHERE TRUE
        ON CONFLICT DO NOTHING
        RETURNING mottagare_id, bevakning_id, text, lank
    """  # noqa: S608 — table names from the models, values as parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, (timezone.now(), *parti_param, *chef_param, *parti_param))
        nya = cursor.fetchall()
    if not nya:
        return
    adresser = dict(
        User.objects.filter(pk__in={m for m, *_ in nya})
        .exclude(email="")
        .values_list("pk", "email")
    )
    ordning = {pk: i for i, pk in enumerate(ids)}
    for mottagare, _bevakning, text, lank in sorted(nya, key=lambda r: ordning[r[1]]):
        if mottagare in adresser:
            brev.setdefault(adresser[mottagare], []).append((text, lank))


def _skicka(brev: dict[str, list[tuple[str, str]]]) -> None:
    """One e-mail per recipient however many deadlines passed: after an outage, or in a large
    Enhet, a manager would otherwise get thousands (the notices list each one)."""
    meddelanden = []
    for adress, rader in brev.items():
        if len(rader) == 1:
            [(text, lank)] = rader
            amne = "Bistånd: en bevakning har passerat"
            innehall = f"{text}\nLogga in i Bistånd för att se mer: {lank}"
        else:
            amne = f"Bistånd: {len(rader)} bevakningar har passerat"
            innehall = "\n".join(t for t, _ in rader) + (
                "\nLogga in i Bistånd och se dina notiser: /notiser/"
            )
        meddelanden.append(
            EmailMessage(
                subject=amne, body=innehall, from_email=settings.DEFAULT_FROM_EMAIL, to=[adress]
            )
        )
    if meddelanden:
        get_connection(fail_silently=True).send_messages(meddelanden)


PARTI = 1000


@periodisk("bevakningar")
def bevakningar_markera_overskridna(idag: datetime.date) -> int:
    """Mark every active bevakning whose due date has passed as överskriden, and notify.

    A deadline is met on its due day, so it is överskriden from the day after. Catches up after
    any outage (it takes everything due before today) and handles each bevakning exactly once:
    each batch of due rows is locked (rows another scan holds are skipped) and moved by a
    conditional UPDATE, so two scans at once never take the same row. Uses the
    (status, forfaller) index, so its cost follows the number due, not the number stored, and
    a batch of PARTI costs a fixed number of queries (docs/prestanda.md: Bevakningsskanningen).
    """
    forfallna = Bevakning.objects.filter(status=BevakningStatus.AKTIV, forfaller__lt=idag)
    antal = 0
    brev: dict[str, list[tuple[str, str]]] = {}
    try:
        while antal_i_parti := _parti(forfallna, brev):
            antal += antal_i_parti
    finally:
        _skicka(brev)  # what was committed is told, also if a later batch fails
    return antal


def _parti(forfallna, brev: dict[str, list[tuple[str, str]]]) -> int:
    """Mark and notify one batch; 0 when nothing (more) is due or another scan holds it."""
    ids = list(forfallna.order_by("forfaller", "pk").values_list("pk", flat=True)[:PARTI])
    if not ids:
        return 0
    with transaction.atomic():
        last = list(
            forfallna.filter(pk__in=ids)
            .select_for_update(skip_locked=True, of=("self",))
            .values_list("pk", flat=True)
        )
        if not last:
            return 0  # another scan holds them and goes on to the rest
        Bevakning.objects.filter(pk__in=last, status=BevakningStatus.AKTIV).update(
            status=BevakningStatus.OVERSKRIDEN, overskriden_tid=timezone.now()
        )
        tagna = set(last)
        last = [pk for pk in ids if pk in tagna]  # in due order, for the e-mail lines
        _underratta_alla(last, brev)
        return len(last)
