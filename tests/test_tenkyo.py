"""転居 (区内転居) through the procedure machine (juki.ido.tenkyo).

受付 → 仮登録 → 照合 (contractor) → 承認 (city clerk); the register, its history and the
outbox are checked afterwards.
"""

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
from juki.ido import kernel, tenkyo
from juki.manifest import IDO
from juki.models import Chouaza, IdoJiyu, Jumin, JuminRireki, Seibetsu, Setai

from . import procedures
from .factories import ChouazaFactory, JuminFactory, foreign_person, register_household
from .procedures import fresh

TODAY = timezone.localdate()
MOVED = TODAY - datetime.timedelta(days=3)


@pytest.fixture
def place(db: Any) -> Chouaza:
    return ChouazaFactory(name="押上一丁目", kana="オシアゲ1チョウメ", postal_code="1310045")


@pytest.fixture
def family(db: Any) -> dict[str, Jumin]:
    """髙橋 家: 世帯主, 妻, and two children."""
    nushi, tsuma, taro, jiro = register_household(
        JuminFactory.build(
            shi="髙橋",
            mei="一郎",
            seinengappi=datetime.date(1975, 6, 1),
            kokuho_date=datetime.date(2015, 4, 1),
            senkyo_touroku=True,
        ),
        JuminFactory.build(
            shi="髙橋",
            mei="花子",
            zokugara="妻",
            seinengappi=datetime.date(1978, 2, 3),
            seibetsu=Seibetsu.FEMALE,
        ),
        JuminFactory.build(
            shi="髙橋", mei="太郎", zokugara="子", seinengappi=datetime.date(2001, 5, 5)
        ),
        JuminFactory.build(
            shi="髙橋",
            mei="次郎",
            zokugara="子",
            seinengappi=datetime.date(2012, 8, 9),
            jidou_teate=True,
        ),
    )
    return {"nushi": nushi, "tsuma": tsuma, "taro": taro, "jiro": jiro}


def plan(entry: dict[str, Any], **kw: Any) -> Any:
    """The plan of an entry JSON (as the kind reads it)."""
    return tenkyo.plan_tenkyo(tenkyo.TenkyoEntry.from_json(entry), **kw)


def enter_and_check(entry: dict[str, Any], contractor: Any) -> Procedure:
    return procedures.enter_and_check("tenkyo", entry, contractor)


def run(entry: dict[str, Any], contractor: Any, clerk: Any) -> Procedure:
    return procedures.run("tenkyo", entry, contractor, clerk)


def entry_for(*people: Jumin, place: Chouaza, **kw: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "atena_bangos": [p.atena_bango for p in people],
        "chouaza": place.code,
        "banchi": "5番6号",
        "tenkyo_date": MOVED,
        "todoke_date": TODAY,
    }
    args.update(kw)
    return tenkyo.tenkyo_entry(**args)


# --------------------------------------------------------------------------- whole household


