"""The フリガナ's 確認フラグ (標準仕様書 j180): 氏名, 旧氏 and 通称 each carry one, set or
cleared by a 職権修正 (a checkbox next to its フリガナ) and kept in the history at 承認; a
職権修正 that changes a フリガナ without ticking its flag leaves it unconfirmed."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from counter import services
from counter.procedure_kinds import get_kind
from counter.procedure_models import Procedure, ProcedureState
from juki.ido import shokken_shusei
from juki.ido.kernel import PlanRefused
from juki.ido.shokken_shusei import ShokkenShuseiEntry
from juki.models import IdoJiyu, Jumin

from ..conftest import login_as
from ..factories import foreign_person, register_household
from ..procedures import post_data
from ._shokken import (
    TODAY,
    enter_and_check,
    fresh,
    last_rireki,
    plan_of,
    problems_of,
    receive,
    run,
)

pytestmark = pytest.mark.django_db

FLAGS = ["furigana_kakunin", "kyuuji_kana_kakunin", "tsushou_kana_kakunin"]
LABELS = {
    "furigana_kakunin": "フリガナ確認済",
    "kyuuji_kana_kakunin": "旧氏フリガナ確認済",
    "tsushou_kana_kakunin": "通称フリガナ確認済",
}
#: a フリガナ and the flag that confirms it
KANA_FLAG = [
    ("shi_kana", "furigana_kakunin"),
    ("mei_kana", "furigana_kakunin"),
    ("kyuuji_kana", "kyuuji_kana_kakunin"),
    ("tsushou_kana", "tsushou_kana_kakunin"),
]
NEW_KANA = {
    "shi_kana": "タカバシ",
    "mei_kana": "ハナヨ",
    "kyuuji_kana": "サトオ",
    "tsushou_kana": "ハナミ",
}


#: whose フリガナ each flag is tried on (通称 only for a 外国人住民, 住基令第30条の25)
OWNER = {
    "furigana_kakunin": "tsuma",
    "kyuuji_kana_kakunin": "tsuma",
    "tsushou_kana_kakunin": "smith",
}


@pytest.fixture
def people(family: dict[str, Jumin]) -> dict[str, Jumin]:
    """髙橋 花子 (a 日本人, with a 旧氏 added below) and SMITH JOHN (with a 通称)."""
    (smith,) = register_household(foreign_person(tsushou="山田", tsushou_kana="ヤマダ"))
    return {"tsuma": family["tsuma"], "smith": smith}


def flagged(people: dict[str, Jumin], *, confirmed: bool) -> dict[str, Jumin]:
    """The people, 花子 with a 旧氏 and its フリガナ, every flag ``confirmed``."""
    Jumin.objects.filter(pk=people["tsuma"].pk).update(kyuuji="佐藤", kyuuji_kana="サトウ")
    Jumin.objects.filter(pk__in=[j.pk for j in people.values()]).update(
        **dict.fromkeys(FLAGS, confirmed)
    )
    return {k: fresh(j) for k, j in people.items()}


def shusei(j: Jumin, changes: dict[str, Any]) -> dict[str, Any]:
    return shokken_shusei.shokken_shusei_entry(
        atena_bango=j.atena_bango, riyu="戸籍により確認", changes=changes
    )


def review_rows(proc: Procedure) -> dict[str, Any]:
    return {r.label: r for b in get_kind("shokken_shusei").review(proc) for r in b.rows}


# --------------------------------------------------------------------------- set, clear


@pytest.mark.parametrize("flag", FLAGS)
def test_a_shokken_shusei_confirms_each_furigana_with_its_history(
    flag: str, people: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    j = flagged(people, confirmed=False)[OWNER[flag]]
    proc = enter_and_check("shokken_shusei", shusei(j, {flag: True}), contractor)
    row = review_rows(proc)[LABELS[flag]]
    assert (row.before, row.after) == ("未確認", "確認済")
    proc = services.do_approve(proc, acting_user=clerk, terminal=clerk.default_terminal)
    after = fresh(j)
    assert getattr(after, flag) is True
    assert [getattr(after, f) for f in FLAGS if f != flag] == [False, False]
    rireki = last_rireki(after)
    assert rireki.ido_jiyu == IdoJiyu.SHOKKEN_SHUSEI
    assert rireki.changed_fields == [flag]
    assert rireki.snapshot[flag] is True
    assert proc.result["changed"] == [flag]


@pytest.mark.parametrize("flag", FLAGS)
def test_a_shokken_shusei_unticks_a_flag(
    flag: str, people: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    j = flagged(people, confirmed=True)[OWNER[flag]]
    run("shokken_shusei", shusei(j, {flag: False}), contractor, clerk)
    after = fresh(j)
    assert getattr(after, flag) is False
    assert last_rireki(after).changed_fields == [flag]


def test_a_flag_is_ticked_only_over_a_furigana(family: dict[str, Jumin]) -> None:
    j = family["tsuma"]  # no 旧氏, no 通称 (nor their フリガナ)
    entry = shusei(j, {"kyuuji_kana_kakunin": True, "tsushou_kana_kakunin": True})
    with pytest.raises(PlanRefused) as refused:
        plan_of("shokken_shusei", entry)
    assert [f for f, _ in problems_of(refused.value)] == [
        "kyuuji_kana_kakunin",
        "tsushou_kana_kakunin",
    ]


# --------------------------------------------------------------------------- the rule


@pytest.mark.parametrize(("kana", "flag"), KANA_FLAG)
def test_a_changed_furigana_is_unconfirmed_unless_its_flag_is_ticked(
    kana: str, flag: str, people: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    j = flagged(people, confirmed=True)[OWNER[flag]]
    proc = enter_and_check("shokken_shusei", shusei(j, {kana: NEW_KANA[kana]}), contractor)
    row = review_rows(proc)[LABELS[flag]]
    assert (row.before, row.after) == ("確認済", "未確認")
    services.do_approve(proc, acting_user=clerk, terminal=clerk.default_terminal)
    after = fresh(j)
    assert getattr(after, kana) == NEW_KANA[kana]
    assert getattr(after, flag) is False
    assert [getattr(after, f) for f in FLAGS if f != flag] == [True, True]  # only its own
    assert set(last_rireki(after).changed_fields) == {kana, flag}


@pytest.mark.parametrize(("kana", "flag"), KANA_FLAG)
def test_a_changed_furigana_ticked_as_confirmed_stays_confirmed(
    kana: str, flag: str, people: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    j = flagged(people, confirmed=True)[OWNER[flag]]
    run("shokken_shusei", shusei(j, {kana: NEW_KANA[kana], flag: True}), contractor, clerk)
    after = fresh(j)
    assert getattr(after, kana) == NEW_KANA[kana] and getattr(after, flag) is True
    assert last_rireki(after).changed_fields == [kana]


def test_a_changed_furigana_confirmed_at_once_sets_an_unconfirmed_flag(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    j = flagged(family, confirmed=False)["tsuma"]
    changes = {"mei_kana": "ハナヨ", "furigana_kakunin": True}
    run("shokken_shusei", shusei(j, changes), contractor, clerk)
    after = fresh(j)
    assert after.mei_kana == "ハナヨ" and after.furigana_kakunin is True
    assert set(last_rireki(after).changed_fields) == {"mei_kana", "furigana_kakunin"}


def test_a_change_of_the_legal_furigana_leaves_the_search_furigana_flag(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    """The flag confirms the フリガナ (shi_kana/mei_kana), not the 氏名の振り仮名."""
    j = flagged(family, confirmed=True)["tsuma"]
    run("shokken_shusei", shusei(j, {"mei_furigana": "ハナコ"}), contractor, clerk)
    assert fresh(j).furigana_kakunin is True


# --------------------------------------------------------------------------- the entry JSON


def test_the_flags_are_booleans_in_the_entry_json(family: dict[str, Jumin]) -> None:
    j = family["tsuma"]
    entry = shusei(j, {"furigana_kakunin": True, "kyuuji_kana_kakunin": "false", "mei": "華子"})
    assert entry["changes"] == {
        "furigana_kakunin": True,
        "kyuuji_kana_kakunin": False,
        "mei": "華子",
    }
    again = ShokkenShuseiEntry.from_json(entry)
    assert again.changes["furigana_kakunin"] is True
    assert again.changes["kyuuji_kana_kakunin"] is False
    assert again.to_json() == entry


# --------------------------------------------------------------------------- the screen


def search_page(client: Any, contractor: Any, j: Jumin) -> tuple[Procedure, Any, str]:
    login_as(client, contractor)
    proc = receive(contractor, "shokken_shusei")
    response = client.post(
        reverse("counter:procedure_entry", args=[proc.pk]),
        {"atena_bango": j.atena_bango, "search": "1", "form_token": "search"},
    )
    assert response.status_code == 200
    return proc, response.context["form"], response.content.decode()


def save(client: Any, proc: Procedure, form: Any, **items: str | None) -> Procedure:
    """Post the loaded form as shown, with ``items`` typed (None: the box unticked)."""
    data = post_data(form, token=True)
    data.update(shusei_date=TODAY.isoformat(), riyu="戸籍により確認")
    for name, value in items.items():
        if value is None:
            data.pop(f"items-{name}", None)
        else:
            data[f"items-{name}"] = value
    response = client.post(reverse("counter:procedure_entry", args=[proc.pk]), data)
    assert response.status_code in (200, 302)
    return Procedure.objects.get(pk=proc.pk)


def test_the_checkboxes_stand_next_to_their_furigana(
    client: Any, contractor: Any, family: dict[str, Jumin]
) -> None:
    j = flagged(family, confirmed=False)["tsuma"]
    _proc, _form, page = search_page(client, contractor, j)
    names = re.findall(r'name="items-(\w+)"', page)
    for kana, flag in [("mei_kana", "furigana_kakunin"), *KANA_FLAG[2:]]:
        assert names[names.index(kana) + 1] == flag
        assert re.search(rf'type="checkbox" name="items-{flag}"', page)
    for label in LABELS.values():
        assert label in page


def test_the_web_flow_confirms_the_furigana_and_the_review_shows_it(
    client: Any, contractor: Any, clerk: Any, family: dict[str, Jumin]
) -> None:
    j = flagged(family, confirmed=False)["tsuma"]
    proc, form, _page = search_page(client, contractor, j)
    proc = save(client, proc, form, furigana_kakunin="on")
    assert proc.state == ProcedureState.KARI_TOUROKU
    assert proc.entry["changes"] == {"furigana_kakunin": True}
    proc = services.do_check(
        proc, acting_user=contractor, terminal=contractor.default_terminal, all_ticked=True
    )
    login_as(client, clerk)
    review = client.get(reverse("counter:review_detail", args=[proc.pk])).content.decode()
    assert re.search(r"フリガナ確認済.*未確認.*確認済", review, re.S)
    services.do_approve(proc, acting_user=clerk, terminal=clerk.default_terminal)
    after = fresh(j)
    assert (after.furigana_kakunin, after.kyuuji_kana_kakunin) == (True, False)
    assert last_rireki(after).changed_fields == ["furigana_kakunin"]
    login_as(client, contractor)
    page = client.get(f"/juki/residents/{j.atena_bango}/").content.decode()
    assert "（旧氏フリガナ未確認）" in page and "（フリガナ未確認）" not in page


@pytest.mark.parametrize(("ticked", "confirmed"), [("on", True), (None, False)])
def test_the_web_form_records_a_changed_furigana_as_its_box_is_left(
    ticked: str | None, confirmed: bool, client: Any, contractor: Any, family: dict[str, Jumin]
) -> None:
    """Left ticked over a changed フリガナ, the box confirms the new one; unticked, the
    new one is unconfirmed."""
    j = flagged(family, confirmed=True)["tsuma"]
    proc, form, _page = search_page(client, contractor, j)
    proc = save(client, proc, form, mei_kana="ハナヨ", furigana_kakunin=ticked)
    assert proc.entry["changes"] == {"mei_kana": "ハナヨ", "furigana_kakunin": confirmed}
    plan = plan_of("shokken_shusei", proc.entry)
    assert plan.changes == (
        {"mei_kana": "ハナヨ"} if confirmed else {"mei_kana": "ハナヨ", "furigana_kakunin": False}
    )


def test_a_stored_entry_shows_a_changed_furigana_unticked(
    contractor: Any, family: dict[str, Jumin]
) -> None:
    """Reopened, an entry that changes a フリガナ without its flag shows the box unticked
    (as the 承認 will record it), so posting it again gives the same entry."""
    j = flagged(family, confirmed=True)["tsuma"]
    proc = receive(contractor, "shokken_shusei")
    proc.entry = shusei(j, {"mei_kana": "ハナヨ"})
    form = get_kind("shokken_shusei").entry_form(proc, None)
    assert form.items["mei_kana"].value() == "ハナヨ"
    assert form.items["furigana_kakunin"].value() is False
    assert form.items["kyuuji_kana_kakunin"].value() is True


def test_a_stored_entry_reads_flags_as_booleans_and_other_items_as_text(
    family: dict[str, Jumin],
) -> None:
    """Whatever JSON the entry holds, a flag is a boolean and every other item text."""
    j = flagged(family, confirmed=False)["tsuma"]
    entry = shusei(j, {"mei": "華子"})
    entry["changes"].update(furigana_kakunin="true", kyuuji_kana_kakunin=None, mei_kana=1)
    plan = plan_of("shokken_shusei", entry)
    assert plan.changes == {"mei": "華子", "mei_kana": "1", "furigana_kakunin": True}
