"""Write the reader's traditional → simplified tables from OpenCC's dictionaries.

    python scripts/t2s_tables.py DICTS

``DICTS`` is a folder holding OpenCC's ``TSCharacters.txt`` and ``TSPhrases.txt`` (OpenCC,
https://github.com/BYVoid/OpenCC, Apache License 2.0; the tables committed were made from the
copies shipped in the PyPI wheel opencc-purepy 1.5.0, ``opencc_purepy/dicts/``). Only
one-character-for-one-character entries are kept (the first candidate of each), and the phrases
of the same length whose simplified form differs from their character-by-character conversion, so a
converted text keeps every offset of the original (see ``ecoplan.plan.readers.script``).
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "ecoplan" / "plan" / "readers"
HEADER = ("# {what}: traditional → simplified Chinese, derived by scripts/t2s_tables.py from OpenCC's\n"
          "# data/dictionary/{source} (https://github.com/BYVoid/OpenCC, Copyright BYVoid and\n"
          "# contributors, Apache License 2.0), as shipped in the PyPI wheel opencc-purepy 1.5.0.\n"
          "# {rule}\n")


def entries(path: Path) -> list[tuple[str, str]]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, values = line.split("\t", 1)
            found.append((key, values.split(" ")[0]))
    return found


def main(folder: Path) -> None:
    chars = {k: v for k, v in entries(folder / "TSCharacters.txt") if len(k) == len(v) == 1 and k != v}
    convert = lambda s: "".join(chars.get(c, c) for c in s)  # noqa: E731
    phrases = {}
    for key, value in entries(folder / "TSPhrases.txt"):
        if len(key) == len(value) and convert(key) != value:
            phrases[key] = value
    (OUT / "t2s_characters.txt").write_text(HEADER.format(
        what="Characters", source="TSCharacters.txt",
        rule="One line per character: traditional<TAB>simplified (the first of OpenCC's candidates).")
        + "".join(f"{k}\t{v}\n" for k, v in sorted(chars.items())), encoding="utf-8")
    (OUT / "t2s_phrases.txt").write_text(HEADER.format(
        what="Phrases", source="TSPhrases.txt",
        rule="One line per phrase whose characters alone convert otherwise: traditional<TAB>simplified (same length).")
        + "".join(f"{k}\t{v}\n" for k, v in sorted(phrases.items())), encoding="utf-8")
    print(len(chars), "characters,", len(phrases), "phrases")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
