"""採番: 宛名番号 and 世帯番号 taken from named sequences, several at once in one statement."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jputil.numbers import with_check_digit
from juki.models import NumberSequence
from juki.services import NUMBER_WIDTH, SEQ_ATENA, SEQ_SETAI, new_numbers, take_numbers

pytestmark = pytest.mark.django_db


def test_a_sequence_starts_at_one_on_first_use_and_goes_on() -> None:
    assert not NumberSequence.objects.exists()
    assert take_numbers({"shiken": 3}) == {"shiken": 1}
    assert take_numbers({"shiken": 2}) == {"shiken": 4}
    assert NumberSequence.objects.get(name="shiken").last_value == 5


def test_two_sequences_in_one_statement_once_they_exist() -> None:
    take_numbers({SEQ_ATENA: 1, SEQ_SETAI: 1})
    with CaptureQueriesContext(connection) as ctx:
        atena, setai = new_numbers(atena=4, setai=1)
    assert len(ctx.captured_queries) == 1
    assert atena == [with_check_digit(n, NUMBER_WIDTH) for n in range(2, 6)]
    assert setai == [with_check_digit(2, NUMBER_WIDTH)]


def test_nothing_wanted_touches_nothing() -> None:
    with CaptureQueriesContext(connection) as ctx:
        assert new_numbers() == ([], [])
        assert take_numbers({SEQ_ATENA: 0}) == {}
    assert ctx.captured_queries == []
