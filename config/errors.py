"""Error pages in Japanese, served without touching the database."""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

#: how long a client (or a monitor) should wait before asking again while the database
#: is away: PostgreSQL restarts in seconds
RETRY_AFTER_SECONDS = 30


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    body = render_to_string("403.html", {"reason": "この操作を行う権限がありません。"}, request)
    return HttpResponse(body, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return HttpResponse(render_to_string("404.html", {}, request), status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500, or 503 with Retry-After when the database is unreachable: an outage is not a
    defect, and monitoring must tell them apart. The 503 page does not claim that nothing
    was saved: the database may have gone after a commit, before the response."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(render_to_string("503.html", {}), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse(render_to_string("500.html", {}), status=500)
