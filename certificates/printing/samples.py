"""Sample certificates for ``manage.py sample_forms`` (the command rolls back what they
write): a 世帯連記式 of five (two sheets) whose names carry 𠮷・髙・﨑, a 個人票 with
history, a 除票の写し, a 記載事項証明書, a 不在住証明書 and a 住居表示変更証明書. Each is a
final copy (発行番号, QR code, 電子公印) so the sample shows the whole form."""

from __future__ import annotations

import datetime

from django.utils import timezone

from juki.models import Chouaza, Jumin, JuminShubetsu, Seibetsu, Setai, ShojoJiyu
from juki.models_rireki import IdoJiyu, JuminRireki
from juki.services import IdoContext, bulk_register, snapshot_of

from ..items import Items
from . import render_fuzaiju, render_jukyo_hyoji, render_juminhyo, render_kisai_jiko
from .types import IssueContext, Style

RENKI_NAME = "住民票の写し（世帯連記式）"
KOJIN_NAME = "住民票の写し（個人票・履歴付き）"
JOHYO_NAME = "除票の写し"
KISAI_NAME = "記載事項証明書"
FUZAIJU_NAME = "不在住証明書"
JUKYO_HYOJI_NAME = "住居表示変更証明書"


def _context() -> IssueContext:
    return IssueContext(
        day=timezone.localdate(), terminal="本庁1", printer="プリンタ001", draft=False
    )


def _person(shi: str, mei: str, zokugara: str, born: datetime.date, **kw: object) -> Jumin:
    values: dict[str, object] = {
        "shi": shi,
        "mei": mei,
        "shi_kana": "ヨシダ",
        "mei_kana": "",
        "zokugara": zokugara,
        "seinengappi": born,
        "seibetsu": Seibetsu.MALE,
        "honseki": "東京都墨田区吾妻橋一丁目23番",
        "hittousha": "𠮷田　太郎",
        "jumin_date": datetime.date(2008, 4, 1),
        "jusho_date": datetime.date(2008, 4, 1),
        "todoke_date": datetime.date(2008, 4, 3),
        "zenjusho": "大阪府大阪市北区中之島一丁目3番20号",
        "banchi": "1番2号",
        "katagaki": "吾妻橋ハイツ101号",
    }
    return Jumin(**{**values, **kw})


def _household() -> list[Jumin]:
    """Five persons of one household, written (rolled back by the command)."""
    place = Chouaza.objects.order_by("code").first()
    if place is None:
        raise LookupError(
            "見本に使う町字がありません（sample_forms は見本データを先に用意します）。"
        )
    people = [
        _person("𠮷田", "太郎", "世帯主", datetime.date(1975, 5, 2)),
        _person("𠮷田", "﨑子", "妻", datetime.date(1977, 8, 15), seibetsu=Seibetsu.FEMALE),
        _person("𠮷田", "髙志", "子", datetime.date(2005, 1, 9)),
        _person("𠮷田", "美﨑", "子", datetime.date(2008, 11, 30), seibetsu=Seibetsu.FEMALE),
        _person(
            "WANG",
            "MEI",
            "同居人",
            datetime.date(1996, 3, 8),
            shubetsu=JuminShubetsu.FOREIGN,
            shi_kana="ワン",
            mei_kana="メイ",
            seibetsu=Seibetsu.FEMALE,
            honseki="",
            hittousha="",
            tsushou="髙橋　明美",
            kokuseki="中国",
            zairyu_shikaku="技術・人文知識・国際業務",
            zairyu_kikan="5年",
            zairyu_manryo_date=datetime.date(2029, 3, 31),
            zairyu_card_bango="AB12345678CD",
        ),
    ]
    for p in people:
        p.chouaza = place
    ctx = IdoContext(
        acting_user=None, terminal=None, ido_jiyu=IdoJiyu.IKOU, ido_date=datetime.date(2008, 4, 1)
    )
    bulk_register([(Setai(), people)], ctx=ctx)
    return people


def build_renki() -> bytes:
    items = Items(setai_nushi_zokugara=True, kokuseki=True, zairyu_manryo=True)
    return render_juminhyo(
        _household(), style=Style.RENKI, items=items, context=_context(), setai_zenin=True
    ).pdf


def build_kojin() -> bytes:
    head = _household()[0]
    tenkyo = IdoContext(
        acting_user=None,
        terminal=None,
        ido_jiyu=IdoJiyu.TENKYO,
        ido_date=datetime.date(2015, 6, 1),
        todoke_date=datetime.date(2015, 6, 5),
    )
    JuminRireki.objects.bulk_create([tenkyo.rireki_for(head, 2, ["banchi"], snapshot_of(head))])
    items = Items(setai_nushi_zokugara=True, honseki_hittousha=True, rireki=True)
    return render_juminhyo([head], style=Style.KOJIN, items=items, context=_context()).pdf


def build_johyo() -> bytes:
    person = _household()[2]
    Jumin.objects.filter(pk=person.pk).update(
        status="johyo",
        shojo_jiyu=ShojoJiyu.TENSHUTSU,
        shojo_date=datetime.date(2025, 3, 31),
        tenshutsusaki="大阪府大阪市北区中之島一丁目3番20号",
    )
    person.refresh_from_db()
    return render_juminhyo(
        [person], style=Style.KOJIN, items=Items(), context=_context(), johyo=True
    ).pdf


def build_kisai_jiko() -> bytes:
    head = _household()[0]
    return render_kisai_jiko([head], items=Items(setai_nushi_zokugara=True), context=_context()).pdf


def build_fuzaiju() -> bytes:
    return render_fuzaiju(
        name="髙橋　﨑子",
        address="東京都墨田区吾妻橋九丁目9番9号",
        seinengappi="昭和60年1月1日",
        context=_context(),
    ).pdf


def build_jukyo_hyoji() -> bytes:
    return render_jukyo_hyoji(
        name="𠮷田　太郎",
        old_address="東京都墨田区吾妻橋123番地",
        new_address="東京都墨田区吾妻橋一丁目2番3号",
        jisshi_date=datetime.date(2020, 5, 2),
        context=_context(),
    ).pdf


SAMPLES = (
    (RENKI_NAME, build_renki),
    (KOJIN_NAME, build_kojin),
    (JOHYO_NAME, build_johyo),
    (KISAI_NAME, build_kisai_jiko),
    (FUZAIJU_NAME, build_fuzaiju),
    (JUKYO_HYOJI_NAME, build_jukyo_hyoji),
)
