"""What the monthly air-quality circular shows, as plain data: ``ecoplan.monitoring.circular_data``
gathers it from the store, ``ecoplan.reports.air_circular`` lays it out (reports never read data)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CityFigures:
    """A period's headline figures and last year's same period (None: no data then)."""

    pm25: int | None
    good_day_ratio: float | None
    good_days: int
    valid_days: int
    pm25_last: int | None = None
    good_day_ratio_last: float | None = None


@dataclass(frozen=True)
class MemberRow:
    """One district or town: rank by PM2.5, values now and last year, and the marks of each metric."""

    rank: int | None
    name: str
    pm25: int | None
    pm25_last: int | None
    good_day_ratio: float | None
    good_day_ratio_last: float | None
    pm25_yellow: bool = False
    pm25_red: bool = False
    ratio_yellow: bool = False
    ratio_red: bool = False


@dataclass(frozen=True)
class CircularData:
    city: str
    year: int
    month: int
    month_figures: CityFigures
    ytd_figures: CityFigures
    districts_month: list[MemberRow]
    districts_ytd: list[MemberRow]
    towns_best: list[MemberRow]
    towns_worst: list[MemberRow]
    town_count: int
    synthetic_parts: tuple[str, ...]
    """Which figures come from synthetic data: any of 全市, 辖市区, 镇（街道）."""
    notes: list[str] = field(default_factory=list)

    @property
    def synthetic(self) -> bool:
        return bool(self.synthetic_parts)