def test_whole_household_moves(
    family: dict[str, Jumin], place: Chouaza, contractor: Any, clerk: Any
) -> None:
    people = list(family.values())
    setai = family["nushi"].setai
    proc = run(entry_for(*people, place=place, katagaki="押上ハイツ101"), contractor, clerk)
    assert proc.state == ProcedureState.SHOUNIN
    assert proc.flags == []
    for before in people:
        j = fresh(before)
        assert j.chouaza_id == place.pk and j.banchi == "5番6号"
        assert j.katagaki == "押上ハイツ101"
        assert j.address == "東京都墨田区押上一丁目5番6号　押上ハイツ101"
        assert j.jusho_date == MOVED  # 住所を定めた年月日 = 転居日
        assert j.jumin_date == before.jumin_date  # 住民となった年月日 unchanged
        assert j.setai_id == setai.pk and j.zokugara == before.zokugara
        row = JuminRireki.objects.filter(jumin=j).order_by("-rireki_no").first()
        assert row is not None and row.rireki_no == j.rireki_no == 2
        assert row.ido_jiyu == IdoJiyu.TENKYO
        assert row.ido_date == MOVED and row.todoke_date == TODAY
        assert {"chouaza", "banchi", "katagaki", "jusho_date"} <= set(row.changed_fields)
        assert row.snapshot["jusho"] == j.address
        assert row.snapshot["setai_nushi_name"] == "髙橋　一郎"
    assert fresh(family["nushi"]).setai.setai_nushi_id == family["nushi"].pk
    assert Setai.objects.count() == 1

    messages = OutboxMessage.objects.filter(source_type="procedure", source_id=str(proc.pk))
    cs = messages.filter(destination="jukinet_cs", message_type="honnin_kakunin_koshin")
    assert cs.count() == 4
    one = cs.get(payload__person__atena_bango=family["taro"].atena_bango)
    assert one.payload["jiyu"] == "転居"
    assert one.payload["ido_date"] == MOVED.isoformat()
    assert one.payload["person"]["jusho"].startswith("東京都墨田区押上一丁目5番6号")
    assert one.payload["zenjusho"].startswith("東京都墨田区吾妻橋")
    assert messages.filter(destination="honsekichi", message_type="fuhyo_tsuchi").count() == 4
    dests = set(messages.values_list("destination", flat=True))
    assert {"takka_zei", "takka_kokuho", "takka_senkyo", "takka_jidou_teate"} <= dests
    zei = messages.get(destination="takka_zei")
    assert len(zei.payload["persons"]) == 4
    assert sorted(proc.result["outbox"]) == sorted(m.pk for m in messages)
    # reservations: the persons and the household, closed at 承認
    assert not proc.reservations.filter(is_open=True).exists()
    assert f"setai:{setai.setai_bango}" in {r.subject for r in proc.reservations.all()}


def test_a_foreign_household_moving_notifies_nyukan_for_each_mover(
    place: Chouaza, contractor: Any, clerk: Any
) -> None:
    """住基法第30条の50: the 住所 of a 外国人住民's 住民票 is corrected by the 転居."""
    head, wife = register_household(
        foreign_person(),
        foreign_person("MARY", "EF12345678GH", zokugara="妻", seibetsu=Seibetsu.FEMALE),
    )
    proc = run(entry_for(head, wife, place=place), contractor, clerk)
    messages = OutboxMessage.objects.filter(source_id=str(proc.pk), destination="nyukan")
    assert sorted(m.payload["person"]["atena_bango"] for m in messages) == sorted(
        [head.atena_bango, wife.atena_bango]
    )
    assert {m.payload["jiyu"] for m in messages} == {"転居"}
    assert (
        messages.get(payload__person__atena_bango=head.atena_bango)
        .payload["person"]["jusho"]
        .startswith("東京都墨田区押上一丁目5番6号")
    )


def test_a_japanese_household_moving_does_not_notify_nyukan(
    family: dict[str, Jumin], place: Chouaza, contractor: Any, clerk: Any
) -> None:
    proc = run(entry_for(*family.values(), place=place), contractor, clerk)
    assert not OutboxMessage.objects.filter(source_id=str(proc.pk), destination="nyukan")


def test_nothing_changes_before_approval(
    family: dict[str, Jumin], place: Chouaza, contractor: Any
) -> None:
    proc = enter_and_check(entry_for(*family.values(), place=place), contractor)
    assert fresh(family["nushi"]).chouaza_id != place.pk
    assert JuminRireki.objects.count() == 4
    assert not OutboxMessage.objects.exists()
    blocks = get_kind("tenkyo").review(proc)
    titles = [b.title for b in blocks]
    assert titles[0] == "転居の内容"
    rows = {(b.title, r.label): r for b in blocks for r in b.rows}
    mover = f"転居する方：髙橋　太郎（宛名番号 {family['taro'].atena_bango}）"
    assert rows[(mover, "住所")].after == "東京都墨田区押上一丁目5番6号"
    assert rows[(mover, "住所を定めた年月日")].after == kernel.wareki_text(MOVED)
    # the 確認用住民票 of the household at the new address (nothing saved)
    pdf = get_kind("tenkyo").confirmation_pdf(proc, proc.entry)
    assert pdf is not None and pdf.startswith(b"%PDF")
    assert JuminRireki.objects.count() == 4


# --------------------------------------------------------------------------- part of a household


