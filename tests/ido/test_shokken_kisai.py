"""職権記載 (shokken_kisai) through the procedure machine: 受付 → 仮登録 → 照合 (contractor) → 承認
(clerk); the register, its history, the outbox and the reactions are checked afterwards."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from counter.procedure_kinds import documents_of, get_kind
from counter.services import ProcedureRefused
from jputil.numbers import is_valid_juminhyo_code
from juki.ido import shokken_kisai
from juki.ido.kernel import PlanRefused, tennyu_person
from juki.manifest import IDO
from juki.models import (
    IdoJiyu,
    Jumin,
    Seibetsu,
    YobiJuminhyoCode,
)

from ._shokken import (
    HONSEKI,
    TODAY,
    assert_entry_screen,
    last_rireki,
    messages,
    plan_of,
    problems_of,
    run,
)


def test_the_kind_is_registered_and_its_screen_renders(client: Any, contractor: Any) -> None:
    kind = get_kind("shokken_kisai")
    assert kind.label == "職権記載"
    assert kind.category == IDO
    assert_entry_screen(
        client,
        contractor,
        "shokken_kisai",
        ["職権記載の理由", "住民となった年月日（異動日）", "記載する方"],
    )


# --------------------------------------------------------------------------- 職権記載


def test_shokken_kisai_of_a_new_household_assigns_a_code(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    person = tennyu_person(
        shi="佐藤",
        mei="健",
        shi_kana="サトウ",
        mei_kana="ケン",
        seinengappi=datetime.date(1990, 1, 1),
        seibetsu=Seibetsu.MALE,
        zokugara="世帯主",
        honseki="不明",
    )
    entry = shokken_kisai.shokken_kisai_entry(
        chouaza=family["nushi"].chouaza.code,
        person=person,
        jumin_date=TODAY - datetime.timedelta(days=30),
        riyu="実態調査により居住を確認（未届転入）",
        zenjusho="不明",
    )
    proc = run("shokken_kisai", entry, contractor, clerk)
    j = Jumin.objects.get(atena_bango=proc.result["atena_bango"])
    assert j.setai.setai_nushi_id == j.pk and j.zokugara == "世帯主"
    assert j.juminhyo_code and is_valid_juminhyo_code(j.juminhyo_code)
    assert proc.result["juminhyo_code_assigned"] is True
    # from the CS pool (j870), told to the person by the 通知票 (j890)
    assert YobiJuminhyoCode.objects.get(code=j.juminhyo_code).procedure_id == proc.pk
    assert "住民票コード通知票" in get_kind("shokken_kisai").handover_documents(proc)
    assert "juminhyo_code_tsuchi" in [d.slug for d in documents_of(proc)]
    row = last_rireki(j)
    assert row.ido_jiyu == IdoJiyu.SHOKKEN_KISAI
    assert row.ryuiji == "実態調査により居住を確認（未届転入）"
    assert ("jukinet_cs", "juminhyo_code_fuban") in messages(proc)


def jiro(taro: Jumin) -> dict[str, Any]:
    """髙橋 次郎, entered with the 住民票コード of 太郎 (who lives here)."""
    return tennyu_person(
        shi="髙橋",
        mei="次郎",
        shi_kana="タカハシ",
        mei_kana="ジロウ",
        seinengappi=datetime.date(2012, 1, 1),
        seibetsu=Seibetsu.MALE,
        zokugara="子",
        honseki=HONSEKI,
        juminhyo_code=taro.juminhyo_code,
    )


def test_shokken_kisai_joining_refuses_a_live_person(
    family: dict[str, Jumin], contractor: Any
) -> None:
    taro = family["taro"]
    entry = shokken_kisai.shokken_kisai_entry(
        chouaza=taro.chouaza.code, person=jiro(taro), setai_bango=taro.setai.setai_bango
    )
    with pytest.raises(ProcedureRefused, match="既に本市の住民"):
        plan_of("shokken_kisai", entry)


def test_every_problem_is_reported_at_once_on_its_field(family: dict[str, Jumin]) -> None:
    """No reason, an unknown household and a live person's 住民票コード: all three."""
    taro = family["taro"]
    entry = shokken_kisai.shokken_kisai_entry(
        chouaza=taro.chouaza.code, person=jiro(taro), setai_bango="9999999999", riyu=""
    )
    with pytest.raises(PlanRefused) as refused:
        plan_of("shokken_kisai", entry)
    assert [f for f, _ in problems_of(refused.value)] == [
        "riyu",
        "setai_bango",
        "persons.0.juminhyo_code",
    ]
    # the form puts the person's problem on the person's field
    form = shokken_kisai.ShokkenKisaiForm(
        {
            "riyu": "職権記載",
            "todoke_date": TODAY.isoformat(),
            "jumin_date": TODAY.isoformat(),
            "chouaza": taro.chouaza.code,
            "banchi": "1番2号",
            "setai_mode": "join",
            "setai_bango": "9999999999",
            "person-shubetsu": "1",
            "person-shi": "髙橋",
            "person-mei": "次郎",
            "person-shi_kana": "タカハシ",
            "person-mei_kana": "ジロウ",
            "person-seinengappi": "2012-01-01",
            "person-seibetsu": Seibetsu.MALE,
            "person-zokugara": "子",
            "person-honseki": HONSEKI,
            "person-hittousha": "髙橋　一郎",
            "person-juminhyo_code": taro.juminhyo_code,
        }
    )
    assert not form.is_valid()
    assert "見つかりません" in str(form.errors["setai_bango"])
    assert "既に本市の住民" in str(form.person.errors["juminhyo_code"])
