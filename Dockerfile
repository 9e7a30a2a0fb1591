# Bistånd – produktionsavbild (production image) for web (gunicorn), Celery worker and beat.
# docker-compose.yml runs the same image with different commands.
#
#   docker build -t bistand .
#
# Only runtime dependencies are installed, pinned by constraints.txt. No browser is installed:
# Playwright is a test dependency and never runs `playwright install` (DESIGN.md §7).

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    FILE_STORAGE_DIR=/data/filer

# Debian libraries WeasyPrint needs for PDF letters (Pango, HarfBuzz subsetting) and a font.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, so code changes do not reinstall them. pyproject.toml declares
# `packages = []`: `pip install .` installs the pinned dependencies and no code.
COPY pyproject.toml constraints.txt README.md ./
RUN pip install -c constraints.txt . \
    && rm -rf build ./*.egg-info

# The project source. Listed explicitly so a local .env, .venv, var/ or .git never enters the
# image. A new top-level app must be added here (tests/test_deploy.py checks it).
COPY manage.py ./
COPY bistand ./bistand
COPY ansokan ./ansokan
COPY utredning ./utredning
COPY barnkonsekvens ./barnkonsekvens
COPY beslut ./beslut
COPY utbetalning ./utbetalning
COPY synpunkter ./synpunkter
COPY kvalitet ./kvalitet
COPY templates ./templates
COPY static ./static

# Static files are collected at build time into var/static (STATIC_ROOT) and served by
# whitenoise. DEBUG stays unset, so the manifest storage is used; the SECRET_KEY here exists
# only for this one command and is not kept in the image.
RUN SECRET_KEY=collectstatic-at-build-time-only python manage.py collectstatic --noinput

# Non-root user. The code stays owned by root (read-only for the app); only var/ (beat
# schedule) and the case-document storage are writable. A named volume mounted at
# /data/filer takes this ownership on first use.
RUN groupadd --system --gid 10001 bistand \
    && useradd --system --uid 10001 --gid bistand --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin bistand \
    && mkdir -p /app/var "$FILE_STORAGE_DIR" \
    && chown bistand:bistand /app/var "$FILE_STORAGE_DIR"

USER bistand

EXPOSE 8000

CMD ["gunicorn", "bistand.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
