"""BulkJSONField: PostgreSQL's bulk_create writes its JSON as VALUES rows, not UNNEST
arrays (those are escaped quote by quote in Python: 9 ms of a 4-person 承認)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from counter.fields import BulkJSONField
from counter.models import OutboxMessage
from juki.models import JuminRireki


def test_the_payload_and_history_fields_are_bulk_json() -> None:
    for model, name in (
        (OutboxMessage, "payload"),
        (JuminRireki, "snapshot"),
        (JuminRireki, "changed_fields"),
    ):
        assert isinstance(model._meta.get_field(name), BulkJSONField), (model, name)


@pytest.mark.pg_only
@pytest.mark.django_db
def test_bulk_create_of_payloads_uses_values_on_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("UNNEST is the PostgreSQL backend's bulk insert")
    now = timezone.now()
    rows = [
        OutboxMessage(
            destination="jukinet_cs",
            message_type="honnin_kakunin_koshin",
            payload={"shimei": f'髙橋 "{n}"', "persons": [{"a": "b"}]},
            idempotency_key=f"bulk-json-{n}",
            created_at=now,
            next_attempt_at=now,
        )
        for n in range(3)
    ]
    with CaptureQueriesContext(connection) as ctx:
        OutboxMessage.objects.bulk_create(rows)
    insert = next(q["sql"] for q in ctx.captured_queries if q["sql"].startswith("INSERT"))
    assert "UNNEST" not in insert
    stored = OutboxMessage.objects.filter(idempotency_key__startswith="bulk-json-")
    assert sorted(m.payload["shimei"] for m in stored) == [f'髙橋 "{n}"' for n in range(3)]
