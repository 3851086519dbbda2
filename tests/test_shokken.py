"""出生, 死亡, 職権記載, 職権消除, 職権修正 through the procedure machine (juki.ido.shokken).

Every journey goes 受付 → 仮登録 → 照合 (contractor) → 承認 (city clerk); the register, its
history, the outbox and the reactions (印鑑登録) are checked afterwards.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from counter import services
from counter.models import OutboxMessage
from counter.procedure_kinds import get_kind
from counter.procedure_models import CounterCategory, Procedure, ProcedureState
from counter.services import ProcedureRefused
from jputil.numbers import is_valid_juminhyo_code
from juki import reactions
from juki.ido import shokken
from juki.ido.kernel import tennyu_person
from juki.models import (
    IdoJiyu,
    JittaiChousa,
    JittaiKekka,
    Jumin,
    JuminRireki,
    JuminStatus,
    Seibetsu,
    ShojoJiyu,
)
from juki.search import Conditions, search_residents
from seal.models import HaishiReason, InkanStatus, InkanToroku

from .conftest import login_as
from .factories import ChouazaFactory, JuminFactory, register_household

S = ProcedureState
TODAY = timezone.localdate()
HONSEKI = "東京都墨田区吾妻橋一丁目1番"


# --------------------------------------------------------------------------- fixtures


def _member(**kw: Any) -> Jumin:
    base: dict[str, Any] = {"shi": "髙橋", "shi_kana": "タカハシ", "hittousha": "髙橋　一郎"}
    base.update(kw)
    return JuminFactory.build(**base)


@pytest.fixture
def family(db: Any) -> dict[str, Jumin]:
    """髙橋 家: 世帯主, 妻, 子 (with kokuho on the head)."""
    nushi, tsuma, taro = register_household(
        _member(
            mei="一郎",
            mei_kana="イチロウ",
            seinengappi=datetime.date(1975, 6, 1),
            kokuho_date=datetime.date(2015, 4, 1),
            senkyo_touroku=True,
        ),
        _member(
            mei="花子",
            mei_kana="ハナコ",
            zokugara="妻",
            seinengappi=datetime.date(1980, 2, 3),
            seibetsu=Seibetsu.FEMALE,
        ),
        _member(
            mei="太郎", mei_kana="タロウ", zokugara="子", seinengappi=datetime.date(2010, 5, 5)
        ),
    )
    return {"nushi": nushi, "tsuma": tsuma, "taro": taro}


@pytest.fixture
def couple(db: Any) -> dict[str, Jumin]:
    nushi, tsuma = register_household(
        _member(mei="一郎", mei_kana="イチロウ", seinengappi=datetime.date(1950, 1, 1)),
        _member(
            mei="花子",
            mei_kana="ハナコ",
            zokugara="妻",
            seinengappi=datetime.date(1952, 3, 3),
            seibetsu=Seibetsu.FEMALE,
        ),
    )
    return {"nushi": nushi, "tsuma": tsuma}


def fresh(j: Jumin) -> Jumin:
    return Jumin.objects.select_related("setai__setai_nushi").get(pk=j.pk)


def receive(user: Any, kind: str) -> Procedure:
    return services.do_receive(
        acting_user=user,
        terminal=user.default_terminal,
        category=CounterCategory.IDO,
        visitor_kind="honnin",
        visitor_name="髙橋　花子",
        id_documents=["driver_license"],
        has_ininjo=False,
        kinds=[kind],
    ).procedures.get()


def enter_and_check(kind: str, entry: dict[str, Any], contractor: Any) -> Procedure:
    proc = receive(contractor, kind)
    proc = services.do_enter(
        proc, entry, acting_user=contractor, terminal=contractor.default_terminal
    )
    return services.do_check(
        proc, acting_user=contractor, terminal=contractor.default_terminal, all_ticked=True
    )


def run(kind: str, entry: dict[str, Any], contractor: Any, clerk: Any) -> Procedure:
    proc = enter_and_check(kind, entry, contractor)
    return services.do_approve(proc, acting_user=clerk, terminal=clerk.default_terminal)


def messages(proc: Procedure) -> set[tuple[str, str]]:
    return {
        (m.destination, m.message_type)
        for m in OutboxMessage.objects.filter(source_type="procedure", source_id=str(proc.pk))
    }


def last_rireki(j: Jumin) -> JuminRireki:
    row = JuminRireki.objects.filter(jumin=j).order_by("-rireki_no").first()
    assert row is not None
    return row


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
    return shokken.shussei_entry(**args)


# --------------------------------------------------------------------------- kinds


def test_kinds_are_registered() -> None:
    for code, label in [
        ("shussei", "出生"),
        ("shibou", "死亡"),
        ("shokken_kisai", "職権記載"),
        ("shokken_shojo", "職権消除"),
        ("shokken_shusei", "職権修正"),
    ]:
        kind = get_kind(code)
        assert kind.label == label
        assert kind.category == CounterCategory.IDO


# --------------------------------------------------------------------------- 出生


def test_shussei_joins_the_household_with_a_valid_code(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    entry = baby_entry(family)
    proc = enter_and_check("shussei", entry, contractor)
    assert shokken.FLAG_CODE_FUBAN in proc.flags
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
    assert baby.juminhyo_code.startswith(shokken.JUMINHYO_YOBI_PREFIX)
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
    assert ("honsekichi", "fuhyo_kisai_tsuchi") in sent
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
        shokken.plan_shussei(baby_entry(family, zokugara="世帯主"))
    with pytest.raises(ProcedureRefused, match="見つかりません"):
        shokken.plan_shussei(baby_entry(family, setai_bango="9999999999"))
    with pytest.raises(ProcedureRefused, match="使用できません"):
        shokken.plan_shussei(baby_entry(family, zokugara="孫"))


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
    form = shokken.ShusseiForm(
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
    bad = shokken.ShusseiForm({**form.data, "zokugara": "世帯主"})
    assert not bad.is_valid()
    assert "世帯主" in str(bad.errors)


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
        shokken.shibou_entry(atena_bango=tsuma.atena_bango, shibou_date=day),
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


def test_shibou_of_the_head_with_two_remaining_needs_a_new_head(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    nushi, tsuma, taro = family["nushi"], family["tsuma"], family["taro"]
    entry = shokken.shibou_entry(atena_bango=nushi.atena_bango, shibou_date=TODAY)
    with pytest.raises(ProcedureRefused, match="新しい世帯主"):
        shokken.plan_shibou(entry)
    proc = enter_and_check("shibou", entry, contractor)
    assert any("新しい世帯主" in f for f in proc.flags)
    with pytest.raises(ProcedureRefused, match="新しい世帯主"):
        services.do_approve(proc, acting_user=clerk, terminal=clerk.default_terminal)
    assert fresh(nushi).status == JuminStatus.LIVE

    # each remaining member's 続柄 must be entered again
    missing = shokken.shibou_entry(
        atena_bango=nushi.atena_bango, shibou_date=TODAY, new_setai_nushi=tsuma.atena_bango
    )
    with pytest.raises(ProcedureRefused, match="太郎"):
        shokken.plan_shibou(missing)

    # the form shows the household's fields
    form = shokken.ShibouForm(
        {
            "atena_bango": nushi.atena_bango,
            "todoke_date": TODAY.isoformat(),
            "shibou_date": TODAY.isoformat(),
        }
    )
    assert not form.is_valid()
    assert "新しい世帯主" in str(form.errors)
    assert f"zokugara_{taro.atena_bango}" in form.fields

    done = shokken.shibou_entry(
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
        assert row.ryuiji == shokken.SHIBOU_NUSHI_RYUIJI
        assert row.snapshot["setai_nushi_name"] == "髙橋　花子"


def test_shibou_of_the_head_with_one_remaining_sets_the_head_by_shokken(
    couple: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    nushi, tsuma = couple["nushi"], couple["tsuma"]
    entry = shokken.shibou_entry(atena_bango=nushi.atena_bango, shibou_date=TODAY)
    proc = enter_and_check("shibou", entry, contractor)
    assert any("職権で世帯主" in f for f in proc.flags)
    proc = services.do_approve(proc, acting_user=clerk, terminal=clerk.default_terminal)
    tsuma = fresh(tsuma)
    assert tsuma.setai.setai_nushi_id == tsuma.pk
    assert tsuma.zokugara == "世帯主"
    assert proc.result["shokken_setai_nushi"] is True
    row = last_rireki(tsuma)
    assert row.ido_jiyu == IdoJiyu.SETAI_HENKOU
    assert row.ryuiji == shokken.SHIBOU_NUSHI_RYUIJI + "（職権）"
    assert proc.result["zokugara_before"] == {tsuma.atena_bango: "妻"}


def test_shibou_date_unknown_is_recorded_as_given(
    couple: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    tsuma = couple["tsuma"]
    form = shokken.ShibouForm(
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
    entry = shokken.shibou_entry(
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

    entry = shokken.shibou_entry(
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
    proc = services.do_approve(proc, acting_user=clerk, terminal=clerk.default_terminal)
    first10 = f"{shokken.JUMINHYO_YOBI_PREFIX}{1:09d}"
    assert proc.result["juminhyo_code"].startswith(first10)  # the sequence rolled back too


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
    entry = shokken.shokken_kisai_entry(
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
    row = last_rireki(j)
    assert row.ido_jiyu == IdoJiyu.SHOKKEN_KISAI
    assert row.ryuiji == "実態調査により居住を確認（未届転入）"
    assert ("jukinet_cs", "juminhyo_code_fuban") in messages(proc)


def test_shokken_kisai_joining_refuses_a_live_person(
    family: dict[str, Jumin], contractor: Any
) -> None:
    taro = family["taro"]
    person = tennyu_person(
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
    entry = shokken.shokken_kisai_entry(
        chouaza=taro.chouaza.code, person=person, setai_bango=taro.setai.setai_bango
    )
    with pytest.raises(ProcedureRefused, match="既に本市の住民"):
        shokken.plan_kisai(entry)


# --------------------------------------------------------------------------- 職権消除


def test_shokken_shojo_refused_without_a_jittai_chousa(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    taro = family["taro"]
    entry = shokken.shokken_shojo_entry(atena_bango=taro.atena_bango)
    with pytest.raises(ProcedureRefused, match="実態調査"):
        shokken.plan_shojo(entry)
    proc = enter_and_check("shokken_shojo", entry, contractor)
    with pytest.raises(ProcedureRefused, match="実態調査"):
        services.do_approve(proc, acting_user=clerk, terminal=clerk.default_terminal)
    assert fresh(taro).status == JuminStatus.LIVE
    # a survey that found the person living there is no ground either
    found = shokken.record_jittai_chousa(
        taro, chousa_date=TODAY, chousain="調査　一郎", kekka=JittaiKekka.KYOJU_ARI
    )
    with pytest.raises(ProcedureRefused, match="居住の事実あり"):
        shokken.plan_shojo(dict(entry, chousa_id=found.pk))


def test_shokken_shojo_with_a_recorded_jittai_chousa(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    taro = family["taro"]
    chousa = shokken.record_jittai_chousa(
        taro,
        chousa_date=TODAY - datetime.timedelta(days=40),
        chousain="調査　一郎",
        kekka=JittaiKekka.KYOJU_NASHI,
        saikoku_date=TODAY - datetime.timedelta(days=30),
        koji_date=TODAY - datetime.timedelta(days=10),
        memo="郵便物滞留、近隣聞き取り",
        recorded_by=clerk,
    )
    inkan = InkanToroku.objects.create(jumin=taro, toroku_date=datetime.date(2020, 1, 1))
    entry = shokken.shokken_shojo_entry(atena_bango=taro.atena_bango, chousa_id=chousa.pk)
    proc = run("shokken_shojo", entry, contractor, clerk)
    inkan.refresh_from_db()
    assert (inkan.status, inkan.haishi_reason) == (InkanStatus.HAISHI, HaishiReason.SHOKKEN)
    taro = fresh(taro)
    assert taro.status == JuminStatus.JOHYO
    assert taro.shojo_jiyu == ShojoJiyu.SHOKKEN_SHOJO
    assert taro.shojo_date == TODAY
    row = last_rireki(taro)
    assert row.ido_jiyu == IdoJiyu.SHOKKEN_SHOJO
    assert "実態調査" in row.ryuiji
    assert proc.result["chousa_id"] == chousa.pk
    assert ("jukinet_cs", "honnin_kakunin_koshin") in messages(proc)


def test_shokken_shojo_with_the_survey_entered_and_one_remaining(
    couple: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    nushi, tsuma = couple["nushi"], couple["tsuma"]
    form = shokken.ShokkenShojoForm(
        {
            "atena_bango": nushi.atena_bango,
            "chousa_id": "new",
            "chousa_date": (TODAY - datetime.timedelta(days=3)).isoformat(),
            "chousain": "調査　二郎",
            "kekka": JittaiKekka.KYOJU_NASHI,
            "memo": "電気・ガス停止",
            "shojo_date": TODAY.isoformat(),
            "riyu": shokken.SHOJO_RIYU_DEFAULT,
        }
    )
    assert form.is_valid(), form.errors
    entry = get_kind("shokken_shojo").clean_entry(form)
    assert entry["chousa"]["chousain"] == "調査　二郎"
    assert not JittaiChousa.objects.exists()
    proc = run("shokken_shojo", entry, contractor, clerk)
    chousa = JittaiChousa.objects.get()
    assert chousa.jumin_id == nushi.pk and chousa.recorded_by == contractor
    assert chousa.kekka == JittaiKekka.KYOJU_NASHI
    assert fresh(nushi).status == JuminStatus.JOHYO
    tsuma = fresh(tsuma)
    assert tsuma.setai.setai_nushi_id == tsuma.pk
    assert proc.result["shokken_setai_nushi"] is True
    assert last_rireki(tsuma).ryuiji == shokken.SHOJO_NUSHI_RYUIJI + "（職権）"


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
    first = shokken.ShokkenShuseiForm({"atena_bango": tsuma.atena_bango, "search": "1"})
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
    form = shokken.ShokkenShuseiForm({**form_data, **items})
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
    entry = shokken.shokken_shusei_entry(
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
        shokken.plan_shusei(
            shokken.shokken_shusei_entry(
                atena_bango=tsuma.atena_bango, riyu="", changes={"mei": "x"}
            )
        )
    with pytest.raises(ProcedureRefused, match="修正する項目がありません"):
        shokken.plan_shusei(
            shokken.shokken_shusei_entry(
                atena_bango=tsuma.atena_bango, riyu="誤り", changes={"mei": "花子"}
            )
        )
    with pytest.raises(ProcedureRefused, match="世帯変更"):
        shokken.plan_shusei(
            shokken.shokken_shusei_entry(
                atena_bango=tsuma.atena_bango, riyu="誤り", changes={"zokugara": "世帯主"}
            )
        )


# --------------------------------------------------------------------------- screens


@pytest.mark.parametrize(
    ("kind", "labels"),
    [
        ("shussei", ["届出年月日", "受理年月日（戸籍）", "生年月日", "入る世帯の世帯番号"]),
        ("shibou", ["宛名番号", "死亡年月日", "届出年月日"]),
        ("shokken_kisai", ["職権記載の理由", "住民となった年月日（異動日）", "記載する方"]),
        ("shokken_shojo", ["実態調査", "調査者", "職権消除の年月日"]),
        ("shokken_shusei", ["宛名番号（修正する方）", "修正の理由"]),
    ],
)
def test_the_entry_screens_render(
    client: Any, contractor: Any, kind: str, labels: list[str]
) -> None:
    ChouazaFactory()
    login_as(client, contractor)
    proc = receive(contractor, kind)
    response = client.get(reverse("counter:procedure_entry", args=[proc.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    for label in labels:
        assert label in page, label
    assert "仮登録 (Alt+S)" in page


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
    page = client.post(url, {**data, "form_token": "t1"}).content.decode()
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


@pytest.mark.django_db
def test_showing_the_household_neither_saves_nor_complains(family: dict[str, Jumin]) -> None:
    """「世帯を表示」 on the 死亡 screen only shows the household and its fields."""
    nushi = family["nushi"]
    form = shokken.ShibouForm({"search": "1", "atena_bango": nushi.atena_bango})
    assert not form.is_valid()
    assert not form.errors
    assert form.person == nushi and len(form.staying) >= 2
    assert form.zokugara_fields  # the 世帯主 dies: each remaining member's 続柄 is asked
