"""Geometry of the signing elements (GB/T 9704-2012 7.2.4–7.2.6, 7.3.5): where 签发人, joint
issuers, joint signatures and seal images go. Lengths in points from the 版心's left edge (x) or
from the top of a line (y), unless the name says mm.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from ecoplan.errors import InputError
from ecoplan.reports import official_layout as L

MM = 72 / 25.4  # points per mm
TEXT_WIDTH_PT = L.TEXT_WIDTH_MM * MM
PITCH = L.LINE_PITCH_PT
SEAL_LIFT = 0.3 * PITCH
"""How far the seal's centre sits above the line between 署名 and 成文日期, so that both lie
偏下 of the centre (7.3.5.1: 使发文机关署名和成文日期居印章中心偏下位置)."""
SEAL_GAP_PT = 2 * MM  # between seals: 互不相交或相切 (7.3.5.1)
LABEL = "签发人："
DEFAULT_SEAL_PT = 42 * MM
"""The seal a hand-stamped (加盖印章, no image) layout leaves room for: 42 mm, a people's
government's seal, the largest in common use."""


@dataclass(frozen=True)
class SignerTabs:
    """Left tab stops [pt] of the 签发人 lines: the label, the first and the second name column."""

    label: float
    first: float
    second: float


def signer_tabs(signers: Sequence[str], doc_number: str) -> SignerTabs:
    """7.2.6: “签发人：” in 仿宋 and the names in 楷体, 居右空一字, two names a line evenly spaced,
    a wrapped line aligned under the first name; 7.2.5: the 发文字号 居左空一字 on the last line.

    Raises :class:`InputError` when the 发文字号 would run into the 签发人 block.
    """
    name = max(L.text_width_chars(s) for s in signers) * L.BODY_PT
    columns = 2 if len(signers) > 1 else 1
    block = L.text_width_chars(LABEL) * L.BODY_PT + columns * name + (columns - 1) * L.BODY_PT
    label = TEXT_WIDTH_PT - L.BODY_PT - block
    number_end = L.BODY_PT + L.text_width_chars(doc_number) * L.BODY_PT
    if number_end + L.BODY_PT > label:
        raise InputError("发文字号与签发人姓名在同一行排不下（签发人姓名过长）", field="签发人")
    first = label + L.text_width_chars(LABEL) * L.BODY_PT
    return SignerTabs(label, first, first + name + L.BODY_PT)


def joint_issuer_font(names: Sequence[str], suffix: str) -> tuple[float, int]:
    """Size [pt] and scale [%] of a joint 发文机关标志: the longest name and “文件” beside the
    stack (7.2.4: 如有“文件”二字，应当置于发文机关名称右侧) fit one line of the 版心."""
    longest = max(names, key=L.text_width_chars)
    return L.issuer_font(longest + ("　" + suffix if suffix else ""))


def seal_blank_lines(seal_height_pt: float, centre_pt: float) -> int:
    """Empty lines between the 正文 (or 附件说明) and the first 署名 line so that the seal, centred
    ``centre_pt`` below that line's top, neither presses the body nor starts more than a line
    below it (7.3.5.1: 不压正文; 印章顶端应当上距正文（或附件说明）一行之内)."""
    return max(1, math.ceil((seal_height_pt / 2 - centre_pt) / PITCH))


def seal_centre_on_last_line() -> float:
    """Centre [pt below the 署名 line's top] of the seal pressing 署名 and 成文日期 together."""
    return PITCH - SEAL_LIFT


@dataclass(frozen=True)
class JointSignatures:
    """Sealed joint signatures (7.3.5.1): rows of names side by side, one seal centred on each.

    ``rows`` hold indexes into the signatures; ``centres`` are the slots' x [pt] per row;
    ``lines_between`` the empty lines between rows; ``date_right`` the 成文日期's right indent [字].
    """

    rows: list[list[int]]
    centres: list[list[float]]
    lines_between: int
    date_right: float


def joint_signatures(names: Sequence[str], date_text: str, seal_w_pt: float, seal_h_pt: float) -> JointSignatures:
    """Lay out sealed joint signatures: 各发文机关署名按照发文机关顺序整齐排列, 印章一一对应,
    最后一个印章压署名和成文日期, 印章之间互不相交或相切, 每排印章两端不得超出版心.

    The last name sits over the 成文日期 (右空四字, moved left if the name or seal would leave the
    版心); the other slots go leftwards one pitch apart; rows are filled in issuing order and the
    last row keeps to the right so its last name is the one over the date.
    """
    widest = max(L.text_width_chars(n) for n in names) * L.CHAR_PT
    pitch = max(seal_w_pt + SEAL_GAP_PT, widest + 2 * L.CHAR_PT)
    day = L.text_width_chars(date_text) * L.CHAR_PT
    last = TEXT_WIDTH_PT - 4 * L.CHAR_PT - day / 2
    last = min(last, TEXT_WIDTH_PT - max(seal_w_pt, widest) / 2)
    per_row = max(1, 1 + int((last - max(seal_w_pt, widest) / 2) // pitch))
    indexes = list(range(len(names)))
    rows = [indexes[i:i + per_row] for i in range(0, len(indexes), per_row)]
    slots = [last - pitch * j for j in range(per_row)][::-1]
    centres = [slots[len(slots) - len(row):] for row in rows]
    lines = math.ceil((seal_h_pt + SEAL_GAP_PT) / PITCH)
    return JointSignatures(rows, centres, lines - 1, (TEXT_WIDTH_PT - last - day / 2) / L.CHAR_PT)
