"""Deny by default: every URL, requested anonymously and as each persona.

Routes that take ids are walked with a real reception and procedure (of the screen tests'
stub kind). A view that answers GET with 405 is a POST-only action (require_POST): for
the roles it allows it is then POSTed with an empty body, which it must answer with 200
or 302 (its Japanese error or a redirect), never 405 or 500.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone

from counter.access import declared_roles, is_public
from counter.models import AuditAction, AuditLog
from counter.roles import Role, roles_of
from juki.shien.models import ShienKaijo, ShienSochi, ShienTaishousha

from .conftest import login_as
from .factories import resident
from .screen_stub import STUB_DOCUMENT_SLUG, StubScreenKind


def walk(
    patterns: list[URLPattern | URLResolver], prefix: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, prefix + str(p.pattern))
        else:
            yield prefix + str(p.pattern), p


def all_routes() -> list[tuple[str, URLPattern]]:
    return list(walk(get_resolver().url_patterns))


def concrete_path(route: str, values: dict[str, str]) -> str:
    for placeholder, value in values.items():
        route = route.replace(placeholder, value)
    return "/" + route


def sample_values() -> dict[str, str]:
    """A real resident, reception and procedure for the routes that take their ids."""
    from counter import services
    from counter.models import StaffUser

    person = resident()
    staff = StaffUser.objects.create(username="access-walker")
    reception = services.do_receive(
        acting_user=staff,
        terminal=None,
        category="ido",
        visitor_kind="honnin",
        visitor_name="見本　太郎",
        id_documents=["driver_license"],
        has_ininjo=False,
        kinds=[StubScreenKind.code],
    )
    sochi = ShienSochi.objects.create(
        moushide_date=datetime.date(2026, 4, 1),
        taishou_jimu=["ido"],
        iken_kikan="keisatsu",
        entered_by=staff,
        entered_at=timezone.now(),
    )
    ShienTaishousha.objects.create(
        sochi=sochi, atena_bango=person.atena_bango, shimei=person.full_name, is_moushidesha=True
    )
    kaijo = ShienKaijo.objects.create(
        sochi=sochi,
        procedure=reception.procedures.get(),
        reason="見本",
        requested_by=staff,
        requested_at=timezone.now(),
    )
    from seal import demo as seal_demo

    inkan = seal_demo.registered(person)
    from mynumber import demo as mynumber_demo

    card = mynumber_demo.issued(person)
    moushide, kai = _etsuran(person.chouaza, staff)
    return {
        "<int:payment_pk>": str(_payment(staff).pk),
        "<int:inei_pk>": str(seal_demo.inei().pk),
        "<int:toroku_pk>": str(inkan.pk),
        "<int:card_pk>": str(card.pk),
        "<int:moushide_pk>": str(moushide.pk),
        "<int:kai_pk>": str(kai.pk),
        "<int:sochi_pk>": str(sochi.pk),
        "<int:kaijo_pk>": str(kaijo.pk),
        "<int:log_pk>": "1",
        "<str:atena_bango>": person.atena_bango,
        "<int:reception_pk>": str(reception.pk),
        "<int:procedure_pk>": str(reception.procedures.get().pk),
        "<slug:slug>": STUB_DOCUMENT_SLUG,
        "<str:token>": _verify_token(),
    }


def _payment(staff: object) -> object:
    """A payment no reception carries (counter.charges: a 閲覧's fee)."""
    from counter.models import Payment, Reji

    from .factories import TerminalFactory

    reji = Reji.objects.create(code="RX", name="試験レジ", terminal=TerminalFactory())
    return Payment.objects.create(
        reji=reji,
        business_date=timezone.localdate(),
        total_yen=300,
        received_yen=300,
        change_yen=0,
        receipt_no=1,
        recorded_by=staff,
        recorded_at=timezone.now(),
    )


def _etsuran(chouaza: object, staff: object) -> tuple[object, object]:
    """An approved 閲覧申出 and its visit open today (the 閲覧 routes)."""
    from certificates.etsuran.models import EtsuranKai, EtsuranMoushide

    moushide = EtsuranMoushide.objects.create(
        state="shonin",
        moushidesha_kubun="hojin",
        moushidesha_name="見本法人",
        moushidesha_jusho="東京都",
        mokuteki="chousa_kenkyu",
        mokuteki_gaiyou="見本",
        etsuransha=["見本　花子"],
        chouaza=chouaza,
        etsuran_date=timezone.localdate(),
        jikan_waku="gozen",
        entered_by=staff,
        entered_at=timezone.now(),
    )
    kai = EtsuranKai.objects.create(
        moushide=moushide,
        etsuran_date=timezone.localdate(),
        honnin_kakunin="旅券",
        etsuransha_shimei="見本　花子",
        seed=1,
        started_by=staff,
        started_at=timezone.now(),
    )
    return moushide, kai


def _verify_token() -> str:
    """The signed token of a printed copy's record (the QR verify page's route)."""
    from django.utils import timezone

    from counter.shomei import qr
    from counter.shomei.models import HakkoKiroku

    kiroku = HakkoKiroku.objects.create(
        hakko_bango="20200502 見本市 001",
        serial=1,
        kind="juminhyo_utsushi",
        issued_on=timezone.localdate(),
    )
    return qr.token_for(kiroku.issued_on, kiroku.serial)


C, K, S, A = Role.CONTRACTOR, Role.CLERK, Role.SUPERVISOR, Role.ADMINISTRATOR
#: 支援措置責任者: a role a 職員 holds besides 職員 (juki.shien)
SS = Role.SHIEN_SEKININSHA
EVERYONE = frozenset({C, K, S, A, SS})
#: README's table of roles, screen by screen: 職員 may do all a 受注者 does (window), and
#: 監督者 all a 職員 does; 管理者 never sees residents. "public" needs no sign-in.
EXPECTED: dict[str, frozenset[Role] | str] = {
    "counter:login": "public",
    "counter:logout": EVERYONE,
    "counter:home": EVERYONE,
    "counter:display_settings": EVERYONE,
    "counter:outbox": frozenset({K, S, A}),
    "counter:outbox_retry": frozenset({K, S, A}),
    # 窓口
    "counter:reception_list": frozenset({C, K, S}),
    "counter:reception_new": frozenset({C, K, S}),
    "counter:reception_ticket": frozenset({C, K, S}),
    "counter:reception_slip_pdf": frozenset({C, K, S}),
    "counter:handover": frozenset({C, K, S}),
    "counter:procedure_entry": frozenset({C, K, S}),
    "counter:procedure_confirmation_pdf": frozenset({C, K, S}),
    "counter:procedure_check": frozenset({C, K, S}),
    "counter:procedure_document_pdf": frozenset({C, K, S}),
    "counter:call_list": frozenset({C, K, S}),
    "counter:call_post": frozenset({C, K, S}),
    "counter:procedure_withdraw": frozenset({C, K, S}),
    "counter:completion": frozenset({C, K, S}),
    "counter:completion_post": frozenset({C, K, S}),
    # 手数料・レジ: the receipt at the window; a refund and the day's rows are city staff's
    "counter:receipt_pdf": frozenset({C, K, S}),
    "counter:fee_refund": frozenset({K, S}),
    "counter:payment_receipt": frozenset({C, K, S}),
    "counter:payment_refund": frozenset({K, S}),
    "counter:fee_day": frozenset({K, S}),
    "counter:tesuryo_master": frozenset({A}),
    # バックヤード
    "counter:review_queue": frozenset({K, S}),
    "counter:review_detail": frozenset({K, S}),
    "counter:review_approve": frozenset({K, S}),
    "counter:review_return": frozenset({K, S}),
    "counter:notices_today": frozenset({K, S}),
    # 監督者
    "counter:overdue": frozenset({S}),
    # 個人番号通知書管理簿【返戻】 (ADR 0037): the back office's book
    "mynumber_todoke:henrei_list": frozenset({K, S}),
    "mynumber_todoke:henrei_haiki": frozenset({K, S}),
    # 交付履歴 (j360): who was issued what
    "certificates:koufu_rireki": frozenset({S}),
    # 閲覧 (certificates/etsuran): city staff book, decide and hold the visit (the 閲覧者
    # sees the list on the terminal a 職員 opened); the 閲覧簿 and 閲覧状況 are the 監督者's
    "certificates:etsuran_list": frozenset({K, S}),
    "certificates:etsuran_new": frozenset({K, S}),
    "certificates:etsuran_detail": frozenset({K, S}),
    "certificates:etsuran_act": frozenset({K, S}),
    "certificates:etsuran_window": frozenset({K, S}),
    "certificates:etsuran_window_pdf": frozenset({K, S}),
    "certificates:etsuran_window_csv": frozenset({S}),
    "certificates:etsuran_bo": frozenset({S}),
    "certificates:etsuran_jokyo": frozenset({S}),
    # 郵送請求 (docs/adr/0031): window work (開封・入力・照合・発送); 承認 is the machine's
    "certificates:yuusou_shoribo": frozenset({C, K, S}),
    "certificates:yuusou_seisansho": frozenset({C, K, S}),
    "certificates:yuusou_kaifuu": frozenset({C, K, S}),
    "certificates:yuusou_detail": frozenset({C, K, S}),
    "certificates:yuusou_act": frozenset({C, K, S}),
    "certificates:yuusou_fusoku": frozenset({C, K, S}),
    # 本人通知 and the 本人's disclosure record (ADR 0034): city staff
    "certificates:honnin_tsuchi": frozenset({K, S}),
    "certificates:honnin_tsuchi_haishi": frozenset({K, S}),
    "certificates:honnin_tsuchisho": frozenset({K, S}),
    "certificates:kaiji_kiroku": frozenset({K, S}),
    "stats:audit_log": frozenset({S, A}),
    # 日計表・月計・年計 (docs/adr/0025): the 監督者 reads them; the 日締め is city staff's
    "stats:nikkei": frozenset({S}),
    "stats:gekkei": frozenset({S}),
    "stats:nenkei": frozenset({S}),
    "stats:nikkei_close": frozenset({K, S}),
    "stats:nikkei_adjust": frozenset({K, S}),
    # 人口統計・異動統計 (docs/adr/0038, 0039): the 監督者's, aggregated figures only
    "stats:jinko": frozenset({S}),
    "stats:idou": frozenset({S}),
    "stats:idou_nen": frozenset({S}),
    # ログインのロック: the 監督者 is alerted and looks, the 管理者 lifts
    "counter:lockouts": frozenset({S, A}),
    "counter:unlock": frozenset({A}),
    # 印鑑登録 (ADR 0029): the window takes in scans and compares them; 職員 read the 原票
    "seal:inei_torikomi": frozenset({C, K, S}),
    "seal:inei_image": frozenset({C, K, S}),
    "seal:inei_shougou": frozenset({C, K, S}),
    "seal:toroku_list": frozenset({K, S}),
    "seal:toroku_detail": frozenset({K, S}),
    "seal:haishi_tsuchi_pdf": frozenset({K, S}),
    # 個人番号カード (ADR 0035): 職員 manage the cards and their lists
    "mynumber:index": frozenset({K, S}),
    "mynumber:resident_cards": frozenset({K, S}),
    "mynumber:card_detail": frozenset({K, S}),
    "mynumber:koufu_machi": frozenset({K, S}),
    "mynumber:kigen": frozenset({K, S}),
    "mynumber:keizoku": frozenset({K, S}),
    "mynumber:hoki": frozenset({K, S}),
    "mynumber:checklist": frozenset({K, S}),
    # 待合
    "counter:board": "public",
    "counter:board_fragment": "public",
    # 住民
    "juki:search": frozenset({C, K, S}),
    "juki:person_pick": frozenset({C, K, S}),
    "juki:resident": frozenset({C, K, S}),
    "juki:show_kojin_bango": frozenset({C, K, S}),
    "juki:resident_pdf": frozenset({C, K, S}),
    # 記載順の設定 (j1010): city staff
    "juki:kisai_jun": frozenset({K, S}),
    # 外字の登録 (j1070): city staff decide what the register may hold
    "juki:gaiji": frozenset({K, S}),
    # 証明書の確認 (the QR code of a printed copy: anyone holding it) and 無効の届出 (職員)
    "hakko:verify": "public",
    "hakko:void": frozenset({K, S}),
    # 支援措置 (juki.shien): city staff set, extend and end measures (two persons each);
    # the 支援措置責任者 asks for a 一時解除 and a second 職員 confirms it
    "juki:shien_list": frozenset({K, S}),
    "juki:shien_new": frozenset({K, S}),
    "juki:shien_detail": frozenset({K, S, SS}),
    "juki:shien_kakutei": frozenset({K, S}),
    "juki:shien_enchou": frozenset({K, S}),
    "juki:shien_shuuryou_shinsei": frozenset({K, S}),
    "juki:shien_shuuryou": frozenset({K, S}),
    "juki:shien_kaijo_shinsei": frozenset({SS}),
    "juki:shien_kaijo_kakunin": frozenset({K, S}),
    "juki:shien_alert_kakunin": frozenset({K, S}),
}


#: any value of the right shape, enough to resolve a route to its name
SHAPES = {
    "<str:atena_bango>": "1",
    "<int:reception_pk>": "1",
    "<int:procedure_pk>": "1",
    "<slug:slug>": "x",
    "<int:sochi_pk>": "1",
    "<int:kaijo_pk>": "1",
    "<int:log_pk>": "1",
    "<int:moushide_pk>": "1",
    "<int:kai_pk>": "1",
    "<int:payment_pk>": "1",
    "<str:token>": "x",
    "<int:inei_pk>": "1",
    "<int:toroku_pk>": "1",
    "<int:card_pk>": "1",
}


def route_name(route: str) -> str:
    return resolve(concrete_path(route, SHAPES)).view_name


def test_the_declared_roles_are_the_documented_table() -> None:
    """The expectation table above is the proof: a view opened or closed to a role
    without the table (and README) changing fails here."""
    declared: dict[str, frozenset[Role] | str] = {}
    for route, pattern in all_routes():
        name = route_name(route)
        public = is_public(pattern.callback)
        declared[name] = "public" if public else declared_roles(pattern.callback) or frozenset()
    assert declared == EXPECTED


def test_a_supervisor_may_do_all_a_clerk_does_and_a_clerk_all_a_contractor_does() -> None:
    for name, roles in EXPECTED.items():
        if isinstance(roles, str):
            continue
        if K in roles:
            assert S in roles, name
        if C in roles:
            assert K in roles, name
        if name.startswith("juki:"):
            assert A not in roles, name


def test_every_view_declares_who_may_use_it() -> None:
    undeclared = [
        route
        for route, p in all_routes()
        if not is_public(p.callback) and declared_roles(p.callback) is None
    ]
    assert undeclared == []


@pytest.mark.django_db
def test_anonymous_is_sent_to_login_everywhere_but_public_pages(client: Client) -> None:
    values = sample_values()
    for route, pattern in all_routes():
        response = client.get(concrete_path(route, values))
        if is_public(pattern.callback):
            assert response.status_code in (200, 302, 405), route
        else:
            assert response.status_code == 302, route
            assert response["Location"].startswith("/login/"), route


@pytest.mark.django_db
def test_each_persona_gets_exactly_what_its_roles_allow(client: Client, persona) -> None:
    values = sample_values()
    login_as(client, persona)
    mine = roles_of(persona)
    for route, pattern in all_routes():
        if is_public(pattern.callback):
            continue
        allowed = declared_roles(pattern.callback) or frozenset()
        path = concrete_path(route, values)
        response = (
            client.post(path) if "kojin-bango" in route or "logout" in route else client.get(path)
        )
        if mine & allowed and response.status_code == 405:
            response = client.post(path)  # a POST-only action: it must answer an empty POST
        if mine & allowed:
            assert response.status_code in (200, 302), (
                persona.username,
                route,
                response.status_code,
            )
            if "logout" in route:
                login_as(client, persona)
        else:
            assert response.status_code == 403, (persona.username, route, response.status_code)


@pytest.mark.django_db
def test_a_refusal_is_logged(client: Client, contractor) -> None:
    login_as(client, contractor)
    response = client.get("/stats/audit/")
    assert response.status_code == 403
    assert "権限がありません" in response.content.decode()
    row = AuditLog.objects.get(action=AuditAction.REFUSED)
    assert row.username == "juchu1"
    assert row.terminal_code == "本庁1"
    assert row.path == "/stats/audit/"


def test_an_undeclared_view_is_refused(rf, contractor) -> None:
    from django.http import HttpResponse

    from counter.middleware import AccessPolicyMiddleware

    def secret_view(request):  # declares nothing
        return HttpResponse("secret")

    request = rf.get("/secret/")
    request.user = contractor
    request.session = {}
    request.htmx = False
    middleware = AccessPolicyMiddleware(lambda r: HttpResponse("ok"))
    response = middleware.process_view(request, secret_view, (), {})
    assert response is not None and response.status_code == 403
    assert Role.CONTRACTOR in roles_of(contractor)
