"""Out-of-range numbers and dates in a URL answered before any endpoint sees them.

Python's ints have no bound, the databases' do: ``/status/units/99999999999999999999`` would
reach SQLite as an OverflowError (a 500). One app-wide dependency looks at the route that
matched and at every ``int`` or ``date`` parameter it declares (its own and its
dependencies'): an integer path parameter outside 64 bits names nothing (404); an integer
query parameter outside 32 bits or a date outside :data:`EARLIEST`–:data:`LATEST` is bad input
(422, in Chinese). Routes keep their plain ``int`` annotations.
"""

from __future__ import annotations

import datetime as dt
import types
import typing

from fastapi import HTTPException, Request
from fastapi.dependencies.models import Dependant

PATH_MAX = 2**63 - 1
"""Largest id a database row can have (SQLite INTEGER, PostgreSQL bigint)."""
QUERY_MAX = 2**31 - 1
"""Largest page number, year or count a query string may carry (PostgreSQL integer)."""
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2999, 12, 31)
NOT_FOUND = "页面不存在，或您要找的内容已被删除"

_typed: dict[int, tuple[list[str], list[str], list[str]]] = {}


def _kinds(annotation) -> set[type]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return {a for arg in typing.get_args(annotation) for a in _kinds(arg)}
    if typing.get_origin(annotation) is typing.Annotated:
        return _kinds(typing.get_args(annotation)[0])
    return {annotation} if isinstance(annotation, type) else set()


def _walk(dependant: Dependant):
    yield dependant
    for sub in dependant.dependencies:
        yield from _walk(sub)


def typed_params(route) -> tuple[list[str], list[str], list[str]]:
    """(int path params, int query params, date query params) of ``route``, computed once."""
    found = _typed.get(id(route))
    if found is None:
        paths, queries, dates = [], [], []
        for dependant in _walk(route.dependant):
            for field in dependant.path_params:
                if int in _kinds(field.field_info.annotation):
                    paths.append(field.alias)
            for field in dependant.query_params:
                kinds = _kinds(field.field_info.annotation)
                if int in kinds:
                    queries.append(field.alias)
                if dt.date in kinds:
                    dates.append(field.alias)
        found = _typed[id(route)] = (paths, queries, dates)
    return found


def _as_int(raw: str) -> int | None:
    text = raw.strip()
    digits = text[1:] if text[:1] in "+-" else text
    return int(text) if digits.isascii() and digits.isdigit() else None


def bounded_params(request: Request) -> None:
    """404 for an integer path parameter no row can have; 422 for an integer or a date in the
    query string out of range (:mod:`ecoplan.app.params`)."""
    route = request.scope.get("route")
    if route is None or not hasattr(route, "dependant"):
        return
    paths, queries, dates = typed_params(route)
    for name in paths:
        value = _as_int(str(request.path_params.get(name, "")))
        if value is not None and abs(value) > PATH_MAX:
            raise HTTPException(404, NOT_FOUND)
    for name in queries:
        value = _as_int(request.query_params.get(name, ""))
        if value is not None and abs(value) > QUERY_MAX:
            raise HTTPException(422, f"参数 {name} 超出范围（绝对值不超过 {QUERY_MAX}）")
    for name in dates:
        raw = request.query_params.get(name, "")
        try:
            day = dt.date.fromisoformat(raw) if raw else None
        except ValueError:
            continue  # FastAPI's own validation answers 422
        if day is not None and not EARLIEST <= day <= LATEST:
            raise HTTPException(422, f"参数 {name} 应为 {EARLIEST} 到 {LATEST} 之间的日期")
