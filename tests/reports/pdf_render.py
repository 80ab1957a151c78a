"""Render a .docx to PDF with LibreOffice and read the pages back (shared by the PDF tests).

The office fonts (方正小标宋简体, 仿宋_GB2312, …) are not on a Linux machine; a fontconfig file made
here maps them to Noto CJK and AR PL UKai so the render is stable. PNGs of the pages go to
``test-artifacts/documents/`` for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from ecoplan.reports import official_layout as L

MM_PER_PT = 25.4 / 72
BODY_BOTTOM_MM = L.MARGIN_TOP_MM + L.TEXT_HEIGHT_MM
STAND_INS = {L.FANGSONG: "Noto Serif CJK SC", L.SONGTI: "Noto Serif CJK SC", L.HEITI: "Noto Sans CJK SC",
             L.KAITI: "AR PL UKai CN"}
RED = (1.0, 0.0, 0.0)


def fontconfig(path: Path) -> Path:
    """A fontconfig file: the system's, plus each office face (and its other names) → an installed one."""
    rules = []
    for face, names in L.FONT_FALLBACKS.items():
        for name in names:
            if face == L.XIAOBIAOSONG:  # a heavy Song face: Noto Serif CJK in bold
                rules.append(f'<match target="pattern"><test name="family"><string>{name}</string></test>'
                             '<edit name="family" mode="assign" binding="strong"><string>Noto Serif CJK SC</string></edit>'
                             '<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit></match>')
            else:
                rules.append(f'<alias binding="same"><family>{name}</family><prefer><family>{STAND_INS[face]}</family></prefer></alias>')
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                    '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n' + "\n".join(rules) + "\n</fontconfig>\n",
                    encoding="utf-8")
    return path


def require(tool: str) -> None:
    """Skip when ``tool`` is missing on a developer's machine; fail under CI, which installs it."""
    if shutil.which(tool) is None:
        message = f"{tool} not installed (scripts/system-deps.sh installs it)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)


def render_pdf(source: Path, work: Path, artifacts: Path, name: str) -> Path:
    """``source`` (.docx) → PDF in ``work``; the PDF and one PNG per page go to ``artifacts`` as ``name``."""
    require("soffice")
    require("pdftoppm")
    env = {"PATH": "/usr/bin:/bin", "FONTCONFIG_FILE": str(fontconfig(work / "fonts.conf")), "HOME": str(work)}
    subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(work), str(source)], check=True, env=env, capture_output=True, timeout=180)
    pdf = work / (source.stem + ".pdf")
    artifacts.mkdir(parents=True, exist_ok=True)
    for old in artifacts.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(artifacts / name)], check=True, timeout=60)
    shutil.copy(pdf, artifacts / f"{name}.pdf")
    return pdf


def read_pages(pdf: Path) -> list[dict]:
    """Per page: text lines (pdfplumber), rules (lines and rects), images, chars, size [pt]."""
    with pdfplumber.open(pdf) as doc:
        return [{"lines": p.extract_text_lines(), "rules": p.lines + p.rects, "images": p.images,
                 "chars": p.chars, "size": (p.width, p.height)} for p in doc.pages]


def mm(value: float) -> float:
    return value * MM_PER_PT


def red_rules(page: dict) -> list[dict]:
    return [r for r in page["rules"] if tuple(r.get("stroking_color") or ()) == RED
            or tuple(r.get("non_stroking_color") or ()) == RED]


def check_page_numbers(pages: list[dict]) -> None:
    """7.5: “— n —” in 4号, 7 mm below the 版心, one 字 in from the right (odd) or left (even) edge."""
    for number, page in enumerate(pages, start=1):
        assert tuple(round(mm(v)) for v in page["size"]) == (210, 297)
        footer = page["lines"][-1]
        assert footer["text"].replace(" ", "") == f"—{number}—"
        if number % 2:
            assert mm(footer["x1"]) == pytest.approx(L.MARGIN_LEFT_MM + L.TEXT_WIDTH_MM - 14 * MM_PER_PT, abs=0.5)
        else:
            assert mm(footer["x0"]) == pytest.approx(L.MARGIN_LEFT_MM + 14 * MM_PER_PT, abs=0.5)
        assert (mm(footer["top"]) + mm(footer["bottom"])) / 2 == pytest.approx(BODY_BOTTOM_MM + 7, abs=1)


HANGING = set("、，。；：！？）」』》〉】”’")
"""Punctuation that may not start a line: Word (标点溢出边界, on by default for Chinese) and
LibreOffice let one such mark hang into the right margin rather than break before it."""


def _right_edge(line: dict) -> float:
    """The line's right edge without one hanging mark at its end."""
    chars = line["chars"]
    if len(chars) > 1 and chars[-1]["text"] in HANGING:
        return chars[-2]["x1"]
    return line["x1"]


def check_inside_text_block(pages: list[dict]) -> None:
    """Every text line but the page number sits inside the 版心 (nothing overflows the margins,
    but for one hanging punctuation mark)."""
    for page in pages:
        for line in page["lines"][:-1]:
            assert mm(line["x0"]) >= L.MARGIN_LEFT_MM - 0.5, line["text"]
            assert mm(_right_edge(line)) <= L.MARGIN_LEFT_MM + L.TEXT_WIDTH_MM + 0.5, line["text"]
            assert L.MARGIN_TOP_MM - 0.5 <= mm(line["top"]) and mm(line["bottom"]) <= BODY_BOTTOM_MM + 0.5, line["text"]


def check_fonts(pages: list[dict]) -> None:
    """Every character is set in a stand-in of an office face (no fallback to a Western font)."""
    fonts = {c["fontname"].split("+")[-1] for page in pages for c in page["chars"]}
    assert fonts and all(f.startswith(("NotoSerifCJK", "NotoSansCJK", "UKai")) for f in fonts), fonts
