"""The example of a 住所確認 (what juki/demo/examples.py holds for the kinds of juki)."""

from __future__ import annotations

from django.utils import timezone

from juki.demo import examples, residents


def example(persons: int) -> examples.Example:
    (person,) = residents.household(residents.TAKAHASHI[:1])
    entry = {"atena_bango": person.atena_bango, "kakunin_date": timezone.localdate().isoformat()}
    unknown = {**entry, "atena_bango": "9999999999"}
    return examples.Example(entry, unknown, "atena_bango", persons)
