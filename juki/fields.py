"""Model fields of the register."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper


class SearchKeyField(models.CharField):
    """A folded search key, compared and ordered by code point on every database.

    On PostgreSQL the column gets COLLATE "C", so a plain B-tree index serves both a
    prefix (as a range: key >= p AND key < p⁺) and ORDER BY key, and a search for a
    common surname reads only the first page from the index instead of sorting every
    match. SQLite compares text in binary order already. The collation is chosen per
    connection, so migrations stay database-neutral (docs/adr/0005).
    """

    def db_parameters(self, connection: BaseDatabaseWrapper) -> dict[str, Any]:
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params
