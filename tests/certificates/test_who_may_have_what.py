"""Who may have what (住基法第12条, 第12条の2, 第12条の3; ADR 0027): one test per rule.

Each test builds a request entry as the form gives it and reads the plan: a refusal is a
problem next to its field, naming its rule.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from certificates import kernel
from certificates.fuzaiju.entry import FuzaijuEntry
from certificates.fuzaiju.plan import plan as fuzaiju_plan
from certificates.items import Items
from certificates.juminhyo_utsushi.entry import JuminhyoEntry
from certificates.juminhyo_utsushi.plan import plan as juminhyo_plan
from certificates.kisai_jiko.entry import KisaiJikoEntry
from certificates.kisai_jiko.plan import plan as kisai_plan
from certificates.printing import Style
from counter.procedure_kinds import FeeBasis, RequesterCategory, get_kind
from juki.demo import residents as r
from juki.models import Jumin

pytestmark = pytest.mark.django_db

C = RequesterCategory


@pytest.fixture
def takahashi() -> list[Jumin]:
    return r.household(r.TAKAHASHI[:3])


@pytest.fixture
def sato() -> list[Jumin]:
    return r.household(r.SATO[:2], banchi="8番8号")


def request(person: Jumin | None, category: str = "honnin", **more: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "seikyusha_kubun": category,
        "seikyusha_shimei": person.full_name if person else "山田　太郎",
        "seikyusha_jusho": "東京都墨田区吾妻橋一丁目1番1号",
        "seikyusha_atena_bango": person.atena_bango if person else "",
        "tsusu": 1,
    }
    return {**base, **more}


def utsushi(requester: Jumin | None, persons: list[Jumin], **more: Any) -> JuminhyoEntry:
    data = {**request(requester), "atena_bangos": [p.atena_bango for p in persons], **more}
    return JuminhyoEntry.from_json(data)


def daisansha(persons: list[Jumin], **more: Any) -> JuminhyoEntry:
    third = {
        "seikyusha_kubun": "daisansha",
        "seikyusha_atena_bango": "",
        "riyu_kubun": "kenri",
        "riyu": "貸金返還請求訴訟の提起のため",
    }
    return utsushi(None, persons, **{**third, **more})


def problems(planner: Any, entry: Any) -> dict[str, list[str]]:
    """The plan's problems by field ({} when it would be approved)."""
    try:
        planner(entry)
    except kernel.PlanRefused as refused:
        out: dict[str, list[str]] = {}
        for p in refused.problems:
            out.setdefault(p.field or "", []).append(p.message)
        return out
    return {}


# --------------------------------------------------------------- 本人・同一世帯 (第12条第1項)


def test_honnin_may_have_the_household_copy_with_setai_nushi_and_zokugara(takahashi) -> None:
    entry = utsushi(takahashi[0], takahashi[:1], setai_zenin=True, kisai=["setai_nushi_zokugara"])
    plan = juminhyo_plan(entry)
    assert {p.atena_bango for p in plan.persons} == {p.atena_bango for p in takahashi}
    assert plan.items.setai_nushi_zokugara


def test_doitsu_setai_may_have_a_member_of_the_household(takahashi) -> None:
    entry = utsushi(takahashi[1], takahashi[2:3], seikyusha_kubun="doitsu_setai")
    assert problems(juminhyo_plan, entry) == {}


def test_honnin_may_not_have_another_household_s_copy(takahashi, sato) -> None:
    found = problems(juminhyo_plan, utsushi(takahashi[0], sato[:1]))
    assert any("住基法第12条第1項" in m for m in found["atena_bangos"])


def test_a_requester_of_article_12_must_be_chosen_from_the_register(takahashi) -> None:
    entry = utsushi(takahashi[0], takahashi[:1], seikyusha_atena_bango="")
    assert "住基法第12条第1項" in problems(juminhyo_plan, entry)["seikyusha_atena_bango"][0]


# --------------------------------------------------------------- 代理人 (第12条第3項・第4項)


def test_dairinin_needs_a_ininjo(takahashi) -> None:
    entry = utsushi(
        takahashi[0],
        takahashi[:1],
        seikyusha_kubun="dairinin",
        dairinin_shimei="代理　人",
        dairinin_jusho="東京都台東区1-1",
        dairinin_shorui="driver_license",
    )
    assert "住基法第12条第4項" in problems(juminhyo_plan, entry)["ininjo"][0]
    assert problems(juminhyo_plan, entry.replace(ininjo=True)) == {}


def test_dairinin_shows_their_own_id(takahashi) -> None:
    entry = utsushi(
        takahashi[0],
        takahashi[:1],
        seikyusha_kubun="dairinin",
        dairinin_shimei="代理　人",
        dairinin_jusho="東京都台東区1-1",
        ininjo=True,
    )
    assert "住基法第12条第3項" in problems(juminhyo_plan, entry)["dairinin_shorui"][0]


