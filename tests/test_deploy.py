"""Production deployment: docker-compose.yml, Dockerfile, .env.example and `check --deploy`.

There is no Docker engine on these machines, so nothing here runs `docker` or `docker compose
config`: the compose file is validated by parsing it (docs/arkitektur.md: Appar). No database is
needed.
"""

from __future__ import annotations

import ast
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
ENV_EXAMPLE = ROOT / ".env.example"
README = ROOT / "README.md"
SETTINGS = ROOT / "bistand" / "settings.py"

SERVICES = {"postgres", "redis", "clamav", "web", "worker", "beat"}
APP_SERVICES = ("web", "worker", "beat")
NAME = r"[A-Za-z_][A-Za-z0-9_]*"
# ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, ${VAR:+alt}, ${VAR+alt}
BRACED = re.compile(r"\$\{(" + NAME + r")(?:(:?[-?+])([^}]*))?\}")
BARE = re.compile(r"\$(" + NAME + r")")

# django-environ readers: env("X"), env.str("X"), env.bool("X"), env.db("X") …
ENVIRON_READERS = {
    "str",
    "bool",
    "int",
    "float",
    "decimal",
    "list",
    "tuple",
    "dict",
    "json",
    "url",
    "path",
    "db",
    "db_url",
    "cache",
    "cache_url",
    "email",
    "email_url",
    "search_url",
    "get_value",
    "parse_value",
    "bytes",
}


# ---- helpers ---------------------------------------------------------------------------------


def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def service(name: str) -> dict:
    return compose()["services"][name]


def command_words(svc: dict) -> list[str]:
    """The service's command as words, whether written as a list or a string."""
    cmd = svc.get("command", [])
    text = " ".join(cmd) if isinstance(cmd, list) else str(cmd)
    return text.split()


def strings_in(node) -> list[str]:
    """Every string value (and mapping key) anywhere in a parsed YAML tree."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in strings_in(k) + strings_in(v)]
    if isinstance(node, list):
        return [s for item in node for s in strings_in(item)]
    return []


def interpolations(text: str) -> list[tuple[str, str | None, str]]:
    """Compose interpolations in `text` as (name, operator, argument); `$$` is a literal `$`."""
    text = text.replace("$$", "")
    found = [(m.group(1), m.group(2), m.group(3) or "") for m in BRACED.finditer(text)]
    found += [(m.group(1), None, "") for m in BARE.finditer(BRACED.sub("", text))]
    return found


def compose_variables() -> set[str]:
    return {name for s in strings_in(compose()) for name, _, _ in interpolations(s)}


def _string_arg(call: ast.Call) -> str | None:
    if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
        return call.args[0].value
    return None


def env_reads(path: Path) -> set[str]:
    """Environment variables a module reads: django-environ's `env…("X")`, `os.environ.get("X")`,
    `os.getenv("X")` and `os.environ["X"]`. Writes such as `os.environ.setdefault` are not reads.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = _string_arg(node)
            if name is None:
                continue
            if isinstance(func, ast.Name) and func.id == "env":
                names.add(name)
            elif isinstance(func, ast.Attribute):
                owner = ast.unparse(func.value)
                if owner == "env" and func.attr in ENVIRON_READERS:
                    names.add(name)
                elif owner == "os.environ" and func.attr == "get":
                    names.add(name)
                elif owner == "os" and func.attr == "getenv":
                    names.add(name)
        elif (
            isinstance(node, ast.Subscript)
            and isinstance(node.ctx, ast.Load)
            and ast.unparse(node.value) == "os.environ"
            and isinstance(node.slice, ast.Constant)
            and isinstance(node.slice.value, str)
        ):
            names.add(node.slice.value)
    return names


def project_modules() -> list[Path]:
    """The project's own Python files: apps, manage.py and tests (not .venv, not migrations)."""
    skip = {".venv", "var", ".git", "node_modules", "migrations", "build"}
    files = []
    for path in ROOT.rglob("*.py"):
        parts = set(path.relative_to(ROOT).parts[:-1])
        if parts & skip or any(p.startswith(".") or p.endswith(".egg-info") for p in parts):
            continue
        if path.resolve() == Path(__file__).resolve():
            continue
        files.append(path)
    return sorted(files)


def settings_variables() -> set[str]:
    return env_reads(SETTINGS)


def project_variables() -> set[str]:
    return {name for path in project_modules() for name in env_reads(path)}


