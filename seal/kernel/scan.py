"""Reading a scanned 印影 (PNG or JPEG) and its physical size.

The type is read from the image itself, never from the browser's word; the size in mm
comes from the scan's DPI, or is typed when the scan carries none (docs/adr/0029).
"""

from __future__ import annotations

import io
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from seal.models import Inei
from seal.services import Scan

FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
MM_PER_INCH = Decimal("25.4")
#: a seal is at most a few cm: anything outside this is a mistyped size
MIN_MM, MAX_MM = Decimal("1.0"), Decimal("100.0")


class ScanError(ValueError):
    """A scan that cannot be kept; the message is shown next to the field."""


def parse_mm(text: str) -> Decimal | None:
    """A typed size in mm ("15", "15.5"); None when blank; ScanError when not a size."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = Decimal(text).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError) as exc:
        raise ScanError("寸法は mm の数値で入力してください（例: 15.0）。") from exc
    if not value.is_finite() or not MIN_MM <= value <= MAX_MM:
        raise ScanError(f"寸法は {MIN_MM}〜{MAX_MM} mm の範囲で入力してください。")
    return value


def read_scan(
    data: bytes, *, width_mm: Decimal | None = None, height_mm: Decimal | None = None
) -> Scan:
    """Validate a scan: PNG or JPEG, at most Inei.MAX_BYTES; its size from the typed mm or
    the scan's DPI (typed wins: the clerk measured the impression)."""
    from PIL import Image, UnidentifiedImageError

    if not data:
        raise ScanError("印影の画像を選んでください。")
    if len(data) > Inei.MAX_BYTES:
        raise ScanError(f"印影の画像は {Inei.MAX_BYTES // (1024 * 1024)}MB 以下にしてください。")
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format or ""
            width_px, height_px = image.size
            dpi_info = image.info.get("dpi")
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ScanError("印影の画像は PNG または JPEG のファイルにしてください。") from exc
    if kind not in FORMATS:
        raise ScanError("印影の画像は PNG または JPEG のファイルにしてください。")
    dpi = _dpi(dpi_info)
    if width_mm is None or height_mm is None:
        if dpi is None:
            raise ScanError(
                "画像に解像度（dpi）がありません。印影の幅と高さ（mm）を入力してください。"
            )
        width_mm = _mm(width_px, dpi)
        height_mm = _mm(height_px, dpi)
    return Scan(FORMATS[kind], data, width_px, height_px, dpi, width_mm, height_mm)


def _dpi(info: object) -> int | None:
    if isinstance(info, tuple) and info:
        try:
            value = round(float(info[0]))
        except (TypeError, ValueError):
            return None
        return value if 50 <= value <= 4800 else None
    return None


def _mm(pixels: int, dpi: int) -> Decimal:
    return (Decimal(pixels) * MM_PER_INCH / Decimal(dpi)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