def test_dairinin_asking_for_the_kojin_bango_is_flagged_for_mailing(takahashi) -> None:
    entry = utsushi(
        takahashi[0],
        takahashi[:1],
        seikyusha_kubun="dairinin",
        dairinin_shimei="代理　人",
        dairinin_jusho="東京都台東区1-1",
        ininjo=True,
        dairinin_shorui="passport",
        kisai=["kojin_bango"],
    )
    assert any("郵送" in f for f in juminhyo_plan(entry).flags)


# --------------------------------------------------------------- 第三者 (第12条の3第1項)


def test_daisansha_states_one_of_the_three_grounds(takahashi) -> None:
    found = problems(juminhyo_plan, daisansha(takahashi[:1], riyu_kubun=""))
    assert "住基法第12条の3第1項" in found["riyu_kubun"][0]
    assert {k.value for k in kernel.RiyuKubun} == {"kenri", "teishutsu", "seitou"}


def test_daisansha_states_the_purpose_in_words(takahashi) -> None:
    found = problems(juminhyo_plan, daisansha(takahashi[:1], riyu=""))
    assert "住基法第12条の3第4項第4号" in found["riyu"][0]


def test_daisansha_gets_only_the_basic_items(takahashi) -> None:
    plan = juminhyo_plan(daisansha(takahashi[:1], kisai=[]))
    assert plan.items == kernel.items_of([], katagaki=True)
    asked = {f.name for f in dataclasses.fields(plan.items) if getattr(plan.items, f.name)}
    assert asked == {"katagaki"}  # 氏名・生年月日・性別・住所 (the 方書 is of the 住所)


def test_daisansha_needs_a_stated_need_for_more(takahashi) -> None:
    entry = daisansha(takahashi[:1], kisai=["setai_nushi_zokugara", "zenjusho"])
    found = problems(juminhyo_plan, entry)
    assert "住基法第12条の3第1項" in found["hitsuyo_riyu"][0]
    stated = entry.replace(hitsuyo_riyu="相続人の確定に続柄が必要")
    assert problems(juminhyo_plan, stated) == {}


@pytest.mark.parametrize("item", ["kojin_bango", "juminhyo_code"])
def test_daisansha_never_gets_the_kojin_bango_nor_the_juminhyo_code(takahashi, item) -> None:
    entry = daisansha(takahashi[:1], kisai=[item], hitsuyo_riyu="どうしても必要")
    assert "住基法第12条の3第7項" in problems(juminhyo_plan, entry)["kisai"][0]


# --------------------------------------------------------------- 士業 (第12条の3第2項・第3項)


def shigyo(persons: list[Jumin], **more: Any) -> JuminhyoEntry:
    return daisansha(
        persons,
        **{
            "seikyusha_kubun": "shigyo",
            "shikaku": "shiho_shoshi",
            "shokumu_seikyusho_bango": "A-123456",
            **more,
        },
    )


def test_the_eight_professions_may_ask_with_a_shokumu_seikyusho() -> None:
    labels = {str(s.label) for s in kernel.Shikaku}
    assert labels == {
        "弁護士",
        "司法書士",
        "土地家屋調査士",
        "税理士",
        "社会保険労務士",
        "弁理士",
        "海事代理士",
        "行政書士",
    }


def test_shigyo_names_the_profession_and_the_shokumu_seikyusho_number(takahashi) -> None:
    assert problems(juminhyo_plan, shigyo(takahashi[:1])) == {}
    found = problems(juminhyo_plan, shigyo(takahashi[:1], shikaku="", shokumu_seikyusho_bango=""))
    assert "住基法第12条の3第2項" in found["shikaku"][0]
    assert "職務上請求書" in found["shokumu_seikyusho_bango"][0]


@pytest.mark.parametrize("item", ["kojin_bango", "juminhyo_code"])
def test_shigyo_never_gets_the_kojin_bango_nor_the_juminhyo_code(takahashi, item) -> None:
    entry = shigyo(takahashi[:1], kisai=[item], hitsuyo_riyu="登記に必要")
    assert "住基法第12条の3第7項" in problems(juminhyo_plan, entry)["kisai"][0]


# --------------------------------------------------------------- 公用 (第12条の2)


def kouyou(persons: list[Jumin], **more: Any) -> JuminhyoEntry:
    body = {
        "seikyusha_kubun": "kouyou",
        "seikyusha_atena_bango": "",
        "kouyou_kikan": "墨田税務署",
        "kouyou_shokumei_shimei": "徴収官　税務　一郎",
        "riyu": "国税徴収法第141条による滞納処分の調査",
        "kouyou_jimu": "滞納処分の調査",
        "kouyou_konkyo": "国税徴収法第141条",
    }
    return utsushi(None, persons, **{**body, **more})


