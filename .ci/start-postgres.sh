#!/usr/bin/env bash
# Start a local PostgreSQL for the store tests and print the line that points the tests at it.
# Idempotent: installs Debian's postgresql only if missing, starts the cluster only if it is down, and
# creates the role and database only if they do not exist. Needs root (apt-get, pg_ctlcluster).
#
# Usage:  eval "$(.ci/start-postgres.sh)"     # exports ESG_WORKBENCH_TEST_PG_URL
# Settings (environment): PG_ROLE (esg), PG_PASSWORD (esg), PG_DATABASE (esg_test), PG_PORT (5432).
set -euo pipefail

PG_ROLE="${PG_ROLE:-esg}"
PG_PASSWORD="${PG_PASSWORD:-esg}"
PG_DATABASE="${PG_DATABASE:-esg_test}"
PG_PORT="${PG_PORT:-5432}"

log() { echo "start-postgres: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    log "installing postgresql with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
fi

# The newest installed major version, and its first cluster (Debian creates "main" on install).
version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
cluster="$(pg_lsclusters --no-header | awk -v v="$version" '$1 == v {print $2; exit}')"
if [ -z "$cluster" ]; then
    log "creating cluster $version/main on port $PG_PORT"
    pg_createcluster --port "$PG_PORT" "$version" main >&2
    cluster=main
fi
port="$(pg_lsclusters --no-header | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c {print $3}')"
status="$(pg_lsclusters --no-header | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c {print $4}')"
if [ "$status" != "online" ]; then
    log "starting cluster $version/$cluster"
    pg_ctlcluster "$version" "$cluster" start >&2
fi

psql_admin() { su postgres -c "psql --port $port --quiet --no-psqlrc --tuples-only --no-align --set ON_ERROR_STOP=1 $*"; }

# Wait until the server accepts connections (a fresh start can take a moment).
for _ in $(seq 1 30); do
    if psql_admin "-c 'SELECT 1'" >/dev/null 2>&1; then break; fi
    sleep 1
done
psql_admin "-c 'SELECT 1'" >/dev/null

if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'\"")" != "1" ]; then
    log "creating role $PG_ROLE"
    # SUPERUSER so each test can create and drop its own schema without further grants.
    psql_admin "-c \"CREATE ROLE $PG_ROLE LOGIN SUPERUSER PASSWORD '$PG_PASSWORD'\"" >/dev/null
fi
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'\"")" != "1" ]; then
    log "creating database $PG_DATABASE"
    su postgres -c "createdb --port $port -O $PG_ROLE $PG_DATABASE"
fi

echo "export ESG_WORKBENCH_TEST_PG_URL=postgresql+psycopg://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$port/$PG_DATABASE"
