"""Server-rendered SVG charts (no chart library, no CDN). The templates draw the SVG from the
geometry computed here; every value is a number, so nothing user-supplied reaches the markup
unescaped.

The repeated elements (a circle per point, a line per gridline) are written here with
f-strings (labels and links escaped), not by template loops: a history page draws ~270 of them, and the template engine's
per-variable lookup and number localisation made them the page's largest cost."""

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from html import escape
from typing import NamedTuple

from django.utils.safestring import SafeString, mark_safe


class Point(NamedTuple):  # a tuple, not a dataclass: a history page makes ~270 of them
    x: float
    y: float
    score: int
    label: str  # shown in the point's <title>
    url: str = ""


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    points: list[Point]
    path: str
    gridlines: list[tuple[float, int]]  # (y, value)
    x_labels: list[tuple[float, str]]

    @property
    def empty(self) -> bool:
        return not self.points

    def inner_svg(self) -> SafeString:
        """Gridlines, the line, a linked dot per interview and the date labels: numbers are ours,
        labels and links are escaped."""
        right, bottom = self.width - 12, self.height - 8
        parts = [f'<line class="grid" x1="36" x2="{right}" y1="{y}" y2="{y}"></line>'
                 f'<text class="axis" x="30" y="{y}" dy="4" text-anchor="end">{int(value)}</text>' for y, value in self.gridlines]
        parts.append(f'<path class="line" d="{escape(self.path)}"></path>')
        parts += [f'<a href="{escape(p.url)}"><circle class="dot" cx="{p.x}" cy="{p.y}" r="5"><title>{escape(p.label)}</title>'
                  f'</circle></a>' for p in self.points]
        parts += [f'<text class="axis" x="{x}" y="{bottom}" text-anchor="middle">{escape(label)}</text>'
                  for x, label in self.x_labels]
        return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped, the rest are numbers


@lru_cache(maxsize=512)
def _day(when: date) -> str:
    """"05 Dec 2026": the chart and the eight sparklines of a history page name the same 30 days
    (cached on the date itself: two equal datetimes in different zones may fall on different days)."""
    return f"{when:%d %b %Y}"


def line_chart(series: list[tuple[datetime, int, str, str]], *, width: int = 640, height: int = 220,
               pad_left: int = 36, pad_right: int = 12, pad_top: int = 12, pad_bottom: int = 28) -> LineChart:
    """Scores (0–100) over time, evenly spaced in the order given: (when, score, label, url)."""
    plot_w, plot_h = width - pad_left - pad_right, height - pad_top - pad_bottom

    def y_of(value: float) -> float:
        return round(pad_top + plot_h * (1 - value / 100), 1)

    count = len(series)
    points = []
    for index, (when, score, label, url) in enumerate(series):
        x = pad_left + (plot_w / 2 if count == 1 else plot_w * index / (count - 1))
        points.append(Point(x=round(x, 1), y=y_of(score), score=score, label=f"{label} — {_day(when.date())}: {score}", url=url))
    path = " ".join(f"{'M' if i == 0 else 'L'}{p.x},{p.y}" for i, p in enumerate(points))
    gridlines = [(y_of(value), value) for value in (0, 25, 50, 75, 100)]
    step = max(1, count // 6)
    x_labels = [(p.x, f"{series[i][0]:%d %b}") for i, p in enumerate(points) if i % step == 0 or i == count - 1]
    return LineChart(width=width, height=height, points=points, path=path, gridlines=gridlines, x_labels=x_labels)


@dataclass(frozen=True)
class Sparkline:
    name: str
    latest: int
    change: int | None
    path: str
    points: list[Point]
    width: int
    height: int

    def list_item(self) -> SafeString:
        """The competency's row of the history page: its name, the sparkline, the latest figure and its change
        (written here once per competency, not by a dozen template lookups each)."""
        name = escape(self.name)
        change = ""
        if self.change is not None:
            sign, style = ("+", "up") if self.change >= 0 else ("", "down")
            change = f' <span class="{style}">({sign}{self.change})</span>'
        return mark_safe(  # noqa: S308 - the name is escaped, the rest are numbers
            f'<li>\n<span class="spark-name">{name}</span>\n<svg class="sparkline" viewBox="0 0 {self.width} {self.height}" '
            f'role="img" aria-label="{name}: latest {self.latest}">{self.inner_svg()}</svg>\n'
            f'<span class="spark-value">{self.latest}{change}</span>\n</li>')

    def inner_svg(self) -> SafeString:
        dots = "".join(f'<circle class="dot" cx="{p.x}" cy="{p.y}" r="2.5"><title>{escape(p.label)}</title></circle>'
                       for p in self.points)
        return mark_safe(f'<path class="line" d="{escape(self.path)}"></path>{dots}')  # noqa: S308 - escaped above


def sparkline(name: str, values: list[tuple[datetime, float]], *, width: int = 160, height: int = 40) -> Sparkline:
    pad = 4
    count = len(values)
    points = []
    for index, (when, value) in enumerate(values):
        x = pad + ((width - 2 * pad) / 2 if count == 1 else (width - 2 * pad) * index / (count - 1))
        y = pad + (height - 2 * pad) * (1 - value / 100)
        points.append(Point(x=round(x, 1), y=round(y, 1), score=round(value), label=f"{name} — {_day(when.date())}: {value:.0f}"))
    path = " ".join(f"{'M' if i == 0 else 'L'}{p.x},{p.y}" for i, p in enumerate(points))
    change = round(values[-1][1] - values[-2][1]) if count >= 2 else None
    return Sparkline(name=name, latest=round(values[-1][1]) if values else 0, change=change, path=path, points=points,
                     width=width, height=height)
