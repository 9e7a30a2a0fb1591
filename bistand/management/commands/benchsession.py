"""Print the key of a logged-in, second-factor-verified staff session, for benchmarks and probes;
with `--person PK`, of an applicant's e-tjänst session (Mina sidor) as the login would make it.

Refused unless the environment has BENCHMARK=1: the key is a full login as that user.
"""

from __future__ import annotations

import os
import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.management.base import BaseCommand, CommandError
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from bistand.models import Person, User
from bistand.sakerhet import SENAST, handelse


class Command(BaseCommand):
    help = "Skriver nyckeln till en inloggad session med tvåsteg klart (bara med BENCHMARK=1)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", nargs="?", default="")
        parser.add_argument("--person", type=int, help="En sökandes e-tjänstsession (Person-id).")

    def handle(self, *args, username: str, person: int | None = None, **options) -> None:
        if os.environ.get("BENCHMARK") != "1":
            raise CommandError("Vägrar: sätt BENCHMARK=1 för att skapa en inloggad session.")
        if person is not None:
            self._etjanst(person)
            return
        if not username:
            raise CommandError("Ange ett användarnamn, eller --person för en e-tjänstsession.")
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Ingen aktiv användare heter {username!r}.")
        enhet = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if enhet is None:
            enhet = TOTPDevice.objects.create(user=user, name="benchsession", confirmed=True)
        session = import_module(settings.SESSION_ENGINE).SessionStore()
        session[SESSION_KEY] = user._meta.pk.value_to_string(user)
        session[BACKEND_SESSION_KEY] = "bistand.inlasning.Backend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[DEVICE_ID_SESSION_KEY] = enhet.persistent_id
        session[SENAST] = int(time.time())
        session.create()
        handelse(None, "benchsession", user.get_username())
        self.stdout.write(session.session_key)

    def _etjanst(self, person_id: int) -> None:
        # ansokan is to the right of the core in the flow: read where the e-tjänst is used.
        from ansokan.inloggning import PERSON
        from ansokan.inloggning import SENAST as ETJANST_SENAST

        if not Person.objects.filter(pk=person_id).exists():
            raise CommandError(f"Ingen person har id {person_id}.")
        session = import_module(settings.SESSION_ENGINE).SessionStore()
        session[PERSON] = person_id
        session[ETJANST_SENAST] = int(time.time())
        session.create()
        handelse(None, "benchsession", f"person {person_id}")
        self.stdout.write(session.session_key)
