"""The floor: one row of an indexed table (the persons' primary key) through a template."""

from __future__ import annotations

from django.db import connection
from django.http import Http404
from django.shortcuts import render


def golv(request, pk: int):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, fornamn, efternamn, fodelsedatum FROM bistand_person WHERE id = %s", [pk]
        )
        rad = cursor.fetchone()
    if rad is None:
        raise Http404
    return render(request, "golv.html", {"rad": rad})
