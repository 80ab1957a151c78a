"""Variants of the server for crash hunting (issue #11), loaded by each worker process when this
folder is first on its PYTHONPATH:

    PYTHONPATH=src python bench/load.py --soak --soak-seconds 150 --debug-malloc \\
        --server-env PYTHONPATH=bench/soak_variants:src --server-env EXP_SA_PURE=1

``EXP_SA_PURE=1``: SQLAlchemy's pure-Python modules instead of its compiled (Cython) ones;
``EXP_STRINGS=python``: pandas keeps strings as Python objects instead of Arrow arrays.
"""

import importlib.machinery
import importlib.util
import os
import sys


class PureSQLAlchemy:
    """Finds ``sqlalchemy.*_cy`` modules as their ``.py`` sources (shipped beside the .so)."""

    def find_spec(self, name, path=None, target=None):
        if not (name.startswith("sqlalchemy.") and name.endswith("_cy")) or not path:
            return None
        source = os.path.join(list(path)[0], name.rsplit(".", 1)[1] + ".py")
        if not os.path.exists(source):
            return None
        return importlib.util.spec_from_file_location(
            name, source, loader=importlib.machinery.SourceFileLoader(name, source))


if os.environ.get("EXP_SA_PURE") == "1":
    sys.meta_path.insert(0, PureSQLAlchemy())

if os.environ.get("EXP_STRINGS") == "python":
    import pandas as pd

    pd.set_option("mode.string_storage", "python")
