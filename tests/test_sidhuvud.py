"""The logged-in header of every staff page is drawn in Python (bistand/context_processors.py,
docs/prestanda.md: Sidhuvudet) with the markup the base layout's template gave: that template
is kept here and both are rendered for several users and pages."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import RequestContext, Template
from django.test import RequestFactory

from bistand.models import Notis

pytestmark = pytest.mark.django_db

# The header as base.html drew it before it was drawn in Python.
MALL = (
    "{% if user.is_authenticated %}\n"
    '      <nav aria-label="Huvudmeny">\n        <ul class="meny">\n          '
    '{% for url, text in nav_lankar %}<li><a href="{{ url }}"{% if request.path == url %}'
    ' aria-current="page"{% endif %}>{{ text }}</a></li>{% endfor %}\n'
    "        </ul>\n      </nav>\n"
    '      <form class="logga-ut" method="post" action="{% url \'logout\' %}">\n'
    "        {% csrf_token %}\n"
    '        <span class="inloggad">{{ user.get_full_name|default:user.username }}'
    "{% if nav_enhet %}, {{ nav_enhet }}{% endif %}</span>\n"
    '        <a class="konto-lank" href="{% url \'konto-losenord\' %}">Byt lösenord</a>\n'
    '        <button type="submit" class="knapp knapp-diskret">Logga ut</button>\n'
    "      </form>\n      {% endif %}"
)
NY = "{% if user.is_authenticated %}{{ sidhuvud_meny }}{% endif %}"


def _rendera(mall: str, user, sokvag: str) -> str:
    request = RequestFactory().get(sokvag)
    request.user = user
    text = Template(mall).render(RequestContext(request, {}))
    # The CSRF token is masked anew at every call.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'value="TOKEN"', text)


def _lika(user, sokvag: str) -> str:
    gammal, ny = _rendera(MALL, user, sokvag), _rendera(NY, user, sokvag)
    assert ny == gammal
    return ny


def test_a_handlaggare_sees_her_menu_name_unit_and_unread_notices_as_before(handlaggare):
    Notis.objects.create(mottagare=handlaggare, text="Ny uppgift")
    sida = _lika(handlaggare, "/arbetslista/")
    assert '<a href="/arbetslista/" aria-current="page">Arbetslista</a>' in sida
    assert "Notiser (1 olästa)" in sida and "Agare, Enhet Norr" in sida


def test_a_user_without_unit_or_full_name_is_named_by_username(skapa_anvandare):
    user = skapa_anvandare("kvalitet", "Kvalitet")
    user.first_name = ""
    user.save()
    sida = _lika(user, "/kvalitet/oversikt/")
    assert '<span class="inloggad">kvalitet</span>' in sida


def test_names_are_escaped_as_the_template_escaped_them(skapa_anvandare, enhet):
    user = skapa_anvandare("ett", "Enhetschef", enhet)
    user.first_name, user.last_name = "<b>Åsa", "& Co\"'"
    user.save()
    enhet.namn = "Norr <Öst>"
    enhet.save()
    sida = _lika(user, "/samrad/")
    assert "&lt;b&gt;Åsa &amp; Co&quot;&#x27;, Norr &lt;Öst&gt;" in sida


def test_nobody_logged_in_gets_no_header():
    assert _lika(AnonymousUser(), "/") == ""
