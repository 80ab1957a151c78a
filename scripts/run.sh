#!/usr/bin/env bash
# The main job (README): set up, then show the Changzhou 2023 plan as ecoplan reads it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/ecoplan plan parse src/ecoplan/demo/data/changzhou_2023_plan.txt --format table "$@"
