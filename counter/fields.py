"""Model fields the apps share."""

from __future__ import annotations

from typing import Any

from django.db import models


class BulkJSONField(models.JSONField):
    """A JSONField that PostgreSQL's ``bulk_create`` inserts as rows of VALUES.

    Django 5.2 bulk-inserts through ``UNNEST(%s::jsonb[])``; with psycopg's client-side
    binding (Django's default) the array is written out in Python, every quote of every
    JSON text escaped by a regular expression. For the outbox's dozen payloads of one
    承認 that alone took about 9 ms (bench/approve.py); as VALUES, libpq quotes each
    text instead. Declaring a placeholder is what makes Django keep VALUES.
    """

    def get_placeholder(self, value: Any, compiler: Any, connection: Any) -> str:
        return "%s"
