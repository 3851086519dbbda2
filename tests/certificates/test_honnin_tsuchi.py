"""本人通知 and the 本人's disclosure record (ADR 0034): one test per rule.

The rules: the city's 本人通知制度実施要綱 notifies a registered resident of the 交付 of a
住民票の写し・除票の写し・記載事項証明書 to a 代理人 (住基法第12条第1項・第3項), a 第三者
(第12条の3第1項) or a 特定事務受任者 (第12条の3第2項), never naming the requester
(個人情報の保護に関する法律第78条第1項第2号); the 本人, a 同一世帯の者 and a 公用請求
are not notified. The disclosure record (同法第76条) lists every 交付 and 閲覧 about the
本人, with category and basis only.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from certificates import disclosure_record, services
from certificates.honnin_tsuchi import notice
from certificates.honnin_tsuchi import services as tsuchi
from certificates.honnin_tsuchi.models import HonninTsuchi, ShinseishaKubun
from certificates.records import KoufuRireki
from counter.models import OutboxMessage, StaffUser
from counter.procedure_kinds import FeeBasis, RequesterCategory
from counter.procedure_models import ProcedureState
from juki.demo import residents as r
from juki.models import Jumin

from ..procedures import procedure_in, receive
from ..test_documents import pdftotext, squash

pytestmark = pytest.mark.django_db

C = RequesterCategory
DAIRININ_NAME = "鈴木　次郎"
DAISANSHA_NAME = "山本　金子"


@pytest.fixture
def takahashi() -> list[Jumin]:
    return r.household(r.TAKAHASHI[:3])


def address(person: Jumin) -> str:
    c = person.chouaza
    return f"{c.prefecture}{c.city}{c.name}{person.banchi}"


def honnin_entry(person: Jumin) -> dict[str, Any]:
    return {
        "seikyusha_kubun": "honnin",
        "seikyusha_shimei": person.full_name,
        "seikyusha_jusho": address(person),
        "seikyusha_atena_bango": person.atena_bango,
        "atena_bangos": [person.atena_bango],
        "tsusu": 1,
    }


def dairinin_entry(person: Jumin) -> dict[str, Any]:
    return {
        **honnin_entry(person),
        "seikyusha_kubun": "dairinin",
        "dairinin_shimei": DAIRININ_NAME,
        "dairinin_jusho": "東京都台東区浅草一丁目1番1号",
        "dairinin_shorui": "driver_license",
        "ininjo": True,
        "tsusu": 2,
    }


def daisansha_entry(person: Jumin) -> dict[str, Any]:
    return {
        "seikyusha_kubun": "daisansha",
        "seikyusha_shimei": DAISANSHA_NAME,
        "seikyusha_jusho": "東京都千代田区丸の内一丁目1番1号",
        "seikyusha_atena_bango": "",
        "riyu_kubun": "kenri",
        "riyu": "貸金返還請求訴訟の提起のため",
        "atena_bangos": [person.atena_bango],
        "tsusu": 1,
    }


def issue(entry: dict[str, Any], contractor: StaffUser, clerk: StaffUser) -> KoufuRireki:
    """A 住民票の写し walked through the machine to 交付 (kind.issue writes the 交付履歴)."""
    proc = procedure_in(ProcedureState.KOUFU, "juminhyo_utsushi", entry, contractor, clerk)
    return KoufuRireki.objects.get(procedure=proc)


def recorded(
    contractor: StaffUser,
    person: Jumin,
    kubun: RequesterCategory,
    *,
    shubetsu: str = "juminhyo_utsushi",
    seikyusha: str = DAISANSHA_NAME,
) -> KoufuRireki:
    """A 交付履歴 row as 交付 writes it (the service, without printing)."""
    koufu = services.Koufu(
        shubetsu=shubetsu,
        shubetsu_label="住民票の写し",
        taishosha=[services.Taisho(person.atena_bango, person.full_name)],
        kisai_jiko=[],
        tsusu=1,
        seikyusha_kubun=kubun,
        seikyusha_shimei=seikyusha,
        seikyu_jiyu=f"住基法第12条の3第1項／{seikyusha}の請求",
        fee_basis=FeeBasis.TSUUJOU,
    )
    procedure = receive(contractor, "juminhyo_utsushi")
    return services.record_koufu(procedure, koufu, [], acting_user=contractor, terminal=None)


def register(person: Jumin, user: StaffUser, **more: Any) -> Any:
    return tsuchi.do_toroku(acting_user=user, atena_bango=person.atena_bango, **more)


def messages() -> list[dict[str, Any]]:
    rows = OutboxMessage.objects.filter(message_type=tsuchi.MESSAGE_TYPE).order_by("id")
    return [m.payload for m in rows]


# --------------------------------------------------------------- the issue's journey


def test_three_issues_of_three_categories_give_two_notices_and_a_record_of_three(
    takahashi, contractor, clerk, tmp_path: Path
) -> None:
    """本人, 代理人, 第三者: the 要綱 notifies the 代理人's and the 第三者's (not the
    本人's own request); the disclosure record holds all three."""
    person = takahashi[0]
    register(person, clerk)
    issue(honnin_entry(person), contractor, clerk)
    issue(dairinin_entry(person), contractor, clerk)
    issue(daisansha_entry(person), contractor, clerk)

    notices = HonninTsuchi.objects.filter(atena_bango=person.atena_bango).order_by("id")
    assert [(n.seikyusha_kubun, n.tsusu) for n in notices] == [(C.DAIRININ, 2), (C.DAISANSHA, 1)]
    assert [m["seikyusha_kubun"] for m in messages()] == [C.DAIRININ.label, C.DAISANSHA.label]

    lines = disclosure_record.record_of(person.atena_bango)
    assert sorted(line.kubun for line in lines) == sorted(
        [C.HONNIN.label, C.DAIRININ.label, C.DAISANSHA.label]
    )
    assert {line.kind for line in lines} == {"交付"}
    assert {line.what for line in lines} == {"住民票の写し 1通", "住民票の写し 2通"}


def test_no_requester_name_in_the_message_the_notice_or_the_record(
    takahashi, contractor, clerk, tmp_path: Path
) -> None:
    person = takahashi[0]
    register(person, clerk)
    issue(dairinin_entry(person), contractor, clerk)
    issue(daisansha_entry(person), contractor, clerk)

    payloads = json.dumps(messages(), ensure_ascii=False)
    rows = list(HonninTsuchi.objects.all())
    printed = squash(pdftotext(notice.render([notice.notice_of(n) for n in rows]), tmp_path))
    lines = disclosure_record.record_of(person.atena_bango)
    record = squash(
        pdftotext(
            disclosure_record.render(name=person.full_name, atena_bango="1", rows=lines),
            tmp_path,
        )
    )
    for name in (DAIRININ_NAME, DAISANSHA_NAME):
        for text in (payloads, printed, record, repr(rows), repr(lines)):
            assert squash(name) not in squash(text)
            assert name.split("　")[0] not in text
    assert squash(person.full_name) in printed  # the addressee is the 本人
    assert "第三者" in printed and "代理人" in printed


def test_a_resident_not_registered_gets_no_notice(takahashi, contractor, clerk) -> None:
    issue(daisansha_entry(takahashi[1]), contractor, clerk)
    assert not HonninTsuchi.objects.exists()
    assert messages() == []


# --------------------------------------------------------------- which 交付 are notified


@pytest.mark.parametrize(
    ("kubun", "notified"),
    [
        (C.HONNIN, False),
        (C.DOITSU_SETAI, False),
        (C.KOUYOU, False),
        (C.DAIRININ, True),
        (C.DAISANSHA, True),
        (C.SHIGYO, True),
    ],
)
def test_the_program_notifies_a_dairinin_a_daisansha_and_a_shigyo_only(
    takahashi, contractor, clerk, kubun: RequesterCategory, notified: bool
) -> None:
    register(takahashi[0], clerk)
    recorded(contractor, takahashi[0], kubun)
    assert HonninTsuchi.objects.exists() is notified
    assert len(messages()) == int(notified)


@pytest.mark.parametrize(
    ("shubetsu", "notified"),
    [
        ("juminhyo_utsushi", True),
        ("johyo_utsushi", True),
        ("kisai_jiko", True),
        ("fuzaiju", False),
        ("jukyo_hyoji", False),
    ],
)
def test_the_program_covers_the_juminhyo_the_johyo_and_the_kisai_jiko(
    takahashi, contractor, clerk, shubetsu: str, notified: bool
) -> None:
    register(takahashi[0], clerk)
    recorded(contractor, takahashi[0], C.DAISANSHA, shubetsu=shubetsu)
    assert HonninTsuchi.objects.exists() is notified


def test_an_ended_registration_gets_no_notice(takahashi, contractor, clerk) -> None:
    toroku = register(takahashi[0], clerk)
    tsuchi.do_haishi(acting_user=clerk, toroku=toroku, haishi_riyu="本人の申出")
    recorded(contractor, takahashi[0], C.DAISANSHA)
    assert not HonninTsuchi.objects.exists()


def test_only_the_registered_person_of_a_household_copy_is_notified(
    takahashi, contractor, clerk
) -> None:
    register(takahashi[1], clerk)
    koufu = services.Koufu(
        shubetsu="juminhyo_utsushi",
        shubetsu_label="住民票の写し",
        taishosha=[services.Taisho(p.atena_bango, p.full_name) for p in takahashi],
        kisai_jiko=[],
        tsusu=1,
        seikyusha_kubun=C.DAISANSHA,
        seikyusha_shimei=DAISANSHA_NAME,
        seikyu_jiyu="住基法第12条の3第1項",
        fee_basis=FeeBasis.TSUUJOU,
    )
    services.record_koufu(
        receive(contractor, "juminhyo_utsushi"), koufu, [], acting_user=contractor, terminal=None
    )
    assert [m["atena_bango"] for m in messages()] == [takahashi[1].atena_bango]


def test_the_notice_goes_to_the_juminhyo_address_unless_another_is_registered(
    takahashi, contractor, clerk
) -> None:
    register(takahashi[0], clerk)
    register(takahashi[1], clerk, soufu_jusho="東京都台東区上野一丁目2番3号")
    recorded(contractor, takahashi[0], C.DAISANSHA)
    recorded(contractor, takahashi[1], C.DAISANSHA)
    sent = {m["atena_bango"]: m["soufu_jusho"] for m in messages()}
    assert sent == {
        takahashi[0].atena_bango: takahashi[0].address,
        takahashi[1].atena_bango: "東京都台東区上野一丁目2番3号",
    }


def test_the_message_is_the_versioned_honnin_tsuchi_to_the_notices_destination(
    takahashi, contractor, clerk
) -> None:
    register(takahashi[0], clerk)
    recorded(contractor, takahashi[0], C.DAIRININ)
    row = OutboxMessage.objects.get(message_type=tsuchi.MESSAGE_TYPE)
    assert row.destination == tsuchi.DESTINATION.code
    assert row.payload["schema_version"] == tsuchi.HONNIN_TSUCHI.version
    assert set(row.payload) == {f.name for f in tsuchi.HONNIN_TSUCHI.fields} | {"schema_version"}


# --------------------------------------------------------------- the registration's rules


def test_a_person_has_one_live_registration(takahashi, clerk) -> None:
    register(takahashi[0], clerk)
    with pytest.raises(tsuchi.TorokuError, match="すでに登録"):
        register(takahashi[0], clerk)


def test_only_a_resident_on_the_register_may_register(clerk) -> None:
    with pytest.raises(tsuchi.TorokuError, match="本市の住民"):
        tsuchi.do_toroku(acting_user=clerk, atena_bango="9999999999")


def test_a_dairinin_registers_under_their_name(takahashi, clerk) -> None:
    with pytest.raises(tsuchi.TorokuError, match="代理人の氏名"):
        register(takahashi[2], clerk, shinseisha_kubun=ShinseishaKubun.HOTEI_DAIRININ)
    row = register(
        takahashi[2],
        clerk,
        shinseisha_kubun=ShinseishaKubun.HOTEI_DAIRININ,
        dairinin_shimei="髙橋　一郎",
    )
    assert row.dairinin_shimei == "髙橋　一郎"


# --------------------------------------------------------------- the disclosure record


def test_the_basis_is_the_article_never_the_free_text(takahashi, contractor, clerk) -> None:
    issue(dairinin_entry(takahashi[0]), contractor, clerk)
    issue(daisansha_entry(takahashi[0]), contractor, clerk)
    bases = {
        line.kubun: line.basis for line in disclosure_record.record_of(takahashi[0].atena_bango)
    }
    assert bases[C.DAIRININ.label] == "住基法第12条第1項（代理人による請求）"
    assert bases[C.DAISANSHA.label].startswith("住基法第12条の3第1項（第三者の請求）")
    assert "第1号" in bases[C.DAISANSHA.label]
    assert "貸金" not in " ".join(bases.values())


def test_the_record_holds_only_the_person_s_own_lines(takahashi, contractor) -> None:
    recorded(contractor, takahashi[0], C.DAISANSHA)
    recorded(contractor, takahashi[1], C.DAISANSHA)
    assert len(disclosure_record.record_of(takahashi[0].atena_bango)) == 1


def test_a_registered_source_is_listed(takahashi) -> None:
    """The 閲覧簿's extension point: a source registered adds its lines."""
    import datetime

    line = disclosure_record.KirokuRow(
        datetime.date(2026, 4, 1),
        "閲覧",
        "住民基本台帳の一部の写しの閲覧",
        "申出者",
        "住基法第11条の2",
    )
    source = disclosure_record.Source("etsuran_test", "閲覧簿", lambda number: [line])
    disclosure_record.register_source(source)
    try:
        assert disclosure_record.record_of(takahashi[0].atena_bango) == [line]
        assert "閲覧簿" in [s.label for s in disclosure_record.sources()]
    finally:
        disclosure_record.unregister_source("etsuran_test")


# --------------------------------------------------------------- the 閲覧 in the record


def _shown_to_a_hojin(clerk: StaffUser, second_clerk: StaffUser, persons: list[Jumin]) -> Any:
    """A 閲覧 of the persons' 町字 whose list was shown once (the window page's path)."""
    from certificates.etsuran import listing
    from certificates.etsuran import services as etsuran

    from .etsuran_helpers import visit

    kai = visit(clerk, second_clerk, persons[0].chouaza)
    shown = listing.listed_of(kai)
    etsuran.record_shown(
        kai, count=len(shown), printed=False, user=clerk, atena_bangos=[a for a, _r in shown]
    )
    return kai


def test_three_issues_and_one_etsuran_including_them_are_exactly_the_four_lines(
    takahashi, contractor, clerk, second_clerk
) -> None:
    """Issue 11 第6項: every 交付 about the person and every 閲覧 whose list showed them."""
    person = takahashi[0]
    issue(honnin_entry(person), contractor, clerk)
    issue(dairinin_entry(person), contractor, clerk)
    issue(daisansha_entry(person), contractor, clerk)
    _shown_to_a_hojin(clerk, second_clerk, takahashi)

    lines = disclosure_record.record_of(person.atena_bango)
    assert sorted((line.kind, line.kubun) for line in lines) == sorted(
        [
            ("交付", C.HONNIN.label),
            ("交付", C.DAIRININ.label),
            ("交付", C.DAISANSHA.label),
            ("閲覧", "法人（統計調査・世論調査・学術研究その他の調査研究）"),
        ]
    )
    (etsuran_line,) = [line for line in lines if line.kind == "閲覧"]
    assert etsuran_line.basis.startswith("住基法第11条の2第1項第1号")
    assert etsuran_line.what.startswith("住民基本台帳の一部の写しの閲覧（")


def test_a_person_not_in_the_list_shown_has_no_etsuran_line(
    takahashi, contractor, clerk, second_clerk
) -> None:
    from juki.shien import services as shien

    from ..factories import JuminFactory, register_household

    hidden = takahashi[1]
    shien.do_kari_touroku(
        acting_user=clerk,
        moushidesha=hidden.atena_bango,
        moushide_date=datetime.date(2026, 4, 1),
        iken_kikan="keisatsu",
    )
    (newcomer,) = register_household(JuminFactory.build(), chouaza=takahashi[0].chouaza)
    Jumin.objects.filter(pk=newcomer.pk).update(status="johyo")  # 除票 before the showing
    _shown_to_a_hojin(clerk, second_clerk, takahashi)
    assert [line.kind for line in disclosure_record.record_of(takahashi[0].atena_bango)] == ["閲覧"]
    assert disclosure_record.record_of(hidden.atena_bango) == []  # protected: never shown
    assert disclosure_record.record_of(newcomer.atena_bango) == []


def test_an_etsuran_line_names_the_published_moushidesha_and_never_the_etsuransha(
    takahashi, contractor, clerk, second_clerk, tmp_path: Path
) -> None:
    """住基法第11条の2第12項 publishes the 申出者's name (個人情報保護法第78条第1項第2号イ);
    the 閲覧者 is not published and never printed."""
    kai = _shown_to_a_hojin(clerk, second_clerk, takahashi)
    person = takahashi[0]
    lines = disclosure_record.record_of(person.atena_bango)
    printed = squash(
        pdftotext(
            disclosure_record.render(
                name=person.full_name, atena_bango=person.atena_bango, rows=lines
            ),
            tmp_path,
        )
    )
    assert squash(kai.moushide.moushidesha_name) in printed
    for etsuransha in kai.moushide.etsuransha:
        assert squash(etsuransha) not in printed
