"""出生 (shussei) through the procedure machine: 受付 → 仮登録 → 照合 (contractor) → 承認
(clerk); the register, its history, the outbox and the reactions are checked afterwards."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from counter import services
from counter.procedure_kinds import get_kind
from counter.services import ProcedureRefused
from jputil.numbers import is_valid_juminhyo_code
from juki.ido import kernel, shussei
from juki.ido.kernel import PlanRefused
from juki.manifest import IDO
from juki.models import (
    IdoJiyu,
    Jumin,
    JuminRireki,
    JuminStatus,
    Seibetsu,
    YobiJuminhyoCode,
)

from ..factories import pool_codes
from ._shokken import (
    HONSEKI,
    TODAY,
    S,
    assert_entry_screen,
    enter_and_check,
    last_rireki,
    messages,
    plan_of,
    problems_of,
    run,
)


def test_the_kind_is_registered_and_its_screen_renders(client: Any, contractor: Any) -> None:
    kind = get_kind("shussei")
    assert kind.label == "出生"
    assert kind.category == IDO
    assert_entry_screen(
        client,
        contractor,
        "shussei",
        ["届出年月日", "受理年月日（戸籍）", "生年月日", "入る世帯の世帯番号"],
    )


def baby_entry(family: dict[str, Jumin], **kw: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "setai_bango": family["nushi"].setai.setai_bango,
        "shi": "髙橋",
        "mei": "三郎",
        "shi_kana": "タカハシ",
        "mei_kana": "サブロウ",
        "seinengappi": TODAY - datetime.timedelta(days=5),
        "seibetsu": Seibetsu.MALE,
        "zokugara": "子",
        "honseki": HONSEKI,
        "hittousha": "髙橋　一郎",
        "todoke_date": TODAY,
    }
    args.update(kw)
    return shussei.shussei_entry(**args)


def test_shussei_joins_the_household_with_a_valid_code(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    entry = baby_entry(family)
    proc = enter_and_check("shussei", entry, contractor)
    assert kernel.FLAG_CODE_FUBAN in proc.flags
    assert Jumin.objects.count() == 3  # nothing before 承認
    assert {r.subject for r in proc.reservations.all()} == {
        f"setai:{family['nushi'].setai.setai_bango}"
    }
    proc = services.do_approve(proc, acting_user=clerk, terminal=clerk.default_terminal)
    assert proc.state == S.SHOUNIN

    baby = Jumin.objects.get(atena_bango=proc.result["atena_bango"])
    assert baby.setai_id == family["nushi"].setai_id
    assert baby.zokugara == "子"
    assert baby.status == JuminStatus.LIVE
    assert baby.juminhyo_code and is_valid_juminhyo_code(baby.juminhyo_code)
    # the code is one the CS gave (j870), now used and never given again
    assert baby.juminhyo_code in pool_codes(20)
    assert YobiJuminhyoCode.objects.get(code=baby.juminhyo_code).procedure_id == proc.pk
    assert baby.jumin_date == baby.jusho_date == baby.seinengappi == entry_date(entry)
    assert baby.todoke_date == TODAY
    assert baby.address == family["nushi"].address
    assert baby.honseki == HONSEKI
    row = last_rireki(baby)
    assert row.rireki_no == 1 and row.ido_jiyu == IdoJiyu.SHUSSEI
    assert row.snapshot["setai_nushi_name"] == "髙橋　一郎"
    sent = messages(proc)
    assert ("jukinet_cs", "juminhyo_code_fuban") in sent
    assert ("jukinet_cs", "honnin_kakunin_koshin") in sent
    assert ("honsekichi", "fuhyo_tsuchi") in sent
    assert ("takka_jidou_teate", "jumin_ido") in sent
    assert ("takka_kokuho", "jumin_ido") in sent  # the head is in 国保
    assert not proc.reservations.filter(is_open=True).exists()
    # the next birth gets the next code
    second = run("shussei", baby_entry(family, mei="四郎", mei_kana="シロウ"), contractor, clerk)
    assert second.result["juminhyo_code"] != baby.juminhyo_code


def entry_date(entry: dict[str, Any]) -> datetime.date:
    return datetime.date.fromisoformat(entry["seinengappi"])


def test_shussei_refuses_a_head_and_an_unknown_household(family: dict[str, Jumin]) -> None:
    with pytest.raises(ProcedureRefused, match="世帯主"):
        plan_of("shussei", baby_entry(family, zokugara="世帯主"))
    with pytest.raises(ProcedureRefused, match="見つかりません"):
        plan_of("shussei", baby_entry(family, setai_bango="9999999999"))
    with pytest.raises(ProcedureRefused, match="使用できません"):
        plan_of("shussei", baby_entry(family, zokugara="孫"))


def test_shussei_with_a_recorded_birth_date(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    proc = run(
        "shussei",
        baby_entry(family, seinengappi="令和6年月日不詳", zokugara="子の子"),
        contractor,
        clerk,
    )
    baby = Jumin.objects.get(atena_bango=proc.result["atena_bango"])
    assert baby.seinengappi == datetime.date(2024, 1, 1)
    assert baby.seinengappi_hyoki == "令和6年月日不詳"
    assert baby.jumin_date_hyoki == "令和6年月日不詳"
    assert baby.zokugara == "子の子"
    assert last_rireki(baby).ido_date_hyoki == "令和6年月日不詳"


def test_shussei_form(family: dict[str, Jumin]) -> None:
    form = shussei.ShusseiForm(
        {
            "todoke_date": TODAY.isoformat(),
            "juri_date": TODAY.isoformat(),
            "shi": "髙橋",
            "mei": "三郎",
            "shi_kana": "たかはし",
            "mei_kana": "さぶろう",
            "seibetsu": Seibetsu.MALE,
            "seinengappi": (TODAY - datetime.timedelta(days=2)).isoformat(),
            "honseki": HONSEKI,
            "hittousha": "髙橋　一郎",
            "setai_bango": family["nushi"].setai.setai_bango,
            "zokugara": "子",
        }
    )
    assert form.is_valid(), form.errors
    entry = get_kind("shussei").clean_entry(form)
    assert entry["shi_kana"] == "タカハシ"
    assert entry["zokugara"] == "子"
    bad = shussei.ShusseiForm({**form.data, "zokugara": "世帯主"})
    assert not bad.is_valid()
    assert "世帯主" in str(bad.errors)


def test_a_failed_birth_assigns_no_code(
    family: dict[str, Jumin], contractor: Any, clerk: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from counter import outbox

    def fails(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("書き込み失敗")

    proc = enter_and_check("shussei", baby_entry(family), contractor)
    monkeypatch.setattr(outbox, "enqueue_many", fails)
    with pytest.raises(RuntimeError):
        services.do_approve(proc, acting_user=clerk, terminal=clerk.default_terminal)
    monkeypatch.undo()
    assert Jumin.objects.count() == 3
    assert JuminRireki.objects.count() == 3
    proc.refresh_from_db()
    assert proc.state == S.SHOUGOU and proc.result == {}
    assert not YobiJuminhyoCode.objects.filter(used_at__isnull=False).exists()  # rolled back
    proc = services.do_approve(proc, acting_user=clerk, terminal=clerk.default_terminal)
    assert proc.result["juminhyo_code"] in pool_codes(20)


def test_every_problem_is_reported_at_once_on_its_field(family: dict[str, Jumin]) -> None:
    """A 届出日 before the birth, an unknown household and a 「世帯主」 child: all three."""
    data = {
        "todoke_date": (TODAY - datetime.timedelta(days=5)).isoformat(),
        "juri_date": TODAY.isoformat(),
        "shi": "髙橋",
        "mei": "三郎",
        "shi_kana": "タカハシ",
        "mei_kana": "サブロウ",
        "seibetsu": Seibetsu.MALE,
        "seinengappi": (TODAY - datetime.timedelta(days=2)).isoformat(),
        "honseki": HONSEKI,
        "hittousha": "髙橋　一郎",
        "setai_bango": "9999999999",
        "zokugara": "世帯主",
    }
    form = shussei.ShusseiForm(data)
    assert not form.is_valid()
    assert "届出年月日が生年月日より前です。" in form.errors["todoke_date"]
    assert "見つかりません" in str(form.errors["setai_bango"])
    assert "「世帯主」は使えません" in str(form.errors["zokugara"])
    assert form["shi"].value() == "髙橋"  # what was typed stays
    with pytest.raises(PlanRefused) as refused:
        plan_of(
            "shussei",
            baby_entry(
                family,
                todoke_date=TODAY - datetime.timedelta(days=6),
                setai_bango="9999999999",
            ),
        )
    assert [f for f, _ in problems_of(refused.value)] == ["todoke_date", "setai_bango"]
