"""Bar and line charts as PNG bytes, for embedding in documents (``official.Figure``).

Matplotlib's object API (``Figure`` + Agg canvas, no pyplot state) with a CJK face found through
its font manager: Debian's fonts-noto-cjk (``scripts/system-deps.sh``) or a Chinese Windows/macOS
face. Sizes are in millimetres so a chart drops into the 156 mm 版心 at its natural size.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Mapping, Sequence

import numpy as np
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Zen Hei",
                "Microsoft YaHei", "SimHei", "PingFang SC", "Noto Serif CJK SC")
MM_PER_INCH = 25.4
BAR_COLOR, HIGHLIGHT_COLOR, TARGET_COLOR = "#4472C4", "#C00000", "#C00000"
LINE_COLORS = ("#4472C4", "#ED7D31", "#70AD47", "#7030A0", "#C00000", "#264478", "#9E480E")


@lru_cache(maxsize=1)
def cjk_family() -> str:
    """The first installed family of :data:`CJK_FAMILIES`.

    Raises RuntimeError when none is installed: Chinese labels would render as empty boxes.
    """
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    raise RuntimeError("no Chinese font for charts: install fonts-noto-cjk (scripts/system-deps.sh)")


def _figure(width_mm: float, height_mm: float, dpi: int) -> Figure:
    """A figure of whole pixels closest to the size asked (Agg truncates fractions)."""
    pixels = [round(mm / MM_PER_INCH * dpi) for mm in (width_mm, height_mm)]
    fig = Figure(figsize=(pixels[0] / dpi, pixels[1] / dpi), dpi=dpi, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _style_axes(ax, title: str, unit: str, family: str) -> None:
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
    fig = _figure(width_mm, height_mm, dpi)
    ax = fig.add_subplot()
    x = np.arange(len(y))
    marks = np.zeros(len(y), bool) if highlight is None else np.asarray(highlight, bool)
    colors = np.where(marks, HIGHLIGHT_COLOR, BAR_COLOR)
    bars = ax.bar(x, np.nan_to_num(y), color=colors, width=0.6)
    ax.bar_label(bars, labels=[("无数据" if np.isnan(v) else f"{v:.{decimals}f}") for v in y],
                 fontsize=8, fontfamily=family, padding=2)
    if target is not None:
        ax.axhline(target, color=TARGET_COLOR, linestyle="--", linewidth=1, label=f"{target_label} {target:.{decimals}f}")
        fig.legend(loc="outside upper right", prop={"family": family, "size": 8}, frameon=False)
    ax.set_xticks(x, list(labels))
    ax.margins(y=0.15)
    _style_axes(ax, title, unit, family)
    return _png(fig)


def line_chart_png(x_labels: Sequence[str], series: Mapping[str, Sequence[float | None]], *, title: str = "",
                   unit: str = "", target: float | None = None, target_label: str = "目标",
                   width_mm: float = 150, height_mm: float = 80, dpi: int = 200) -> bytes:
    """One line per series over ``x_labels`` (e.g. months); None/NaN breaks the line."""
    family = cjk_family()
    fig = _figure(width_mm, height_mm, dpi)
    ax = fig.add_subplot()
    x = np.arange(len(x_labels))
    for i, (name, values) in enumerate(series.items()):
        y = np.asarray([np.nan if v is None else v for v in values], dtype=float)
        if len(y) != len(x):
            raise ValueError(f"series {name!r} has {len(y)} values for {len(x)} labels")
        ax.plot(x, y, marker="o", markersize=3, linewidth=1.2, label=name, color=LINE_COLORS[i % len(LINE_COLORS)])
    if target is not None:
        ax.axhline(target, color=TARGET_COLOR, linestyle="--", linewidth=1, label=f"{target_label}")
    ax.set_xticks(x, list(x_labels))
    if series:
        ax.legend(prop={"family": family, "size": 8}, frameon=False, ncols=min(4, len(series) + (target is not None)))
    _style_axes(ax, title, unit, family)
    return _png(fig)
