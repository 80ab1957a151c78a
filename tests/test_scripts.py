"""scripts/debian-packages.sh (shared by run.sh and system-deps.sh): which font packages the
documents lack, and installing them only as root (issue 11 item 9)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RUN_SH_FONTS = """
set -euo pipefail
source scripts/debian-packages.sh
mapfile -t fonts < <(missing_document_fonts)
echo "missing: ${fonts[*]}"
if [ ${#fonts[@]} -gt 0 ] && ! apt_install "${fonts[@]}"; then echo "goes on"; fi
"""


def _bash(script: str, path: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", script], cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, "PATH": path}, check=False)


def _fake(folder: Path, name: str, body: str) -> None:
    (folder / name).write_text(f"#!/bin/sh\n{body}\n")
    (folder / name).chmod(0o755)


def test_without_fonts_and_not_root_run_sh_says_what_is_missing_and_goes_on(tmp_path):
    _fake(tmp_path, "dpkg-query", "exit 1")
    _fake(tmp_path, "fc-list", "exit 0")
    _fake(tmp_path, "id", "echo 1000")
    _fake(tmp_path, "apt-get", "echo apt-get was run; exit 1")
    done = _bash(RUN_SH_FONTS, f"{tmp_path}:{os.environ['PATH']}")
    assert done.returncode == 0, done.stderr
    assert "missing: fonts-noto-cjk fonts-arphic-ukai" in done.stdout and "goes on" in done.stdout
    assert "sudo apt-get install fonts-noto-cjk fonts-arphic-ukai" in done.stderr
    assert "apt-get was run" not in done.stdout


def test_as_root_the_missing_fonts_are_installed(tmp_path):
    _fake(tmp_path, "dpkg-query", "exit 1")
    _fake(tmp_path, "fc-list", "echo '/usr/share/fonts/x/ukai.ttc: AR PL UKai CN'")
    _fake(tmp_path, "id", "echo 0")
    _fake(tmp_path, "apt-get", f'echo "$*" >> {tmp_path / "apt.log"}')
    done = _bash(RUN_SH_FONTS, f"{tmp_path}:{os.environ['PATH']}")
    assert done.returncode == 0, done.stderr
    assert "missing: fonts-noto-cjk\n" in done.stdout and "goes on" not in done.stdout
    assert (tmp_path / "apt.log").read_text().splitlines() == [
        "update -qq", "install -y -qq --no-install-recommends fonts-noto-cjk"]