def test_one_member_moves_to_a_new_household(
    family: dict[str, Jumin], place: Chouaza, contractor: Any, clerk: Any
) -> None:
    taro = family["taro"]
    old_setai = taro.setai
    proc = run(entry_for(taro, place=place, setai_mode="new"), contractor, clerk)
    taro = fresh(taro)
    assert taro.setai_id != old_setai.pk
    assert taro.setai.setai_nushi_id == taro.pk
    assert taro.zokugara == "世帯主"
    assert taro.chouaza_id == place.pk and taro.jusho_date == MOVED
    assert proc.result["setai_bango"] == taro.setai.setai_bango
    assert proc.result["former_setai_bango"] == old_setai.setai_bango
    row = JuminRireki.objects.filter(jumin=taro).order_by("-rireki_no").first()
    assert row is not None and row.ido_jiyu == IdoJiyu.TENKYO
    assert row.snapshot["setai_bango"] == taro.setai.setai_bango
    assert row.snapshot["setai_nushi_name"] == "髙橋　太郎"
    assert {"setai", "zokugara"} <= set(row.changed_fields)
    # those who stay are untouched
    for key in ("nushi", "tsuma", "jiro"):
        j = fresh(family[key])
        assert j.setai_id == old_setai.pk and j.rireki_no == 1
        assert j.chouaza_id != place.pk
    messages = OutboxMessage.objects.filter(source_id=str(proc.pk))
    assert messages.filter(destination="jukinet_cs").count() == 1


def test_two_members_form_a_household_with_zokugara(
    family: dict[str, Jumin], place: Chouaza, contractor: Any, clerk: Any
) -> None:
    taro, jiro = family["taro"], family["jiro"]
    entry = entry_for(
        taro,
        jiro,
        place=place,
        setai_mode="new",
        setai_nushi=taro.atena_bango,
        zokugara={jiro.atena_bango: "弟"},
    )
    run(entry, contractor, clerk)
    assert fresh(jiro).zokugara == "弟"
    assert fresh(jiro).setai_id == fresh(taro).setai_id
    # a missing 続柄 is refused, naming the person
    with pytest.raises(ProcedureRefused, match="花子さんの転居先の世帯での続柄"):
        plan(
            entry_for(
                family["nushi"],
                family["tsuma"],
                place=place,
                setai_mode="new",
                setai_nushi=family["nushi"].atena_bango,
            )
        )


def test_joining_a_household_at_the_new_address(
    family: dict[str, Jumin], place: Chouaza, contractor: Any, clerk: Any
) -> None:
    grandma, uncle = register_household(
        JuminFactory.build(shi="佐藤", mei="ウメ", seibetsu=Seibetsu.FEMALE, banchi="5番6号"),
        JuminFactory.build(shi="佐藤", mei="次郎", zokugara="子", banchi="5番6号"),
        chouaza=place,
    )
    taro = family["taro"]
    bad = entry_for(
        taro,
        place=place,
        setai_mode="join",
        join_setai_bango=grandma.setai.setai_bango,
        zokugara={taro.atena_bango: "祖母の孫"},
    )
    with pytest.raises(ProcedureRefused, match="j110"):
        plan(bad)
    second_head = dict(bad, zokugara={taro.atena_bango: "世帯主"})
    with pytest.raises(ProcedureRefused, match="世帯主は1人だけ"):
        plan(second_head)
    elsewhere = dict(bad, banchi="9番9号", zokugara={taro.atena_bango: "子の子"})
    with pytest.raises(ProcedureRefused, match="一致しません"):
        plan(elsewhere)
    proc = run(dict(bad, zokugara={taro.atena_bango: "子の子"}), contractor, clerk)
    taro = fresh(taro)
    assert taro.setai_id == grandma.setai_id
    assert taro.zokugara == "子の子"
    assert taro.setai.setai_nushi_id == grandma.pk
    assert Jumin.objects.filter(setai=grandma.setai).count() == 3
    assert fresh(uncle).rireki_no == 1
    assert proc.result["setai_bango"] == grandma.setai.setai_bango


