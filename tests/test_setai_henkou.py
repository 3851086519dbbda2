"""世帯変更 (世帯分離・世帯合併・世帯主変更・世帯構成変更) through the procedure machine
(juki.ido.setai_henkou): 受付 → 仮登録 → 照合 (contractor) → 承認 (city clerk)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from counter import outbox, services
from counter.models import OutboxMessage
from counter.procedure_kinds import get_kind
from counter.procedure_models import Procedure, ProcedureState
from counter.services import ProcedureRefused
from juki.ido import kernel, setai_henkou
from juki.ido.setai_henkou import setai_henkou_entry
from juki.manifest import IDO
from juki.models import IdoJiyu, Jumin, JuminRireki, Seibetsu, Setai

from . import procedures
from .factories import ChouazaFactory, JuminFactory, register_household
from .procedures import fresh

TODAY = timezone.localdate()
CHANGED = TODAY - datetime.timedelta(days=2)


@pytest.fixture
def family(db: Any) -> dict[str, Jumin]:
    """髙橋 家: 世帯主, 妻, two adult children and a 同居人."""
    nushi, tsuma, taro, hanako, kiyo = register_household(
        JuminFactory.build(
            shi="髙橋", mei="一郎", seinengappi=datetime.date(1960, 6, 1), kaigo_date=None
        ),
        JuminFactory.build(
            shi="髙橋",
            mei="花子",
            zokugara="妻",
            seinengappi=datetime.date(1962, 2, 3),
            seibetsu=Seibetsu.FEMALE,
        ),
        JuminFactory.build(
            shi="髙橋", mei="太郎", zokugara="子", seinengappi=datetime.date(1990, 5, 5)
        ),
        JuminFactory.build(
            shi="髙橋",
            mei="桜",
            zokugara="子",
            seinengappi=datetime.date(1993, 8, 9),
            seibetsu=Seibetsu.FEMALE,
        ),
        JuminFactory.build(
            shi="清水",
            mei="清",
            zokugara="同居人",
            seinengappi=datetime.date(1991, 1, 1),
            seibetsu=Seibetsu.FEMALE,
        ),
    )
    return {"nushi": nushi, "tsuma": tsuma, "taro": taro, "sakura": hanako, "kiyo": kiyo}


def plan(entry: dict[str, Any], **kw: Any) -> Any:
    """The plan of an entry JSON (as the kind reads it)."""
    return setai_henkou.plan_setai_henkou(setai_henkou.SetaiHenkouEntry.from_json(entry), **kw)


def last_row(j: Jumin) -> JuminRireki:
    row = JuminRireki.objects.filter(jumin_id=j.pk).order_by("-rireki_no").first()
    assert row is not None
    return row


def enter_and_check(entry: dict[str, Any], contractor: Any) -> Procedure:
    return procedures.enter_and_check("setai_henkou", entry, contractor)


def run(entry: dict[str, Any], contractor: Any, clerk: Any) -> Procedure:
    return procedures.run("setai_henkou", entry, contractor, clerk)


def entry_for(family: dict[str, Jumin], henkou: str, **kw: Any) -> dict[str, Any]:
    return setai_henkou_entry(
        henkou=henkou,
        atena_bango=family["nushi"].atena_bango,
        ido_date=kw.pop("ido_date", CHANGED),
        todoke_date=TODAY,
        **kw,
    )


# --------------------------------------------------------------------------- 世帯分離


def test_bunri_creates_a_second_household(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    taro, kiyo = family["taro"], family["kiyo"]
    old = taro.setai
    entry = entry_for(
        family,
        "bunri",
        atena_bangos=[taro.atena_bango, kiyo.atena_bango],
        setai_nushi=taro.atena_bango,
        zokugara={kiyo.atena_bango: "妻（未届）"},
    )
    proc = run(entry, contractor, clerk)
    taro, kiyo = fresh(taro), fresh(kiyo)
    assert taro.setai_id == kiyo.setai_id != old.pk
    assert taro.setai.setai_nushi_id == taro.pk
    assert taro.zokugara == "世帯主" and kiyo.zokugara == "妻（未届）"
    assert taro.address == family["nushi"].address  # the same address
    assert Setai.objects.count() == 2
    for j in (taro, kiyo):
        row = last_row(j)
        assert row.ido_jiyu == IdoJiyu.SETAI_HENKOU and row.rireki_no == 2
        assert row.snapshot["setai_bango"] == taro.setai.setai_bango
        assert row.snapshot["setai_nushi_name"] == "髙橋　太郎"
        assert row.ido_date == CHANGED and row.todoke_date == TODAY
    # the household left keeps its head; nobody there got history
    for key in ("nushi", "tsuma", "sakura"):
        assert fresh(family[key]).setai_id == old.pk and fresh(family[key]).rireki_no == 1
    assert fresh(family["nushi"]).setai.setai_nushi_id == family["nushi"].pk
    assert proc.result["new_setai_bango"] == taro.setai.setai_bango
    messages = OutboxMessage.objects.filter(source_id=str(proc.pk))
    assert messages.filter(destination="jukinet_cs").count() == 2
    dests = set(messages.values_list("destination", flat=True))
    assert {"takka_zei", "takka_kokuho"} <= dests
    zei = messages.get(destination="takka_zei")
    assert {s["setai_bango"] for s in zei.payload["setai"]} == {
        old.setai_bango,
        taro.setai.setai_bango,
    }


def test_bunri_of_the_nushi_may_name_a_new_nushi(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    """j490 (was: a new 世帯主 was required; ADR 0020): without one the plan carries the
    alert; the same 届 may name one."""
    nushi, tsuma = family["nushi"], family["tsuma"]
    entry = entry_for(
        family,
        "bunri",
        atena_bangos=[nushi.atena_bango, tsuma.atena_bango],
        setai_nushi=nushi.atena_bango,
        zokugara={tsuma.atena_bango: "妻"},
    )
    assert any("j500" in f for f in plan(entry).flags)
    with pytest.raises(ProcedureRefused, match="j490"):  # the new head must be one who stays
        plan({**entry, "staying_setai_nushi": tsuma.atena_bango})
    taro = family["taro"]
    entry["staying_setai_nushi"] = taro.atena_bango
    # everyone staying gets a 続柄 to the new 世帯主 (j490), 同居人 included
    entry["staying_zokugara"] = {
        family["sakura"].atena_bango: "妹",
        family["kiyo"].atena_bango: "同居人",
    }
    run(entry, contractor, clerk)
    assert fresh(taro).zokugara == "世帯主"
    assert fresh(taro).setai.setai_nushi_id == taro.pk
    assert fresh(family["sakura"]).zokugara == "妹"
    assert fresh(family["kiyo"]).zokugara == "同居人"
    assert last_row(family["kiyo"]).snapshot["setai_nushi_name"] == "髙橋　太郎"
    assert fresh(nushi).setai.setai_nushi_id == nushi.pk


# --------------------------------------------------------------------------- 世帯合併


def test_gappei_leaves_one_household(db: Any, contractor: Any, clerk: Any) -> None:
    place = ChouazaFactory()
    nushi, tsuma = register_household(
        JuminFactory.build(shi="山本", mei="一"),
        JuminFactory.build(shi="山本", mei="二葉", zokugara="妻", seibetsu=Seibetsu.FEMALE),
        chouaza=place,
    )
    son, son_wife = register_household(
        JuminFactory.build(shi="山本", mei="健", seinengappi=datetime.date(1995, 1, 1)),
        JuminFactory.build(
            shi="山本", mei="愛", zokugara="妻", seibetsu=Seibetsu.FEMALE, kaigo_date=None
        ),
        chouaza=place,
    )
    absorbed = son.setai
    entry = setai_henkou_entry(
        henkou="gappei",
        atena_bango=nushi.atena_bango,
        ido_date=CHANGED,
        other_setai_bango=absorbed.setai_bango,
        zokugara={son.atena_bango: "子", son_wife.atena_bango: "子の妻"},
    )
    proc = run(entry, contractor, clerk)
    son, son_wife = fresh(son), fresh(son_wife)
    assert son.setai_id == son_wife.setai_id == nushi.setai_id
    assert son.zokugara == "子" and son_wife.zokugara == "子の妻"
    assert son.setai.setai_nushi_id == nushi.pk
    assert Jumin.objects.filter(setai=nushi.setai).count() == 4
    # the absorbed household is kept, empty and without a head
    absorbed.refresh_from_db()
    assert Setai.objects.filter(pk=absorbed.pk).exists()
    assert absorbed.setai_nushi_id is None
    assert not Jumin.objects.filter(setai=absorbed).exists()
    for j in (son, son_wife):
        row = last_row(j)
        assert row.ido_jiyu == IdoJiyu.SETAI_HENKOU
        assert row.snapshot["setai_bango"] == nushi.setai.setai_bango
        assert row.snapshot["setai_nushi_name"] == "山本　一"
    assert fresh(nushi).rireki_no == 1 and fresh(tsuma).rireki_no == 1
    assert proc.result["emptied_setai_bango"] == absorbed.setai_bango


def test_gappei_needs_the_same_address(db: Any) -> None:
    nushi, _ = register_household(
        JuminFactory.build(shi="山本", mei="一"),
        JuminFactory.build(shi="山本", mei="二葉", zokugara="妻", seibetsu=Seibetsu.FEMALE),
    )
    (other,) = register_household(JuminFactory.build(shi="田中"))  # another 町字
    entry = setai_henkou_entry(
        henkou="gappei",
        atena_bango=nushi.atena_bango,
        other_setai_bango=other.setai.setai_bango,
        zokugara={other.atena_bango: "同居人"},
    )
    with pytest.raises(ProcedureRefused, match="同じ住所の世帯に限ります"):
        plan(entry)


# --------------------------------------------------------------------------- 世帯主変更


def test_nushi_henkou_rewrites_zokugara(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    nushi, tsuma, taro, sakura, kiyo = family.values()
    # what the form can derive for the new head (the 妻)
    derived = setai_henkou.derive_zokugara(list(family.values()), tsuma)
    assert derived == {
        nushi.atena_bango: "夫",
        taro.atena_bango: "子",
        sakura.atena_bango: "子",
        kiyo.atena_bango: "同居人",
    }
    # and for a child becoming head
    assert setai_henkou.derive_zokugara(list(family.values()), taro) == {
        nushi.atena_bango: "父",
        tsuma.atena_bango: "母",
        sakura.atena_bango: "妹",
        kiyo.atena_bango: "同居人",
    }
    # every member's 続柄 must be entered
    partial = entry_for(
        family, "nushi_henkou", setai_nushi=tsuma.atena_bango, zokugara={nushi.atena_bango: "夫"}
    )
    with pytest.raises(ProcedureRefused, match="太郎さんの続柄"):
        plan(partial)
    entry = entry_for(family, "nushi_henkou", setai_nushi=tsuma.atena_bango, zokugara=derived)
    proc = run(entry, contractor, clerk)
    assert fresh(tsuma).setai.setai_nushi_id == tsuma.pk
    assert fresh(tsuma).zokugara == "世帯主"
    assert fresh(nushi).zokugara == "夫"
    assert fresh(taro).zokugara == "子"
    # a row for everyone: the 世帯主 on each 住民票 changed
    for j in family.values():
        row = last_row(j)
        assert row.ido_jiyu == IdoJiyu.SETAI_HENKOU and row.rireki_no == 2
        assert row.snapshot["setai_nushi_name"] == "髙橋　花子"
    assert last_row(taro).changed_fields == ["setai_nushi"]
    assert "zokugara" in last_row(nushi).changed_fields
    cs = OutboxMessage.objects.filter(source_id=str(proc.pk), destination="jukinet_cs")
    assert cs.count() == 5
    assert cs.first() is not None and "世帯主変更" in cs.first().payload["jiyu"]  # type: ignore[union-attr]


def test_two_nushi_are_refused(family: dict[str, Jumin]) -> None:
    nushi, tsuma, taro, sakura, kiyo = family.values()
    entry = entry_for(
        family,
        "nushi_henkou",
        setai_nushi=tsuma.atena_bango,
        zokugara={
            nushi.atena_bango: "世帯主",
            taro.atena_bango: "子",
            sakura.atena_bango: "子",
            kiyo.atena_bango: "同居人",
        },
    )
    with pytest.raises(ProcedureRefused, match="世帯主は1人だけ"):
        plan(entry)
    kousei = entry_for(family, "kousei_henkou", zokugara={kiyo.atena_bango: "世帯主"})
    with pytest.raises(ProcedureRefused, match="世帯主は1人だけ"):
        plan(kousei)


# --------------------------------------------------------------------------- 世帯構成変更


def test_kousei_henkou_changes_zokugara(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    taro, kiyo = family["taro"], family["kiyo"]
    entry = entry_for(
        family,
        "kousei_henkou",
        zokugara={kiyo.atena_bango: "子の妻(未届)", taro.atena_bango: "子"},
    )
    run(entry, contractor, clerk)
    assert fresh(kiyo).zokugara == "子の妻（未届）"
    assert last_row(kiyo).ido_jiyu == IdoJiyu.SETAI_HENKOU
    assert fresh(taro).rireki_no == 1  # unchanged 続柄: no history
    assert fresh(family["nushi"]).rireki_no == 1


def test_a_bad_zokugara_is_refused_with_the_j110_message(family: dict[str, Jumin]) -> None:
    entry = entry_for(family, "kousei_henkou", zokugara={family["kiyo"].atena_bango: "祖父"})
    with pytest.raises(ProcedureRefused) as exc:
        plan(entry)
    assert "続柄「祖父」は使用できません" in exc.value.message
    assert "j110" in exc.value.message
    form = setai_henkou.SetaiHenkouForm(
        {
            "todoke_date": TODAY.isoformat(),
            "ido_date": CHANGED.isoformat(),
            "henkou": "kousei_henkou",
            "atena_bango": family["nushi"].atena_bango,
            f"zokugara_{family['kiyo'].atena_bango}": "祖父",
        }
    )
    assert not form.is_valid()
    assert "j110" in form.errors[f"zokugara_{family['kiyo'].atena_bango}"][0]


def test_late_notice_is_flagged(family: dict[str, Jumin], contractor: Any, clerk: Any) -> None:
    entry = entry_for(
        family,
        "kousei_henkou",
        ido_date=TODAY - datetime.timedelta(days=30),
        zokugara={family["kiyo"].atena_bango: "縁故者"},
    )
    proc = run(entry, contractor, clerk)
    assert any(f.startswith("届出期間経過") and "住基法第25条" in f for f in proc.flags)
    assert "届出期間経過" in last_row(family["kiyo"]).ryuiji


def test_future_ido_date_is_refused(family: dict[str, Jumin]) -> None:
    entry = entry_for(
        family,
        "kousei_henkou",
        ido_date=TODAY + datetime.timedelta(days=1),
        zokugara={family["kiyo"].atena_bango: "縁故者"},
    )
    with pytest.raises(ProcedureRefused, match="j480"):
        plan(entry)


def test_a_failure_inside_apply_changes_nothing(
    family: dict[str, Jumin], contractor: Any, clerk: Any, monkeypatch: Any
) -> None:
    def broken(messages: Any) -> Any:
        raise RuntimeError("連携先の障害")

    monkeypatch.setattr(outbox, "enqueue_many", broken)
    taro = family["taro"]
    entry = entry_for(family, "bunri", atena_bangos=[taro.atena_bango])
    proc = enter_and_check(entry, contractor)
    with pytest.raises(RuntimeError):
        services.do_approve(proc, acting_user=clerk, terminal=clerk.default_terminal)
    for j in family.values():
        now = fresh(j)
        assert now.setai_id == j.setai_id and now.zokugara == j.zokugara and now.rireki_no == 1
    assert Setai.objects.count() == 1
    assert JuminRireki.objects.count() == 5
    assert not OutboxMessage.objects.exists()
    proc.refresh_from_db()
    assert proc.state == ProcedureState.SHOUGOU and proc.result == {}


def test_review_and_confirmation(family: dict[str, Jumin], contractor: Any) -> None:
    taro = family["taro"]
    proc = enter_and_check(entry_for(family, "bunri", atena_bangos=[taro.atena_bango]), contractor)
    kind = get_kind("setai_henkou")
    blocks = kind.review(proc)
    assert blocks[0].title == "世帯変更の内容"
    rows = {(b.title, r.label): r for b in blocks for r in b.rows}
    new = "新しい世帯（世帯番号は承認時に付番）"
    assert rows[(new, "世帯主")].after == "髙橋　太郎"
    assert rows[(new, "髙橋　太郎の続柄")].before.startswith("子")
    assert rows[(new, "髙橋　太郎の続柄")].after == "世帯主"
    pdf = kind.confirmation_pdf(proc, proc.entry)
    assert pdf is not None and pdf.startswith(b"%PDF")
    assert "世帯分離" in kind.entry_summary(proc.entry)
    assert {s.key for s in kind.subjects(proc.entry)} == {
        f"setai:{taro.setai.setai_bango}",
        f"jumin:{taro.atena_bango}",
    }


def test_kind_is_registered() -> None:
    kind = get_kind("setai_henkou")
    assert kind.label == "世帯変更"
    assert kind.category == IDO


# --------------------------------------------------------------------------- the screen


def test_the_entry_screen_renders_and_enters(
    client: Any, family: dict[str, Jumin], contractor: Any
) -> None:
    from django.urls import reverse

    from .conftest import login_as

    login_as(client, contractor)
    proc = services.do_receive(
        acting_user=contractor,
        terminal=contractor.default_terminal,
        category=IDO,
        visitor_kind="honnin",
        visitor_name="髙橋　一郎",
        id_documents=["driver_license"],
        has_ininjo=False,
        kinds=["setai_henkou"],
    ).procedures.get()
    url = reverse("counter:procedure_entry", args=[proc.pk])
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    for label in ("届出年月日", "変更の種類", "世帯分離", "世帯合併", "世帯主変更", "世帯構成変更"):
        assert label in page

    nushi, tsuma = family["nushi"], family["tsuma"]
    post = {
        "todoke_date": TODAY.isoformat(),
        "ido_date": CHANGED.isoformat(),
        "henkou": "nushi_henkou",
        "atena_bango": nushi.atena_bango,
        "setai_nushi": tsuma.atena_bango,
    }
    # 「世帯を表示」 with the new head chosen pre-fills the derivable 続柄
    page = client.post(url, {**post, "search": "1", "form_token": "t1"}).content.decode()
    assert f'name="zokugara_{nushi.atena_bango}"' in page
    assert 'value="夫"' in page
    assert "入力内容に誤りがあります" not in page
    derived = setai_henkou.derive_zokugara(list(family.values()), tsuma)
    fields = {f"zokugara_{a}": z for a, z in derived.items()}
    response = client.post(url, {**post, **fields, "form_token": "t2"})
    assert response.status_code == 302
    proc.refresh_from_db()
    assert proc.state == ProcedureState.KARI_TOUROKU
    assert proc.entry["setai_nushi"] == tsuma.atena_bango
    assert proc.entry["zokugara"] == derived
    assert client.get(url).status_code == 200


# --------------------------------------------------------------------------- every problem at once


def test_the_plan_reports_every_independent_problem_each_on_its_field(
    family: dict[str, Jumin],
) -> None:
    """A future 異動日 and two bad 続柄: three problems in one round."""
    kiyo, taro = family["kiyo"], family["taro"]
    entry = entry_for(
        family,
        "kousei_henkou",
        ido_date=TODAY + datetime.timedelta(days=1),
        zokugara={kiyo.atena_bango: "祖父", taro.atena_bango: "世帯主"},
    )
    with pytest.raises(kernel.PlanRefused) as caught:
        plan(entry)
    where = {p.field: p.message for p in caught.value.problems}
    assert list(where) == [
        "ido_date",
        f"zokugara.{kiyo.atena_bango}",
        f"zokugara.{taro.atena_bango}",
    ]
    assert "j480" in where["ido_date"]
    assert "j110" in where[f"zokugara.{kiyo.atena_bango}"]
    assert "世帯主は1人だけ" in where[f"zokugara.{taro.atena_bango}"]


def test_the_form_shows_every_problem_of_the_plan_next_to_its_field(
    family: dict[str, Jumin],
) -> None:
    nushi, tsuma, taro = family["nushi"], family["tsuma"], family["taro"]
    form = setai_henkou.SetaiHenkouForm(
        {
            "todoke_date": TODAY.isoformat(),
            "ido_date": CHANGED.isoformat(),
            "henkou": "nushi_henkou",
            "atena_bango": nushi.atena_bango,
            "setai_nushi": tsuma.atena_bango,
            f"zokugara_{nushi.atena_bango}": "祖父",
            f"zokugara_{family['sakura'].atena_bango}": "子",
            f"zokugara_{family['kiyo'].atena_bango}": "同居人",
        }
    )
    assert not form.is_valid()
    assert "j110" in form.errors[f"zokugara_{nushi.atena_bango}"][0]
    assert "太郎さんの続柄" in form.errors[f"zokugara_{taro.atena_bango}"][0]
    assert form[f"zokugara_{nushi.atena_bango}"].value() == "祖父"  # what was typed stays


def test_bunri_reports_the_new_and_the_remaining_household_at_once(
    family: dict[str, Jumin],
) -> None:
    """The new household's 続柄 missing and j490 for those who stay (their new head is
    one who leaves): both."""
    nushi, tsuma = family["nushi"], family["tsuma"]
    entry = entry_for(
        family,
        "bunri",
        atena_bangos=[nushi.atena_bango, tsuma.atena_bango],
        setai_nushi=nushi.atena_bango,
        staying_setai_nushi=tsuma.atena_bango,
    )
    with pytest.raises(kernel.PlanRefused) as caught:
        plan(entry)
    fields = [p.field for p in caught.value.problems]
    assert fields == [f"zokugara.{tsuma.atena_bango}", "staying_setai_nushi"]