def env_example_variables() -> set[str]:
    """Variables in .env.example, set (`X=…`) or shown commented out (`# X=…`)."""
    pattern = re.compile(r"^\s*#?\s*(" + NAME + r")=", re.MULTILINE)
    return set(pattern.findall(ENV_EXAMPLE.read_text(encoding="utf-8")))


def readme_table_variables() -> set[str]:
    """Variables in the README's environment table: the first cell of a row, in backticks."""
    names: set[str] = set()
    for line in README.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line.startswith("|"):
            continue
        first_cell = line.strip("|").split("|")[0]
        names.update(re.findall(r"`(" + NAME + r")`", first_cell))
    return names


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    lines: list[str] = []
    pending = ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        lines.append(pending + stripped)
        pending = ""
    if pending:
        lines.append(pending)
    result = []
    for line in lines:
        keyword, _, rest = line.partition(" ")
        result.append((keyword.upper(), rest.strip()))
    return result


# ---- (a) docker-compose.yml: services, commands, healthchecks, volumes, depends_on -----------


def test_compose_has_the_six_services():
    assert set(compose()["services"]) == SERVICES


def test_compose_images_for_postgres_and_redis():
    assert service("postgres")["image"] == "postgres:16"
    assert service("redis")["image"] == "redis:7"


def test_app_services_are_built_from_the_dockerfile():
    for name in APP_SERVICES:
        build = service(name).get("build")
        context = build if isinstance(build, str) else (build or {}).get("context")
        assert context in {".", "./"}, f"{name} must be built from the project's Dockerfile"


def test_web_migrates_then_runs_gunicorn():
    words = command_words(service("web"))
    text = " ".join(words)
    assert "gunicorn" in words
    assert "bistand.wsgi:application" in words
    assert "0.0.0.0:8000" in text
    assert "manage.py migrate --noinput" in text
    assert text.index("migrate") < text.index("gunicorn"), "migrations must run before gunicorn"
    assert "8000" in " ".join(str(p) for p in service("web").get("ports", []))


@pytest.mark.parametrize("name, role", [("worker", "worker"), ("beat", "beat")])
def test_worker_and_beat_run_celery_for_bistand(name, role):
    words = command_words(service(name))
    assert words[:4] == ["celery", "-A", "bistand", role], words


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_every_service_has_a_healthcheck(name):
    check = service(name).get("healthcheck")
    assert check, f"{name} has no healthcheck"
    assert not check.get("disable")
    test = check["test"]
    assert isinstance(test, list) and test[0] in {"CMD", "CMD-SHELL"} and len(test) > 1, test


def test_healthchecks_use_the_right_probe():
    def probe(name: str) -> str:
        return " ".join(service(name)["healthcheck"]["test"][1:])

    assert "pg_isready" in probe("postgres")
    assert "redis-cli ping" in probe("redis")
    assert "celery -A bistand inspect ping" in probe("worker")
    web = probe("web")
    assert "urllib" in web and "/health/" in web and "curl" not in web


@pytest.mark.parametrize("name", ["web", "beat"])
def test_python_healthchecks_compile(name):
    test = service(name)["healthcheck"]["test"]
    assert test[:3] == ["CMD", "python", "-c"]
    compile(test[3], f"<healthcheck {name}>", "exec")


def test_named_volumes_are_declared_and_used():
    data = compose()
    declared = set(data.get("volumes") or {})
    used: dict[str, set[str]] = {}
    for name, svc in data["services"].items():
        for volume in svc.get("volumes", []):
            source = volume.split(":")[0] if isinstance(volume, str) else volume.get("source")
            if source and not source.startswith((".", "/", "~")):
                used.setdefault(source, set()).add(name)
    assert declared, "no named volumes declared"
    assert set(used) <= declared, f"undeclared volumes: {set(used) - declared}"
    assert declared <= set(used), f"declared but unused volumes: {declared - set(used)}"

    def mounted(svc: str, target: str) -> bool:
        return any(str(v).endswith(":" + target) for v in service(svc).get("volumes", []))

    assert mounted("postgres", "/var/lib/postgresql/data")
    assert mounted("redis", "/data")
    storage = service("web")["environment"]["FILE_STORAGE_DIR"]
    assert mounted("web", storage) and mounted("worker", storage), (
        "case documents (FILE_STORAGE_DIR) must be on a named volume shared by web and worker"
    )


