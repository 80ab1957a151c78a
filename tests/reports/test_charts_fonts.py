"""Charts on a machine whose fonts changed (issue 11 item 9): a font list cached before the CJK
fonts were installed is brought up to date; with no CJK font at all a chart is still drawn,
without Chinese text, with a warning logged and a note for the caption."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import warnings

import numpy as np
from matplotlib import font_manager
from matplotlib.image import imread

from ecoplan.reports import charts
from ecoplan.reports.charts import CJK_FAMILIES, bar_chart_png, caption, cjk_family, line_chart_png


def test_stale_font_list_is_refreshed_and_its_cache_rewritten(stale_font_list, tmp_path):
    assert charts._listed_cjk_family() is None  # what the stale cache said
    assert cjk_family() in CJK_FAMILIES
    rewritten = font_manager.json_load(tmp_path / "fontlist.json")
    assert stale_font_list <= {entry.fname for entry in rewritten.ttflist}
    assert caption("图1") == "图1"


STALE_CACHE_RUN = """
import json, sys
from ecoplan.reports import charts
print(json.dumps({"family": charts.cjk_family(), "cache": str(charts.font_cache_file())}))
"""


def test_a_new_process_with_a_stale_cache_file_finds_the_font(tmp_path):
    """The real case: MPLCONFIGDIR holds a font list written before fonts-noto-cjk was installed."""
    env = {**os.environ, "MPLCONFIGDIR": str(tmp_path)}
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env, check=True)
    cache = next(tmp_path.glob("fontlist-v*.json"))
    listed = json.loads(cache.read_text())
    cjk = {e["fname"] for e in listed["ttflist"] if e["name"] in CJK_FAMILIES}
    assert cjk, "this machine has a CJK font (scripts/system-deps.sh installs one)"
    listed["ttflist"] = [e for e in listed["ttflist"] if e["fname"] not in cjk]
    cache.write_text(json.dumps(listed))
    done = subprocess.run([sys.executable, "-c", STALE_CACHE_RUN], env=env, check=True,
                          capture_output=True, text=True)
    assert json.loads(done.stdout.splitlines()[-1])["family"] in CJK_FAMILIES
    assert cjk <= {e["fname"] for e in json.loads(cache.read_text())["ttflist"]}  # fixed for the next start


def test_without_any_cjk_font_charts_are_drawn_without_chinese(no_cjk_font, caplog):
    with caplog.at_level(logging.WARNING, logger="ecoplan.reports.charts"), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        bar = bar_chart_png(["溧阳市", "金坛区", "XY"], [30.0, None, 28.0], title="各辖市（区）PM2.5", unit="μg/m³",
                            target=33.0, target_label="全市", highlight=[False, False, True], dpi=50)
        line = line_chart_png(["1月", "2月"], {"全市": [30, 31]}, target=33, unit="微克/立方米", dpi=50)
    assert cjk_family() is None
    assert not [w for w in caught if "Glyph" in str(w.message) or "missing from" in str(w.message)]
    for png in (bar, line):
        image = imread(io.BytesIO(png), format="png")
        assert image.shape[1] == round(150 / 25.4 * 50) and np.ptp(image) > 0
    assert "no Chinese font for charts" in caplog.text
    assert caption("图1 各辖市") == "图1 各辖市" + charts.NO_FONT_NOTE
    assert charts._labels(["溧阳市", "XY"], None) == ["1", "XY"]
