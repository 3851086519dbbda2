"""職権修正 (shokken_shusei) through the procedure machine: 受付 → 仮登録 → 照合 (contractor) → 承認
(clerk); the register, its history, the outbox and the reactions are checked afterwards."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from counter import services
from counter.procedure_kinds import get_kind
from counter.services import ProcedureRefused
from juki.ido import shokken_shusei
from juki.ido.kernel import PlanRefused
from juki.manifest import IDO
from juki.models import IdoJiyu, Jumin
from juki.search import Conditions, search_residents

from ..conftest import login_as
from ..factories import foreign_person, register_household
from ._shokken import (
    TODAY,
    assert_entry_screen,
    enter_and_check,
    fresh,
    last_rireki,
    messages,
    plan_of,
    problems_of,
    receive,
    run,
)


def test_the_kind_is_registered_and_its_screen_renders(client: Any, contractor: Any) -> None:
    kind = get_kind("shokken_shusei")
    assert kind.label == "職権修正"
    assert kind.category == IDO
    assert_entry_screen(
        client, contractor, "shokken_shusei", ["宛名番号（修正する方）", "修正の理由"]
    )


# --------------------------------------------------------------------------- 職権修正


def test_shokken_shusei_changes_a_name_and_the_search_finds_it(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    tsuma = family["tsuma"]
    form_data = {
        "atena_bango": tsuma.atena_bango,
        "loaded": tsuma.atena_bango,
        "shusei_date": TODAY.isoformat(),
        "riyu": "戸籍の記載との相違（戸籍法第24条第4項通知）",
    }
    # first post: the items are loaded from the register
    first = shokken_shusei.ShokkenShuseiForm({"atena_bango": tsuma.atena_bango, "search": "1"})
    assert not first.is_valid()
    assert first.items is not None and first.reloaded
    assert first.items["mei"].value() == "花子"
    # then the clerk edits 名 and its フリガナ; the other items post back unchanged
    items = {
        f"items-{name}": (first.items[name].value() or "")
        for name in first.items.fields
        if not first.items.fields[name].disabled
    }
    items["items-seinengappi"] = "昭和55年2月3日"
    items["items-mei"] = "華子"
    items["items-mei_kana"] = "はなよ"
    form = shokken_shusei.ShokkenShuseiForm({**form_data, **items})
    assert form.is_valid(), (form.errors, form.items.errors if form.items else None)
    entry = get_kind("shokken_shusei").clean_entry(form)
    assert entry["changes"] == {"mei": "華子", "mei_kana": "ハナヨ"}

    proc = run("shokken_shusei", entry, contractor, clerk)
    tsuma = fresh(tsuma)
    assert tsuma.mei == "華子" and tsuma.mei_kana == "ハナヨ"
    found = list(search_residents(Conditions(shimei="タカハシ　ハナヨ")))
    assert [j.pk for j in found] == [tsuma.pk]
    assert not list(search_residents(Conditions(shimei="タカハシ　ハナコ")))
    row = last_rireki(tsuma)
    assert row.ido_jiyu == IdoJiyu.SHOKKEN_SHUSEI
    assert row.ryuiji == "戸籍の記載との相違（戸籍法第24条第4項通知）"
    assert set(row.changed_fields) == {"mei", "mei_kana"}
    assert ("jukinet_cs", "honnin_kakunin_koshin") in messages(proc)
    assert proc.result["changed"] == ["mei", "mei_kana"]


def test_shokken_shusei_of_the_head_names_them_on_every_member(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    nushi, taro = family["nushi"], family["taro"]
    entry = shokken_shusei.shokken_shusei_entry(
        atena_bango=nushi.atena_bango,
        riyu="入力誤り",
        changes={"shi": "高橋", "seinengappi": "昭和50年月日不詳"},
    )
    assert entry["setai_bango"] == nushi.setai.setai_bango
    proc = enter_and_check("shokken_shusei", entry, contractor)
    rows = {r.label: r for b in get_kind("shokken_shusei").review(proc) for r in b.rows}
    assert rows["氏"].before == "髙橋" and rows["氏"].after == "高橋"
    assert rows["生年月日（表記）"].after == "昭和50年月日不詳"
    proc = services.do_approve(proc, acting_user=clerk, terminal=clerk.default_terminal)
    nushi = fresh(nushi)
    assert nushi.shi == "高橋" and nushi.seinengappi_hyoki == "昭和50年月日不詳"
    assert nushi.seinengappi == datetime.date(1975, 1, 1)
    row = last_rireki(taro)
    assert row.ido_jiyu == IdoJiyu.SHOKKEN_SHUSEI
    assert row.snapshot["setai_nushi_name"] == "高橋　一郎"


def test_shokken_shusei_needs_a_reason_and_a_change(family: dict[str, Jumin]) -> None:
    tsuma = family["tsuma"]
    with pytest.raises(ProcedureRefused, match="理由"):
        plan_of(
            "shokken_shusei",
            shokken_shusei.shokken_shusei_entry(
                atena_bango=tsuma.atena_bango, riyu="", changes={"mei": "x"}
            ),
        )
    with pytest.raises(ProcedureRefused, match="修正する項目がありません"):
        plan_of(
            "shokken_shusei",
            shokken_shusei.shokken_shusei_entry(
                atena_bango=tsuma.atena_bango, riyu="誤り", changes={"mei": "花子"}
            ),
        )
    with pytest.raises(ProcedureRefused, match="世帯変更"):
        plan_of(
            "shokken_shusei",
            shokken_shusei.shokken_shusei_entry(
                atena_bango=tsuma.atena_bango, riyu="誤り", changes={"zokugara": "世帯主"}
            ),
        )


# --------------------------------------------------------------------------- screen


def test_the_shusei_screen_prefills_the_items(
    client: Any, contractor: Any, family: dict[str, Jumin]
) -> None:
    tsuma = family["tsuma"]
    login_as(client, contractor)
    proc = receive(contractor, "shokken_shusei")
    url = reverse("counter:procedure_entry", args=[proc.pk])
    page = client.post(
        url, {"atena_bango": tsuma.atena_bango, "search": "1", "form_token": "t1"}
    ).content.decode()
    assert 'value="花子"' in page
    assert 'value="昭和55年2月3日"' in page


def test_every_problem_is_reported_at_once_on_its_field(family: dict[str, Jumin]) -> None:
    """No reason, a 「世帯主」 by 職権修正 and a blank 氏: all three."""
    tsuma = family["tsuma"]
    entry = shokken_shusei.shokken_shusei_entry(
        atena_bango=tsuma.atena_bango, riyu="", changes={"zokugara": "世帯主", "shi": ""}
    )
    with pytest.raises(PlanRefused) as refused:
        plan_of("shokken_shusei", entry)
    assert [f for f, _ in problems_of(refused.value)] == ["riyu", "zokugara", "shi"]


# ---------------------------------------------------------- 法務大臣への通知 (第30条の50)


def test_correcting_a_foreign_residents_card_number_notifies_nyukan(
    contractor: Any, clerk: Any
) -> None:
    """住基法第30条の50: the 記載の修正 of a 外国人住民's items goes to 法務大臣."""
    (smith,) = register_household(foreign_person())
    entry = shokken_shusei.shokken_shusei_entry(
        atena_bango=smith.atena_bango,
        riyu="在留カードの更新（入管通知）",
        changes={"zairyu_card_bango": "CD87654321EF"},
    )
    proc = run("shokken_shusei", entry, contractor, clerk)
    assert ("nyukan", "shichoson_tsuchi") in messages(proc)


def test_correcting_a_japanese_residents_name_does_not_notify_nyukan(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    entry = shokken_shusei.shokken_shusei_entry(
        atena_bango=family["tsuma"].atena_bango, riyu="入力誤り", changes={"mei": "華子"}
    )
    proc = run("shokken_shusei", entry, contractor, clerk)
    assert ("jukinet_cs", "honnin_kakunin_koshin") in messages(proc)
    assert not any(dest == "nyukan" for dest, _ in messages(proc))