def test_nushi_leaving_with_two_staying_leaves_the_household_without_a_nushi(
    family: dict[str, Jumin], place: Chouaza, contractor: Any, clerk: Any
) -> None:
    """j490, j500, j100 (was: refused until a new 世帯主 was chosen; ADR 0020): the 転居
    goes through with an alert, the household is left without a 世帯主, and a
    世帯主変更依頼通知書 goes to its first member in the standard's order (the 妻)."""
    from counter.procedure_kinds import documents_of
    from juki import nushi_irai

    nushi, tsuma, taro = family["nushi"], family["tsuma"], family["taro"]
    entry = entry_for(nushi, place=place, setai_mode="new")
    flags = get_kind("tenkyo").flags(entry)
    assert any("世帯主が転居し、世帯に2人以上が残ります" in f and "j500" in f for f in flags)
    proc = run(entry, contractor, clerk)
    assert proc.state == ProcedureState.SHOUNIN
    assert fresh(nushi).chouaza_id == place.pk
    setai = Setai.objects.get(pk=tsuma.setai_id)
    assert setai.setai_nushi_id is None
    assert fresh(tsuma).zokugara == "妻" and fresh(taro).zokugara == "子"  # until a 届
    row = JuminRireki.objects.filter(jumin=taro).order_by("-rireki_no")[0]
    assert row.ido_jiyu == IdoJiyu.SETAI_HENKOU and row.ryuiji.endswith("（世帯主なし）")
    assert row.snapshot["setai_nushi_atena_bango"] == ""
    (notice,) = nushi_irai.notices_of(proc)
    assert notice.name == "髙橋　花子" and notice.former == "髙橋　一郎"
    assert [m.zokugara for m in notice.members] == ["妻", "子", "子"]
    docs = {d.name: d for d in documents_of(proc)}
    assert docs["世帯主変更依頼通知書"].render().startswith(b"%PDF")
    assert "世帯主変更通知書" not in docs
    # j100: the household without a 世帯主 takes a later 転居 of one of its members
    later = run(entry_for(taro, place=place, setai_mode="new"), contractor, clerk)
    assert later.state == ProcedureState.SHOUNIN
    assert Setai.objects.get(pk=tsuma.setai_id).setai_nushi_id is None


def test_nushi_leaving_with_a_new_nushi_chosen(
    family: dict[str, Jumin], place: Chouaza, contractor: Any, clerk: Any
) -> None:
    nushi, tsuma = family["nushi"], family["tsuma"]
    form = tenkyo.TenkyoForm(
        {
            "todoke_date": TODAY.isoformat(),
            "tenkyo_date": MOVED.isoformat(),
            "chouaza": place.code,
            "banchi": "5番6号",
            "atena_bango": nushi.atena_bango,
            "movers": [nushi.atena_bango],
            "setai_mode": "new",
            "staying_setai_nushi": tsuma.atena_bango,
            # the 世帯主 changes: everyone staying gets a 続柄 to the new one (j490)
            f"zokugara_{family['taro'].atena_bango}": "子",
            f"zokugara_{family['jiro'].atena_bango}": "子",
        }
    )
    assert form.is_valid(), form.errors
    entry = get_kind("tenkyo").clean_entry(form)
    assert entry == entry_for(
        nushi,
        place=place,
        setai_mode="new",
        staying_setai_nushi=tsuma.atena_bango,
        staying_zokugara={family["taro"].atena_bango: "子", family["jiro"].atena_bango: "子"},
    )
    proc = run(entry, contractor, clerk)
    tsuma = fresh(tsuma)
    assert tsuma.zokugara == "世帯主" and tsuma.setai.setai_nushi_id == tsuma.pk
    for key in ("tsuma", "taro", "jiro"):
        row = JuminRireki.objects.filter(jumin_id=family[key].pk).order_by("-rireki_no")[0]
        assert row.ido_jiyu == IdoJiyu.SETAI_HENKOU
        assert row.ryuiji.startswith(tenkyo.NUSHI_HENKOU_RYUIJI)
        assert row.snapshot["setai_nushi_name"] == "髙橋　花子"
    assert fresh(nushi).setai.setai_nushi_id == nushi.pk
    assert proc.result["staying_setai_nushi_changed"] is True