def test_kouyou_names_the_body_the_official_and_the_jimu(takahashi) -> None:
    assert problems(juminhyo_plan, kouyou(takahashi[:1])) == {}
    found = problems(
        juminhyo_plan, kouyou(takahashi[:1], kouyou_kikan="", kouyou_shokumei_shimei="", riyu="")
    )
    assert "住基法第12条の2第2項第1号" in found["kouyou_kikan"][0]
    assert "住基法第12条の2第2項第2号" in found["kouyou_shokumei_shimei"][0]
    assert "住基法第12条の2第2項第4号" in found["riyu"][0]


def test_kouyou_is_issued_free_as_kouyou(takahashi, contractor) -> None:
    kind = get_kind("juminhyo_utsushi")
    procedure = _procedure(contractor, kouyou(takahashi[:1]))
    (line,) = kind.fee_lines(procedure)
    assert line.basis == FeeBasis.KOUYOU


def test_kouyou_kojin_bango_needs_the_need_stated(takahashi) -> None:
    found = problems(juminhyo_plan, kouyou(takahashi[:1], kisai=["kojin_bango"]))
    assert "番号法第19条" in found["hitsuyo_riyu"][0]


# --------------------------------------------------------------- the items (第12条第5項)


@pytest.mark.parametrize(
    "item",
    [
        "setai_nushi_zokugara",
        "honseki_hittousha",
        "juminhyo_code",
        "kojin_bango",
        *Items.FOREIGN,
    ],
)
def test_an_item_of_article_12_5_is_printed_only_when_asked_for(takahashi, item) -> None:
    plain = juminhyo_plan(utsushi(takahashi[0], takahashi[:1], kisai=[]))
    asked = juminhyo_plan(utsushi(takahashi[0], takahashi[:1], kisai=[item]))
    assert getattr(plain.items, item) is False
    assert getattr(asked.items, item) is True


def test_a_new_request_ticks_none_of_the_items_of_article_12_5(contractor) -> None:
    form = get_kind("juminhyo_utsushi").entry_form(_procedure(contractor, None), None)
    ticked = set(form["kisai"].value())
    assert ticked.isdisjoint({"setai_nushi_zokugara", "honseki_hittousha", "juminhyo_code"})
    assert ticked.isdisjoint({"kojin_bango", *Items.FOREIGN})


def test_a_tsushou_is_never_left_out_of_the_name() -> None:
    """No item choice names the 通称: it is part of the 氏名 (施行令第30条の26第1項)."""
    names = {f.name for f in dataclasses.fields(Items)}
    assert not any("tsushou" in n or "tsusho" in n for n in names)
    assert all("通称" not in label for _, label in kernel.CHOICES)


def test_the_katagaki_is_always_printed_on_a_juminhyo_no_utsushi(takahashi) -> None:
    plan = juminhyo_plan(utsushi(takahashi[0], takahashi[:1], kisai=[]))
    assert plan.items.katagaki is True
    kisai = kisai_plan(
        KisaiJikoEntry.from_json(
            {**request(takahashi[0]), "atena_bangos": [takahashi[0].atena_bango], "kisai": []}
        )
    )
    assert kisai.items.katagaki is False  # j1030: a 記載事項証明書 may leave it out


# --------------------------------------------------------------- 除票, styles, copies


def test_a_johyo_is_issued_only_as_a_kojinhyo(takahashi) -> None:
    found = problems(juminhyo_plan, utsushi(takahashi[0], takahashi[:1], johyo=True))
    assert any("個人票" in m for m in found["style"])


def test_a_johyo_copy_is_of_the_johyo_and_charged_as_one(takahashi, contractor, clerk) -> None:
    from tests.procedures import run

    head = takahashi[2]
    run("shibou", _shibou(head), contractor, clerk)
    entry = utsushi(takahashi[0], [head], johyo=True, style="kojin")
    plan = juminhyo_plan(entry)
    assert plan.style is Style.KOJIN and plan.persons[0].is_johyo
    (line,) = get_kind("juminhyo_utsushi").fee_lines(_procedure(contractor, entry))
    assert line.code == "johyo_utsushi"


def test_a_renki_copy_holds_one_household(takahashi, sato) -> None:
    entry = daisansha([takahashi[0], sato[0]])
    assert any("1つの世帯" in m for m in problems(juminhyo_plan, entry)["atena_bangos"])


def test_history_is_printed_on_a_kojinhyo_only(takahashi) -> None:
    found = problems(juminhyo_plan, utsushi(takahashi[0], takahashi[:1], rireki=True))
    assert found["rireki"]
    assert juminhyo_plan(utsushi(takahashi[0], takahashi[:1], rireki=True, style="kojin"))


