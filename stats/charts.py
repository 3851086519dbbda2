"""Charts drawn on the server as SVG (no script, no CDN: the screens run on a closed
network, and the PDF takes the same drawing). Colours are presentation attributes (no
style attribute: the CSP forbids inline styles); every bar carries its figure in a
<title>, and the legend names each colour in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MALE_FILL = "#3f6fb0"
FEMALE_FILL = "#c0504d"
ZOU_FILL = "#3f6fb0"
GEN_FILL = "#d08a2c"
TEXT_FILL = "#222222"
AXIS_STROKE = "#888888"
FONT = "font-family=\"'IPAexGothic','Noto Sans CJK JP',sans-serif\""


@dataclass(frozen=True)
class Band:
    """One age band of the pyramid: its label (「0〜4歳」) and the persons by sex."""

    label: str
    male: int
    female: int


def _scale(largest: int) -> int:
    """A round top for the axis: 1, 2, 5 × 10^n at or above the largest figure."""
    top = 1
    while True:
        for step in (1, 2, 5):
            if step * top >= largest:
                return step * top
        top *= 10


def _text(
    x: float, y: float, text: str, *, anchor: str = "start", size: int = 11, fill: str = TEXT_FILL
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}" {FONT}>{escape(text)}</text>'
    )


def _bar(x: float, y: float, w: float, h: float, fill: str, title: str) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{h:.1f}" '
        f'fill="{fill}"><title>{escape(title)}</title></rect>'
    )


def pyramid_svg(bands: Sequence[Band], *, title: str) -> SafeString:
    """A population pyramid: the youngest band at the bottom, 男 to the left, 女 to the
    right of the middle, on one scale."""
    width, label_w, row_h, top, bottom = 640, 70, 14, 36, 30
    half = (width - label_w) / 2 - 10
    height = top + row_h * len(bands) + bottom
    scale = _scale(max([b.male for b in bands] + [b.female for b in bands] + [1]))
    mid_left = half + 5
    mid_right = mid_left + label_w
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        _text(mid_left - half / 2, 16, "■ 男", anchor="middle", size=13, fill=MALE_FILL),
        _text(mid_right + half / 2, 16, "■ 女", anchor="middle", size=13, fill=FEMALE_FILL),
    ]
    for i, band in enumerate(reversed(bands)):
        y = top + i * row_h
        mw = half * band.male / scale
        fw = half * band.female / scale
        parts.append(_bar(mid_left - mw, y + 1, mw, row_h - 2, MALE_FILL,
                          f"{band.label} 男 {band.male:,}人"))  # fmt: skip
        parts.append(_bar(mid_right, y + 1, fw, row_h - 2, FEMALE_FILL,
                          f"{band.label} 女 {band.female:,}人"))  # fmt: skip
        parts.append(_text(mid_left + label_w / 2, y + row_h - 3, band.label,
                           anchor="middle", size=10))  # fmt: skip
    axis_y = top + row_h * len(bands) + 4
    parts.append(
        f'<line x1="5" y1="{axis_y}" x2="{width - 5}" y2="{axis_y}" stroke="{AXIS_STROKE}"/>'
    )
    parts.append(_text(5, axis_y + 16, f"{scale:,}人", size=10))
    parts.append(_text(mid_left, axis_y + 16, "0", anchor="end", size=10))
    parts.append(_text(mid_right, axis_y + 16, "0", size=10))
    parts.append(_text(width - 5, axis_y + 16, f"{scale:,}人", anchor="end", size=10))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


@dataclass(frozen=True)
class MonthBar:
    """One month of the trend: its label (「4月」), 増 and 減."""

    label: str
    zou: int
    gen: int


def trend_svg(months: Sequence[MonthBar], *, title: str) -> SafeString:
    """Monthly 異動: per month a bar of the 増 beside a bar of the 減."""
    width, left, top, bottom, plot_h = 640, 56, 30, 28, 200
    height = top + plot_h + bottom
    count = max(len(months), 1)
    slot = (width - left - 10) / count
    bar_w = max(slot / 2 - 4, 1)
    scale = _scale(max([m.zou for m in months] + [m.gen for m in months] + [1]))
    base = top + plot_h
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        _bar(left, 8, 12, 12, ZOU_FILL, "増"),
        _text(left + 16, 18, "増（転入・出生・職権記載・その他）", size=12),
        _bar(left + 250, 8, 12, 12, GEN_FILL, "減"),
        _text(left + 266, 18, "減（転出・死亡・職権消除・その他）", size=12),
        f'<line x1="{left}" y1="{base}" x2="{width - 10}" y2="{base}" stroke="{AXIS_STROKE}"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{base}" stroke="{AXIS_STROKE}"/>',
        _text(left - 4, top + 4, f"{scale:,}", anchor="end", size=10),
        _text(left - 4, base, "0", anchor="end", size=10),
    ]
    for i, month in enumerate(months):
        x = left + i * slot + 2
        zh = plot_h * month.zou / scale
        gh = plot_h * month.gen / scale
        parts.append(_bar(x, base - zh, bar_w, zh, ZOU_FILL, f"{month.label} 増 {month.zou:,}人"))
        parts.append(
            _bar(x + bar_w + 2, base - gh, bar_w, gh, GEN_FILL, f"{month.label} 減 {month.gen:,}人")
        )
        parts.append(_text(x + bar_w + 1, base + 16, month.label, anchor="middle", size=10))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
