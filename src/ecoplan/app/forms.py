"""Small helpers shared by every form: parsing fields and refusing stale edits."""

from __future__ import annotations

from ecoplan.errors import InputError


class StaleEditError(InputError):
    """The item changed since the form was opened (someone else saved first)."""


def check_fresh(obj, submitted_version, *, what: str) -> None:
    """Refuse an edit made on an older ``version`` of ``obj``: never silently overwrite.

    Every editable model carries an integer ``version`` that its service bumps; forms send the
    version they were rendered with.
    """
    try:
        submitted = int(submitted_version)
    except (TypeError, ValueError):
        raise InputError("表单缺少版本信息，请刷新页面后重试", field="version") from None
    if submitted != obj.version:
        raise StaleEditError(f"{what}已被他人修改（当前为第 {obj.version} 版），"
                             "您的修改未保存。请刷新页面查看最新内容后再修改。")


def describe(err: InputError) -> str:
    """An input error as a person reads it: ``文件，第3行，名称：不能为空``."""
    where = [err.file or "", f"第{err.row}行" if err.row is not None else "", err.field or ""]
    where = "，".join(part for part in where if part)
    return f"{where}：{err.message}" if where else err.message


def error_status(err: InputError) -> int:
    """409 Conflict for a stale edit, 422 for any other bad input."""
    return 409 if isinstance(err, StaleEditError) else 422


def required(value: str | None, *, field: str) -> str:
    """``value`` stripped; an empty value is an error naming the field."""
    text = (value or "").strip()
    if not text:
        raise InputError("不能为空", field=field)
    return text


def split_aliases(text: str | None) -> list[str]:
    """Aliases typed one per line or separated by ，/、/, ; duplicates dropped, order kept."""
    raw = (text or "").replace("，", "\n").replace("、", "\n").replace(",", "\n")
    seen: dict[str, None] = {}
    for part in raw.splitlines():
        if part.strip():
            seen.setdefault(part.strip(), None)
    return list(seen)
