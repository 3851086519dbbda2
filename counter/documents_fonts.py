"""One copy of each big font file per process, instead of one per printed PDF.

WeasyPrint 70 copies the WHOLE file of every font it uses into Python bytes each time it
writes a PDF (``weasyprint.pdf.fonts.Font.__init__`` → ``get_hb_object_data(face)``),
only to subset it with HarfBuzz a moment later. For IPAmj明朝 (46 MB) that copy costs
40–50 ms of every print, a quarter of a one-sheet certificate (bench/pdf.py).

:func:`install` wraps that one call: when the caller is ``Font.__init__`` and the file is
big, the bytes are kept per process, keyed by the HarfBuzz face (its address, index,
units per em and glyph count). Pango keeps one face per font file for the life of the
font map, and the thread's FontConfiguration (counter.documents._font_config) is never
dropped, so a face's address names one font file for the life of the process. Every
other use of the function (the subset WeasyPrint writes, colour glyphs) goes to
WeasyPrint untouched. The PDF is the same: the bytes are the file's, as before.
"""

from __future__ import annotations

import sys
import threading
from typing import Any

#: smaller files are copied as before (the cache is for the MJ font and its like)
MIN_BYTES = 8 * 1024 * 1024

_lock = threading.Lock()
_cache: dict[tuple[int, int, int, int], bytes] = {}
_installed = False


def install() -> None:
    """Wrap WeasyPrint's font-data reader once per process (idempotent)."""
    global _installed
    with _lock:
        if _installed:
            return
        from weasyprint.pdf import fonts
        from weasyprint.text.ffi import ffi, harfbuzz

        original = fonts.get_hb_object_data
        init_code = fonts.Font.__init__.__code__

        def face_key(hb_face: Any) -> tuple[int, int, int, int]:
            # The face itself (not its blob: Pango builds faces from tables, and asking
            # such a face for its blob would serialise the whole font again).
            return (
                int(ffi.cast("uintptr_t", hb_face)),
                int(harfbuzz.hb_face_get_index(hb_face)),
                int(harfbuzz.hb_face_get_upem(hb_face)),
                int(harfbuzz.hb_face_get_glyph_count(hb_face)),
            )

        def get_hb_object_data(hb_object: Any, ot_color: Any = None, glyph: Any = None) -> Any:
            if ot_color is not None or sys._getframe(1).f_code is not init_code:
                return original(hb_object, ot_color, glyph)
            key = face_key(hb_object)
            content = _cache.get(key)
            if content is None:
                content = original(hb_object)
                if content is not None and len(content) >= MIN_BYTES:
                    _cache[key] = content
            return content

        fonts.get_hb_object_data = get_hb_object_data
        _installed = True


def cached_fonts() -> int:
    """How many font files the process keeps (tests)."""
    return len(_cache)
