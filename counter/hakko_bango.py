"""発行番号 (標準仕様書 j1040): date, municipality, terminal, printer, serial and page/total,
e.g. ``20200502 ●●市 本庁1 プリンタ001 011 1/2``. The device parts may be blank.

One numbering for every certificate the city prints (the 住民票の写し and its kin in
certificates, the 転出証明書 in juki): counter knows nothing of residents, so both use it.
The serial runs per day across the city and is taken under the day's row lock
(:func:`next_serial`), so it is unique per copy even when windows print at once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from .models import HakkoSerial, Terminal

__all__ = ["HakkoBango", "css_string", "hakko_bango_for", "next_serial"]

#: the serial's printed width (「011」); more copies in a day simply print more digits
SERIAL_WIDTH = 3


@dataclass(frozen=True)
class HakkoBango:
    """発行番号 (j1040): date, municipality, terminal, printer, serial (+ page/total)."""

    day: datetime.date
    municipality: str
    terminal: str
    printer: str
    serial: str

    def prefix(self) -> str:
        """The copy's number without the page: unique per copy."""
        parts = [self.day.strftime("%Y%m%d"), self.municipality, self.terminal, self.printer]
        return " ".join(p for p in [*parts, self.serial] if p)

    def sheet(self, page: int, total: int) -> str:
        """The number printed on one sheet: the prefix and 「page/total」."""
        return f"{self.prefix()} {page}/{total}"


def next_serial(day: datetime.date) -> int:
    """The next serial of ``day`` (1, 2, …), never handed out twice.

    The UPDATE takes the day's row lock until the caller's transaction ends, so a second
    print waits and reads the value after the first; a day's very first print creates
    the row (a racing creator loses on the unique day and takes the UPDATE path).
    """
    with transaction.atomic():
        for _ in range(3):
            if HakkoSerial.objects.filter(day=day).update(last_value=F("last_value") + 1):
                return int(
                    HakkoSerial.objects.filter(day=day).values_list("last_value", flat=True)[0]
                )
            try:
                with transaction.atomic():
                    HakkoSerial.objects.create(day=day, last_value=1)
                return 1
            except IntegrityError:
                continue
    raise RuntimeError("発行番号の連番を取得できませんでした。")  # pragma: no cover


def printer_of(terminal_code: str) -> str:
    """The terminal's printer name ("" for none or an unknown terminal)."""
    if not terminal_code:
        return ""
    return (
        Terminal.objects.filter(code=terminal_code).values_list("printer_name", flat=True).first()
        or ""
    )


def hakko_bango_for(
    terminal_code: str,
    *,
    day: datetime.date | None = None,
    printer: str | None = None,
    serial: str | None = None,
) -> HakkoBango:
    """A fresh 発行番号 of ``terminal_code`` (its printer unless given): the next serial
    of the day unless ``serial`` is given (a sample)."""
    day = day or timezone.localdate()
    if printer is None:
        printer = printer_of(terminal_code)
    if serial is None:
        serial = f"{next_serial(day):0{SERIAL_WIDTH}d}"
    return HakkoBango(day, settings.MUNICIPALITY_NAME, terminal_code, printer, serial)


def css_string(text: str) -> SafeString:
    """A quoted CSS string for an @page margin box (the 発行番号 line; never closes the
    <style>)."""
    escaped = "".join(f"\\{ord(ch):x} " if ch in '"\\<>&\n\r' else ch for ch in text)
    return mark_safe(f'"{escaped}"')  # noqa: S308 - every special character is escaped above
