"""The 異動 kernel's typed entry and its plan machinery (every problem, once per request)."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any, ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.services import ProcedureRefused
from juki.ido.kernel import (
    Entry,
    EntryVersionError,
    PlanRefused,
    Problems,
    make_plan,
    plan_memo,
    planned,
)


@dataclasses.dataclass(frozen=True)
class Person(Entry):
    shi: str = ""
    seinengappi: datetime.date | None = None


@dataclasses.dataclass(frozen=True)
class SampleEntry(Entry):
    VERSION: ClassVar[int] = 2
    todoke_date: datetime.date | None = None
    atena_bangos: tuple[str, ...] = ()
    zokugara: dict[str, str] = dataclasses.field(default_factory=dict)
    persons: tuple[Person, ...] = ()
    tokurei: bool = False
    banchi: str = ""

    @classmethod
    def upgrade(cls, data: dict[str, Any], version: int) -> dict[str, Any]:
        assert version == 1
        data = dict(data)
        data["banchi"] = data.pop("chiban", "")
        return data


names = st.text(alphabet="髙𠮷塚アイ一二3-", max_size=8)
dates = st.one_of(st.none(), st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 1, 1)))
entries = st.builds(
    SampleEntry,
    todoke_date=dates,
    atena_bangos=st.lists(st.from_regex(r"[0-9]{10}", fullmatch=True), max_size=4).map(tuple),
    zokugara=st.dictionaries(st.from_regex(r"[0-9]{10}", fullmatch=True), names, max_size=3),
    persons=st.lists(st.builds(Person, shi=names, seinengappi=dates), max_size=3).map(tuple),
    tokurei=st.booleans(),
    banchi=names,
)


@given(entries)
def test_an_entry_survives_its_json(entry: SampleEntry) -> None:
    data = entry.to_json()
    assert data["v"] == 2
    assert SampleEntry.from_json(data) == entry


def test_an_older_entry_is_upgraded_and_an_unversioned_one_is_version_1() -> None:
    old = {"todoke_date": "2026-04-01", "chiban": "1番2号", "atena_bangos": ["0000000019"]}
    entry = SampleEntry.from_json(old)
    assert entry.banchi == "1番2号"
    assert entry.todoke_date == datetime.date(2026, 4, 1)
    assert entry.atena_bangos == ("0000000019",)


def test_an_entry_from_a_newer_release_is_refused_not_guessed() -> None:
    with pytest.raises(EntryVersionError, match="新しい版"):
        SampleEntry.from_json({"v": 3})


def test_a_plan_collects_every_problem_not_only_the_first() -> None:
    def build(problems: Problems) -> str:
        problems.require(False, "届出年月日を入力してください。", field="todoke_date")
        problems.require(True, "never")
        with problems.collecting():
            raise ProcedureRefused("番地を入力してください。", field="banchi")
        return "plan"

    with pytest.raises(PlanRefused) as refused:
        make_plan(build)
    assert [(p.field, p.message) for p in refused.value.problems] == [
        ("todoke_date", "届出年月日を入力してください。"),
        ("banchi", "番地を入力してください。"),
    ]
    assert refused.value.field == "todoke_date"


def test_stop_ends_the_plan_with_what_was_found() -> None:
    def build(problems: Problems) -> str:
        problems.add("一つ目")
        problems.stop("世帯が見つかりません。", field="atena_bango")

    with pytest.raises(PlanRefused) as refused:
        make_plan(build)
    assert [p.message for p in refused.value.problems] == ["一つ目", "世帯が見つかりません。"]


def test_a_plan_is_made_once_per_request_and_a_locked_one_serves_later_reads() -> None:
    calls: list[bool] = []

    def build(lock: bool) -> str:
        calls.append(lock)
        return f"plan{len(calls)}"

    entry = SampleEntry(banchi="1番")
    assert planned("k", entry, lambda: build(False)) == "plan1"  # no memo: each time
    assert planned("k", entry, lambda: build(False)) == "plan2"
    calls.clear()
    with plan_memo():
        assert planned("k", entry, lambda: build(False)) == "plan1"
        assert planned("k", entry, lambda: build(False)) == "plan1"
        assert planned("k", entry, lambda: build(True), lock=True) == "plan2"
        assert planned("k", entry, lambda: build(False)) == "plan2"
        # an equal entry is the same plan; another entry another one
        assert planned("k", SampleEntry(banchi="1番"), lambda: build(False)) == "plan2"
        assert planned("k", SampleEntry(banchi="2番"), lambda: build(False)) == "plan3"
    assert calls == [False, True, False]


def test_a_refusal_is_remembered_for_the_request() -> None:
    calls = 0

    def build() -> str:
        nonlocal calls
        calls += 1
        raise ProcedureRefused("だめです。")

    with plan_memo():
        for _ in range(2):
            with pytest.raises(ProcedureRefused):
                planned("k", SampleEntry(), build)
    assert calls == 1


@pytest.mark.django_db
def test_a_long_generated_ryuiji_is_kept_whole(clerk) -> None:
    """The 承認's 留意事項 (e.g. the 再転入 warnings of four persons) is text: never cut."""
    from counter.procedure_models import Procedure
    from juki.ido.kernel import Approval
    from juki.models import IdoJiyu, JuminRireki
    from juki.services import append_rireki

    from .factories import resident

    long = "同一人の可能性（除票の3情報が一致）。" * 40
    approval = Approval(procedure=Procedure(), acting_user=clerk, terminal=None)
    ctx = approval.context(IdoJiyu.TENNYU, ido_date=datetime.date(2026, 4, 1), ryuiji=long)
    assert ctx.ryuiji == long and len(long) > 400
    jumin = resident()
    row = append_rireki(jumin, ctx, [])
    assert JuminRireki.objects.get(pk=row.pk).ryuiji == long
