"""氏名の振り仮名 (住基法第7条第1号の2, since 2025-05-26; 標準仕様書 j180).

The legal 振り仮名 is kept apart from the search フリガナ; for a 日本人 it comes from the
戸籍 by the 住基法第9条第2項 notice (an inbox message) applied by a 職権修正; 旧氏 and its
振り仮名 go together (住基令第30条の13); an unrecorded part prints 【氏空欄】/【名空欄】;
the 照会票, the resident page and the 転出証明書 print it; 旧氏 and 通称 フリガナ carry a
確認フラグ like the name's.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter import inbox
from counter.models import InboxStatus
from counter.procedure_kinds import get_kind
from juki import documents
from juki.ido import kernel, shokken_shusei
from juki.ido.kernel import PlanRefused, furigana_tsuchi
from juki.ido.kernel.tenshutsu_shomeisho import _person_shomeisho
from juki.item_forms import kyuuji_pair_problem
from juki.models import Jumin, furigana_text
from juki.services import snapshot_of

from ..conftest import login_as
from ._shokken import TODAY, fresh, messages, problems_of, run


def tsuchi_payload(j: Jumin, **kw: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "juminhyo_code": j.juminhyo_code,
        "shi": j.shi,
        "mei": j.mei,
        "seinengappi": j.seinengappi.isoformat(),
        "honseki": j.honseki,
        "hittousha": j.hittousha,
        "shi_furigana": "タカハシ",
        "mei_furigana": "ハナコ",
        "kisai_date": (TODAY - datetime.timedelta(days=2)).isoformat(),
    }
    payload.update(kw)
    return payload


def receive_tsuchi(j: Jumin, key: str = "furigana-1", **kw: Any) -> str:
    inbox.receive(
        "honsekichi",
        {
            "idempotency_key": key,
            "message_type": furigana_tsuchi.MESSAGE_TYPE,
            "municipality_code": "131075",
            "payload": tsuchi_payload(j, **kw),
        },
    )
    return key


def shusei_entry(j: Jumin, key: str, **changes: Any) -> dict[str, Any]:
    return shokken_shusei.shokken_shusei_entry(
        atena_bango=j.atena_bango,
        riyu="戸籍の振り仮名の記載（住基法第9条第2項通知）",
        changes=changes,
        furigana_tsuchi=key,
    )


# --------------------------------------------------------------------------- printing


def test_an_unrecorded_part_of_the_furigana_prints_shi_or_mei_kuuran() -> None:
    assert furigana_text("タカハシ", "ハナコ") == "タカハシ　ハナコ"
    assert furigana_text("", "ハナコ") == "【氏空欄】　ハナコ"
    assert furigana_text("タカハシ", "") == "タカハシ　【名空欄】"
    assert furigana_text("", "") == ""
    # a person with no 名 has no 名 part to mark
    assert furigana_text("スミス", "", has_mei=False) == "スミス"
    assert Jumin(shi="髙橋", mei="花子", mei_furigana="ハナコ").shimei_furigana == (
        "【氏空欄】　ハナコ"
    )


@pytest.mark.django_db
def test_the_shokai_hyo_prints_the_legal_furigana_apart_from_the_search_kana(
    family: dict[str, Jumin],
) -> None:
    j = family["tsuma"]
    j.shi_furigana = "タカハシ"
    j.save(update_fields=["shi_furigana"])
    rows = dict(documents.shokai_hyo_context(j, printed_by="t", terminal_code="T")["person_rows"])
    assert rows["氏名の振り仮名"] == "タカハシ　【名空欄】"
    assert rows["フリガナ"].startswith("タカハシ　ハナコ")


@pytest.mark.django_db
def test_the_tenshutsu_shomeisho_prints_the_furigana_and_the_kyuuji_furigana(
    family: dict[str, Jumin],
) -> None:
    j = family["tsuma"]
    j.mei_furigana, j.kyuuji, j.kyuuji_kana = "ハナコ", "佐藤", "サトウ"
    j.save(update_fields=["mei_furigana", "kyuuji", "kyuuji_kana"])
    rows = dict(_person_shomeisho(snapshot_of(fresh(j)))["rows"])
    assert rows["氏名の振り仮名"] == "【氏空欄】　ハナコ"
    assert rows["旧氏"] == "佐藤" and rows["旧氏の振り仮名"] == "サトウ"


@pytest.mark.django_db
def test_the_resident_page_prints_the_furigana_and_flags_unconfirmed_kyuuji_and_tsushou_kana(
    client: Any, contractor: Any, family: dict[str, Jumin]
) -> None:
    j = family["tsuma"]
    j.shi_furigana, j.mei_furigana = "タカハシ", "ハナコ"
    j.kyuuji, j.kyuuji_kana, j.tsushou, j.tsushou_kana = "佐藤", "サトウ", "花", "ハナ"
    j.save(update_fields=["shi_furigana", "mei_furigana", "kyuuji", "kyuuji_kana", "tsushou"])
    Jumin.objects.filter(pk=j.pk).update(tsushou_kana="ハナ", kyuuji_kana_kakunin=False)
    login_as(client, contractor)
    page = client.get(f"/juki/residents/{j.atena_bango}/").content.decode()
    assert "氏名の振り仮名" in page and "タカハシ　ハナコ" in page
    assert "（旧氏フリガナ未確認）" in page and "（通称フリガナ未確認）" in page
    Jumin.objects.filter(pk=j.pk).update(kyuuji_kana_kakunin=True, tsushou_kana_kakunin=True)
    page = client.get(f"/juki/residents/{j.atena_bango}/").content.decode()
    assert "（旧氏フリガナ未確認）" not in page and "（通称フリガナ未確認）" not in page


# --------------------------------------------------------------------------- 旧氏


@given(kyuuji=st.text(max_size=5), kana=st.text(max_size=5))
@settings(max_examples=200)
def test_kyuuji_and_its_furigana_are_recorded_together_or_not_at_all(
    kyuuji: str, kana: str
) -> None:
    problem = kyuuji_pair_problem(kyuuji, kana)
    together = bool(kyuuji.strip()) == bool(kana.strip())
    assert (problem is None) == together
    if problem is not None:
        field, message = problem
        assert field == ("kyuuji_kana" if kyuuji.strip() else "kyuuji")
        assert "住基令第30条の13" in message


@pytest.mark.django_db
def test_a_shokken_shusei_may_not_record_a_kyuuji_without_its_furigana(
    family: dict[str, Jumin],
) -> None:
    entry = shokken_shusei.shokken_shusei_entry(
        atena_bango=family["tsuma"].atena_bango, riyu="旧氏の記載の請求", changes={"kyuuji": "佐藤"}
    )
    with pytest.raises(PlanRefused) as refused:
        get_kind("shokken_shusei").planned(entry)  # type: ignore[attr-defined]
    assert (
        "kyuuji_kana",
        "旧氏を記載するときは旧氏の振り仮名も記載してください（住基令第30条の13）。",
    ) in (problems_of(refused.value))


@pytest.mark.django_db
def test_an_entry_form_refuses_a_kyuuji_furigana_without_the_kyuuji(
    family: dict[str, Jumin],
) -> None:
    form = kernel.TennyuPersonForm(
        {
            "shubetsu": "1",
            "shi": "髙橋",
            "mei": "花子",
            "seinengappi": "1980-02-03",
            "seibetsu": "2",
            "zokugara": "世帯主",
            "honseki": "東京都墨田区",
            "juminhyo_code": family["tsuma"].juminhyo_code,
            "kyuuji_kana": "サトウ",
        }
    )
    assert not form.is_valid()
    assert "住基令第30条の13" in form.errors["kyuuji"][0]


# --------------------------------------------------------------------------- 第9条第2項 notice


@pytest.mark.django_db
def test_the_furigana_tsuchi_is_received_from_the_honsekichi_and_found_by_code(
    family: dict[str, Jumin],
) -> None:
    j = family["tsuma"]
    receive_tsuchi(j)
    (found,) = furigana_tsuchi.waiting_for(j.juminhyo_code)
    assert (found.shi_furigana, found.mei_furigana) == ("タカハシ", "ハナコ")
    with pytest.raises(inbox.InboxError):  # not カタカナ: rejected at the door
        receive_tsuchi(j, key="furigana-bad", mei_furigana="hanako")
    with pytest.raises(inbox.InboxError):  # neither part: nothing to record
        receive_tsuchi(j, key="furigana-none", shi_furigana="", mei_furigana="")


@given(
    payload=st.dictionaries(
        st.sampled_from(
            ["juminhyo_code", "shi", "mei", "shi_furigana", "mei_furigana", "kisai_date"]
        ),
        st.one_of(st.text(max_size=12), st.integers(), st.none()),
    )
)
@settings(max_examples=200)
def test_the_furigana_tsuchi_parser_refuses_in_japanese_or_returns_katakana(
    payload: dict[str, Any],
) -> None:
    try:
        items = furigana_tsuchi.parse(payload)
    except inbox.InboxError as exc:
        assert str(exc) and json.dumps(str(exc), ensure_ascii=False)
        return
    assert items["shi_furigana"] or items["mei_furigana"]


@pytest.mark.django_db
def test_a_shokken_shusei_applies_the_tsuchi_once_and_keeps_the_search_kana(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    j = family["tsuma"]
    key = receive_tsuchi(j, mei_furigana="")
    proc = run("shokken_shusei", shusei_entry(j, key, shi_furigana="タカハシ"), contractor, clerk)
    j = fresh(j)
    assert (j.shi_furigana, j.mei_furigana) == ("タカハシ", "")
    assert j.shimei_furigana == "タカハシ　【名空欄】"
    # the search フリガナ is another item: untouched
    assert (j.shi_kana, j.mei_kana) == ("タカハシ", "ハナコ")
    message = inbox.get_received(furigana_tsuchi.MESSAGE_TYPE, key)
    assert message is not None and message.status == InboxStatus.USED
    assert message.used_by_id == proc.pk
    assert ("jukinet_cs", "honnin_kakunin_koshin") in messages(proc)  # a 本人確認情報
    # the same notice cannot serve a second 職権修正
    with pytest.raises(PlanRefused) as refused:
        get_kind("shokken_shusei").planned(  # type: ignore[attr-defined]
            shusei_entry(j, key, mei_furigana="ハナ")
        )
    assert any(f == "furigana_tsuchi" for f, _m in problems_of(refused.value))


@pytest.mark.django_db
def test_a_shokken_shusei_with_the_tsuchi_writes_only_the_koseki_furigana(
    family: dict[str, Jumin],
) -> None:
    j = family["tsuma"]
    key = receive_tsuchi(j)
    entry = shusei_entry(j, key, shi_furigana="タカハシ", mei_furigana="ハナ")
    with pytest.raises(PlanRefused) as refused:
        get_kind("shokken_shusei").planned(entry)  # type: ignore[attr-defined]
    assert [f for f, _m in problems_of(refused.value)] == ["mei_furigana"]
    other = family["taro"]
    entry = shusei_entry(other, key, shi_furigana="タカハシ", mei_furigana="ハナコ")
    with pytest.raises(PlanRefused) as refused:  # the notice names someone else
        get_kind("shokken_shusei").planned(entry)  # type: ignore[attr-defined]
    assert any("住民票コード" in m for _f, m in problems_of(refused.value))


@pytest.mark.django_db
def test_the_shusei_form_offers_the_received_tsuchi_and_takes_its_furigana(
    family: dict[str, Jumin],
) -> None:
    j = family["tsuma"]
    key = receive_tsuchi(j)
    first = shokken_shusei.ShokkenShuseiForm({"atena_bango": j.atena_bango, "search": "1"})
    assert key in dict(first.fields["furigana_tsuchi"].choices)  # type: ignore[attr-defined]
    data = first.data.copy()
    data.update(
        {
            "shusei_date": TODAY.isoformat(),
            "riyu": "戸籍の振り仮名の記載",
            "furigana_tsuchi": key,
        }
    )
    for name in first.items.fields:  # type: ignore[union-attr]
        value = first.items[name].value()  # type: ignore[index]
        if name not in ("shubetsu", "juminhyo_code") and value not in (None, ""):
            data[f"items-{name}"] = str(value)
    data.pop("search", None)
    form = shokken_shusei.ShokkenShuseiForm(data)
    assert form.is_valid(), (form.errors, form.items and form.items.errors)
    assert form.entry is not None
    assert form.entry["furigana_tsuchi"] == key
    assert form.entry["changes"] == {"shi_furigana": "タカハシ", "mei_furigana": "ハナコ"}


@pytest.mark.django_db
def test_a_tennyu_records_the_furigana_of_the_tenshutsu_shomeisho(
    contractor: Any, clerk: Any
) -> None:
    """The 転出証明書 carries the 氏名の振り仮名 (住基令第23条); the 転入 records it."""
    from ..factories import ChouazaFactory
    from .test_tennyu import family as tennyu_family
    from .test_tennyu import tennyu_entry

    chouaza = ChouazaFactory(name="吾妻橋一丁目", kana="アヅマバシ1チョウメ")
    persons = tennyu_family()[:1]
    persons[0].update(shi_furigana="オオサカ", mei_furigana="イチロウ", shi_kana="オーサカ")
    run("tennyu", tennyu_entry(chouaza=chouaza.code, persons=persons), contractor, clerk)
    j = Jumin.objects.get()
    assert j.shimei_furigana == "オオサカ　イチロウ" and j.shi_kana == "オーサカ"


@pytest.mark.django_db
def test_a_shussei_records_the_furigana_of_the_shusseitodoke(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    """The 出生届 carries the child's 氏名の振り仮名 (戸籍法第29条 as amended)."""
    from .test_shussei import baby_entry

    proc = run(
        "shussei",
        baby_entry(family, shi_furigana="タカハシ", mei_furigana="サブロウ"),
        contractor,
        clerk,
    )
    baby = Jumin.objects.get(atena_bango=proc.result["atena_bango"])
    assert baby.shimei_furigana == "タカハシ　サブロウ"
