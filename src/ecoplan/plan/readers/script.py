"""Plans written in traditional characters (繁体字) read as simplified ones.

The reader's rules, role words and gazetteers are written in simplified Chinese ("负责", "个",
"处", "万"), so a page in traditional characters ("(公安部、生態環境部按職責負責)", "100個",
"280萬千瓦") is converted before it is read. The conversion is character for character, with
OpenCC's table (``t2s_characters.txt``) and its phrases of the same length (``t2s_phrases.txt``:
"顯著" → "显著", not "显着"); both files state their provenance (``scripts/t2s_tables.py`` makes
them). So the converted text has the original's length and every offset the reader reports into
it is the same offset into the original; only the spelling of a quote differs.

Only a document that reads as traditional is converted: a tenth or more of its Chinese characters
have a simplified form. A simplified plan holds almost none (a "著" in "显著"), so it is never
touched, and characters that are also simplified spellings ("乾坤", "著作") keep theirs in it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).parent
#: Share of a document's Chinese characters with a simplified form from which it is traditional.
TRADITIONAL_SHARE = 0.1
#: …and at least this many of them (a heading or a name in traditional characters is no document).
TRADITIONAL_MIN = 20
NOTE = "原文为繁体字：已逐字转为简体后读取（字数、位置与原文一一对应），单位和指标名称以简体给出"
_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")


def _table(name: str) -> dict[str, str]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t") for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[int, str], dict[str, str], re.Pattern]:
    chars = _table("t2s_characters.txt")
    phrases = _table("t2s_phrases.txt")
    pattern = re.compile("|".join(map(re.escape, sorted(phrases, key=len, reverse=True))))
    return str.maketrans(chars), phrases, pattern


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional characters (see the module's docstring)."""
    table = _tables()[0]
    han = _HAN.findall(text)
    changed = sum(1 for c in han if ord(c) in table)
    return changed >= TRADITIONAL_MIN and changed >= TRADITIONAL_SHARE * len(han)


#: A pinyin gloss after a character ("國(guó)務(wù)院", as dictionary-minded pages print them): a
#: bracket of Latin letters holding a tone mark, right after a Chinese character.
_GLOSS_RE = re.compile(r"(?<=[\u3400-\u9fff])[（(](?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]")
GLOSS_NOTE = "原文在汉字后注有拼音（如“國(guó)”）：已删去拼音后读取，位置以删去后的文字为准"


def without_glosses(text: str) -> tuple[str, bool]:
    """``text`` without pinyin glosses, and whether it held any (the text gets shorter)."""
    stripped = _GLOSS_RE.sub("", text)
    return stripped, stripped != text


def simplified(text: str) -> str:
    """``text`` in simplified characters, of the same length (offsets are kept)."""
    table, phrases, pattern = _tables()
    out, at = [], 0
    for m in pattern.finditer(text):
        out += [text[at:m.start()].translate(table), phrases[m.group()]]
        at = m.end()
    out.append(text[at:].translate(table))
    return "".join(out)