def test_nushi_leaving_with_one_staying_makes_them_nushi(
    db: Any, place: Chouaza, contractor: Any, clerk: Any
) -> None:
    nushi, tsuma = register_household(
        JuminFactory.build(shi="鈴木", mei="一郎"),
        JuminFactory.build(shi="鈴木", mei="幸子", zokugara="妻", seibetsu=Seibetsu.FEMALE),
    )
    entry = entry_for(nushi, place=place, setai_mode="new")
    assert any("職権で世帯主" in f for f in get_kind("tenkyo").flags(entry))
    proc = run(entry, contractor, clerk)
    assert fresh(tsuma).zokugara == "世帯主"
    assert fresh(tsuma).setai.setai_nushi_id == tsuma.pk
    assert proc.result["shokken_setai_nushi"] is True
    row = JuminRireki.objects.filter(jumin=tsuma).order_by("-rireki_no")[0]
    assert row.ryuiji.endswith("（職権）")
    # j490: the new 世帯主 is told (世帯主変更通知書, one of the procedure's documents)
    from counter.procedure_kinds import documents_of
    from juki import nushi_tsuchi

    (notice,) = nushi_tsuchi.notices_of(proc)
    assert notice.name == "鈴木　幸子" and notice.former == "鈴木　一郎"
    assert notice.address == fresh(tsuma).address and notice.reason == "転居に伴う世帯主変更"
    docs = {d.name: d for d in documents_of(proc)}
    assert docs["世帯主変更通知書"].render().startswith(b"%PDF")


def test_no_nushi_notice_when_the_household_chose_its_nushi(
    family: dict[str, Jumin], place: Chouaza, contractor: Any, clerk: Any
) -> None:
    from counter.procedure_kinds import documents_of

    proc = run(entry_for(family["taro"], place=place, setai_mode="new"), contractor, clerk)
    assert "世帯主変更通知書" not in {d.name for d in documents_of(proc)}


def test_part_of_a_household_cannot_keep_it(family: dict[str, Jumin], place: Chouaza) -> None:
    with pytest.raises(ProcedureRefused, match="1つの世帯は1つの住所"):
        plan(entry_for(family["taro"], place=place, setai_mode="same"))


def test_same_address_and_future_dates_are_refused(family: dict[str, Jumin]) -> None:
    taro = family["taro"]
    same = entry_for(taro, place=taro.chouaza, banchi=taro.banchi, setai_mode="new")
    with pytest.raises(ProcedureRefused, match="現在の住所と同じ"):
        plan(same)
    future = entry_for(
        *family.values(), place=taro.chouaza, tenkyo_date=TODAY + datetime.timedelta(days=1)
    )
    with pytest.raises(ProcedureRefused, match="j480"):
        plan(future)


def test_late_notice_is_accepted_but_flagged(
    family: dict[str, Jumin], place: Chouaza, contractor: Any, clerk: Any
) -> None:
    late = TODAY - datetime.timedelta(days=30)
    entry = entry_for(*family.values(), place=place, tenkyo_date=late)
    proc = run(entry, contractor, clerk)
    assert any(f.startswith("届出期間経過") and "住基法第23条" in f for f in proc.flags)
    assert fresh(family["nushi"]).jusho_date == late
    row = JuminRireki.objects.filter(jumin=family["nushi"]).order_by("-rireki_no")[0]
    assert row.ryuiji == "届出期間経過"


def test_a_failure_inside_apply_changes_nothing(
    family: dict[str, Jumin], place: Chouaza, contractor: Any, clerk: Any, monkeypatch: Any
) -> None:
    def broken(messages: Any) -> Any:
        raise RuntimeError("連携先の障害")

    monkeypatch.setattr(outbox, "enqueue_many", broken)
    entry = entry_for(
        family["nushi"],
        place=place,
        setai_mode="new",
        staying_setai_nushi=family["tsuma"].atena_bango,
        staying_zokugara={family["taro"].atena_bango: "子", family["jiro"].atena_bango: "子"},
    )
    proc = enter_and_check(entry, contractor)
    with pytest.raises(RuntimeError):
        services.do_approve(proc, acting_user=clerk, terminal=clerk.default_terminal)
    for j in family.values():
        now = fresh(j)
        assert now.chouaza_id == j.chouaza_id and now.rireki_no == 1
        assert now.setai_id == j.setai_id and now.zokugara == j.zokugara
    assert fresh(family["nushi"]).setai.setai_nushi_id == family["nushi"].pk
    assert Setai.objects.count() == 1
    assert JuminRireki.objects.count() == 4
    proc.refresh_from_db()
    assert proc.state == ProcedureState.SHOUGOU and proc.result == {}


