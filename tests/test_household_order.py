"""The household in the standard's order everywhere it is listed (j1010), the order a
職員 sets by hand (kept), a 続柄 outside the list (migrated data) never failing a page,
and a household left without a 世帯主 (j100, j490, j500; ADR 0020)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from counter import services
from counter.models import AuditAction, AuditLog
from counter.procedure_kinds import documents_of, get_kind
from counter.procedure_models import ProcedureState
from juki import documents, nushi_irai
from juki.ido import kernel, setai_henkou, shibou, tenkyo, tenshutsu
from juki.ido.kernel.household_form import HouseholdSearchMixin
from juki.kisai_jun import do_set_kisai_jun, ordered
from juki.models import Jumin, JuminStatus, Seibetsu, Setai

from .conftest import login_as
from .factories import ChouazaFactory, JuminFactory, register_household
from .procedures import fresh, run
from .test_documents import pdftotext, squash

TODAY = timezone.localdate()
HOME = "東京都墨田区吾妻橋一丁目1番"
#: the elder son's own 戸籍 (he married): his wife and child share it
SON = ("東京都墨田区押上一丁目2番", "髙橋　太郎")
#: a 続柄 the closed list of j110 does not know, as migrated data may hold it
MIGRATED = "孫"


def _m(mei: str, zokugara: str, born: datetime.date, **kw: Any) -> Jumin:
    values: dict[str, Any] = {
        "shi": "髙橋",
        "mei": mei,
        "zokugara": zokugara,
        "seinengappi": born,
        "honseki": HOME,
        "hittousha": "髙橋　一郎",
    }
    values.update(kw)
    return JuminFactory.build(**values)


@pytest.fixture
def household(db: Any) -> dict[str, Jumin]:
    """Registered by 宛名番号 in an order far from the standard's."""
    people = register_household(
        _m("清", "同居人", datetime.date(1991, 1, 1), shi="清水", honseki="", hittousha=""),
        _m("桜", "子", datetime.date(1993, 8, 9), seibetsu=Seibetsu.FEMALE),
        _m("梅", "母", datetime.date(1935, 3, 3), seibetsu=Seibetsu.FEMALE),
        _m("一郎", "世帯主", datetime.date(1960, 6, 1)),
        _m("葵", "子の子", datetime.date(2020, 4, 4), honseki=SON[0], hittousha=SON[1]),
        _m("太郎", "子", datetime.date(1990, 5, 5), honseki=SON[0], hittousha=SON[1]),
        _m(
            "綾",
            "子の妻",
            datetime.date(1991, 7, 7),
            seibetsu=Seibetsu.FEMALE,
            honseki=SON[0],
            hittousha=SON[1],
        ),
        _m("花子", "妻", datetime.date(1962, 2, 3), seibetsu=Seibetsu.FEMALE),
        _m("健", "子", datetime.date(2015, 1, 1), honseki="", hittousha=""),
    )
    by_mei = {p.mei: p for p in people}
    # migrated data: a 続柄 outside the list, written past the model's validator
    Jumin.objects.filter(pk=by_mei["健"].pk).update(zokugara=MIGRATED)
    return by_mei


#: the standard's order: 世帯主, 配偶者, 子 by birth each with their own family, 父母,
#: 縁故者/同居人, and the unknown 続柄 last as typed
EXPECTED = ["一郎", "花子", "太郎", "綾", "葵", "桜", "梅", "清", "健"]


def _in_order(text: str, names: list[str]) -> bool:
    at = [text.index(f"髙橋　{n}" if n != "清" else "清水　清") for n in names]
    return at == sorted(at)


# --------------------------------------------------------------------------- pages


def test_resident_page_lists_the_household_in_the_standards_order(
    client: Client, contractor: Any, household: dict[str, Jumin]
) -> None:
    login_as(client, contractor)
    response = client.get(f"/juki/residents/{household['桜'].atena_bango}/")
    assert response.status_code == 200
    html = response.content.decode()
    section = html[html.index("<h2>世帯") : html.index("<h2>異動履歴")]
    assert _in_order(section, EXPECTED)
    assert f"<td>{MIGRATED}</td>" in section  # shown as typed
    assert "標準仕様書の順" in section
    assert "記載順を変更" not in section  # the contractor prepares, city staff decide


def test_resident_page_of_the_migrated_member_itself(
    client: Client, contractor: Any, household: dict[str, Jumin]
) -> None:
    login_as(client, contractor)
    response = client.get(f"/juki/residents/{household['健'].atena_bango}/")
    assert response.status_code == 200
    assert MIGRATED in response.content.decode()


