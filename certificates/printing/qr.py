"""The QR code of a printed copy: a SIGNED token for the verify page.

The token is the copy's record id signed with the site's SECRET_KEY and a salt of its
own (django.core.signing), so it cannot be guessed from a 発行番号 nor forged by changing
a digit; a bare random id would let anyone who guessed one read the record, and says
nothing when altered. It carries no personal data.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

#: the salt of the verify tokens (a token of another use never passes as one)
SALT = "certificates.printing.verify"


class BadToken(ValueError):
    """A token that was altered, or is not one of ours."""


def token_for(kiroku_id: int) -> str:
    return signing.Signer(salt=SALT).sign(str(kiroku_id))


def kiroku_id_of(token: str) -> int:
    """The record id of a token; :class:`BadToken` when it was altered or is not ours."""
    try:
        value = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature as exc:
        raise BadToken(token) from exc
    if not value.isdigit():
        raise BadToken(token)
    return int(value)


def verify_url(token: str) -> str:
    """The absolute URL the QR code holds (the app's verify page)."""
    path = reverse("hakko:verify", kwargs={"token": token})
    return str(settings.PUBLIC_BASE_URL).rstrip("/") + path


def qr_data_uri(url: str) -> str:
    """The QR code of ``url`` as an SVG data URI (error level M; drawn in process)."""
    import segno

    return str(segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=2))
