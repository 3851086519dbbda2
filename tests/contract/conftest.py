"""The contract tests' own kind (the one docs/adding-a-procedure.md builds), registered
before the tests are collected, as an app's AppConfig.ready() registers its kinds."""

from __future__ import annotations

from .example_kind import register

register()
