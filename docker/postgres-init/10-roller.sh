#!/bin/sh
# Runs once, when the postgres container initialises an empty data directory
# (docs/drift.md: Databasroller). POSTGRES_USER stays the superuser, for the operator only.
# - bistand_agare owns the database and its tables: migrate and flush connect as it.
# - bistand_app owns nothing: the web, worker and beat processes connect as it, so they can
#   neither TRUNCATE nor switch off the append-only triggers. `migrate` grants it its rights.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE bistand_agare LOGIN PASSWORD '${POSTGRES_AGARE_PASSWORD}';
CREATE ROLE bistand_app LOGIN PASSWORD '${POSTGRES_APP_PASSWORD}';
ALTER DATABASE "${POSTGRES_DB}" OWNER TO bistand_agare;
ALTER SCHEMA public OWNER TO bistand_agare;
REVOKE ALL ON DATABASE "${POSTGRES_DB}" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE "${POSTGRES_DB}" TO bistand_agare, bistand_app;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO bistand_app;
SQL
