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
export BENCH_SKANNING_EXTRA=${BENCH_SKANNING_EXTRA:-0}
BENCH_PORT=${BENCH_PORT:-8018}
GOLV_PORT=${GOLV_PORT:-8019}
export DEBUG=0 BENCHMARK=1
export SECRET_KEY=${SECRET_KEY:-bench-$(date +%s)-not-for-production}
export ALLOWED_HOSTS=127.0.0.1,localhost
export LOG_LEVEL=WARNING
# The provberäkning API's rate limit is raised for the run (one client on loopback); e-mail
# from the deadline scan stays in memory.
export PROVBERAKNING_RATE_LIMIT=100000000/60
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
# Production settings use the hashed static manifest: collect into a throw-away directory.
export STATIC_ROOT=${STATIC_ROOT:-$(mktemp -d)}
$PY manage.py collectstatic --noinput -v0

BENCH_KVALITET_USER=${BENCH_KVALITET_USER:-kvalitet1}
BENCH_FORSTE_USER=${BENCH_FORSTE_USER:-forste1}
BENCH_EKONOMI_USER=${BENCH_EKONOMI_USER:-ekonomi1}
NYCKEL=$($PY manage.py benchsession "$BENCH_USER" | tail -n 1)
KVALITET_NYCKEL=$($PY manage.py benchsession "$BENCH_KVALITET_USER" | tail -n 1)
FORSTE_NYCKEL=$($PY manage.py benchsession "$BENCH_FORSTE_USER" | tail -n 1)
EKONOMI_NYCKEL=$($PY manage.py benchsession "$BENCH_EKONOMI_USER" | tail -n 1)
# Ids for the detail pages: the user's first Akt with an ansökan under utredning (with its
# förslag, for the beslut page), and a person row.
ID=$($PY manage.py shell -c "
from ansokan.models import Ansokan
egna = Ansokan.objects.filter(akt__handlaggare__username='$BENCH_USER').order_by('pk')
a = egna.filter(status='under_utredning', utredning__forslag__isnull=False).first() or egna.filter(status='under_utredning').first() or egna.first()
print(a.akt_id, a.pk, a.sokande_id)" | tail -n 1)
AKT=$(echo "$ID" | cut -d' ' -f1)
ANSOKAN=$(echo "$ID" | cut -d' ' -f2)
PERSON=$(echo "$ID" | cut -d' ' -f3)
# Mina sidor: an e-tjänst session of that Akt's applicant.
ETJANST_NYCKEL=$($PY manage.py benchsession --person "$PERSON" | tail -n 1)
# The provberäkning API's body: two adults and two children, rent and an income.
BERAKNING=$(mktemp)
printf '%s' '{"manad": "'"$(date +%Y-%m)"'", "personer": [{"roll": "sokande", "fodelsedatum": "1985-04-02"}, {"roll": "medsokande", "fodelsedatum": "1987-09-11"}, {"roll": "barn", "fodelsedatum": "2016-01-20"}, {"roll": "barn", "fodelsedatum": "2021-06-05"}], "kostnader": {"boende": 8900, "hushallsel": 450}, "inkomster": [{"person": 0, "typ": "a_kassa", "belopp": 6200}]}' > "$BERAKNING"

$GUNICORN bistand.wsgi -w 2 -b 127.0.0.1:$BENCH_PORT --log-level warning &
PROJEKT_PID=$!
DJANGO_SETTINGS_MODULE=bench.settings $GUNICORN bench.wsgi -w 2 -b 127.0.0.1:$GOLV_PORT --log-level warning &
GOLV_PID=$!
trap 'kill $PROJEKT_PID $GOLV_PID 2>/dev/null || true; rm -f "$BERAKNING"' EXIT INT TERM
sleep 3

echo "Belastning: $(uptime)"
B=http://127.0.0.1:$BENCH_PORT
$PY bench/last.py --sekunder "$BENCH_SECONDS" --samtidiga 10 \
    --golv "http://127.0.0.1:$GOLV_PORT/golv/$PERSON/" \
    --cookie "sessionid=$NYCKEL" \
    "baslayout=$B/konto/losenord/" \
    "start=$B/" \
    "arbetslista=$B/arbetslista/" \
    "arbetslista (förste)=$B/arbetslista/|sessionid=$FORSTE_NYCKEL" \
    "akt=$B/akter/$AKT/" \
    "journal=$B/akter/$AKT/journal/" \
    "utredning=$B/ansokningar/$ANSOKAN/utredning/" \
    "beslut=$B/ansokningar/$ANSOKAN/beslut/" \
    "mina sidor=$B/e-tjanst/|sessionid=$ETJANST_NYCKEL" \
    "provberäkning (API)=$B/api/provberakning|sessionid=-|@$BERAKNING" \
    "kvalitet=$B/kvalitet/oversikt/|sessionid=$KVALITET_NYCKEL" \
    "synpunkter=$B/synpunkter/|sessionid=$KVALITET_NYCKEL" \
    "utbetalningar=$B/utbetalning/|sessionid=$EKONOMI_NYCKEL" \
    "akt utbetalning=$B/akter/$AKT/utbetalning/"
echo "Belastning efter: $(uptime)"
# Timings in one process: the deadline scan, letters per second, the kvalitetsrapport, the
# payment run.
kill $PROJEKT_PID $GOLV_PID 2>/dev/null || true
# BENCH_MATT=0 leaves them out: for alternating runs of two versions, pages only.
if [ "${BENCH_MATT:-1}" != 0 ]; then
    $PY manage.py shell -c "from bench.matt import main; main()"
    echo "Belastning efter mätningarna: $(uptime)"
fi
