"""counter.documents_fonts: WeasyPrint's per-PDF copy of a big font file is made once per
process; the PDFs are the same as before."""

from __future__ import annotations

from pathlib import Path

from counter import documents, documents_fonts

from .test_documents import pdffonts, pdftotext, squash


def test_the_mj_font_file_is_copied_once_and_every_pdf_still_embeds_it(tmp_path: Path) -> None:
    first = documents.render_pdf("documents/shomei_simple.html", _context("𠮷田　髙﨑"))
    kept = documents_fonts.cached_fonts()
    second = documents.render_pdf("documents/shomei_simple.html", _context("𠮷田　髙﨑"))
    assert kept >= 1  # IPAmj明朝 (46 MB) is kept …
    assert documents_fonts.cached_fonts() == kept  # … and not copied again
    for pdf in (first, second):
        assert "𠮷田髙﨑" in squash(pdftotext(pdf, tmp_path))
        fonts = pdffonts(pdf, tmp_path)
        assert any("IPAmj" in f["name"] and f["emb"] == "yes" for f in fonts), fonts


def _context(name: str) -> dict[str, object]:
    return {
        "form_name": "見本",
        "cells": [{"label": "氏名", "text": name, "size": 12}],
        "hakko_css": "",
        "ninshoubun": "",
    }
