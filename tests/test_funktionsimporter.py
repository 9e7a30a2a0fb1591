"""Imports inside functions carry a comment saying why, or move to the top of the module
(docs/arkitektur.md: Appar; scripts/funktionsimporter.py, run by `make lint`)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location(
    "funktionsimporter", ROT / "scripts" / "funktionsimporter.py"
)
fi = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fi)


def test_the_unexplained_function_level_imports_do_not_grow():
    assert fi.main([str(ROT)]) == 0


def test_an_import_in_a_function_counts_unless_a_comment_says_why(tmp_path):
    app = tmp_path / "beslut"
    app.mkdir()
    (app / "modul.py").write_text(
        "def a():\n"
        "    from .models import X\n"
        "    return X\n\n\n"
        "def b():\n"
        "    # Import cycle: services imports this module at the top.\n"
        "    from .services import y\n"
        "    from .selectors import z\n\n"
        "    return y, z\n\n\n"
        "def c():\n"
        "    from weasyprint import HTML  # loads Pango only when used\n"
        "    return HTML\n"
    )
    rader = fi.funktionsimporter(app / "modul.py")
    assert [(nr, forklarad) for nr, _, forklarad in rader] == [
        (2, False),
        (8, True),
        (9, True),
        (15, True),
    ]