def test_depends_on_waits_for_healthy_services():
    data = compose()
    for name in APP_SERVICES:
        depends = data["services"][name].get("depends_on")
        assert isinstance(depends, dict), f"{name}: depends_on must state conditions"
        assert {"postgres", "redis"} <= set(depends)
        for other, spec in depends.items():
            assert other in data["services"], f"{name} depends on unknown service {other}"
            assert spec.get("condition") == "service_healthy", f"{name} -> {other}"


def test_app_environment_points_at_the_internal_services():
    for name in APP_SERVICES:
        env = service(name)["environment"]
        assert re.fullmatch(r"postgres(ql)?://[^@]+@postgres:5432/.+", env["DATABASE_URL"])
        assert env["CELERY_BROKER_URL"].startswith("redis://redis:6379/")
        assert "DEBUG" not in env, "DEBUG must stay unset (off) in production"


def test_required_secrets_fail_loudly_and_the_rest_have_defaults():
    required = {
        "SECRET_KEY",
        "POSTGRES_PASSWORD",
        "POSTGRES_AGARE_PASSWORD",
        "POSTGRES_APP_PASSWORD",
    }
    seen: dict[str, set[str | None]] = {}
    for text in strings_in(compose()):
        for name, op, _ in interpolations(text):
            seen.setdefault(name, set()).add(op)
    for name in required:
        assert seen.get(name) == {":?"}, f"{name} must always be written ${{{name}:?…}}"
    for name, ops in seen.items():
        if name not in required:
            assert ops <= {":-", "-"}, f"${{{name}}} needs a default (${{{name}:-…}})"


# ---- (5) compose is validated by parsing; no Docker engine is required -----------------------


def test_compose_is_valid_without_docker():
    """What `docker compose config` would reject, checked by parsing alone."""
    data = compose()
    allowed_top = {"name", "services", "volumes", "networks", "configs", "secrets"}
    extra = {k for k in data if not k.startswith("x-")} - allowed_top
    assert not extra, f"unknown top-level keys: {extra}"
    for text in strings_in(data):
        stripped = BRACED.sub("", text.replace("$$", ""))
        stripped = BARE.sub("", stripped)
        assert "$" not in stripped, f"stray or malformed '$' (escape it as '$$'): {text!r}"
    for name, svc in data["services"].items():
        assert "image" in svc or "build" in svc, name
        for key in ("interval", "timeout", "start_period"):
            value = svc["healthcheck"].get(key)
            if value is not None:
                assert re.fullmatch(r"\d+(ms|s|m|h)", value), f"{name}.healthcheck.{key}={value}"


# ---- (b) every variable is documented in .env.example and the README table -----------------


def test_settings_variables_are_found():
    """Guard for the scanner: the variables docs/arkitektur.md: Appar names must be seen in
    settings.py."""
    expected = {
        "DEBUG",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "CELERY_BROKER_URL",
        "FILE_STORAGE_DIR",
        "EMAIL_HOST",
        "EMAIL_PORT",
    }
    assert expected <= settings_variables()


def test_compose_variables_are_found():
    assert {"SECRET_KEY", "POSTGRES_PASSWORD"} <= compose_variables()


def test_every_variable_is_in_env_example():
    documented = env_example_variables()
    wanted = compose_variables() | settings_variables() | project_variables()
    missing = sorted(wanted - documented)
    assert not missing, f".env.example lacks: {', '.join(missing)}"


def test_env_example_documents_only_real_variables():
    known = compose_variables() | settings_variables() | project_variables()
    unknown = sorted(env_example_variables() - known)
    assert not unknown, f".env.example documents variables nothing reads: {', '.join(unknown)}"


def test_env_example_holds_no_secret_values():
    values = dict(
        re.findall(r"^(" + NAME + r")=(.*)$", ENV_EXAMPLE.read_text(encoding="utf-8"), re.M)
    )
    for name in (
        "SECRET_KEY",
        "POSTGRES_PASSWORD",
        "POSTGRES_AGARE_PASSWORD",
        "POSTGRES_APP_PASSWORD",
        "EMAIL_HOST_PASSWORD",
    ):
        assert values.get(name, "") == "", f"{name} must be empty in .env.example"


def test_every_variable_is_in_the_readme_table():
    assert README.exists(), "README.md does not exist yet"
    documented = readme_table_variables()
    wanted = compose_variables() | settings_variables() | project_variables()
    missing = sorted(wanted - documented)
    assert not missing, f"README.md's environment table lacks: {', '.join(missing)}"


# ---- (c) manage.py check --deploy is clean with production variables -------------------------


