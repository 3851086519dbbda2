"""人口統計 tables as CSV for batch use (``manage.py jinko``): UTF-8, a comment-free
header line per table, figures as bare integers, dates ISO (a machine reads them)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from .tables import Hyo


def hyo_csv(tables: Sequence[Hyo], *, titled: bool = False) -> str:
    """The tables one after another; ``titled`` puts each one's title on a line of its
    own before its header, with an empty line between tables."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for i, hyo in enumerate(tables):
        if titled:
            if i:
                writer.writerow([])
            writer.writerow([hyo.title])
        writer.writerow(hyo.header)
        writer.writerows(hyo.rows)
    return out.getvalue()
