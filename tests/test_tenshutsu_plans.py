"""転出, 転出取消, 転出証明書再交付 on the kernel: every problem at once, each on its field;
the typed entry; one plan per request; the notices in their one shape.

The journeys themselves (承認, history, certificate) are in test_tenshutsu.py.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from counter import services
from counter.models import OutboxMessage
from counter.procedure_kinds import get_kind
from counter.procedure_models import Procedure
from juki import takka
from juki.ido import kernel, tenshutsu, tenshutsu_saikoufu, tenshutsu_torikeshi
from juki.models import Jumin, JuminStatus, Seibetsu, ShojoJiyu

from .factories import JuminFactory, foreign_person, register_household
from .test_tenshutsu import SAKI, TODAY, YOTEI, entry_for, family, received, run, shojo_on

__all__ = ["family"]  # the fixture, shared with test_tenshutsu.py

TOMORROW = TODAY + datetime.timedelta(days=1)


def problems_of(refused: pytest.ExceptionInfo[kernel.PlanRefused]) -> dict[str | None, str]:
    return {p.field: p.message for p in refused.value.problems}


def form_data(nushi: Jumin, **kw: Any) -> dict[str, Any]:
    data = {
        "atena_bango": nushi.atena_bango,
        "todoke_date": TODAY.isoformat(),
        "tenshutsu_yotei_date": YOTEI.isoformat(),
        "tenshutsusaki": SAKI,
    }
    data.update(kw)
    return data


# --------------------------------------------------------------------------- 転出


def test_tenshutsu_plan_reports_every_problem_at_once(family: dict[str, Jumin]) -> None:
    entry = entry_for(
        family["taro"],
        todoke_date=TOMORROW,
        kokugai=True,
        tokurei=True,
        tenshutsusaki="",
        tenshutsusaki_postal_code="53",
    )
    with pytest.raises(kernel.PlanRefused) as refused:
        tenshutsu.TenshutsuKind().planned(entry)
    found = problems_of(refused)
    assert "未来の日付" in found["todoke_date"]
    assert "国・地域" in found["tenshutsusaki_country"]
    assert "7桁" in found["tenshutsusaki_postal_code"]
    assert "特例転出にできません" in found["tokurei"]
    assert refused.value.field == "todoke_date"  # the first, for a caller reading one


def test_tenshutsu_form_puts_each_problem_on_its_field(family: dict[str, Jumin]) -> None:
    """A missing 転出先 and the j490 rule (the new 世帯主 is one who leaves) in one round."""
    nushi = family["nushi"]
    form = tenshutsu.TenshutsuForm(
        form_data(
            nushi,
            tenshutsusaki="",
            leavers=[nushi.atena_bango, family["taro"].atena_bango],
            new_setai_nushi=family["taro"].atena_bango,
        )
    )
    assert not form.is_valid()
    assert "転出先の住所を入力してください" in form.errors["tenshutsusaki"][0]
    assert "新しい世帯主を選んでください" in form.errors["new_setai_nushi"][0]
    assert form.entry == {}
    assert form["tenshutsusaki_postal_code"].value() is None  # nothing typed, nothing made up
    assert form["leavers"].value() == [nushi.atena_bango, family["taro"].atena_bango]


def test_a_field_in_error_does_not_hide_the_plans_other_problems(
    family: dict[str, Jumin],
) -> None:
    nushi = family["nushi"]
    form = tenshutsu.TenshutsuForm(
        form_data(
            nushi,
            todoke_date="R99.99.99",
            leavers=[nushi.atena_bango],
            new_setai_nushi=nushi.atena_bango,  # one who leaves (j490)
        )
    )
    assert not form.is_valid()
    assert len(form.errors["todoke_date"]) == 1  # the field's own message, not twice
    assert "新しい世帯主を選んでください" in form.errors["new_setai_nushi"][0]


def test_persons_of_another_household_stop_the_plan_there(family: dict[str, Jumin]) -> None:
    (other,) = register_household(JuminFactory.build(shi="佐藤"))
    entry = entry_for(
        family["taro"], other, tenshutsusaki="", setai_bango=family["taro"].setai.setai_bango
    )
    with pytest.raises(kernel.PlanRefused) as refused:
        tenshutsu.TenshutsuKind().planned(entry)
    found = problems_of(refused)
    assert set(found) == {"tenshutsusaki", "atena_bangos"}
    assert "同じ世帯" in found["atena_bangos"]


def test_the_entry_is_typed_and_versioned(family: dict[str, Jumin]) -> None:
    entry = entry_for(family["taro"], zokugara_changes={"1": "子"})
    assert entry["v"] == tenshutsu.TenshutsuEntry.VERSION == 1
    typed = tenshutsu.TenshutsuEntry.from_json(entry)
    assert typed.tenshutsu_yotei_date == YOTEI
    assert typed.atena_bangos == (family["taro"].atena_bango,)
    assert typed.to_json() == entry
    # an entry stored before versions existed (no "v") is version 1 and still plans
    old = {k: v for k, v in entry.items() if k != "v"}
    old["zokugara_changes"] = {}
    plan = tenshutsu.TenshutsuKind().planned(old)
    assert [j.atena_bango for j in plan.leavers] == [family["taro"].atena_bango]


def test_the_plan_runs_once_from_the_form_to_the_flags(
    family: dict[str, Jumin], contractor: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from juki.ido.tenshutsu import kind as kind_module

    calls: list[Any] = []
    real = kind_module.plan

    def counting(entry: Any, *, lock: bool = False) -> Any:
        calls.append(lock)
        return real(entry, lock=lock)

    monkeypatch.setattr(kind_module.TenshutsuKind, "planner", counting)
    proc = received("tenshutsu", contractor)
    kind = get_kind("tenshutsu")
    with kernel.plan_memo():
        form = kind.entry_form(
            proc, form_data(family["taro"], leavers=[family["taro"].atena_bango])
        )
        assert form.is_valid(), form.errors
        entry = kind.clean_entry(form)
        proc = services.do_enter(proc, entry, acting_user=contractor, terminal=None)
        kind.review(proc)
    assert calls == [False]


# --------------------------------------------------------------------------- the notices


@pytest.mark.django_db
def test_a_foreign_resident_leaving_notifies_in_the_one_shape(contractor: Any, clerk: Any) -> None:
    head, wife, child = register_household(
        foreign_person(kokuho_date=datetime.date(2020, 4, 1)),
        JuminFactory.build(
            shi="SMITH", mei="MARY", zokugara="妻", seibetsu=Seibetsu.FEMALE, honseki=""
        ),
        JuminFactory.build(shi="SMITH", mei="TOM", zokugara="子", honseki=""),
    )
    entry = entry_for(
        head, new_setai_nushi=wife.atena_bango, zokugara_changes={child.atena_bango: "子"}
    )
    proc = run("tenshutsu", entry, contractor, clerk)
    assert not OutboxMessage.objects.filter(destination="nyukan").exists()  # at the 消除
    shojo_on(YOTEI)
    messages = OutboxMessage.objects.filter(source_id=str(proc.pk))
    nyukan = messages.get(destination="nyukan")
    assert nyukan.message_type == kernel.NYUKAN_TSUCHI
    assert nyukan.payload["person"]["atena_bango"] == head.atena_bango
    assert nyukan.payload["zairyu_card_bango"] == "AB12345678CD"
    assert nyukan.payload["jiyu"] == "転出"
    assert not messages.filter(destination="honsekichi").exists()  # no 本籍
    cs = messages.get(message_type=kernel.HONNIN_KAKUNIN)
    assert cs.payload["shojo"] is True
    assert cs.payload["person"]["tenshutsusaki"] == SAKI
    assert cs.payload["ido_date"] == YOTEI.isoformat()
    # 他課: the leaver (転出) and, as the 世帯主 changed, those who stay (世帯変更)
    zei = {m.payload["jiyu"]: m.payload for m in messages.filter(destination="takka_zei")}
    assert [p["atena_bango"] for p in zei["転出"]["persons"]] == [head.atena_bango]
    assert {p["atena_bango"] for p in zei["世帯変更"]["persons"]} == {
        wife.atena_bango,
        child.atena_bango,
    }
    assert zei["転出"]["setai"] == [
        {"setai_bango": head.setai.setai_bango, "setai_nushi_atena_bango": wife.atena_bango}
    ]
    # the 他課 sheet shows where the person went
    at_shojo = messages.filter(destination__startswith="takka_").exclude(
        pk__in=proc.result["outbox"]
    )
    sheet = takka.sheet_from(at_shojo.order_by("id"))
    assert sheet is not None and sheet.jusho == SAKI


def test_torikeshi_of_a_tokurei_withdraws_the_shomeisho_joho(
    family: dict[str, Jumin], contractor: Any, clerk: Any, second_clerk: Any
) -> None:
    taro = family["taro"]
    run("tenshutsu", entry_for(taro, tokurei=True), contractor, clerk)
    shojo_on(YOTEI)
    entry = tenshutsu_torikeshi.torikeshi_entry(
        todoke_date=TODAY, atena_bangos=[taro.atena_bango], reason="予定の変更"
    )
    proc = run("tenshutsu_torikeshi", entry, contractor, second_clerk)
    messages = OutboxMessage.objects.filter(source_id=str(proc.pk))
    sakujo = messages.get(message_type="tenshutsu_shomeisho_joho_sakujo")
    assert sakujo.destination == "jukinet_cs"
    assert sakujo.payload["atena_bango"] == taro.atena_bango
    assert sakujo.payload["torikesu_ido_date"] == YOTEI.isoformat()
    assert sakujo.payload["reason"] == "予定の変更"
    cs = messages.get(message_type=kernel.HONNIN_KAKUNIN)
    assert cs.payload["shojo"] is False and cs.payload["jiyu"] == "転出取消"
    assert cs.payload["person"]["tenshutsusaki"] == ""


# --------------------------------------------------------------------------- 転出取消


def test_torikeshi_reports_every_problem_at_once(family: dict[str, Jumin]) -> None:
    (other,) = register_household(JuminFactory.build(shi="佐藤"))
    entry = tenshutsu_torikeshi.torikeshi_entry(
        todoke_date=TODAY, atena_bangos=[family["taro"].atena_bango, other.atena_bango], reason=" "
    )
    with pytest.raises(kernel.PlanRefused) as refused:
        tenshutsu_torikeshi.TenshutsuTorikeshiKind().planned(entry)
    messages = [(p.field, p.message) for p in refused.value.problems]
    assert messages[0] == ("reason", "取消の理由を入力してください。")
    persons = [m for f, m in messages if f == "atena_bangos"]
    assert len(persons) == 2  # both persons who are not 除票 by 転出
    assert "髙橋　太郎" in persons[0] and "佐藤" in persons[1]


def test_torikeshi_form_shows_the_reason_and_the_persons_problems(
    family: dict[str, Jumin],
) -> None:
    form = tenshutsu_torikeshi.TorikeshiForm(
        {
            "todoke_date": TODAY.isoformat(),
            "atena_bangos": family["taro"].atena_bango,
            "reason": "",
        }
    )
    assert not form.is_valid()
    assert form.errors["reason"]  # required, said once
    assert len(form.errors["reason"]) == 1
    assert "転出による除票" in form.errors["atena_bangos"][0]
    assert form["atena_bangos"].value() == family["taro"].atena_bango


def test_torikeshi_with_an_unknown_number_says_which(db: Any) -> None:
    form = tenshutsu_torikeshi.TorikeshiForm(
        {"todoke_date": TODAY.isoformat(), "atena_bangos": "9999999999", "reason": "x"}
    )
    assert not form.is_valid()
    assert "9999999999 の住民票が見つかりません" in form.errors["atena_bangos"][0]


# --------------------------------------------------------------------------- 再交付


def test_saikoufu_reports_every_person_who_does_not_qualify(family: dict[str, Jumin]) -> None:
    Jumin.objects.filter(pk=family["tsuma"].pk).update(
        status=JuminStatus.JOHYO, shojo_jiyu=ShojoJiyu.SHIBOU
    )
    entry = tenshutsu_saikoufu.SaikoufuEntry(
        atena_bangos=(family["taro"].atena_bango, family["tsuma"].atena_bango)
    ).to_json()
    with pytest.raises(kernel.PlanRefused) as refused:
        tenshutsu_saikoufu.TenshutsuSaikoufuKind().planned(entry)
    found = [(p.field, p.message) for p in refused.value.problems]
    assert found[0] == ("todoke_date", "届出年月日を入力してください。")
    assert "住民のため" in found[1][1] and "転出以外による除票" in found[2][1]
    assert {f for f, _ in found[1:]} == {"atena_bangos"}


def test_saikoufu_review_before_and_after_approval(
    family: dict[str, Jumin], contractor: Any, clerk: Any, second_clerk: Any
) -> None:
    taro = family["taro"]
    run("tenshutsu", entry_for(taro), contractor, clerk)
    entry = tenshutsu_saikoufu.saikoufu_entry(todoke_date=TODAY, atena_bangos=[taro.atena_bango])
    proc = run("tenshutsu_saikoufu", entry, contractor, second_clerk)
    kind = get_kind("tenshutsu_saikoufu")
    (block,) = kind.review(proc)
    assert block.title == "転出証明書の再交付"
    rows = {r.label: r for r in block.rows}
    assert rows["対象者"].after == "髙橋　太郎"
    assert rows["転出先"].after == SAKI
    assert kind.entry_summary(entry) == "転出証明書再交付 1人"
    assert kind.handover_documents(proc) == ["転出証明書（再交付）"]
    assert Procedure.objects.filter(kind="tenshutsu_saikoufu").count() == 1


def test_an_entry_that_cannot_be_approved_is_reviewed_with_every_reason(
    family: dict[str, Jumin], contractor: Any
) -> None:
    """The 審査 screen of a refused entry lists each reason instead of failing."""
    proc = received("tenshutsu", contractor)
    nushi = family["nushi"]
    # no 転出先, and a new 世帯主 who is not among those who stay (j490)
    entry = entry_for(nushi, tenshutsusaki="", new_setai_nushi=nushi.atena_bango)
    proc = services.do_enter(proc, entry, acting_user=contractor, terminal=None)
    assert any(f.startswith("承認できない内容があります") for f in proc.flags)
    (block,) = get_kind("tenshutsu").review(proc)
    assert block.title == "承認できない理由"
    assert len(block.rows) == 2
    assert timezone.localdate() == TODAY