def test_several_copies_are_the_fee_line_s_quantity(takahashi, contractor) -> None:
    kind = get_kind("juminhyo_utsushi")
    (line,) = kind.fee_lines(_procedure(contractor, utsushi(takahashi[0], takahashi, tsusu=3)))
    assert (line.code, line.quantity, line.basis) == ("juminhyo_utsushi", 3, FeeBasis.TSUUJOU)
    kojin = utsushi(takahashi[0], takahashi[:2], tsusu=2, style="kojin")
    (line,) = kind.fee_lines(_procedure(contractor, kojin))
    assert line.quantity == 4  # a 個人票 is one certificate per person


def test_an_exempt_request_states_its_reason(takahashi, contractor) -> None:
    entry = utsushi(takahashi[0], takahashi[:1], menjo=True)
    assert problems(juminhyo_plan, entry)["menjo_riyu"]
    exempt = entry.replace(menjo_riyu="生活保護受給者（手数料条例第5条）")
    (line,) = get_kind("juminhyo_utsushi").fee_lines(_procedure(contractor, exempt))
    assert line.basis == FeeBasis.MENJO


def test_the_requester_is_what_the_guards_read(takahashi, contractor) -> None:
    kind = get_kind("juminhyo_utsushi")
    third = kind.requester(_procedure(contractor, daisansha(takahashi[:1])))
    assert third is not None and (third.category, third.name) == (C.DAISANSHA, "山田　太郎")
    proxy = utsushi(
        takahashi[0], takahashi[:1], seikyusha_kubun="dairinin", dairinin_shimei="代理　人"
    )
    found = kind.requester(_procedure(contractor, proxy))
    assert found is not None and (found.category, found.name) == (C.DAIRININ, "代理　人")


# --------------------------------------------------------------- 不在住, 住居表示


def test_fuzaiju_is_refused_when_a_juminhyo_or_a_johyo_matches(
    takahashi, contractor, clerk
) -> None:
    from tests.procedures import run

    c = takahashi[0].chouaza
    address = f"{c.prefecture}{c.city}{c.name}{takahashi[0].banchi}"
    base = {**request(None, "daisansha"), "fuzai_jusho": address}
    live = FuzaijuEntry.from_json({**base, "fuzai_shimei": takahashi[0].full_name})
    assert problems(fuzaiju_plan, live)["fuzai_shimei"]
    run("shibou", _shibou(takahashi[2]), contractor, clerk)
    gone = FuzaijuEntry.from_json({**base, "fuzai_shimei": takahashi[2].full_name})
    assert "除票" in problems(fuzaiju_plan, gone)["fuzai_shimei"][0]
    nobody = FuzaijuEntry.from_json({**base, "fuzai_shimei": "山田　花子"})
    assert problems(fuzaiju_plan, nobody) == {}


def test_fuzaiju_and_jukyo_hyoji_ask_no_ground_of_article_12() -> None:
    entry = FuzaijuEntry.from_json(
        {**request(None, "daisansha"), "fuzai_shimei": "山田　花子", "fuzai_jusho": "どこか1番"}
    )
    assert problems(fuzaiju_plan, entry) == {}


# --------------------------------------------------------------- helpers


def _procedure(contractor: Any, entry: Any) -> Any:
    from tests.procedures import receive

    procedure = receive(contractor, "juminhyo_utsushi")
    procedure.entry = entry.to_json() if entry is not None else {}
    return procedure


def _shibou(person: Jumin) -> dict[str, Any]:
    """The 死亡 of a member who is not the 世帯主 (the shape of juki's example)."""
    return {
        "atena_bango": person.atena_bango,
        "setai_bango": person.setai.setai_bango,
        "todoke_date": r.days_ago(1).isoformat(),
        "shibou_date": r.days_ago(3).isoformat(),
        "shibou_date_hyoki": "",
        "new_setai_nushi": "",
        "zokugara_changes": {},
    }


# --------------------------------------------------------------- what the guards see


def test_a_whole_household_copy_names_every_member_to_the_guards(takahashi) -> None:
    """支援措置 (lane S) reads the subjects: a 世帯全員 copy asked by one member's number
    touches every member."""
    kind = get_kind("juminhyo_utsushi")
    entry = utsushi(takahashi[0], takahashi[:1], setai_zenin=True).to_json()
    keys = {s.key for s in kind.subjects(entry)}
    assert keys == {f"jumin:{p.atena_bango}" for p in takahashi}


def test_a_johyo_copy_names_the_johyo_to_the_guards(takahashi, contractor, clerk) -> None:
    from tests.procedures import run

    run("shibou", _shibou(takahashi[2]), contractor, clerk)
    entry = utsushi(takahashi[0], takahashi[2:3], johyo=True, style="kojin").to_json()
    (subject,) = get_kind("juminhyo_utsushi").subjects(entry)
    assert subject.key == f"jumin:{takahashi[2].atena_bango}"
