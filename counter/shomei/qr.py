"""The QR code of a printed copy: a SIGNED token for the verify page.

The token names the copy by its day and serial (unique: counter.hakko_bango), signed
with the site's SECRET_KEY and a salt of its own (django.core.signing): it cannot be
made from a 発行番号 nor forged by changing a digit, where a bare random id would let
anyone who guessed one read the record and would say nothing when altered. It carries
no personal data.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

#: the salt of the verify tokens (a token of another use never passes as one); named
#: after the module's first home, so the codes printed before the move still verify
SALT = "certificates.printing.verify"


class BadToken(ValueError):
    """A token that was altered, or is not one of ours."""


def token_for(day: datetime.date, serial: int) -> str:
    """「20261203-11:…」: the copy's day and serial, signed."""
    return signing.Signer(salt=SALT).sign(f"{day:%Y%m%d}-{serial}")


def key_of(token: str) -> tuple[datetime.date, int]:
    """The day and serial a token names; :class:`BadToken` when it was altered or is
    not ours."""
    try:
        value = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature as exc:
        raise BadToken(token) from exc
    day, _, serial = value.partition("-")
    try:
        return datetime.datetime.strptime(day, "%Y%m%d").date(), int(serial)  # noqa: DTZ007
    except ValueError as exc:
        raise BadToken(token) from exc


def verify_url(token: str) -> str:
    """The absolute URL the QR code holds (the app's verify page)."""
    path = reverse("hakko:verify", kwargs={"token": token})
    return str(settings.PUBLIC_BASE_URL).rstrip("/") + path


def qr_data_uri(url: str) -> str:
    """The QR code of ``url`` as a PNG data URI (error level M; drawn in process).

    A PNG, not an SVG: WeasyPrint lays an SVG path out per print (~40 ms for a QR code)
    and decodes a small PNG in under a millisecond. The mask is fixed (any of the eight
    is valid, ISO/IEC 18004 §7.8) so segno does not score all eight per print."""
    import segno

    code = segno.make_qr(url, error="m", mask=QR_MASK, boost_error=False)
    return str(code.png_data_uri(scale=4, border=2))


#: the QR mask pattern used for every code (see qr_data_uri)
QR_MASK = 2
