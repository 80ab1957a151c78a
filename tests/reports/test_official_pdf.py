"""The sample circular rendered by LibreOffice: pages, text and measured geometry of the PDF.

The office fonts (方正小标宋简体, 仿宋_GB2312, …) are not on a Linux machine; a fontconfig file made
here maps them to Noto CJK and AR PL UKai so the render is stable. PNGs of the pages go to
``test-artifacts/documents/`` for a person to look at.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from ecoplan.reports import official_layout as L

from sample_documents import ISSUER

pytestmark = pytest.mark.slow

MM_PER_PT = 25.4 / 72
BODY_BOTTOM_MM = L.MARGIN_TOP_MM + L.TEXT_HEIGHT_MM
STAND_INS = {L.FANGSONG: "Noto Serif CJK SC", L.SONGTI: "Noto Serif CJK SC", L.HEITI: "Noto Sans CJK SC",
             L.KAITI: "AR PL UKai CN"}


def _fontconfig(path: Path) -> Path:
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


def _require(tool: str) -> None:
    if shutil.which(tool) is None:
        message = f"{tool} not installed (scripts/system-deps.sh installs it)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)


@pytest.fixture(scope="module")
def pdf_path(sample_docx, tmp_path_factory, repo_root):
    _require("soffice")
    _require("pdftoppm")
    work = tmp_path_factory.mktemp("pdf")
    env = {**os.environ, "FONTCONFIG_FILE": str(_fontconfig(work / "fonts.conf")), "HOME": str(work)}
    subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(work), str(sample_docx)], check=True, env=env, capture_output=True, timeout=120)
    pdf = work / (sample_docx.stem + ".pdf")
    out = repo_root / "test-artifacts" / "documents"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("circular-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(out / "circular")], check=True, timeout=60)
    shutil.copy(pdf, out / "circular.pdf")
    return pdf


@pytest.fixture(scope="module")
def pages(pdf_path):
    with pdfplumber.open(pdf_path) as pdf:
        yield [{"lines": p.extract_text_lines(), "rules": p.lines + p.rects, "size": (p.width, p.height)} for p in pdf.pages]


def _mm(value: float) -> float:
    return value * MM_PER_PT


def test_pages_text_and_page_numbers(pages, repo_root):
    assert len(pages) == 4
    assert len(list((repo_root / "test-artifacts" / "documents").glob("circular-*.png"))) == 4
    for number, page in enumerate(pages, start=1):
        assert tuple(round(_mm(v)) for v in page["size"]) == (210, 297)
        footer = page["lines"][-1]
        assert footer["text"].replace(" ", "") == f"—{number}—"
        # 7.5: one 4号 字 in from the 版心's right edge on odd pages, left edge on even pages.
        if number % 2:
            assert _mm(footer["x1"]) == pytest.approx(L.MARGIN_LEFT_MM + L.TEXT_WIDTH_MM - 14 * MM_PER_PT, abs=0.5)
        else:
            assert _mm(footer["x0"]) == pytest.approx(L.MARGIN_LEFT_MM + 14 * MM_PER_PT, abs=0.5)
        # 一字线 7 mm below the 版心 (measured at mid-height of the characters).
        assert (_mm(footer["top"]) + _mm(footer["bottom"])) / 2 == pytest.approx(BODY_BOTTOM_MM + 7, abs=1)
    text = "".join(line["text"] for page in pages for line in page["lines"]).replace(" ", "")
    for expected in (ISSUER, "常生态办〔2023〕5号", "重点工作推进情况的通报", "天宁区", "96.5", "附件：1.2023年第二季度",
                     "2023年7月10日印发", "抄送：市委办公室"):
        assert expected in text


def test_head_geometry(pages):
    first = pages[0]
    issuer = first["lines"][0]
    assert issuer["text"] == ISSUER
    # 7.2.4: top of the 发文机关标志 35 mm below the top of the 版心; within the 版心's width.
    assert _mm(issuer["top"]) == pytest.approx(L.MARGIN_TOP_MM + 35, abs=1.5)
    assert L.MARGIN_LEFT_MM <= _mm(issuer["x0"]) and _mm(issuer["x1"]) <= L.MARGIN_LEFT_MM + L.TEXT_WIDTH_MM
    number = first["lines"][1]
    red = [r for r in first["rules"] if tuple(r.get("stroking_color") or ()) == (1.0, 0.0, 0.0)
           or tuple(r.get("non_stroking_color") or ()) == (1.0, 0.0, 0.0)]
    assert red
    rule = red[0]
    # 7.2.7: red, as wide as the 版心, 4 mm under the 发文字号.
    assert (_mm(rule["x0"]), _mm(rule["x1"])) == (pytest.approx(28, abs=0.3), pytest.approx(184, abs=0.3))
    assert _mm(rule["top"]) - _mm(number["bottom"]) == pytest.approx(4, abs=1)


def test_body_grid_28_characters_and_28_95_pt_lines(pages):
    lines = pages[0]["lines"]
    body = [l for l in lines if l["text"].startswith(("署要求坚持", "土保卫战全市"))]
    assert len(body) == 2
    for line in body:
        assert len(line["text"]) == 28
        assert _mm(line["x0"]) == pytest.approx(L.MARGIN_LEFT_MM, abs=0.3)
        assert _mm(line["x1"]) == pytest.approx(L.MARGIN_LEFT_MM + L.TEXT_WIDTH_MM, abs=1)
    assert body[1]["top"] - body[0]["top"] == pytest.approx(L.LINE_PITCH_PT, abs=0.2)
    first_body = next(l for l in lines if l["text"].startswith("今年以来"))
    assert _mm(first_body["x0"]) - L.MARGIN_LEFT_MM == pytest.approx(2 * L.CHAR_PT * MM_PER_PT, abs=0.3)


def test_imprint_at_the_foot_of_the_last_page(pages):
    last = pages[-1]
    rules = sorted(last["rules"], key=lambda r: r["top"])
    assert len(rules) == 3
    # 7.4.1: the last rule on the 版心's lower edge; all as wide as the 版心.
    assert _mm(rules[-1]["top"]) == pytest.approx(BODY_BOTTOM_MM, abs=1)
    for rule in rules:
        assert _mm(rule["x1"] - rule["x0"]) == pytest.approx(L.TEXT_WIDTH_MM, abs=1.5)
    printed = next(l for l in last["lines"] if l["text"].endswith("印发"))
    assert rules[-2]["top"] < printed["top"] < rules[-1]["top"]
