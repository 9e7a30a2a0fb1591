"""`|dag` and `|tid` give the text of Django's `|date:"Y-m-d"` and `|date:"Y-m-d H:i"` for
every kind of value a template may hold, in the local time zone (bistand/templatetags/
bistand_datum.py; docs/prestanda.md: Datum i mallarna)."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

UTC = datetime.UTC
VARDEN = [
    datetime.date(2026, 11, 30),
    datetime.date(1, 1, 1),
    datetime.datetime(2026, 3, 28, 23, 30, tzinfo=UTC),  # the night summer time begins
    datetime.datetime(2026, 10, 24, 22, 59, tzinfo=UTC),
    datetime.datetime(2026, 12, 31, 23, 5, tzinfo=UTC),  # already next year in Stockholm
    datetime.datetime(2026, 6, 1, 8, 7),  # noqa: DTZ001 - a naive one, as Django may hold
    None,
    "",
    "2026-11-30",
    5,
]


@pytest.mark.parametrize("varde", VARDEN, ids=repr)
@pytest.mark.parametrize(("filter_", "format_"), [("dag", "Y-m-d"), ("tid", "Y-m-d H:i")])
def test_the_filters_write_what_djangos_date_filter_writes(varde, filter_, format_):
    def rendera(mall: str) -> str:
        with translation.override("sv"), timezone.override("Europe/Stockholm"):
            try:
                return Template(mall).render(Context({"v": varde}))
            except TypeError as fel:  # Django refuses a time format for a date: so do we
                return f"TypeError {type(fel).__name__}"

    assert rendera(f"{{{{ v|{filter_} }}}}") == rendera(f'{{{{ v|date:"{format_}" }}}}')


@pytest.mark.parametrize("varde", VARDEN, ids=repr)
@pytest.mark.parametrize("filter_", ["dag", "tid"])
def test_called_from_python_they_write_the_same_local_clock_time_as_in_a_template(varde, filter_):
    """Row templates (bistand.radmall) call the filters as functions, without the template's
    conversion to local time: 23:05 UTC on New Year's Eve is 00:05 on 1 January in Sweden."""
    from bistand.templatetags import bistand_datum

    with translation.override("sv"), timezone.override("Europe/Stockholm"):
        try:
            i_mall = Template(f"{{{{ v|{filter_} }}}}").render(Context({"v": varde}))
        except TypeError:
            with pytest.raises(TypeError):
                getattr(bistand_datum, filter_)(varde)
            return
        assert getattr(bistand_datum, filter_)(varde) == i_mall
