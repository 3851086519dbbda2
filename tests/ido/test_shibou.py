"""死亡 (shibou) through the procedure machine: 受付 → 仮登録 → 照合 (contractor) → 承認
(clerk); the register, its history, the outbox and the reactions are checked afterwards."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from counter import services
from counter.models import OutboxMessage
from counter.procedure_kinds import get_kind
from counter.procedure_models import Procedure
from counter.services import ProcedureRefused
from juki import reactions
from juki.ido import shibou
from juki.manifest import IDO
from juki.models import (
    IdoJiyu,
    Jumin,
    JuminRireki,
    JuminStatus,
    ShojoJiyu,
)
from seal.models import HaishiReason, InkanStatus, InkanToroku

from ..conftest import login_as
from ._shokken import (
    TODAY,
    S,
    assert_entry_screen,
    enter_and_check,
    fresh,
    last_rireki,
    messages,
    plan_of,
    receive,
    run,
)


def test_the_kind_is_registered_and_its_screen_renders(client: Any, contractor: Any) -> None:
    kind = get_kind("shibou")
    assert kind.label == "死亡"
    assert kind.category == IDO
    assert_entry_screen(client, contractor, "shibou", ["宛名番号", "死亡年月日", "届出年月日"])


# --------------------------------------------------------------------------- 死亡


def test_shibou_of_a_member_ends_the_seal_registration(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    tsuma, nushi = family["tsuma"], family["nushi"]
    mine = InkanToroku.objects.create(jumin=tsuma, toroku_date=datetime.date(2020, 1, 1))
    other = InkanToroku.objects.create(jumin=nushi, toroku_date=datetime.date(2020, 1, 1))
    day = TODAY - datetime.timedelta(days=2)
    proc = run(
        "shibou",
        shibou.shibou_entry(atena_bango=tsuma.atena_bango, shibou_date=day),
        contractor,
        clerk,
    )
    tsuma = fresh(tsuma)
    assert tsuma.status == JuminStatus.JOHYO
    assert tsuma.shojo_jiyu == ShojoJiyu.SHIBOU
    assert tsuma.shojo_date == day
    row = last_rireki(tsuma)
    assert row.ido_jiyu == IdoJiyu.SHIBOU and row.ido_date == day and row.todoke_date == TODAY
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.status == InkanStatus.HAISHI
    assert mine.haishi_reason == HaishiReason.SHIBOU
    assert mine.haishi_date == day
    assert other.status == InkanStatus.TOROKU
    # the household keeps its head; nobody else got history
    assert fresh(nushi).setai.setai_nushi_id == nushi.pk
    assert JuminRireki.objects.count() == 4
    sent = messages(proc)
    assert ("jukinet_cs", "honnin_kakunin_koshin") in sent
    assert ("honsekichi", "fuhyo_tsuchi") in sent
    assert ("takka_zei", "jumin_ido") in sent
    assert {r.subject for r in proc.reservations.all()} == {
        f"jumin:{tsuma.atena_bango}",
        f"setai:{tsuma.setai.setai_bango}",
    }


def test_shibou_of_the_head_with_two_remaining_may_choose_a_new_head(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    """j490 (was: a new head was required; ADR 0020): the entry without one is planned
    with the alert, and the same 届 may still name one (here after a 差戻し)."""
    nushi, tsuma, taro = family["nushi"], family["tsuma"], family["taro"]
    entry = shibou.shibou_entry(atena_bango=nushi.atena_bango, shibou_date=TODAY)
    assert plan_of("shibou", entry).leave.headless
    proc = enter_and_check("shibou", entry, contractor)
    assert any("新しい世帯主は選ばれていません" in f and "j500" in f for f in proc.flags)
    assert fresh(nushi).status == JuminStatus.LIVE

    # each remaining member's 続柄 must be entered again
    missing = shibou.shibou_entry(
        atena_bango=nushi.atena_bango, shibou_date=TODAY, new_setai_nushi=tsuma.atena_bango
    )
    with pytest.raises(ProcedureRefused, match="太郎"):
        plan_of("shibou", missing)

    # the form shows the household's fields; a 続柄 needs the new head chosen
    form = shibou.ShibouForm(
        {
            "atena_bango": nushi.atena_bango,
            "todoke_date": TODAY.isoformat(),
            "shibou_date": TODAY.isoformat(),
            f"zokugara_{taro.atena_bango}": "子",
        }
    )
    assert not form.is_valid()
    assert "新しい世帯主を選んだときだけ" in str(form.errors[f"zokugara_{taro.atena_bango}"])
    assert f"zokugara_{taro.atena_bango}" in form.fields

    done = shibou.shibou_entry(
        atena_bango=nushi.atena_bango,
        shibou_date=TODAY,
        new_setai_nushi=tsuma.atena_bango,
        zokugara_changes={taro.atena_bango: "子"},
    )
    # 差戻し, and the window enters the household's new head and 続柄
    proc = services.do_return(
        proc, acting_user=clerk, terminal=None, reason="世帯主を選んでください"
    )
    proc = services.do_enter(proc, done, acting_user=contractor, terminal=None)
    proc = services.do_check(proc, acting_user=contractor, terminal=None, all_ticked=True)
    proc = services.do_approve(proc, acting_user=clerk, terminal=clerk.default_terminal)
    assert fresh(nushi).status == JuminStatus.JOHYO
    tsuma, taro = fresh(tsuma), fresh(taro)
    assert tsuma.setai.setai_nushi_id == tsuma.pk
    assert tsuma.zokugara == "世帯主" and taro.zokugara == "子"
    assert proc.result["setai_nushi_changed"] is True
    assert proc.result["shokken_setai_nushi"] is False
    for m in (tsuma, taro):
        row = last_rireki(m)
        assert row.ido_jiyu == IdoJiyu.SETAI_HENKOU
        assert row.ryuiji == shibou.SHIBOU_NUSHI_RYUIJI
        assert row.snapshot["setai_nushi_name"] == "髙橋　花子"


def test_shibou_of_the_head_with_one_remaining_sets_the_head_by_shokken(
    couple: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    nushi, tsuma = couple["nushi"], couple["tsuma"]
    entry = shibou.shibou_entry(atena_bango=nushi.atena_bango, shibou_date=TODAY)
    proc = enter_and_check("shibou", entry, contractor)
    assert any("職権で世帯主" in f for f in proc.flags)
    proc = services.do_approve(proc, acting_user=clerk, terminal=clerk.default_terminal)
    tsuma = fresh(tsuma)
    assert tsuma.setai.setai_nushi_id == tsuma.pk
    assert tsuma.zokugara == "世帯主"
    assert proc.result["shokken_setai_nushi"] is True
    row = last_rireki(tsuma)
    assert row.ido_jiyu == IdoJiyu.SETAI_HENKOU
    assert row.ryuiji == shibou.SHIBOU_NUSHI_RYUIJI + "（職権）"
    assert proc.result["zokugara_before"] == {tsuma.atena_bango: "妻"}


def test_shibou_date_unknown_is_recorded_as_given(
    couple: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    tsuma = couple["tsuma"]
    form = shibou.ShibouForm(
        {
            "atena_bango": tsuma.atena_bango,
            "todoke_date": TODAY.isoformat(),
            "shibou_date": "令和6年月日不詳",
        }
    )
    assert form.is_valid(), form.errors
    entry = get_kind("shibou").clean_entry(form)
    assert entry["shibou_date"] == "2024-01-01"
    assert entry["shibou_date_hyoki"] == "令和6年月日不詳"
    proc = run("shibou", entry, contractor, clerk)
    assert any("令和6年月日不詳" in f for f in proc.flags)
    tsuma = fresh(tsuma)
    assert tsuma.status == JuminStatus.JOHYO
    assert tsuma.shojo_date == datetime.date(2024, 1, 1)
    row = last_rireki(tsuma)
    assert row.ido_date_hyoki == "令和6年月日不詳"
    assert "令和6年月日不詳" in row.ryuiji
    assert proc.result["shibou_date_hyoki"] == "令和6年月日不詳"
    blocks = get_kind("shibou").review(proc)
    assert blocks[0].title == "承認済み"


def test_shibou_review_before_approval(family: dict[str, Jumin], contractor: Any) -> None:
    nushi, tsuma, taro = family["nushi"], family["tsuma"], family["taro"]
    entry = shibou.shibou_entry(
        atena_bango=nushi.atena_bango,
        shibou_date="令和6年月日不詳",
        new_setai_nushi=tsuma.atena_bango,
        zokugara_changes={taro.atena_bango: "子"},
    )
    proc = services.do_enter(
        receive(contractor, "shibou"), entry, acting_user=contractor, terminal=None
    )
    blocks = get_kind("shibou").review(proc)
    rows = {(b.title, r.label): r for b in blocks for r in b.rows}
    person = f"死亡した方：髙橋　一郎（宛名番号 {nushi.atena_bango}）"
    assert rows[(person, "状態")].after == "除票"
    assert rows[(person, "消除事由")].after == "死亡"
    assert rows[(person, "消除年月日")].after == "令和6年月日不詳"
    household = f"世帯（世帯番号 {nushi.setai.setai_bango}）"
    assert rows[(household, "世帯主")].before == "髙橋　一郎"
    assert rows[(household, "世帯主")].after == "髙橋　花子"
    assert rows[(household, "髙橋　花子の続柄")].after == "世帯主"


def test_a_failure_inside_apply_changes_nothing(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    nushi, tsuma, taro = family["nushi"], family["tsuma"], family["taro"]
    InkanToroku.objects.create(jumin=nushi, toroku_date=datetime.date(2020, 1, 1))

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("連携先の障害")

    entry = shibou.shibou_entry(
        atena_bango=nushi.atena_bango,
        shibou_date=TODAY,
        new_setai_nushi=tsuma.atena_bango,
        zokugara_changes={taro.atena_bango: "子"},
    )
    reactions.register("shibou", broken)
    try:
        with pytest.raises(RuntimeError):
            run("shibou", entry, contractor, clerk)
    finally:
        reactions.unregister("shibou", broken)
    for j in family.values():
        j2 = fresh(j)
        assert j2.status == JuminStatus.LIVE
        assert j2.rireki_no == 1
        assert j2.zokugara == j.zokugara
    assert fresh(nushi).setai.setai_nushi_id == nushi.pk
    assert JuminRireki.objects.count() == 3
    assert not OutboxMessage.objects.exists()
    assert InkanToroku.objects.get().status == InkanStatus.TOROKU
    proc = Procedure.objects.get()
    assert proc.state == S.SHOUGOU
    assert proc.result == {}


# --------------------------------------------------------------------------- screen


def test_the_shibou_screen_enters_and_shows_the_household(
    client: Any, contractor: Any, family: dict[str, Jumin]
) -> None:
    nushi, tsuma, taro = family["nushi"], family["tsuma"], family["taro"]
    login_as(client, contractor)
    proc = receive(contractor, "shibou")
    url = reverse("counter:procedure_entry", args=[proc.pk])
    data = {
        "atena_bango": nushi.atena_bango,
        "todoke_date": TODAY.isoformat(),
        "shibou_date": TODAY.isoformat(),
    }
    page = client.post(url, {**data, "search": "1", "form_token": "t1"}).content.decode()
    assert "新しい世帯主" in page
    assert f'name="zokugara_{taro.atena_bango}"' in page
    response = client.post(
        url,
        {
            **data,
            "new_setai_nushi": tsuma.atena_bango,
            f"zokugara_{taro.atena_bango}": "子",
            "form_token": "t2",
        },
    )
    assert response.status_code == 302
    proc.refresh_from_db()
    assert proc.state == S.KARI_TOUROKU
    assert proc.entry["new_setai_nushi"] == tsuma.atena_bango
    assert proc.entry["zokugara_changes"] == {taro.atena_bango: "子"}
    # the entry reopens with what was entered
    page = client.get(url).content.decode()
    assert "髙橋　一郎" in page


@pytest.mark.django_db
def test_showing_the_household_neither_saves_nor_complains(family: dict[str, Jumin]) -> None:
    """「世帯を表示」 on the 死亡 screen only shows the household and its fields."""
    nushi = family["nushi"]
    form = shibou.ShibouForm({"search": "1", "atena_bango": nushi.atena_bango})
    assert not form.is_valid()
    assert not form.errors
    assert form.person == nushi and len(form.staying) >= 2
    assert form.zokugara_fields  # the 世帯主 dies: each remaining member's 続柄 is asked


def test_every_problem_is_reported_at_once_on_its_field(family: dict[str, Jumin]) -> None:
    """A 死亡日 after the 届出日 and a new head chosen without the others' 続柄 (j490):
    both (a head left unchosen is no longer a problem: ADR 0020)."""
    nushi, tsuma, taro = family["nushi"], family["tsuma"], family["taro"]
    form = shibou.ShibouForm(
        {
            "atena_bango": nushi.atena_bango,
            "todoke_date": (TODAY - datetime.timedelta(days=3)).isoformat(),
            "shibou_date": TODAY.isoformat(),
            "new_setai_nushi": tsuma.atena_bango,
        }
    )
    assert not form.is_valid()
    assert "死亡年月日が届出年月日より後です。" in form.errors["shibou_date"]
    assert "新しい世帯主" in str(form.errors[f"zokugara_{taro.atena_bango}"])
    assert form["atena_bango"].value() == nushi.atena_bango


def test_a_missing_zokugara_is_shown_next_to_that_member(family: dict[str, Jumin]) -> None:
    nushi, tsuma, taro = family["nushi"], family["tsuma"], family["taro"]
    form = shibou.ShibouForm(
        {
            "atena_bango": nushi.atena_bango,
            "todoke_date": TODAY.isoformat(),
            "shibou_date": TODAY.isoformat(),
            "new_setai_nushi": tsuma.atena_bango,
        }
    )
    assert not form.is_valid()
    assert "太郎" in str(form.errors[f"zokugara_{taro.atena_bango}"])


def test_the_entry_is_planned_once_per_request(
    client: Any, contractor: Any, couple: dict[str, Jumin], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The form's check, the flags and the reservations of 仮登録 share one plan."""
    from juki.ido.shibou import plan as shibou_plan

    built: list[bool] = []
    build = shibou_plan._build

    def counted(*args: Any, **kwargs: Any) -> Any:
        built.append(kwargs["lock"])
        return build(*args, **kwargs)

    monkeypatch.setattr(shibou_plan, "_build", counted)
    login_as(client, contractor)
    proc = receive(contractor, "shibou")
    url = reverse("counter:procedure_entry", args=[proc.pk])
    data = {
        "atena_bango": couple["nushi"].atena_bango,
        "todoke_date": TODAY.isoformat(),
        "shibou_date": TODAY.isoformat(),
        "form_token": "t1",
    }
    assert client.post(url, data).status_code == 302
    proc.refresh_from_db()
    assert proc.state == S.KARI_TOUROKU
    assert any("職権で世帯主" in f for f in proc.flags)
    assert built == [False]


def test_the_queue_summary_of_a_leaving_kind_names_the_person_and_the_day() -> None:
    """死亡 and 職権消除 word the queue's line alike (kernel.LeavingKind.summary_of)."""
    shibou_entry = {
        "atena_bango": "123",
        "shibou_date": "2026-01-01",
        "shibou_date_hyoki": "令和8年1月日不詳",
    }
    assert get_kind("shibou").entry_summary(shibou_entry) == "死亡 宛名番号123（令和8年1月日不詳）"
    shojo_entry = {"atena_bango": "9", "shojo_date": "2026-03-04"}
    assert get_kind("shokken_shojo").entry_summary(shojo_entry) == (
        "職権消除 宛名番号9（令和8年3月4日）"
    )
