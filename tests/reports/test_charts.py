"""Charts for documents: PNG bytes of the requested size, Chinese labels drawn with a CJK face."""

import io
import warnings

import numpy as np
import pytest
from matplotlib.image import imread

from ecoplan.reports.charts import CJK_FAMILIES, bar_chart_png, cjk_family, line_chart_png

from sample_documents import DISTRICTS, PM25


def _decode(png: bytes) -> np.ndarray:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    return imread(io.BytesIO(png), format="png")


def test_bar_chart_size_and_no_missing_glyphs():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = bar_chart_png(DISTRICTS, PM25, title="各辖市（区）PM2.5平均浓度", unit="微克/立方米", target=33.0,
                            highlight=[v > 33 for v in PM25], width_mm=150, height_mm=80, dpi=100)
    assert not [w for w in caught if "Glyph" in str(w.message) or "missing from" in str(w.message)]
    image = _decode(png)
    assert image.shape[:2] == (round(80 / 25.4 * 100), round(150 / 25.4 * 100))
    # red bars for the districts above target: some pure-ish red pixels exist.
    red = (image[..., 0] > 0.7) & (image[..., 1] < 0.1) & (image[..., 2] < 0.1)
    assert red.sum() > 1000


def test_bar_chart_missing_value_and_length_mismatch():
    png = bar_chart_png(["甲", "乙"], [1.0, None], dpi=50)
    assert _decode(png).shape[0] > 0
    with pytest.raises(ValueError):
        bar_chart_png(["甲", "乙"], [1.0], dpi=50)


def test_line_chart_series():
    months = [f"{m}月" for m in range(1, 7)]
    png = line_chart_png(months, {"全市": [38, 35, None, 31, 30, 29], "溧阳市": [33, 31, 30, 28, 27, 26]},
                         target=33, unit="微克/立方米", dpi=50)
    assert _decode(png).shape[1] == round(150 / 25.4 * 50)
    with pytest.raises(ValueError):
        line_chart_png(months, {"全市": [1, 2]}, dpi=50)


def test_charts_are_reproducible_bytes():
    args = (["甲", "乙"], [1.0, 2.0])
    assert bar_chart_png(*args, dpi=50) == bar_chart_png(*args, dpi=50)


def test_cjk_family_is_installed():
    assert cjk_family() in CJK_FAMILIES
