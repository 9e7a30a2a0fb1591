#!/usr/bin/env python
import os
import secrets
import sys

# Commands that only read the code and sign nothing may run without a configured SECRET_KEY,
# so a developer can check migrations without production variables or DEBUG.
UTAN_HEMLIGHET = {"makemigrations", "showmigrations", "sqlmigrate", "help"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bistand.settings")
    if len(sys.argv) > 1 and sys.argv[1] in UTAN_HEMLIGHET:
        os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
