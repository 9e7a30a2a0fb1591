"""Citations point at the law or at docs/, never outside the repository; `make lint` runs the
check (docs/arkitektur.md: Kodstil (källhänvisningar))."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROT = Path(__file__).resolve().parents[1]
SKRIPT = ROT / "scripts" / "kontrollera_hanvisningar.py"


def _c(*delar: str) -> str:
    return "".join(delar)


def _kor(rot: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SKRIPT), str(rot)], capture_output=True, text=True, check=False
    )


def test_the_repository_cites_nothing_outside_itself():
    svar = _kor(ROT)
    assert svar.returncode == 0, svar.stdout


def test_a_new_citation_of_an_issue_or_a_design_note_fails_the_check(tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "regel.py").write_text('"""A rule (see the design note §5.6)."""\n')
    assert _kor(tmp_path).returncode == 0
    # Built from parts so that this file does not itself hold a citation.
    # Built from parts so that this file does not itself hold a citation.
    for text in (_c("(iss", "ue 7, point 2)"), _c("(DES", "IGN.md §5.6)"), _c("(se", "ed 001)")):
        (tmp_path / "app" / "regel.py").write_text(f'"""A rule {text}."""\n')
        svar = _kor(tmp_path)
        assert svar.returncode == 1 and "app/regel.py:1" in svar.stdout, text
    (tmp_path / "mall.html").write_text(_c("<!-- STY", "LE.md §6 -->\n"))
    assert "mall.html:1" in _kor(tmp_path).stdout


def test_docs_may_cite_whatever_they_explain(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notering.py").write_text(_c("# iss", "ue 3\n"))
    (tmp_path / "app.py").write_text('"""docs/regler.md: Avsteg; FL 44 §."""\n')
    assert _kor(tmp_path).returncode == 0


def test_make_lint_runs_the_check():
    makefile = (ROT / "Makefile").read_text()
    lint = makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert "scripts/kontrollera_hanvisningar.py" in lint
