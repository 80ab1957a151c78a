#!/usr/bin/env bash
# The main job (README): set up, load the Changzhou demo into var/demo (embedded SQLite), and
# serve the web application on http://127.0.0.1:8000/ (Ctrl-C stops it). Re-runs keep the data.
# Extra args go to `ecoplan serve` (e.g. --port 8001).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/ecoplan demo --data-dir var/demo
echo "ecoplan: log in at the address below with one of the demo accounts above" >&2
exec .venv/bin/ecoplan serve --data-dir var/demo --host 127.0.0.1 --port 8000 "$@"
