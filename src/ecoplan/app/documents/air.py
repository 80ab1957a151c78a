"""The monthly air-quality circular (环境空气质量状况通报) made in the app, as the CLI makes it
(``ecoplan report air-monthly``): the form read and checked, the figures gathered from the
app's monitoring store, and the .docx, .xlsx and HTML print view written by ``ecoplan.reports``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from ecoplan.app.core import clock
from ecoplan.app.plans import versions
from ecoplan.app.seals import choice as seal_choice
from ecoplan.app.status import environment
from ecoplan.errors import InputError
from ecoplan.monitoring.circular_data import CircularData, circular_data
from ecoplan.monitoring.store import Store
from ecoplan.reports import air_circular
from ecoplan.reports.html import render_official_html
from ecoplan.reports.official_docx import write_official_docx
from ecoplan.reports.xlsx import MEDIA_TYPE as XLSX
from ecoplan.reports.xlsx import write_workbook

DEFAULT_CITY = "常州市"
DEFAULT_ISSUER = air_circular.Letterhead().issuer
FIELD_LABELS = {"period": "月份", "area": "城市"}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class AirForm:
    """The form as typed: 月份 (YYYY-MM), 发文字号 (blank: the CLI's 常环通〔年〕月号), 成文日期
    (blank: today), 发文机关, 印章 (a key of ``seals.choice.CHOICES``)."""

    month: str = ""
    doc_number: str = ""
    date: str = ""
    issuer: str = DEFAULT_ISSUER
    seal: str = seal_choice.DEFAULT


def last_month_with_data(store: Store) -> str | None:
    """The last whole month up to the store's last day of air data (``2023-06``), None without any."""
    if not store.has("air_daily"):
        return None
    row = store.connect().execute("SELECT max(day)::DATE FROM air_daily").fetchone()
    return environment.month_of(row[0]) if row and row[0] else None


def city_of(session) -> str:
    """The city of the latest published plan (the circular's area), else the CLI's default."""
    latest = versions.latest_published(session)
    return latest.plan.region if latest and latest.plan.region else DEFAULT_CITY


def _date(text: str) -> dt.date:
    if not text.strip():
        return clock.today()
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"应为 YYYY-MM-DD，得到“{text}”", field="成文日期") from None


def _figures(store: Store, form: AirForm, city: str) -> CircularData:
    if not form.month.strip():
        raise InputError("请选择月份（如 2023-06）", field="月份")
    try:
        return circular_data(store, form.month.strip(), city)
    except InputError as err:  # the library names its CLI options; the form has labels
        raise InputError(err.message, field=FIELD_LABELS.get(err.field, err.field)) from None


def _letterhead(form: AirForm, signing: seal_choice.Signing) -> air_circular.Letterhead:
    return air_circular.Letterhead(issuer=form.issuer.strip(), doc_number=form.doc_number.strip(),
                                   date=_date(form.date), sealed=signing.sealed, seals=signing.seals)


def _document(store: Store, form: AirForm, city: str, signing: seal_choice.Signing):
    """The circular; the 成文日期 is read before the figures are gathered (a second's work), the
    发文字号 and 发文机关 are checked by ``OfficialDocument`` (GB/T 9704) once they are."""
    letterhead = _letterhead(form, signing)
    data = _figures(store, form, city)
    return data, air_circular.circular_document(data, letterhead)


@dataclass(frozen=True)
class Download:
    """A file to save: its bytes, media type, name (the circular's title) and an ASCII fallback name."""

    data: bytes
    media_type: str
    name: str
    fallback: str

    def headers(self) -> dict[str, str]:
        """RFC 6266 ``Content-Disposition``: the UTF-8 ``filename*`` and the ASCII ``filename``."""
        return {"Content-Disposition": f"attachment; filename=\"{self.fallback}\"; "
                                       f"filename*=UTF-8''{quote(self.name)}"}


def docx_file(store: Store, form: AirForm, city: str, signing: seal_choice.Signing) -> Download:
    """The circular as a .docx; :class:`InputError` on bad input (月份, 发文字号, 成文日期, no data)."""
    data, document = _document(store, form, city, signing)
    return Download(write_official_docx(document), DOCX,
                    f"{air_circular.title(data)}.docx", f"air-{data.year}-{data.month:02d}.docx")


def xlsx_file(store: Store, form: AirForm, city: str, _signing: seal_choice.Signing) -> Download:
    """The circular's tables as .xlsx (the sheets carry no letterhead: only 月份 is read)."""
    data = _figures(store, form, city)
    return Download(write_workbook(air_circular.circular_sheets(data)), XLSX,
                    f"{air_circular.title(data)}.xlsx", f"air-{data.year}-{data.month:02d}.xlsx")


def print_view(store: Store, form: AirForm, city: str, signing: seal_choice.Signing) -> str:
    """The circular's HTML print view: the same document as the .docx."""
    return render_official_html(_document(store, form, city, signing)[1])