def production_env(tmp_path: Path) -> dict[str, str]:
    """The process environment minus every variable the project reads, plus production values."""
    ours = settings_variables() | project_variables() | compose_variables()
    # DJANGO_*: the test run's own DJANGO_SETTINGS_MODULE and DJANGO_ALLOW_ASYNC_UNSAFE.
    env = {k: v for k, v in os.environ.items() if k not in ours and not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="bistand.settings",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="bistand.kommun.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        VAR_DIR=str(tmp_path / "var"),
        CLAMD_ADRESS="clamav:3310",
    )
    if (ROOT / ".env").exists():
        # settings.py fills unset variables from .env; a developer's DEBUG=on must not leak in.
        env["DEBUG"] = "off"
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_production_env(tmp_path):
    env = production_env(tmp_path)
    assert len(env["SECRET_KEY"]) >= 50
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output and "ERROR" not in output, output
    assert "System check identified no issues" in output, output


def test_production_without_secret_key_refuses_to_start(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    if (ROOT / ".env").exists() and "SECRET_KEY" in (ROOT / ".env").read_text(encoding="utf-8"):
        pytest.skip(".env in the checkout sets SECRET_KEY")
    result = manage(env, "check")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


# ---- (d) Dockerfile ----------------------------------------------------------------------------


def test_dockerfile_base_image_is_python_311_slim():
    froms = [args for kw, args in dockerfile_instructions() if kw == "FROM"]
    assert froms and froms[0].split()[0] == "python:3.11-slim"


def test_dockerfile_installs_with_the_constraints_file():
    runs = [args for kw, args in dockerfile_instructions() if kw == "RUN"]
    assert any(
        re.search(r"pip install (.* )?(-c|--constraint) constraints\.txt( .*)? \.", r) for r in runs
    ), runs
    copied = " ".join(args for kw, args in dockerfile_instructions() if kw == "COPY")
    assert "constraints.txt" in copied and "pyproject.toml" in copied


def test_dockerfile_never_installs_a_playwright_browser():
    for keyword, args in dockerfile_instructions():
        words = " ".join(args.lower().split())
        assert "playwright install" not in words, f"{keyword} {args}"
        assert "chromium" not in words, f"{keyword} {args}"


def test_dockerfile_names_no_package_registry():
    for path in (DOCKERFILE, COMPOSE):
        text = path.read_text(encoding="utf-8").lower()
        assert "index-url" not in text and "find-links" not in text, path.name
        assert "pypi" not in text and "trusted-host" not in text, path.name


def test_dockerfile_weasyprint_libraries():
    runs = " ".join(args for kw, args in dockerfile_instructions() if kw == "RUN")
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "fonts-dejavu-core"):
        assert package in runs


def test_dockerfile_collects_static_files_at_build_time_with_debug_unset():
    runs = [args for kw, args in dockerfile_instructions() if kw == "RUN"]
    collect = [r for r in runs if "collectstatic" in r]
    assert collect and "--noinput" in collect[0] and "SECRET_KEY=" in collect[0]
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert not re.search(r"^\s*(ENV|ARG)\b.*\b(DEBUG|SECRET_KEY)\b", text, re.M)


def test_dockerfile_runs_as_a_non_root_user_and_starts_gunicorn():
    instructions = dockerfile_instructions()
    users = [args for kw, args in instructions if kw == "USER"]
    assert users and users[-1] not in {"root", "0", "0:0"}
    cmd = [args for kw, args in instructions if kw == "CMD"][-1]
    assert "gunicorn" in cmd and "bistand.wsgi:application" in cmd and "0.0.0.0:8000" in cmd
    # The last USER comes after the last RUN: nothing runs as root at start-up.
    kinds = [kw for kw, _ in instructions]
    assert len(kinds) - 1 - kinds[::-1].index("USER") > len(kinds) - 1 - kinds[::-1].index("RUN")


def test_dockerfile_copies_every_app_and_no_local_state():
    copied = " ".join(args for kw, args in dockerfile_instructions() if kw in {"COPY", "ADD"})
    apps = sorted(p.parent.name for p in ROOT.glob("*/apps.py"))
    assert apps, "no Django apps found"
    for name in [*apps, "templates", "static", "manage.py"]:
        assert re.search(rf"(^|\s){re.escape(name)}(\s|/|$)", copied), f"{name} is not copied"
    sources = [args.split()[:-1] for kw, args in dockerfile_instructions() if kw == "COPY"]
    assert not any(src in {".", "./"} for srcs in sources for src in srcs), (
        "COPY . would put .env, .venv and var/ into the image"
    )
