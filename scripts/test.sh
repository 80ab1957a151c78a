#!/usr/bin/env bash
# The test command (README): set up everything, start a throwaway PostgreSQL on loopback,
# run the whole suite (SQLite and PostgreSQL), stop PostgreSQL. Extra args go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
bash scripts/bootstrap.sh
# shellcheck source=/dev/null
source scripts/pg-throwaway.sh
pg_start
trap pg_stop EXIT
export ECOPLAN_TEST_POSTGRES_URL="postgresql+psycopg://ecoplan@127.0.0.1:${PGPORT}/ecoplan_test"
.venv/bin/python -m pytest "$@"
