#!/usr/bin/env bash
# Debian packages the test suite needs: chromium (browser tests), PostgreSQL (the second database),
# CJK fonts (screenshots and PDFs of Chinese pages; AR PL UKai stands in for 楷体 in official
# documents), LibreOffice Writer and poppler-utils (a .docx rendered to PDF and PNG in a test),
# nginx (the reverse-proxy example of docs/deployment.md, run in front of two servers in a test).
# Installs what is missing; needs root.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
fc-list 2>/dev/null | grep -i "noto sans cjk" >/dev/null || need+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -i "ukai" >/dev/null || need+=(fonts-arphic-ukai)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || need+=(nginx-core)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "ecoplan: missing system packages: ${need[*]} (run as root or: sudo apt-get install ${need[*]})" >&2
    exit 1
  fi
  echo "ecoplan: installing ${need[*]} from Debian ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
