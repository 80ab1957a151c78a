#!/usr/bin/env bash
# Debian packages the test suite needs: chromium (browser tests), PostgreSQL (the second database),
# CJK fonts (charts in documents, screenshots and PDFs of Chinese pages; AR PL UKai stands in for
# 楷体 in official documents), LibreOffice Writer and poppler-utils (a .docx rendered to PDF and
# PNG in a test), a Java 17 runtime (the Spark engine, `ecoplan indicators --engine spark`, and its
# parity test), nginx (the reverse-proxy example of docs/deployment.md, run in front of two
# servers in a test). Installs what is missing; needs root.
set -euo pipefail
# shellcheck source=scripts/debian-packages.sh
source "$(dirname "$0")/debian-packages.sh"
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
mapfile -t fonts < <(missing_document_fonts)
need+=("${fonts[@]}")
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || need+=(nginx-core)
java_version=$(java -version 2>&1 || true)
[[ $java_version =~ version\ \"(1[7-9]|2[0-9]) ]] || need+=(openjdk-17-jre-headless)
apt_install "${need[@]}"
