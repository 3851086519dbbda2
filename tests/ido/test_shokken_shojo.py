"""職権消除 (shokken_shojo) through the procedure machine: 受付 → 仮登録 → 照合 (contractor) → 承認
(clerk); the register, its history, the outbox and the reactions are checked afterwards."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from counter import services
from counter.procedure_kinds import get_kind
from counter.services import ProcedureRefused
from juki.ido import shokken_shojo
from juki.ido.kernel import PlanRefused
from juki.manifest import IDO
from juki.models import (
    IdoJiyu,
    JittaiChousa,
    JittaiKekka,
    Jumin,
    JuminStatus,
    ShojoJiyu,
)
from seal.models import HaishiReason, InkanStatus, InkanToroku

from ._shokken import (
    TODAY,
    assert_entry_screen,
    enter_and_check,
    fresh,
    last_rireki,
    messages,
    plan_of,
    problems_of,
    run,
)


def test_the_kind_is_registered_and_its_screen_renders(client: Any, contractor: Any) -> None:
    kind = get_kind("shokken_shojo")
    assert kind.label == "職権消除"
    assert kind.category == IDO
    assert_entry_screen(
        client, contractor, "shokken_shojo", ["実態調査", "調査者", "職権消除の年月日"]
    )


# --------------------------------------------------------------------------- 職権消除


def test_shokken_shojo_refused_without_a_jittai_chousa(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    taro = family["taro"]
    entry = shokken_shojo.shokken_shojo_entry(atena_bango=taro.atena_bango)
    with pytest.raises(ProcedureRefused, match="実態調査"):
        plan_of("shokken_shojo", entry)
    proc = enter_and_check("shokken_shojo", entry, contractor)
    with pytest.raises(ProcedureRefused, match="実態調査"):
        services.do_approve(proc, acting_user=clerk, terminal=clerk.default_terminal)
    assert fresh(taro).status == JuminStatus.LIVE
    # a survey that found the person living there is no ground either
    found = shokken_shojo.record_jittai_chousa(
        taro, chousa_date=TODAY, chousain="調査　一郎", kekka=JittaiKekka.KYOJU_ARI
    )
    with pytest.raises(ProcedureRefused, match="居住の事実あり"):
        plan_of("shokken_shojo", dict(entry, chousa_id=found.pk))


def test_shokken_shojo_with_a_recorded_jittai_chousa(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    taro = family["taro"]
    chousa = shokken_shojo.record_jittai_chousa(
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
    entry = shokken_shojo.shokken_shojo_entry(atena_bango=taro.atena_bango, chousa_id=chousa.pk)
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
    form = shokken_shojo.ShokkenShojoForm(
        {
            "atena_bango": nushi.atena_bango,
            "chousa_id": "new",
            "chousa_date": (TODAY - datetime.timedelta(days=3)).isoformat(),
            "chousain": "調査　二郎",
            "kekka": JittaiKekka.KYOJU_NASHI,
            "memo": "電気・ガス停止",
            "shojo_date": TODAY.isoformat(),
            "riyu": shokken_shojo.SHOJO_RIYU_DEFAULT,
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
    assert last_rireki(tsuma).ryuiji == shokken_shojo.SHOJO_NUSHI_RYUIJI + "（職権）"


def test_every_problem_is_reported_at_once_on_its_field(family: dict[str, Jumin]) -> None:
    """A survey that found the person living there, dated after the 消除: both."""
    taro = family["taro"]
    form = shokken_shojo.ShokkenShojoForm(
        {
            "atena_bango": taro.atena_bango,
            "chousa_id": "new",
            "chousa_date": (TODAY - datetime.timedelta(days=3)).isoformat(),
            "chousain": "調査　二郎",
            "kekka": JittaiKekka.KYOJU_ARI,
            "shojo_date": (TODAY - datetime.timedelta(days=10)).isoformat(),
            "riyu": shokken_shojo.SHOJO_RIYU_DEFAULT,
        }
    )
    assert not form.is_valid()
    assert "居住の事実あり" in str(form.errors["kekka"])
    assert "実態調査の調査日より前" in str(form.errors["shojo_date"])
    assert form["chousain"].value() == "調査　二郎"
    entry = shokken_shojo.shokken_shojo_entry(atena_bango=taro.atena_bango, riyu="")
    with pytest.raises(PlanRefused) as refused:
        plan_of("shokken_shojo", entry)
    assert [f for f, _ in problems_of(refused.value)] == ["riyu", "chousa_id"]
