"""Printed documents: a Django template rendered to a PDF by WeasyPrint.

Generic: it knows nothing of residents. Forms extend ``documents/base.html`` (A4, the
Japanese fonts, tables, a page footer with 「n / N」 and an issue line) and are rendered
by :func:`render_pdf`.

Closed network: nothing is ever fetched over the network. ``/static/...`` URLs (a seal
image, a stylesheet) are read through Django's staticfiles finders, ``data:`` URLs are
decoded in process, and every other URL is refused. A refused or missing asset stops the
render with :class:`DocumentAssetError` rather than printing a form without its seal.

Apps declare their demonstration forms for ``manage.py sample_forms`` in their manifest
(counter.registry; counter is the lowest app, so it never imports them):

- ``sample_forms()`` — ``SampleForm(name, build)``: the Japanese form name (the file
  name) and a builder returning the PDF bytes;
- ``sample_data()`` — providers that make sure the database holds enough demo data for
  the builders (the command runs them inside a transaction it rolls back).
"""

from __future__ import annotations

import mimetypes
import re
import threading
import zlib
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from . import registry

__all__ = [
    "BASE_URL",
    "DocumentAssetError",
    "page_count",
    "register_sample_data",
    "register_sample_form",
    "render_pdf",
    "sample_data_providers",
    "sample_form_builders",
]

#: The base URL a document's relative and root-relative URLs resolve against. The
#: ``.invalid`` host can never be reached (RFC 2606): the fetcher answers in process.
BASE_URL = "http://documents.invalid/"


class DocumentAssetError(RuntimeError):
    """A document referred to an asset that is missing or not allowed (closed network)."""


# --------------------------------------------------------------------------- url fetcher


def _static_prefix() -> str:
    """The path part of STATIC_URL, e.g. ``/static/`` (also when STATIC_URL is absolute)."""
    path = urlsplit(str(settings.STATIC_URL or "/static/")).path or "/static/"
    return path if path.endswith("/") else path + "/"


def _find_static(url: str) -> str:
    """The file system path of a ``/static/...`` URL, through the staticfiles finders."""
    parts = urlsplit(url)
    prefix = _static_prefix()
    if not parts.path.startswith(prefix):
        raise DocumentAssetError(f"文書から参照できない URL です（閉域網）: {url}")
    relative = unquote(parts.path[len(prefix) :])
    if not relative or ".." in relative.split("/"):
        raise DocumentAssetError(f"文書から参照できない URL です: {url}")
    found = finders.find(relative)
    if isinstance(found, list):  # find(all=True) shape; not asked for, but typed so
        found = found[0] if found else None
    if not found:
        raise DocumentAssetError(f"静的ファイルが見つかりません: {relative}")
    return str(found)


def _make_url_fetcher() -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        """Serves ``/static/...`` from the finders and ``data:`` in process; refuses the rest."""

        def __init__(self) -> None:
            # fail_on_errors: a missing seal must stop the print, not vanish with a warning.
            super().__init__(allowed_protocols=("http", "https", "data"), fail_on_errors=True)

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or parts.netloc != urlsplit(BASE_URL).netloc:
                # Another host, a file: URL …: never leave the process.
                raise DocumentAssetError(f"文書から参照できない URL です（閉域網）: {url}")
            path = _find_static(url)
            with open(path, "rb") as f:
                body = f.read()
            content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": content_type})

    return StaticFilesFetcher()


# --------------------------------------------------------------------------- rendering

_local = threading.local()


