#!/bin/sh
# `make bench`: the project under gunicorn (production settings, 2 workers) and the floor
# (bench/settings.py, 2 workers) on loopback, loaded by bench/last.py (docs/prestanda.md).
# Needs DATABASE_URL pointing at a PostgreSQL database filled by `manage.py seed_scale`.
set -eu
: "${DATABASE_URL:?Sätt DATABASE_URL till en PostgreSQL-databas med storstadsdata}"
PY=${PY:-.venv/bin/python}
GUNICORN=${GUNICORN:-.venv/bin/gunicorn}
BENCH_USER=${BENCH_USER:-handlaggare1}
BENCH_SECONDS=${BENCH_SECONDS:-20}
BENCH_PORT=${BENCH_PORT:-8018}
GOLV_PORT=${GOLV_PORT:-8019}
export DEBUG=0 BENCHMARK=1
export SECRET_KEY=${SECRET_KEY:-bench-$(date +%s)-not-for-production}
export ALLOWED_HOSTS=127.0.0.1,localhost
export LOG_LEVEL=WARNING
# Production settings use the hashed static manifest: collect into a throw-away directory.
export STATIC_ROOT=${STATIC_ROOT:-$(mktemp -d)}
$PY manage.py collectstatic --noinput -v0

BENCH_KVALITET_USER=${BENCH_KVALITET_USER:-kvalitet1}
NYCKEL=$($PY manage.py benchsession "$BENCH_USER" | tail -n 1)
KVALITET_NYCKEL=$($PY manage.py benchsession "$BENCH_KVALITET_USER" | tail -n 1)
# Ids for the detail pages: the user's first Akt with an open ansökan, and a person row.
ID=$($PY manage.py shell -c "
from ansokan.models import Ansokan
a = Ansokan.objects.filter(akt__handlaggare__username='$BENCH_USER', status='under_utredning').order_by('pk').first() or Ansokan.objects.filter(akt__handlaggare__username='$BENCH_USER').order_by('pk').first()
print(a.akt_id, a.pk, a.sokande_id)" | tail -n 1)
AKT=$(echo "$ID" | cut -d' ' -f1)
ANSOKAN=$(echo "$ID" | cut -d' ' -f2)
PERSON=$(echo "$ID" | cut -d' ' -f3)

$GUNICORN bistand.wsgi -w 2 -b 127.0.0.1:$BENCH_PORT --log-level warning &
PROJEKT_PID=$!
DJANGO_SETTINGS_MODULE=bench.settings $GUNICORN bench.wsgi -w 2 -b 127.0.0.1:$GOLV_PORT --log-level warning &
GOLV_PID=$!
trap 'kill $PROJEKT_PID $GOLV_PID 2>/dev/null' EXIT INT TERM
sleep 3

echo "Belastning: $(uptime)"
B=http://127.0.0.1:$BENCH_PORT
$PY bench/last.py --sekunder "$BENCH_SECONDS" --samtidiga 10 \
    --golv "http://127.0.0.1:$GOLV_PORT/golv/$PERSON/" \
    --cookie "sessionid=$NYCKEL" \
    "start=$B/" \
    "arbetslista=$B/arbetslista/" \
    "akt=$B/akter/$AKT/" \
    "journal=$B/akter/$AKT/journal/" \
    "utredning=$B/ansokningar/$ANSOKAN/utredning/" \
    "kvalitet=$B/kvalitet/oversikt/|sessionid=$KVALITET_NYCKEL"
echo "Belastning efter: $(uptime)"
