"""How long the plan readers take, against the obvious one-liner for each format.

Run: ``PYTHONPATH=src python bench/readers.py``. For the seed (40 KB) and a ~1 MB plan (the
seed's body repeated) in every format, prints read_document's time and its ratio to the
one-liner that gets raw text without furniture removal, metadata, tables or paragraph joining
(``bytes.decode``, BeautifulSoup ``get_text``, python-docx paragraphs, pdfplumber
``extract_text``). The ratio is the price of reading the document properly.
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO / "tests" / "plan" / "readers")]

from samples import TASK_TABLE, docx_bytes, html_page, pdf_bytes, xlsx_bytes  # noqa: E402

from ecoplan.plan.readers import read_document  # noqa: E402

SEED = REPO / "src" / "ecoplan" / "demo" / "data" / "changzhou_2023_plan.txt"


def best_of(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def one_liners():
    from bs4 import BeautifulSoup

    def txt(data):
        return data.decode("utf-8")

    def html(data):
        return BeautifulSoup(data, "lxml").get_text("\n")

    def docx_(data):
        import docx

        return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)

    def pdf(data):
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as doc:
            return "\n".join(page.extract_text() or "" for page in doc.pages)

    def xlsx(data):
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        return "\n".join("\t".join(str(c) for c in row if c is not None) for ws in wb for row in ws.iter_rows(values_only=True))

    return {"txt": txt, "html": html, "docx": docx_, "pdf": pdf, "xlsx": xlsx}


def samples(body: list[str], seed_text: str, copies: int) -> dict[str, bytes]:
    paragraphs = body[1:] * copies
    title = body.index("2023年常州市生态文明建设工作方案")
    return {
        "txt": ("\n".join(seed_text.split("\n")[:9]) + "\n" + "\n".join(body[:1] + paragraphs)).encode("utf-8"),
        "html": html_page(body[0], paragraphs).encode("utf-8"),
        "docx": docx_bytes(body[0], paragraphs, TASK_TABLE, table_after=3),
        "pdf": pdf_bytes(body[:1] + paragraphs, centred={0, title}, flush={1}),
        "xlsx": xlsx_bytes(TASK_TABLE[:1] + TASK_TABLE[1:] * (40 * copies), title="重点任务清单"),
    }


def main() -> None:
    seed_text = SEED.read_text(encoding="utf-8")
    lines = [line.strip() for line in seed_text.split("\n") if line.strip()]
    body = lines[lines.index("市政府关于印发《2023年常州市生态文明建设工作方案》的通知"):-1]
    plain = one_liners()
    print(f"{'format':<6} {'size':>10} {'read_document':>14} {'one-liner':>10} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for label, copies in (("seed", 1), ("~1 MB", 25)):
            for fmt, data in samples(body, seed_text, copies).items():
                if label != "seed" and fmt == "pdf":
                    copies_pdf = 8  # a 1 MB text PDF is several hundred pages; 8 copies keep the run short
                    data = samples(body, seed_text, copies_pdf)["pdf"]
                path = Path(tmp) / f"plan.{fmt}"
                path.write_bytes(data)
                ours = best_of(lambda: read_document(path), 3 if copies > 1 else 5)
                theirs = best_of(lambda: plain[fmt](data), 3 if copies > 1 else 5)
                print(f"{fmt:<6} {len(data):>10,} {ours * 1000:>11.1f} ms {theirs * 1000:>7.1f} ms {ours / theirs:>6.2f}  ({label})")


if __name__ == "__main__":
    main()