def _font_config() -> Any:
    """One FontConfiguration per thread (Pango font maps are not thread-safe).

    Reusing it keeps the fontconfig setup and the loaded faces between renders; forms use
    installed fonts only (no @font-face), so nothing accumulates in it.
    """
    config = getattr(_local, "font_config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        from .documents_fonts import install

        install()  # one copy of a big font file per process, not per PDF

        config = _local.font_config = FontConfiguration()
    return config


def render_pdf(
    template_name: str, context: dict[str, Any], *, base_url: str | None = None
) -> bytes:
    """Render ``template_name`` (extending ``documents/base.html``) to PDF bytes.

    ``base_url`` defaults to :data:`BASE_URL`, so ``/static/seal.png`` and relative URLs
    resolve to the staticfiles finders. Raises :class:`DocumentAssetError` when the
    document refers to an asset it may not or cannot load.
    """
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    html = render_to_string(template_name, context)
    document = HTML(string=html, base_url=base_url or BASE_URL, url_fetcher=_make_url_fetcher())
    try:
        pdf = document.write_pdf(font_config=_font_config())
    except FatalURLFetchingError as exc:  # a BaseException: turn it into an ordinary error
        cause = exc.__cause__
        if isinstance(cause, DocumentAssetError):
            raise DocumentAssetError(str(cause)) from cause
        raise DocumentAssetError(str(exc)) from cause
    assert isinstance(pdf, bytes)
    return pdf


# --------------------------------------------------------------------------- page count

_OBJ_RE = re.compile(rb"\d+\s+\d+\s+obj\b")
_PAGE_RE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_OBJSTM_RE = re.compile(rb"/Type\s*/ObjStm(?![A-Za-z])")
_FLATE_RE = re.compile(rb"/Filter\s*(?:\[\s*)?/FlateDecode")


def _object_streams(pdf: bytes) -> Iterator[bytes]:
    """The decompressed bodies of the PDF's object streams (/Type /ObjStm).

    Walks the objects in file order: for each ``n g obj`` that has a stream before its
    ``endobj``, the stream's dictionary is the text between ``obj`` and ``stream``; the
    scan then resumes after ``endstream`` so binary data is never read as objects.
    """
    pos = 0
    while match := _OBJ_RE.search(pdf, pos):
        start = match.end()
        end_obj = pdf.find(b"endobj", start)
        if end_obj < 0:
            return
        stream_kw = pdf.find(b"stream", start, end_obj)
        if stream_kw < 0:
            pos = end_obj + 6
            continue
        head = pdf[start:stream_kw]
        data_start = stream_kw + 6
        if pdf[data_start : data_start + 2] == b"\r\n":
            data_start += 2
        elif pdf[data_start : data_start + 1] in (b"\n", b"\r"):
            data_start += 1
        end_stream = pdf.find(b"endstream", data_start)
        if end_stream < 0:
            return
        pos = end_stream + 9
        if not _OBJSTM_RE.search(head):
            continue
        data = pdf[data_start:end_stream]
        if _FLATE_RE.search(head):
            try:
                data = zlib.decompressobj().decompress(data)
            except zlib.error:
                continue
        yield data


def page_count(pdf: bytes) -> int:
    """The number of pages of a PDF (made by WeasyPrint), without a subprocess.

    Counts the page objects (``/Type /Page``, not ``/Pages``), both in the file body and
    inside compressed object streams, where WeasyPrint (pydyf) puts them.
    """
    if not pdf.startswith(b"%PDF-"):
        raise ValueError("PDF ではありません。")
    count = len(_PAGE_RE.findall(pdf))
    for body in _object_streams(pdf):
        count += len(_PAGE_RE.findall(body))
    return count


# --------------------------------------------------------------------------- sample forms
# Declared in each app's manifest (``sample_forms()`` / ``sample_data()``, see
# counter.registry); these functions read them and let tests add more.


def register_sample_form(name: str, builder: Callable[[], bytes]) -> None:
    """Register a demonstration form explicitly (tests; apps use their manifest).

    ``name`` is the Japanese form name, used as the file name (``<name>.pdf``).
    """
    registry.register_sample_form(registry.SampleForm(name, builder))


def sample_form_builders() -> dict[str, Callable[[], bytes]]:
    """The declared builders, by form name (a copy)."""
    return registry.sample_forms()


def register_sample_data(provider: Callable[[], None]) -> None:
    """Register a provider that seeds demo data when the database lacks it (tests)."""
    registry.register_sample_data(provider)


def sample_data_providers() -> list[Callable[[], None]]:
    """The declared sample-data providers, in declaration order (a copy)."""
    return registry.sample_data()
