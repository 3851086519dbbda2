"""gunicorn settings for every web process: `gunicorn -c python:config.gunicorn_conf …`.

gunicorn writes `Server: gunicorn` on every response by itself, and no WSGI middleware
can remove it: naming the server software (and inviting a look-up of its known flaws)
tells a caller nothing it needs, so the header is dropped where gunicorn writes it.
"""

from __future__ import annotations

from gunicorn.http import wsgi

_default_headers = wsgi.Response.default_headers


def _without_server(self: wsgi.Response) -> list[str]:
    return [h for h in _default_headers(self) if not h.lower().startswith("server:")]


wsgi.Response.default_headers = _without_server
