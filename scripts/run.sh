#!/usr/bin/env bash
# The main job (README): set up, load the Changzhou demo into var/demo (embedded SQLite), and
# serve the web application on http://127.0.0.1:8000/ (Ctrl-C stops it). Re-runs keep the data.
# Extra args go to `ecoplan serve` (e.g. --port 8001).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/debian-packages.sh
source scripts/debian-packages.sh
# The documents' charts need a CJK font (the circulars' .docx and print views). Installed when
# run as root; otherwise say what is missing and go on: the documents are still made, their
# charts without Chinese labels (and the document says so).
mapfile -t fonts < <(missing_document_fonts)
if [ ${#fonts[@]} -gt 0 ] && ! apt_install "${fonts[@]}"; then
  echo "ecoplan: without them the documents' charts carry no Chinese labels; install them and restart" >&2
fi
bash scripts/bootstrap.sh
.venv/bin/ecoplan demo --data-dir var/demo
echo "ecoplan: log in at the address below with one of the demo accounts above" >&2
exec .venv/bin/ecoplan serve --data-dir var/demo --host 127.0.0.1 --port 8000 "$@"
