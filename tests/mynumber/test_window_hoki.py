"""カード補記 (seed 004: 【カード補記対応（ICチップ更新あり／なし）】): a card due after a
転居 or a change of 氏名 is written, and the 署名用電子証明書 the change ended is issued
again when asked."""

from __future__ import annotations

from typing import Any

import pytest

from juki.demo import examples
from juki.models import Jumin
from mynumber import demo, examples_kofu, services
from mynumber.card_hoki.plan import HOKI_RULE, SHOMEI_RULE
from mynumber.kernel import rules
from mynumber.models import Card, CardRireki, CertShubetsu, CertStatus, DenshiShomeisho

from ..procedures import run
from .window import refusals

pytestmark = pytest.mark.django_db


def due(card: Card) -> Card:
    services.do_mark_hoki(card, day=card.koufu_date, jiyu="転居（住所）", acting_user=None)
    return card


def test_a_card_with_nothing_to_write_is_refused(ichiro: Jumin) -> None:
    demo.issued(ichiro)
    problems = refusals("card_hoki", examples_kofu.hoki_entry(ichiro.atena_bango))
    assert HOKI_RULE in problems["atena_bango"][0]


def test_what_is_written_is_stated(ichiro: Jumin) -> None:
    due(demo.issued(ichiro))
    entry = examples_kofu.hoki_entry(ichiro.atena_bango, hoki_naiyou="")
    assert HOKI_RULE in refusals("card_hoki", entry)["hoki_naiyou"][0]


def test_a_dairinin_updates_the_ic_chip_only_with_the_shoukaisho(ichiro: Jumin) -> None:
    due(demo.issued(ichiro))
    entry = examples_kofu.hoki_entry(
        ichiro.atena_bango, raichousha="dairinin", honnin_kakunin="driver_license"
    )
    assert rules.DAIRININ_RULE in refusals("card_hoki", entry)["shoukaisho"][0]
    assert refusals("card_hoki", {**entry, "ic_chip": "nashi"}) == {}


def test_a_live_shomei_certificate_is_not_issued_again(ichiro: Jumin) -> None:
    due(demo.issued(ichiro))  # marked by hand: its 署名用 still live
    entry = examples_kofu.hoki_entry(ichiro.atena_bango, shomei_saihakkou=True)
    assert SHOMEI_RULE in refusals("card_hoki", entry)["shomei_saihakkou"][0]


def test_under_15_no_shomei_certificate_is_issued_at_the_hoki(sakura: Jumin) -> None:
    due(demo.issued(sakura))
    entry = examples_kofu.hoki_entry(
        sakura.atena_bango, shomei_saihakkou=True, raichousha="houtei", honnin_kakunin="passport"
    )
    assert "15歳未満" in refusals("card_hoki", entry)["shomei_saihakkou"][0]


def test_journey_tenkyo_then_hoki_with_the_shomei_certificate_again(
    contractor: Any, clerk: Any
) -> None:
    """転居 (the reaction lists the card and ends its 署名用) → カード補記 with a new one."""
    tenkyo = examples.for_kind("tenkyo", persons=1)
    (atena,) = tenkyo.entry["atena_bangos"]
    person = Jumin.objects.get(atena_bango=atena, status="live")
    card = demo.issued(person)
    run("tenkyo", tenkyo.entry, contractor, clerk)
    card.refresh_from_db()
    assert card.hoki_since is not None
    assert not DenshiShomeisho.objects.filter(
        card=card, shubetsu=CertShubetsu.SHOMEI, status=CertStatus.YUUKOU
    ).exists()

    entry = examples_kofu.hoki_entry(atena, hoki_naiyou="住所 5番6号", shomei_saihakkou=True)
    proc = run("card_hoki", entry, contractor, clerk)
    card.refresh_from_db()
    assert card.hoki_since is None and card.hoki_jiyu == ""
    assert DenshiShomeisho.objects.filter(
        card=card, shubetsu=CertShubetsu.SHOMEI, status=CertStatus.YUUKOU
    ).exists()
    acts = list(CardRireki.objects.filter(card=card, procedure=proc).values_list("act", flat=True))
    assert acts == ["カード補記", "署名用電子証明書の発行"]
