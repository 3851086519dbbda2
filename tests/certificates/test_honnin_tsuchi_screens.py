"""The screens of the 本人通知 and of the disclosure record (ADR 0034): 登録, 廃止, the
本人通知書, the 開示 at the window; bad input, the 操作ログ, the query counts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from certificates.honnin_tsuchi import services as tsuchi
from certificates.honnin_tsuchi.forms import HaishiForm, KaijiForm, TorokuForm
from certificates.honnin_tsuchi.models import HonninTsuchi, HonninTsuchiToroku, KaijiSeikyu
from counter.models import AuditAction, AuditLog
from counter.procedure_kinds import RequesterCategory
from juki.demo import residents as r
from juki.models import Jumin

from ..conftest import login_as
from ..test_documents import pdftotext, squash
from .test_honnin_tsuchi import DAISANSHA_NAME, recorded

pytestmark = pytest.mark.django_db

URL = reverse("certificates:honnin_tsuchi")
HAISHI = reverse("certificates:honnin_tsuchi_haishi")
TSUCHISHO = reverse("certificates:honnin_tsuchisho")
KAIJI = reverse("certificates:kaiji_kiroku")


@pytest.fixture
def takahashi() -> list[Jumin]:
    return r.household(r.TAKAHASHI[:3])


def toroku_data(person: Jumin, **more: Any) -> dict[str, Any]:
    return {
        "atena_bango": person.atena_bango,
        "shinseisha_kubun": "honnin",
        "honnin_kakunin": "driver_license",
        **more,
    }


def test_a_clerk_registers_a_resident_at_the_window(client: Client, clerk, takahashi) -> None:
    login_as(client, clerk)
    response = client.post(URL, toroku_data(takahashi[0]))
    assert response.status_code == 302
    row = HonninTsuchiToroku.objects.get()
    assert (row.atena_bango, row.shimei, row.entered_by) == (
        takahashi[0].atena_bango,
        takahashi[0].full_name,
        clerk,
    )


def test_a_contractor_may_not_register(client: Client, contractor, takahashi) -> None:
    login_as(client, contractor)
    assert client.post(URL, toroku_data(takahashi[0])).status_code == 403
    assert not HonninTsuchiToroku.objects.exists()


def test_a_refused_registration_is_a_message_next_to_the_field(
    client: Client, clerk, takahashi
) -> None:
    login_as(client, clerk)
    response = client.post(URL, toroku_data(takahashi[0], atena_bango="9999999999"))
    assert response.status_code == 200
    assert "本市の住民" in response.context["form"].errors["atena_bango"][0]
    assert response.context["form"]["atena_bango"].value() == "9999999999"  # kept as typed


def test_a_nini_dairinin_needs_the_ininjo(client: Client, clerk, takahashi) -> None:
    login_as(client, clerk)
    data = toroku_data(takahashi[0], shinseisha_kubun="nini_dairinin", dairinin_shimei="鈴木　次郎")
    response = client.post(URL, data)
    assert "委任状" in response.context["form"].errors["ininjo"][0]
    assert client.post(URL, {**data, "ininjo": "on"}).status_code == 302


def test_a_clerk_ends_a_registration(client: Client, clerk, takahashi) -> None:
    row = tsuchi.do_toroku(acting_user=clerk, atena_bango=takahashi[0].atena_bango)
    login_as(client, clerk)
    assert client.post(HAISHI, {"toroku": row.pk, "haishi_riyu": "本人の申出"}).status_code == 302
    row.refresh_from_db()
    assert row.haishi_date is not None and row.haishi_riyu == "本人の申出"
    # a second 廃止 is refused with a message, the row unchanged
    response = client.post(HAISHI, {"toroku": row.pk, "haishi_riyu": "重複"}, follow=True)
    assert "すでに廃止" in response.content.decode()


def test_the_notice_prints_without_the_requester(
    client: Client, clerk, contractor, takahashi, tmp_path: Path
) -> None:
    tsuchi.do_toroku(acting_user=clerk, atena_bango=takahashi[0].atena_bango)
    recorded(contractor, takahashi[0], RequesterCategory.DAISANSHA)
    row = HonninTsuchi.objects.get()
    login_as(client, clerk)
    response = client.get(TSUCHISHO, {"tsuchi": row.pk})
    assert response["Content-Type"] == "application/pdf"
    text = squash(pdftotext(response.content, tmp_path))
    assert "本人通知書" in text and "第三者" in text
    assert squash(DAISANSHA_NAME) not in text
    log = AuditLog.objects.filter(action=AuditAction.PRINT).last()
    assert log is not None and log.detail["screen"] == "honnin_tsuchisho"


def test_a_missing_notice_is_a_message_not_an_error(client: Client, clerk) -> None:
    login_as(client, clerk)
    for value in ("", "x", "999999", "-1"):
        assert client.get(TSUCHISHO, {"tsuchi": value}).status_code == 302


def test_the_disclosure_record_prints_after_the_id_check_and_is_logged(
    client: Client, clerk, contractor, takahashi, tmp_path: Path
) -> None:
    recorded(contractor, takahashi[0], RequesterCategory.DAISANSHA)
    login_as(client, clerk)
    data = {"atena_bango": takahashi[0].atena_bango, "honnin_kakunin": "mynumber_card"}
    refused = client.post(KAIJI, data)  # the ID check not ticked
    assert refused.status_code == 200 and refused.context["form"].errors["kakunin"]
    response = client.post(KAIJI, {**data, "kakunin": "on"})
    assert response["Content-Type"] == "application/pdf"
    text = squash(pdftotext(response.content, tmp_path))
    assert "第三者" in text and squash(DAISANSHA_NAME) not in text
    log = AuditLog.objects.filter(action=AuditAction.PRINT).last()
    assert log is not None and log.detail["screen"] == "kaiji_kiroku"
    assert takahashi[0].atena_bango in str(log.detail["whom"])


def test_the_disclosure_record_of_an_unknown_number_is_a_message(client: Client, clerk) -> None:
    login_as(client, clerk)
    data = {"atena_bango": "9999999999", "honnin_kakunin": "mynumber_card", "kakunin": "on"}
    response = client.post(KAIJI, data)
    assert response.status_code == 200
    assert "ありません" in response.context["form"].errors["atena_bango"][0]


@pytest.mark.parametrize("rows", [1, 5])
def test_the_list_reads_a_page_in_a_fixed_number_of_queries(
    client: Client, clerk, contractor, rows: int, django_assert_num_queries
) -> None:
    people = r.household(r.SATO[:1]) + r.household(r.TAKAHASHI[:4], banchi="2番2号")
    for person in people[:rows]:
        tsuchi.do_toroku(acting_user=clerk, atena_bango=person.atena_bango)
        recorded(contractor, person, RequesterCategory.DAISANSHA)
    login_as(client, clerk)
    client.get(URL)  # warm the caches (ContentType, the session)
    # session, user, roles; a page of registrations and one of notices (LazyPaginator:
    # no COUNT); the 操作ログ row (head, row, head) and the session's save in a savepoint
    # (savepoint, update, release)
    with django_assert_num_queries(11):
        assert client.get(URL).status_code == 200


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(st.sampled_from(list(TorokuForm.base_fields)), st.text(max_size=30), max_size=6)
)
def test_the_registration_form_never_fails_on_any_input(data: dict[str, str]) -> None:
    form = TorokuForm(data)
    if form.is_valid():
        assert form.cleaned_data["atena_bango"].isdigit()
        if form.cleaned_data["shinseisha_kubun"] != "honnin":
            assert form.cleaned_data["dairinin_shimei"].strip()


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([*KaijiForm.base_fields, *HaishiForm.base_fields]),
        st.text(max_size=30),
        max_size=5,
    )
)
def test_the_kaiji_and_haishi_forms_never_fail_on_any_input(data: dict[str, str]) -> None:
    kaiji, haishi = KaijiForm(data), HaishiForm(data)
    if kaiji.is_valid():
        assert kaiji.cleaned_data["kakunin"] is True
    if haishi.is_valid():
        assert haishi.cleaned_data["toroku"] >= 1


# --------------------------------------------------------------- j1230: the mark


def _page(client: Client, user: Any, name: str, proc: Any) -> str:
    login_as(client, user)
    return client.get(reverse(name, args=[proc.pk])).content.decode()


def test_a_registered_person_is_marked_on_the_check_and_review_of_a_certificate(
    client: Client, contractor, clerk, takahashi
) -> None:
    """標準仕様書 j1230: the 本人通知's registered person carries a mark on the screens
    where a certificate is checked (照合) and decided (審査)."""
    from counter.procedure_models import ProcedureState

    from ..procedures import procedure_in
    from .test_honnin_tsuchi import daisansha_entry

    person = takahashi[0]
    tsuchi.do_toroku(acting_user=clerk, atena_bango=person.atena_bango)
    entry = daisansha_entry(person)
    entered = procedure_in(
        ProcedureState.KARI_TOUROKU, "juminhyo_utsushi", entry, contractor, clerk
    )
    checked = procedure_in(ProcedureState.SHOUGOU, "juminhyo_utsushi", entry, contractor, clerk)
    for html in (
        _page(client, contractor, "counter:procedure_check", entered),
        _page(client, clerk, "counter:review_detail", checked),
    ):
        assert '<span class="badge badge-mark">本人通知登録</span>' in html
        assert f"{person.full_name}さんは本人通知制度の登録者です" in html


def test_no_mark_without_a_live_registration(client: Client, contractor, clerk, takahashi) -> None:
    from counter.procedure_models import ProcedureState

    from ..procedures import procedure_in
    from .test_honnin_tsuchi import daisansha_entry

    ended, never = takahashi[0], takahashi[1]
    toroku = tsuchi.do_toroku(acting_user=clerk, atena_bango=ended.atena_bango)
    tsuchi.do_haishi(acting_user=clerk, toroku=toroku, haishi_riyu="本人の申出")
    for person in (ended, never):
        proc = procedure_in(
            ProcedureState.SHOUGOU, "juminhyo_utsushi", daisansha_entry(person), contractor, clerk
        )
        assert "本人通知登録" not in _page(client, clerk, "counter:review_detail", proc)


def test_the_mark_is_asked_only_on_the_shomei_kinds_screens(takahashi, clerk) -> None:
    """ScopedMarks: a 証明's screens ask; another 窓口区分's kinds pay no query for it."""
    from counter import registry

    tsuchi.do_toroku(acting_user=clerk, atena_bango=takahashi[0].atena_bango)
    key = f"jumin:{takahashi[0].atena_bango}"
    assert registry.has_scoped_marks("shomei")
    assert not registry.has_scoped_marks("ido")
    (mark,) = registry.scoped_subject_marks([key], clerk, category="shomei")
    assert mark.label == "本人通知登録"
    assert registry.scoped_subject_marks([key], clerk, category="ido") == []
    assert key not in registry.subject_marks([key], clerk)  # not among the 支援措置's


# --------------------------------------------------------------- a 代理人's 開示請求


def _kaiji(client: Client, clerk: Any, person: Jumin, **more: str) -> Any:
    login_as(client, clerk)
    data = {
        "atena_bango": person.atena_bango,
        "honnin_kakunin": "driver_license",
        "kakunin": "on",
        **more,
    }
    return client.post(KAIJI, data)


def test_the_honnin_asks_and_the_request_is_kept(client: Client, clerk, takahashi) -> None:
    response = _kaiji(client, clerk, takahashi[0])
    assert response["Content-Type"] == "application/pdf"
    seikyu = KaijiSeikyu.objects.get()
    assert (seikyu.atena_bango, seikyu.seikyusha_kubun, seikyu.dairinin_shimei) == (
        takahashi[0].atena_bango,
        "honnin",
        "",
    )
    assert (seikyu.honnin_kakunin, seikyu.dairi_shorui, seikyu.by) == ("driver_license", "", clerk)


def test_a_parent_asks_for_a_minor_with_the_koseki(
    client: Client, clerk, takahashi, tmp_path: Path
) -> None:
    """個人情報の保護に関する法律第76条第2項: 未成年者の法定代理人 (the 親権者), showing the
    authority (第77条第2項: a 戸籍謄本)."""
    minor, parent = takahashi[2], takahashi[0]
    response = _kaiji(
        client, clerk, minor, seikyusha_kubun="hotei_dairinin",
        dairinin_shimei=parent.full_name, dairi_shorui="koseki",
    )  # fmt: skip
    assert response["Content-Type"] == "application/pdf"
    seikyu = KaijiSeikyu.objects.get()
    assert (seikyu.seikyusha_kubun, seikyu.dairinin_shimei, seikyu.dairi_shorui) == (
        "hotei_dairinin",
        parent.full_name,
        "koseki",
    )
    text = squash(pdftotext(response.content, tmp_path))
    assert squash(f"請求者：法定代理人　{parent.full_name}") in text
    log = AuditLog.objects.filter(action=AuditAction.PRINT).last()
    assert log is not None and log.detail["seikyusha_kubun"] == "hotei_dairinin"
    assert log.detail["dairi_shorui"] == "koseki"


def test_a_koseki_does_not_make_a_legal_representative_of_an_adult(
    client: Client, clerk, takahashi
) -> None:
    """第76条第2項: only a 未成年者's or a 成年被後見人's 法定代理人; an adult's is the
    成年後見人, shown by the 登記事項証明書."""
    adult = takahashi[1]
    response = _kaiji(
        client, clerk, adult, seikyusha_kubun="hotei_dairinin",
        dairinin_shimei="髙橋　一郎", dairi_shorui="koseki",
    )  # fmt: skip
    assert response.status_code == 200
    assert "成年者の法定代理人は成年後見人" in response.context["form"].errors["dairi_shorui"][0]
    assert not KaijiSeikyu.objects.exists()
    guardian = _kaiji(
        client, clerk, adult, seikyusha_kubun="hotei_dairinin",
        dairinin_shimei="後見　正夫", dairi_shorui="touki",
    )  # fmt: skip
    assert guardian["Content-Type"] == "application/pdf"
    assert KaijiSeikyu.objects.get().dairi_shorui == "touki"


def test_a_nini_dairinin_asks_with_the_ininjo(client: Client, clerk, takahashi) -> None:
    """第76条第2項: 本人の委任による代理人, showing the 委任状."""
    response = _kaiji(
        client, clerk, takahashi[0], seikyusha_kubun="nini_dairinin",
        dairinin_shimei="代理　明子", dairi_shorui="ininjo",
    )  # fmt: skip
    assert response["Content-Type"] == "application/pdf"
    seikyu = KaijiSeikyu.objects.get()
    assert (seikyu.seikyusha_kubun, seikyu.dairinin_shimei, seikyu.dairi_shorui) == (
        "nini_dairinin",
        "代理　明子",
        "ininjo",
    )


def test_a_nini_dairinin_without_the_ininjo_is_refused_next_to_the_field(
    client: Client, clerk, takahashi
) -> None:
    for shorui in ("", "koseki"):
        response = _kaiji(
            client, clerk, takahashi[0], seikyusha_kubun="nini_dairinin",
            dairinin_shimei="代理　明子", dairi_shorui=shorui,
        )  # fmt: skip
        assert response.status_code == 200
        assert "委任状" in response.context["form"].errors["dairi_shorui"][0]
        assert 'value="代理　明子"' in response.content.decode()
    assert not KaijiSeikyu.objects.exists()


def test_a_dairinin_must_be_named(client: Client, clerk, takahashi) -> None:
    response = _kaiji(
        client, clerk, takahashi[2], seikyusha_kubun="hotei_dairinin", dairi_shorui="koseki"
    )
    assert "代理人の氏名" in response.context["form"].errors["dairinin_shimei"][0]
    assert not KaijiSeikyu.objects.exists()


@settings(max_examples=60, deadline=None)
@given(
    st.fixed_dictionaries(
        {
            "atena_bango": st.sampled_from(["1", "0000000019", "x"]),
            "honnin_kakunin": st.sampled_from(["driver_license", "bad"]),
            "kakunin": st.sampled_from(["on", ""]),
            "seikyusha_kubun": st.sampled_from(
                ["", "honnin", "hotei_dairinin", "nini_dairinin", "?"]
            ),
            "dairinin_shimei": st.text(max_size=10),
            "dairi_shorui": st.sampled_from(["", "koseki", "touki", "ininjo", "?"]),
        }
    )
)
def test_a_valid_kaiji_form_always_has_what_its_requester_needs(data: dict[str, str]) -> None:
    form = KaijiForm(data)
    if form.is_valid():
        c = form.cleaned_data
        if c["seikyusha_kubun"] == "nini_dairinin":
            assert c["dairi_shorui"] == "ininjo" and c["dairinin_shimei"].strip()
        if c["seikyusha_kubun"] == "hotei_dairinin":
            assert c["dairi_shorui"] in ("koseki", "touki") and c["dairinin_shimei"].strip()
