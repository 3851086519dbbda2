"""The 転入's 確認用住民票: the household as it would be after 承認, from unsaved objects."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.conf import settings
from django.utils import timezone

from ...models import Chouaza, Jumin, Seibetsu
from .. import kernel
from .entry import TennyuEntry, TennyuPerson

KAKUNIN_NAME = kernel.KAKUNIN_NAME


def kakunin_pdf(
    kind_label: str,
    entry: TennyuEntry,
    *,
    chouaza: Chouaza,
    setai_bango: str,
    existing: Sequence[Jumin],
    procedure_label: str = "",
) -> bytes:
    """The household after 承認, the incoming persons marked with their 届出年月日 and
    従前の住所; the new address heads the sheet (no reads, no writes)."""
    data = entry.to_json()
    return kernel.kakunin_pdf(
        kind_label=kind_label,
        members=existing,
        changed=set(),
        setai_bango=setai_bango,
        procedure_label=procedure_label,
        incoming=[kernel.person_jumin(p, data, chouaza) for p in data["persons"]],
    )


#: 見本: a family of four (mei, kana, birth, sex, 続柄, 住民票コード)
_SAMPLE_FAMILY = (
    ("太郎", "タロウ", datetime.date(1985, 5, 20), Seibetsu.MALE, "世帯主", "24727059608"),
    ("花子", "ハナコ", datetime.date(1987, 11, 3), Seibetsu.FEMALE, "妻", "10000000014"),
    ("一郎", "イチロウ", datetime.date(2015, 7, 1), Seibetsu.MALE, "子", "10000000022"),
    ("﨑子", "サキコ", datetime.date(2019, 2, 14), Seibetsu.FEMALE, "子", "10000000030"),
)


def build_sample_kakunin() -> bytes:
    """見本: a family of four moving in, rendered from memory (nothing read or written)."""
    today = timezone.localdate()
    chouaza = Chouaza(
        code="13107001000",
        prefecture="東京都",
        city=str(settings.MUNICIPALITY_NAME),
        name="吾妻橋一丁目",
        kana="アヅマバシ1チョウメ",
        postal_code="1300001",
    )
    persons = tuple(
        TennyuPerson(
            shi="髙𠮷",
            mei=mei,
            shi_kana="タカヨシ",
            mei_kana=kana,
            seinengappi=born,
            seibetsu=sex.value,
            zokugara=zokugara,
            honseki="大阪府大阪市北区梅田一丁目1番",
            hittousha="髙𠮷　太郎",
            juminhyo_code=code,
        )
        for mei, kana, born, sex, zokugara, code in _SAMPLE_FAMILY
    )
    entry = TennyuEntry(
        todoke_date=today,
        tennyu_date=today,
        tenshutsu_yotei_date=today,
        zenjusho="大阪府大阪市北区梅田一丁目1番1号",
        zenjusho_postal_code="5300001",
        chouaza=chouaza.code,
        banchi="1番2号",
        persons=persons,
    )
    return kakunin_pdf(
        "転入", entry, chouaza=chouaza, setai_bango="", existing=[], procedure_label="見本"
    )