def test_shokai_hyo_lists_the_household_in_the_same_order(
    household: dict[str, Jumin], tmp_path: Path
) -> None:
    pdf = documents.render_shokai_hyo(household["健"], printed_by="t", terminal_code="")
    text = squash(pdftotext(pdf, tmp_path))
    members = text[text.index("世帯の構成") :]
    at = [members.index(f"髙橋{n}" if n != "清" else "清水清") for n in EXPECTED]
    assert at == sorted(at)
    assert MIGRATED in members


def test_entry_screens_list_the_household_in_the_order(household: dict[str, Jumin]) -> None:
    """転居 and 世帯変更 (the household searched by a member), 転出, 死亡 (those who stay)."""
    searched = HouseholdSearchMixin.find_household(household["健"].atena_bango)
    assert [m.mei for m in searched] == EXPECTED
    form = tenshutsu.TenshutsuForm({"atena_bango": household["健"].atena_bango})
    assert [m.mei for m in form.household] == EXPECTED
    leaving = shibou.ShibouForm({"search": "1", "atena_bango": household["一郎"].atena_bango})
    assert [m.mei for m in leaving.staying] == EXPECTED[1:]
    labels = [label for _, label in leaving.fields["new_setai_nushi"].choices][1:]
    assert [label.split("（")[0] for label in labels] == [
        f"髙橋　{n}" if n != "清" else "清水　清" for n in EXPECTED[1:]
    ]


def test_entry_screen_pages_render_with_the_migrated_member(
    client: Client, contractor: Any, household: dict[str, Jumin]
) -> None:
    login_as(client, contractor)
    for code, data in (
        ("tenkyo", {"atena_bango": household["健"].atena_bango}),
        ("setai_henkou", {"atena_bango": household["健"].atena_bango}),
        ("tenshutsu", {"atena_bango": household["健"].atena_bango}),
        ("shibou", {"atena_bango": household["一郎"].atena_bango}),
    ):
        from .procedures import receive

        proc = receive(contractor, code)
        url = reverse("counter:procedure_entry", args=[proc.pk])
        page = client.post(url, {**data, "search": "1", "form_token": "x"})
        assert page.status_code == 200, code
        assert MIGRATED in page.content.decode(), code


def test_review_lists_those_who_stay_in_the_order(
    household: dict[str, Jumin], contractor: Any
) -> None:
    """The 審査 of a 死亡 of the 世帯主: the household after, in the order."""
    from .procedures import enter_and_check

    entry = shibou.shibou_entry(atena_bango=household["一郎"].atena_bango, shibou_date=TODAY)
    proc = enter_and_check("shibou", entry, contractor)
    blocks = get_kind("shibou").review(proc)
    rows = [r.label for r in blocks[-1].rows if r.label.endswith("の続柄")]
    assert [r.removesuffix("の続柄") for r in rows] == [
        f"髙橋　{n}" if n != "清" else "清水　清" for n in EXPECTED[1:]
    ]


# --------------------------------------------------------------------------- by hand


def test_a_clerk_sets_the_order_by_hand_and_it_is_kept(
    client: Client, clerk: Any, household: dict[str, Jumin]
) -> None:
    login_as(client, clerk)
    url = reverse("juki:kisai_jun", args=[household["桜"].atena_bango])
    page = client.get(url)
    assert page.status_code == 200 and "記載順の設定" in page.content.decode()
    members = ordered(list(Jumin.objects.filter(setai=household["桜"].setai_id)))
    # the 母 first after the 世帯主, everyone else as the standard has it
    wanted = ["一郎", "梅", *[n for n in EXPECTED[1:] if n != "梅"]]
    by_mei = {m.mei: m for m in members}
    data = {f"jun_{by_mei[n].atena_bango}": str(i) for i, n in enumerate(wanted, start=1)}
    response = client.post(url, {**data, "action": "save"})
    assert response.status_code == 302
    setai = Setai.objects.get(pk=household["桜"].setai_id)
    assert setai.kisai_jun == [by_mei[n].atena_bango for n in wanted]
    html = client.get(f"/juki/residents/{household['桜'].atena_bango}/").content.decode()
    section = html[html.index("<h2>世帯") : html.index("<h2>異動履歴")]
    assert _in_order(section, wanted) and "職員が設定した順" in section
    assert "記載順を変更" in section
    row = AuditLog.objects.filter(action=AuditAction.CHANGE, target_type="setai").get()
    assert row.target_id == setai.setai_bango
    # and back to the standard's
    assert client.post(url, {**data, "action": "standard"}).status_code == 302
    assert Setai.objects.get(pk=setai.pk).kisai_jun == []


