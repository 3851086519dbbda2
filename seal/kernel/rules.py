"""The rules of a registration, each citing the 印鑑登録証明事務処理要領 (「要領」,
昭和49年2月1日自治振第10号 通知) where it is coded. Each adds its problems to the plan's
``Problems`` next to its field, so the window sees every one at once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from counter.kind_plan import Problems
from counter.procedure_models import PHOTO_ID_DOCUMENTS
from juki.ido import kernel as ido
from juki.models import Jumin
from seal.models import InkanStatus, InkanToroku

#: 要領 第2-1: 15歳未満の者は登録を受けることができない
MIN_AGE = 15
AGE_RULE = "要領 第2-1（登録資格）"
SEINEN_HIKOUKENNIN_RULE = "要領 第2-1（成年被後見人は法定代理人同行のうえ本人が申請）"
ONE_PER_PERSON_RULE = "要領 第2-1（1人1個）"
DAIRININ_RULE = "要領 第2-2（代理人による申請は照会書により本人の意思を確認）"
CHECK_RULE = "要領 第2-2（登録できない印鑑）"
#: 要領 第2-2: 一辺の長さ8mmの正方形に収まるもの、25mmの正方形に収まらないものは登録できない
MIN_SIDE_MM = Decimal(8)
MAX_SIDE_MM = Decimal(25)


class Raichousha:
    """Who stands at the window for the applicant."""

    HONNIN = "honnin"
    DAIRININ = "dairinin"
    CHOICES = ((HONNIN, "本人"), (DAIRININ, "代理人（委任状）"))


@dataclass(frozen=True)
class CheckItem:
    """One item of the 照合 checklist of the seal (要領 第2-2)."""

    field: str
    label: str
    refusal: str


CHECKLIST: tuple[CheckItem, ...] = (
    CheckItem(
        "check_shimei",
        "氏名・氏・名・旧氏・通称またはその片仮名を表している",
        "住民票に記録されている氏名、氏、名、旧氏、通称又はその片仮名表記を表していない印鑑",
    ),
    CheckItem(
        "check_shokugyou",
        "職業・資格その他氏名以外の事項を表していない",
        "職業、資格その他氏名以外の事項をあわせて表している印鑑",
    ),
    CheckItem(
        "check_gomu",
        "ゴム印その他の印鑑で変形しやすいものではない",
        "ゴム印その他の印鑑で変形しやすいもの",
    ),
    CheckItem(
        "check_8mm",
        "一辺8mmの正方形に収まらない",
        "印影の大きさが一辺の長さ8mmの正方形に収まるもの",
    ),
    CheckItem(
        "check_25mm",
        "一辺25mmの正方形に収まる",
        "印影の大きさが一辺の長さ25mmの正方形に収まらないもの",
    ),
    CheckItem(
        "check_senmei",
        "印影が鮮明である",
        "印影を鮮明に表しにくいもの",
    ),
)


def refusal_message(item: CheckItem) -> str:
    return f"{CHECK_RULE}: {item.refusal}は登録できません。"


def check_checklist(problems: Problems, ticked: dict[str, bool]) -> None:
    """Every item must be ticked; each one not ticked refuses by its rule."""
    for item in CHECKLIST:
        problems.require(bool(ticked.get(item.field)), refusal_message(item), field=item.field)


def check_size(problems: Problems, width: Decimal | None, height: Decimal | None) -> None:
    """The recorded size against the 8 mm and 25 mm squares (要領 第2-2): a seal fits a
    square of side s when both its sides are at most s."""
    if width is None or height is None:
        problems.add("印影の寸法（mm）がありません。", field="inei_file")
        return
    by_id = {item.field: item for item in CHECKLIST}
    if max(width, height) <= MIN_SIDE_MM:
        problems.add(
            f"{refusal_message(by_id['check_8mm'])}（記録された寸法 {width}×{height}mm）",
            field="check_8mm",
        )
    if max(width, height) > MAX_SIDE_MM:
        problems.add(
            f"{refusal_message(by_id['check_25mm'])}（記録された寸法 {width}×{height}mm）",
            field="check_25mm",
        )


def find_person(
    problems: Problems, atena_bango: str, *, lock: bool = False, field: str = "atena_bango"
) -> Jumin | None:
    """The live resident (要領 第2-1: 住民基本台帳に記録されている者)."""
    people = Jumin.objects.select_related("chouaza").filter(atena_bango=atena_bango)
    if lock:
        people = people.select_for_update()
    person = next((p for p in people if ido.is_live(p)), None)
    problems.require(
        person is not None,
        f"{AGE_RULE}: 宛名番号{atena_bango}の住民は見つかりません"
        "（住民基本台帳に記録されている方のみ登録できます）。",
        field=field,
    )
    return person


def check_age(problems: Problems, person: Jumin, day: datetime.date) -> None:
    """15歳未満の者は登録できない (要領 第2-1), by the age on the day of the 申請."""
    age = ido.age_on(person.seinengappi, day)
    problems.require(
        age >= MIN_AGE,
        f"{AGE_RULE}: 15歳未満の方は印鑑の登録を受けることができません（申請日に{age}歳）。",
        field="atena_bango",
    )


def check_seinen_hikoukennin(
    problems: Problems, *, seinen_hikoukennin: bool, raichousha: str, houtei_dairinin: str
) -> None:
    """A 成年被後見人 applies in person, with the 法定代理人 beside them."""
    if not seinen_hikoukennin:
        return
    problems.require(
        raichousha == Raichousha.HONNIN,
        f"{SEINEN_HIKOUKENNIN_RULE}: 成年被後見人は本人が来庁して申請してください。",
        field="raichousha",
    )
    problems.require(
        bool(houtei_dairinin.strip()),
        f"{SEINEN_HIKOUKENNIN_RULE}: 同行した法定代理人の氏名を入力してください。",
        field="houtei_dairinin",
    )


def check_none_open(problems: Problems, person: Jumin, *, lock: bool = False) -> None:
    """One registration per person (要領 第2-1; the DB constraint is the last word)."""
    rows = InkanToroku.objects.filter(
        jumin__atena_bango=person.atena_bango,
        status__in=[InkanStatus.SHOUKAI, InkanStatus.TOROKU],
    )
    if lock:
        rows = rows.select_for_update()
    problems.require(
        not rows.exists(),
        f"{ONE_PER_PERSON_RULE}: この方は既に印鑑を登録（または照会中）しています。",
        field="atena_bango",
    )


def check_photo_id(problems: Problems, document: str) -> None:
    """即時登録 by a 官公署発行の顔写真付き書類 (要領 第2-2)."""
    problems.require(
        document in PHOTO_ID_DOCUMENTS,
        "要領 第2-2: 即時登録には官公署が発行した顔写真付きの本人確認書類が必要です。",
        field="honnin_kakunin",
    )


def check_not_dairinin(problems: Problems, raichousha: str) -> None:
    problems.require(
        raichousha != Raichousha.DAIRININ,
        f"{DAIRININ_RULE}: 代理人による申請は即時登録できません。照会で受け付けてください。",
        field="raichousha",
    )
