"""Filled in by the work on this kind: registers nothing yet."""
