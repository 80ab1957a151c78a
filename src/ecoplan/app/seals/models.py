"""One seal image per issuing office: the row says whose and how big; the PNG is a file under
``<data dir>/seals/`` with a random name (so a name typed by the admin never becomes a path)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ecoplan.app.db import Base


class IssuerSeal(Base):
    """The seal image (印章) of one issuing office (发文机关), as its 署名 is written."""

    __tablename__ = "issuer_seals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    issuer: Mapped[str] = mapped_column(String(100), unique=True)
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    """Random name under ``<data dir>/seals/``."""
    size_mm: Mapped[float] = mapped_column(Float)
    """Printed width [mm] (GB/T 9704 leaves it to the seal: 42 for a government, 40 for a department)."""
    width_px: Mapped[int] = mapped_column(Integer)
    height_px: Mapped[int] = mapped_column(Integer)
    bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    def snapshot(self) -> dict:
        """What the audit log keeps of it (the file's digest, not its bytes)."""
        return {"issuer": self.issuer, "size_mm": self.size_mm, "pixels": f"{self.width_px}×{self.height_px}",
                "bytes": self.bytes, "sha256": self.sha256}