def test_kind_is_registered() -> None:
    kind = get_kind("tenkyo")
    assert kind.label == "転居"
    assert kind.category == IDO


# --------------------------------------------------------------------------- the screen


def test_the_entry_screen_renders_and_enters(
    client: Any, family: dict[str, Jumin], place: Chouaza, contractor: Any
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
        kinds=["tenkyo"],
    ).procedures.get()
    url = reverse("counter:procedure_entry", args=[proc.pk])
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    for label in ("届出年月日", "転居した年月日", "新しい住所（町字）", "世帯の扱い", "仮登録"):
        assert label in page
    assert page.index("届出年月日") < page.index("新しい住所（町字）") < page.index("世帯の扱い")

    post = {
        "todoke_date": TODAY.isoformat(),
        "tenkyo_date": MOVED.isoformat(),
        "chouaza": place.code,
        "banchi": "5番6号",
        "atena_bango": family["taro"].atena_bango,
        "setai_mode": "new",
    }
    page = client.post(url, {**post, "search": "1", "form_token": "t1"}).content.decode()
    assert "髙橋　次郎" in page  # the household's members to tick
    assert f"zokugara_{family['jiro'].atena_bango}" in page
    assert "入力内容に誤りがあります" not in page
    response = client.post(
        url, {**post, "movers": [family["taro"].atena_bango], "form_token": "t2"}
    )
    assert response.status_code == 302
    proc.refresh_from_db()
    assert proc.state == ProcedureState.KARI_TOUROKU
    assert proc.entry == entry_for(family["taro"], place=place, setai_mode="new")
    response = client.get(url)  # the saved entry redisplays
    assert response.status_code == 200


# --------------------------------------------------------------------------- 受理通知 (j580)


def test_the_juri_tsuchi_goes_to_the_todokenin_at_the_old_address(
    family: dict[str, Jumin], place: Chouaza, contractor: Any, clerk: Any, tmp_path: Any
) -> None:
    from counter.procedure_kinds import documents_of

    from .test_documents import pdftotext, squash

    before = family["taro"].address
    proc = run(entry_for(family["taro"], place=place, setai_mode="new"), contractor, clerk)
    rows = JuminRireki.objects.filter(procedure=proc)
    assert [r.jumin_id for r in rows] == [family["taro"].pk]  # the history names its 承認
    docs = {d.name: d for d in documents_of(proc)}
    assert "住民異動届受理通知" in docs
    text = squash(pdftotext(docs["住民異動届受理通知"].render(), tmp_path))
    assert squash(f"{before}髙橋　一郎　様") in text  # the 届出人 at the address before
    assert squash("東京都墨田区押上一丁目5番6号") in text
    assert "転居" in text and "髙橋太郎" in text
    # not before 承認
    pending = enter_and_check(entry_for(family["jiro"], place=place, setai_mode="new"), contractor)
    assert "住民異動届受理通知" not in {d.name for d in documents_of(pending)}


# --------------------------------------------------------------------------- every problem at once


def test_the_plan_reports_every_independent_problem_each_on_its_field(
    family: dict[str, Jumin], place: Chouaza
) -> None:
    """A future 転居日, no 番地 and part of a household kept whole: three at once."""
    entry = entry_for(
        family["taro"], place=place, banchi="", tenkyo_date=TODAY + datetime.timedelta(days=1)
    )
    with pytest.raises(kernel.PlanRefused) as caught:
        plan(entry)
    fields = [p.field for p in caught.value.problems]
    assert fields == ["tenkyo_date", "banchi", "setai_mode"]
    assert "j480" in caught.value.problems[0].message
    assert "番地を入力" in caught.value.problems[1].message
    assert "1つの世帯は1つの住所" in caught.value.problems[2].message


