"""The one error a user sees.

Library code raises :class:`InputError` for anything wrong with what a person gave us (a file,
a cell, an option). The CLI and the web app turn it into one readable line; nothing else
(no traceback) reaches a user.
"""

from __future__ import annotations


class InputError(Exception):
    """Bad input, located as precisely as we can: file, row (or line), field.

    ``str(err)`` is the message a person reads, e.g.
    ``seed.xlsx, 第3行, 牵头单位: 不能为空``.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.row = row
        self.field = field

    def location(self) -> str:
        parts = []
        if self.file:
            parts.append(str(self.file))
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.field:
            parts.append(f"field {self.field}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message

    def to_dict(self) -> dict:
        return {"file": self.file, "row": self.row, "field": self.field, "message": self.message}
