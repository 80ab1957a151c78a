"""Bar and line charts as PNG bytes, for embedding in documents (``official.Figure``).

Matplotlib's object API (``Figure`` + Agg canvas, no pyplot state) with a CJK face found through
its font manager: Debian's fonts-noto-cjk (installed by ``scripts/run.sh`` and
``scripts/system-deps.sh``) or a Chinese Windows/macOS face. Sizes are in millimetres so a chart
drops into the 156 mm 版心 at its natural size.

Matplotlib lists the system's fonts once and caches the list; a font installed later is unknown to
it. When no CJK face is listed, the system's font files are compared with the list and the new
ones added (and the cache rewritten): :func:`refresh_font_list`. When there is still none, the
charts are drawn without Chinese text (labels numbered in table order, a note in the picture), a
warning is logged, and :func:`caption` adds a note to the figure's caption: a document, never an
error.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path
from typing import Mapping, Sequence

import matplotlib
import numpy as np
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Zen Hei",
                "Microsoft YaHei", "SimHei", "PingFang SC", "Noto Serif CJK SC")
MM_PER_INCH = 25.4
BAR_COLOR, HIGHLIGHT_COLOR, TARGET_COLOR = "#4472C4", "#C00000", "#C00000"
LINE_COLORS = ("#4472C4", "#ED7D31", "#70AD47", "#7030A0", "#C00000", "#264478", "#9E480E")


FALLBACK_FAMILY = "sans-serif"
NO_FONT_NOTE = "（本机未安装中文字体，图中中文标注从略，以表中数据为准；安装 fonts-noto-cjk 后重新生成）"
NO_FONT_PICTURE_NOTE = "Chinese labels omitted: no CJK font installed (fonts-noto-cjk)"
CJK_TEXT = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_FOUND: dict[str, str] = {}
log = logging.getLogger(__name__)


def cjk_family() -> str | None:
    """The first installed family of :data:`CJK_FAMILIES`, after adding fonts installed since
    matplotlib cached its font list; None (and a warning logged) when there is none."""
    if "family" in _FOUND:
        return _FOUND["family"]
    family = _listed_cjk_family()
    if family is None and refresh_font_list():
        family = _listed_cjk_family()
    if family is None:
        log.warning("no Chinese font for charts: drawn without Chinese labels (install fonts-noto-cjk)")
        return None
    _FOUND["family"] = family
    return family


def _listed_cjk_family() -> str | None:
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FAMILIES if family in installed), None)


def system_fonts() -> list[str]:
    """The font files installed on this system (TrueType, OpenType and collections)."""
    return font_manager.findSystemFonts(fontext="ttf")


def font_cache_file() -> Path:
    return Path(matplotlib.get_cachedir()) / f"fontlist-v{font_manager.FontManager.__version__}.json"


def refresh_font_list() -> list[str]:
    """Add the system's font files matplotlib's (cached) list lacks, rewrite its cache; the files added."""
    manager = font_manager.fontManager
    known = {entry.fname for entry in manager.ttflist}
    added = []
    for path in system_fonts():
        if path in known:
            continue
        try:
            manager.addfont(path)
        except (OSError, RuntimeError, ValueError):  # a broken or unsupported file: not ours to fix
            continue
        added.append(path)
    if added:
        log.warning("matplotlib's font list was stale: %d font files added, cache %s rewritten",
                    len(added), font_cache_file())
        try:
            font_manager.json_dump(manager, font_cache_file())
        except OSError:  # a read-only cache directory: the list is still right in this process
            pass
    return added


def caption(text: str) -> str:
    """``text``, with a note when the charts had to be drawn without Chinese labels."""
    return text if cjk_family() else text + NO_FONT_NOTE


def _latin(text: str, fallback: str = "") -> str:
    """``text`` when it can be drawn without a CJK font, else ``fallback``."""
    return fallback if CJK_TEXT.search(text) else text


def _labels(labels: Sequence[str], family: str | None) -> list[str]:
    """Axis labels; without a CJK face, the 1-based position of each label written in Chinese
    (the table beside the chart lists them in the same order)."""
    return list(labels) if family else [_latin(label, str(i)) for i, label in enumerate(labels, start=1)]


def _figure(width_mm: float, height_mm: float, dpi: int, family: str | None) -> Figure:
    """A figure of whole pixels closest to the size asked (Agg truncates fractions); without a
    CJK face, a note at its foot."""
    pixels = [round(mm / MM_PER_INCH * dpi) for mm in (width_mm, height_mm)]
    fig = Figure(figsize=(pixels[0] / dpi, pixels[1] / dpi), dpi=dpi, layout="constrained")
    FigureCanvasAgg(fig)
    if family is None:
        fig.supxlabel(NO_FONT_PICTURE_NOTE, fontsize=7, color="#808080")
    return fig


def _style_axes(ax, title: str, unit: str, family: str | None) -> None:
    title, unit = (title, unit) if family else (_latin(title), _latin(unit))
    family = family or FALLBACK_FAMILY
    if title:
        ax.set_title(title, fontfamily=family, fontsize=11)
    if unit:
        ax.set_ylabel(unit, fontfamily=family, fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", linewidth=0.4, alpha=0.6)
    ax.set_axisbelow(True)
    for label in ax.get_xticklabels() + ax.get_yticklabels():
        label.set_fontfamily(family)
        label.set_fontsize(9)


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


def bar_chart_png(labels: Sequence[str], values: Sequence[float | None], *, title: str = "", unit: str = "",
                  target: float | None = None, target_label: str = "目标", highlight: Sequence[bool] | None = None,
                  decimals: int = 1, width_mm: float = 150, height_mm: float = 80, dpi: int = 200) -> bytes:
    """A vertical bar chart; missing values (None/NaN) leave a gap labelled “无数据”.

    ``target`` draws a dashed horizontal line; ``highlight`` marks bars (e.g. districts missing
    their target) in red. Values are labelled with ``decimals`` places.
    """
    y = np.asarray([np.nan if v is None else v for v in values], dtype=float)
    if len(labels) != len(y):
        raise ValueError(f"{len(labels)} labels for {len(y)} values")
    family = cjk_family()
    fig = _figure(width_mm, height_mm, dpi, family)
    ax = fig.add_subplot()
    face = family or FALLBACK_FAMILY
    x = np.arange(len(y))
    marks = np.zeros(len(y), bool) if highlight is None else np.asarray(highlight, bool)
    colors = np.where(marks, HIGHLIGHT_COLOR, BAR_COLOR)
    bars = ax.bar(x, np.nan_to_num(y), color=colors, width=0.6)
    missing = "无数据" if family else "n/a"
    ax.bar_label(bars, labels=[(missing if np.isnan(v) else f"{v:.{decimals}f}") for v in y],
                 fontsize=8, fontfamily=face, padding=2)
    if target is not None:
        name = target_label if family else _latin(target_label, "target")
        ax.axhline(target, color=TARGET_COLOR, linestyle="--", linewidth=1, label=f"{name} {target:.{decimals}f}")
        fig.legend(loc="outside upper right", prop={"family": face, "size": 8}, frameon=False)
    ax.set_xticks(x, _labels(labels, family))
    ax.margins(y=0.15)
    _style_axes(ax, title, unit, family)
    return _png(fig)


def line_chart_png(x_labels: Sequence[str], series: Mapping[str, Sequence[float | None]], *, title: str = "",
                   unit: str = "", target: float | None = None, target_label: str = "目标",
                   width_mm: float = 150, height_mm: float = 80, dpi: int = 200) -> bytes:
    """One line per series over ``x_labels`` (e.g. months); None/NaN breaks the line."""
    family = cjk_family()
    fig = _figure(width_mm, height_mm, dpi, family)
    ax = fig.add_subplot()
    x = np.arange(len(x_labels))
    for i, (name, values) in enumerate(series.items()):
        y = np.asarray([np.nan if v is None else v for v in values], dtype=float)
        if len(y) != len(x):
            raise ValueError(f"series {name!r} has {len(y)} values for {len(x)} labels")
        label = name if family else _latin(name, f"series {i + 1}")
        ax.plot(x, y, marker="o", markersize=3, linewidth=1.2, label=label, color=LINE_COLORS[i % len(LINE_COLORS)])
    if target is not None:
        ax.axhline(target, color=TARGET_COLOR, linestyle="--", linewidth=1,
                   label=target_label if family else _latin(target_label, "target"))
    ax.set_xticks(x, _labels(x_labels, family))
    if series:
        ax.legend(prop={"family": family or FALLBACK_FAMILY, "size": 8}, frameon=False,
                  ncols=min(4, len(series) + (target is not None)))
    _style_axes(ax, title, unit, family)
    return _png(fig)