def test_a_position_given_twice_is_refused_next_to_the_field(
    client: Client, clerk: Any, household: dict[str, Jumin]
) -> None:
    login_as(client, clerk)
    url = reverse("juki:kisai_jun", args=[household["桜"].atena_bango])
    members = kernel.ordered(list(Jumin.objects.filter(setai=household["桜"].setai_id)))
    data = {f"jun_{m.atena_bango}": str(i) for i, m in enumerate(members, start=1)}
    data[f"jun_{members[1].atena_bango}"] = "1"
    data[f"jun_{members[2].atena_bango}"] = "x"
    response = client.post(url, {**data, "action": "save"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "1番は髙橋　一郎さんと重なっています" in html
    assert "順番は数字で入力してください。" in html
    assert Setai.objects.get(pk=household["桜"].setai_id).kisai_jun == []


def test_the_service_refuses_an_order_that_leaves_someone_out(
    household: dict[str, Jumin], clerk: Any
) -> None:
    from counter.services import ProcedureRefused

    setai = Setai.objects.get(pk=household["桜"].setai_id)
    with pytest.raises(ProcedureRefused, match="j1010"):
        do_set_kisai_jun(setai, [household["桜"].atena_bango], acting_user=clerk)


def test_a_newborn_joins_a_hand_set_order_where_the_standard_puts_them(
    household: dict[str, Jumin], clerk: Any
) -> None:
    setai = Setai.objects.get(pk=household["桜"].setai_id)
    members = ordered(list(Jumin.objects.filter(setai=setai)), setai)
    hand = [m.atena_bango for m in reversed(members)]
    do_set_kisai_jun(setai, hand, acting_user=clerk)
    setai.refresh_from_db()
    baby = JuminFactory.build(shi="髙橋", mei="蓮", zokugara="子", seinengappi=TODAY)
    baby.atena_bango = "9999999999"
    after = ordered([*members, baby], setai)
    assert [m.atena_bango for m in after if m is not baby] == hand
    # the standard puts the newest 子 right after 桜 (the last child before them): so here
    assert after[after.index(baby) - 1].mei == "桜"


# --------------------------------------------------------------------------- no 世帯主


@pytest.fixture
def family(db: Any) -> dict[str, Jumin]:
    place = ChouazaFactory()
    nushi, tsuma, taro, jiro = register_household(
        _m("一郎", "世帯主", datetime.date(1960, 6, 1)),
        _m("花子", "妻", datetime.date(1962, 2, 3), seibetsu=Seibetsu.FEMALE),
        _m("太郎", "子", datetime.date(1990, 5, 5)),
        _m("次郎", "子", datetime.date(1992, 5, 5)),
        chouaza=place,
    )
    return {"nushi": nushi, "tsuma": tsuma, "taro": taro, "jiro": jiro}


def test_shibou_of_the_head_leaves_the_household_without_one_and_a_request_notice(
    client: Client,
    family: dict[str, Jumin],
    contractor: Any,
    clerk: Any,
    tmp_path: Path,
) -> None:
    """j490, j500, j100: the 死亡 goes through; no 世帯主; the 世帯主変更依頼通知書 to the
    first member in the order (the 妻), with the members listed; every page still works;
    a later 世帯変更 names the new 世帯主."""
    nushi, tsuma, taro, jiro = family["nushi"], family["tsuma"], family["taro"], family["jiro"]
    entry = shibou.shibou_entry(atena_bango=nushi.atena_bango, shibou_date=TODAY)
    proc = run("shibou", entry, contractor, clerk)
    assert proc.state == ProcedureState.SHOUNIN
    assert any("j500" in f for f in proc.flags)
    assert proc.result["setai_nushi_nashi"] is True and proc.result["new_setai_nushi"] == ""
    setai = Setai.objects.get(pk=tsuma.setai_id)
    assert setai.setai_nushi_id is None
    (notice,) = nushi_irai.notices_of(proc)
    assert notice.name == "髙橋　花子" and notice.former == "髙橋　一郎"
    assert notice.address == fresh(tsuma).address
    assert [m.name for m in notice.members] == ["髙橋　花子", "髙橋　太郎", "髙橋　次郎"]
    docs = {d.name: d for d in documents_of(proc)}
    text = squash(pdftotext(docs["世帯主変更依頼通知書"].render(), tmp_path))
    assert "髙橋花子様" in text and "住民基本台帳法第25条" in text
    assert text.index("髙橋太郎") < text.index("髙橋次郎")
    # j100 on the pages and documents
    login_as(client, contractor)
    html = client.get(f"/juki/residents/{taro.atena_bango}/").content.decode()
    assert "（世帯主なし）" in html and "この世帯には世帯主がいません" in html
    shokai = documents.render_shokai_hyo(fresh(taro), printed_by="t", terminal_code="")
    assert "（世帯主なし）" in pdftotext(shokai, tmp_path)
    # j100 in a later 異動: the 世帯主変更 names the new head
    later = setai_henkou.setai_henkou_entry(
        henkou="nushi_henkou",
        atena_bango=tsuma.atena_bango,
        ido_date=TODAY,
        todoke_date=TODAY,
        setai_nushi=tsuma.atena_bango,
        zokugara={taro.atena_bango: "子", jiro.atena_bango: "子"},
    )
    run("setai_henkou", later, contractor, clerk)
    assert Setai.objects.get(pk=setai.pk).setai_nushi_id == tsuma.pk
    assert fresh(tsuma).zokugara == "世帯主"


def test_no_request_notice_when_the_same_todoke_names_the_head(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    nushi, tsuma, taro, jiro = family["nushi"], family["tsuma"], family["taro"], family["jiro"]
    entry = shibou.shibou_entry(
        atena_bango=nushi.atena_bango,
        shibou_date=TODAY,
        new_setai_nushi=tsuma.atena_bango,
        zokugara_changes={taro.atena_bango: "子", jiro.atena_bango: "子"},
    )
    proc = run("shibou", entry, contractor, clerk)
    assert nushi_irai.notices_of(proc) == []
    assert "世帯主変更依頼通知書" not in {d.name for d in documents_of(proc)}


def test_a_tenkyo_from_a_household_without_a_head_goes_through(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    """j100: a later 異動 of a member of a household left without a 世帯主."""
    Setai.objects.filter(pk=family["nushi"].setai_id).update(setai_nushi=None)
    place = ChouazaFactory()
    entry = tenkyo.tenkyo_entry(
        atena_bangos=[family["jiro"].atena_bango],
        chouaza=place.code,
        banchi="5番6号",
        tenkyo_date=TODAY,
        todoke_date=TODAY,
        setai_mode="new",
    )
    proc = run("tenkyo", entry, contractor, clerk)
    assert proc.state == ProcedureState.SHOUNIN
    assert fresh(family["jiro"]).zokugara == "世帯主"


def test_review_pages_render_with_the_migrated_member(
    client: Client, contractor: Any, clerk: Any, household: dict[str, Jumin]
) -> None:
    """The 審査 screen and the 確認用帳票 of 異動 on the household with a migrated 続柄."""
    from .procedures import enter_and_check

    place = ChouazaFactory()
    entries = {
        "shibou": shibou.shibou_entry(atena_bango=household["一郎"].atena_bango, shibou_date=TODAY),
        "tenkyo": tenkyo.tenkyo_entry(
            atena_bangos=[household["清"].atena_bango],
            chouaza=place.code,
            banchi="5番6号",
            tenkyo_date=TODAY,
            todoke_date=TODAY,
            setai_mode="new",
        ),
        "tenshutsu": tenshutsu.tenshutsu_entry(
            atena_bangos=[household["桜"].atena_bango],
            todoke_date=TODAY,
            tenshutsu_yotei_date=TODAY + datetime.timedelta(days=7),
            tenshutsusaki="大阪府大阪市北区梅田一丁目1番1号",
            tenshutsusaki_postal_code="530-0001",
        ),
    }
    login_as(client, clerk)
    for code, entry in entries.items():
        proc = enter_and_check(code, entry, contractor)
        page = client.get(reverse("counter:review_detail", args=[proc.pk]))
        assert page.status_code == 200, code
        html = page.content.decode()
        assert "承認できない理由" not in html, code
        # withdrawn, so the next kind may reserve the same persons
        services.do_withdraw(proc, acting_user=contractor, terminal=None, reason="テスト")


def test_the_migrated_member_may_leave_the_register(
    household: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    """A 異動 of the member whose 続柄 is outside the list does not fail on that 続柄."""
    entry = shibou.shibou_entry(atena_bango=household["健"].atena_bango, shibou_date=TODAY)
    proc = run("shibou", entry, contractor, clerk)
    assert proc.state == ProcedureState.SHOUNIN
    assert fresh(household["健"]).zokugara == MIGRATED


def test_a_new_nushi_ends_the_hand_set_order(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    """The order set around the former 世帯主 gives way to the standard's, new head first."""
    nushi, tsuma, taro, jiro = family["nushi"], family["tsuma"], family["taro"], family["jiro"]
    setai = Setai.objects.get(pk=nushi.setai_id)
    hand = [nushi.atena_bango, jiro.atena_bango, taro.atena_bango, tsuma.atena_bango]
    do_set_kisai_jun(setai, hand, acting_user=clerk)
    entry = shibou.shibou_entry(
        atena_bango=nushi.atena_bango,
        shibou_date=TODAY,
        new_setai_nushi=tsuma.atena_bango,
        zokugara_changes={taro.atena_bango: "子", jiro.atena_bango: "子"},
    )
    run("shibou", entry, contractor, clerk)
    setai.refresh_from_db()
    assert setai.kisai_jun == []
    members = ordered(list(Jumin.objects.filter(setai=setai, status=JuminStatus.LIVE)), setai)
    assert [m.mei for m in members][:1] == ["花子"]