def test_the_form_shows_every_problem_of_the_plan_next_to_its_field(
    family: dict[str, Jumin],
) -> None:
    nushi = family["nushi"]
    form = tenkyo.TenkyoForm(
        {
            "todoke_date": TODAY.isoformat(),
            "tenkyo_date": MOVED.isoformat(),
            "chouaza": nushi.chouaza.code,
            "banchi": nushi.banchi,  # where they live now
            "atena_bango": nushi.atena_bango,
            "movers": [nushi.atena_bango],
            "setai_mode": "new",
            # the new 世帯主 is chosen from the one who leaves (j490): a plan's problem
            "staying_setai_nushi": nushi.atena_bango,
        }
    )
    assert not form.is_valid()
    assert "現在の住所と同じ" in form.errors["banchi"][0]
    assert "j490" in form.errors["staying_setai_nushi"][0]
    assert form["banchi"].value() == nushi.banchi  # what was typed stays


def test_one_plan_per_request_from_the_form_to_the_flags(
    client: Any,
    family: dict[str, Jumin],
    place: Chouaza,
    contractor: Any,
    monkeypatch: Any,
) -> None:
    from django.urls import reverse

    from juki.ido.tenkyo import plan as tenkyo_plan

    from .conftest import login_as

    built: list[object] = []
    real = tenkyo_plan._build

    def counting(*args: Any, **kwargs: Any) -> Any:
        built.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(tenkyo_plan, "_build", counting)
    login_as(client, contractor)
    proc = services.do_receive(
        acting_user=contractor,
        terminal=contractor.default_terminal,
        category=IDO,
        visitor_kind="honnin",
        visitor_name="髙橋　一郎",
        id_documents=["driver_license"],
        has_ininjo=False,
        kinds=["tenkyo"],
    ).procedures.get()
    response = client.post(
        reverse("counter:procedure_entry", args=[proc.pk]),
        {
            "todoke_date": TODAY.isoformat(),
            "tenkyo_date": MOVED.isoformat(),
            "chouaza": place.code,
            "banchi": "5番6号",
            "atena_bango": family["taro"].atena_bango,
            "movers": [family["taro"].atena_bango],
            "setai_mode": "new",
            "form_token": "t1",
        },
    )
    assert response.status_code == 302
    assert len(built) == 1  # the form's clean, then do_enter's flags from the memo
    proc.refresh_from_db()
    assert proc.state == ProcedureState.KARI_TOUROKU and proc.flags == []


def test_a_refused_entry_is_still_flagged_late(family: dict[str, Jumin], place: Chouaza) -> None:
    late = TODAY - datetime.timedelta(days=30)
    nushi = family["nushi"]
    flags = get_kind("tenkyo").flags(
        entry_for(
            nushi,
            place=place,
            setai_mode="new",
            tenkyo_date=late,
            staying_setai_nushi=nushi.atena_bango,  # not one who stays (j490): refused
        )
    )
    assert flags[0].startswith("届出期間経過") and "住基法第23条" in flags[0]
    assert flags[1].startswith("承認できない内容があります") and "j490" in flags[1]


def test_the_messages_have_the_one_shape_of_their_type(
    family: dict[str, Jumin], place: Chouaza, contractor: Any, clerk: Any
) -> None:
    """IdoNotices writes them: versioned, the mover with 従前の住所, those who stay with
    their new 世帯主 under 世帯変更."""
    tsuma = family["tsuma"]
    entry = entry_for(
        family["nushi"],
        place=place,
        setai_mode="new",
        staying_setai_nushi=tsuma.atena_bango,
        staying_zokugara={family["taro"].atena_bango: "子", family["jiro"].atena_bango: "子"},
    )
    proc = run(entry, contractor, clerk)
    cs = OutboxMessage.objects.filter(source_id=str(proc.pk), destination="jukinet_cs")
    by_person = {m.payload["person"]["atena_bango"]: m.payload for m in cs}
    mover = by_person[family["nushi"].atena_bango]
    assert mover["schema_version"] == 1 and mover["jiyu"] == "転居"
    assert mover["zenjusho"] and mover["shojo"] is False
    staying = by_person[tsuma.atena_bango]
    assert staying["jiyu"] == "世帯変更" and staying["zenjusho"] == ""
    assert staying["person"]["setai_nushi_atena_bango"] == tsuma.atena_bango
    kokuho = OutboxMessage.objects.filter(source_id=str(proc.pk), destination="takka_kokuho")
    assert {m.payload["jiyu"] for m in kokuho} >= {"世帯変更"}
