"""The plan of a 照会: every rule of an application (a 代理人 may apply: 照会 is how)."""

from __future__ import annotations

from seal import kernel

from .entry import ShoukaiEntry


def plan(entry: ShoukaiEntry, *, lock: bool = False) -> kernel.ApplicationPlan:
    def build(problems: kernel.Problems) -> kernel.ApplicationPlan:
        found = kernel.check_application(problems, entry, lock=lock)
        problems.raise_if_any()
        assert found is not None
        return found

    return kernel.make_plan(build)
