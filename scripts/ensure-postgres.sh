#!/usr/bin/env bash
# Make sure the local PostgreSQL answers and the test database exists (the store tests run against it for
# real). Uses LOTSE_TEST_POSTGRES_URL's defaults: postgres@127.0.0.1:5432, database lotse_test.
set -u
host=127.0.0.1; port=5432; db=lotse_test
if ! command -v pg_isready >/dev/null 2>&1; then
  echo "ensure-postgres: pg_isready not found; PostgreSQL tests will report it" >&2; exit 0
fi
if ! pg_isready -h "$host" -p "$port" -q; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && ls /etc/postgresql >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    for _ in $(seq 1 20); do pg_isready -h "$host" -p "$port" -q && break; sleep 0.5; done
  fi
fi
if pg_isready -h "$host" -p "$port" -q; then
  psql -h "$host" -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 \
    || psql -h "$host" -p "$port" -U postgres -c "CREATE DATABASE $db" >/dev/null
  echo "ensure-postgres: $host:$port/$db ready"
else
  echo "ensure-postgres: PostgreSQL is not reachable on $host:$port" >&2
fi
