"""Fixtures of the tests under tests/ido/ (the households of the 職権 kinds' tests)."""

from ._shokken import couple, family  # noqa: F401  (fixtures)
