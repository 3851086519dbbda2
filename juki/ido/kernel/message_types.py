"""The schemas of the 異動's messages to other systems (one per type, versioned).

Declared in juki's manifest (``JukiConfig.outbox_message_types``); counter checks every
payload against its type when it is queued (counter.messages) and stamps it with
``schema_version``. ``IdoNotices`` (notices.py) is the one writer of the common types;
the 転出証明書情報 and its withdrawal are written by 転出 and 転出取消 through the same
writer's ``send``; the 特例転入's request to the 転出地 by ``tenshutsu_joho_irai``.
The catalogue is docs/messages.md (``manage.py message_catalogue``).
"""

from __future__ import annotations

from counter.messages import MessageField, MessageType

from ...manifest import TAKKA_DESTINATIONS, JukiDestination
from . import notices
from .person import PERSON_KEYS
from .tenshutsu_joho_irai import IRAI_MESSAGE

F = MessageField
KEYS = PERSON_KEYS

#: who caused the message, common to every 異動 message
BASE = (
    F("jiyu", "str", description="異動事由（住民票の記載のとおり。例: 転入、転出、職権記載）"),
    F("ido_date", "date", description="異動年月日"),
    F("todoke_date", "str", description="届出年月日（YYYY-MM-DD。職権の異動は空）"),
)

#: a person after the change (notices.person_item)
PERSON = (
    F("atena_bango", "str", description="宛名番号"),
    F("juminhyo_code", "str", description="住民票コード（未付番は空）"),
    F("shimei", "str", description="氏名"),
    F("furigana", "str", description="氏名のフリガナ"),
    F("seinengappi", "str", description="生年月日（YYYY-MM-DD）"),
    F("seinengappi_hyoki", "str", description="生年月日の記載（不詳のときの文言。通常は空）"),
    F("seibetsu", "str", description="性別（1: 男, 2: 女）"),
    F("setai_bango", "str", description="世帯番号（異動後）"),
    F("jusho", "str", description="住所（異動後。転出・消除は最後の住所）"),
    F("jusho_date", "str", description="住所を定めた年月日（YYYY-MM-DD。不詳は空）"),
    F("tenshutsusaki", "str", description="転出先（転出による除票のとき。ほかは空）"),
    F("zenjusho", "str", description="従前の住所（転入のとき。ほかは空のことがある）"),
    F("zokugara", "str", description="世帯主との続柄"),
    F("shubetsu", "str", description="住民種別（1: 日本人, 2: 外国人）"),
    F("setai_nushi_atena_bango", "str", description="世帯主の宛名番号（世帯主なしは空）"),
    F("setai_nushi_name", "str", description="世帯主の氏名"),
)

ONE_PERSON = F("person", "object", fields=PERSON, description="異動した住民")
PERSONS = F("persons", "list", fields=PERSON, description="異動した住民")

#: a person to the 住基ネット CS: where the 氏名 or 住所 differs from its 住基統一文字 form
#: (an IVS, a compatibility ideograph, an 外字), the codes the CS reads (j1090)
CS_PERSON = (
    *PERSON,
    F(
        "toitsu_moji",
        "list",
        required=False,
        fields=(
            F("item", "str", description="項目（shimei: 氏名, jusho: 住所）"),
            F("codes", "list", items="str", description="1文字ごとの統一文字コード（J+XXXX）"),
            F(
                "unmapped",
                "list",
                items="str",
                description="統一文字コードが表にない文字（U+XXXX。親字のコードで送る）",
            ),
        ),
        description="住基統一文字の形（文字が統一文字と異なるときだけ）",
    ),
)
CS_ONE_PERSON = F("person", "object", fields=CS_PERSON, description="異動した住民")
CS_PERSONS = F("persons", "list", fields=CS_PERSON, description="異動した住民")

CS = (str(JukiDestination.JUKINET_CS),)
EVERY_IDO = (
    "異動届・職権の承認（転入、転出、転居、世帯変更、出生、死亡、職権記載・消除・修正、転出取消）"
    "。転出は承認ではなく消除のとき（転出予定日、または転入通知の転入日が早ければその日。"
    "ADR 0017）"
)


def ido_message(
    code: str,
    label: str,
    *,
    trigger: str,
    fields: tuple[MessageField, ...],
    destinations: tuple[str, ...] = CS,
    version: int = 1,
) -> MessageType:
    """An 異動 message type: who caused it (``BASE``) comes first in every one."""
    return MessageType(
        code=code,
        label=label,
        version=version,
        destinations=destinations,
        trigger=trigger,
        fields=(*BASE, *fields),
    )


HONNIN_KAKUNIN = ido_message(
    notices.HONNIN_KAKUNIN,
    "本人確認情報の更新（住基法第30条の6）",
    trigger=f"{EVERY_IDO}: 異動した住民ごとに1通",
    fields=(
        CS_ONE_PERSON,
        F("zenjusho", "str", description="従前の住所（転入のとき）"),
        F("shojo", "bool", description="消除（転出・死亡・職権消除）のとき true"),
    ),
)

JUMINHYO_CODE_FUBAN = ido_message(
    notices.JUMINHYO_CODE_FUBAN,
    "住民票コードの付番（住基法第30条の3）",
    trigger="出生・職権記載の承認: 新たに記載した住民ごとに1通",
    fields=(CS_ONE_PERSON,),
)

TENNYU_TSUCHI = ido_message(
    notices.TENNYU_TSUCHI,
    "転入通知（住基法第9条第1項）",
    trigger="転入・特例転入の承認: 転出地市町村へ手続ごとに1通",
    fields=(
        F("tenshutsuchi_jusho", "str", description="転出地の住所（従前の住所）"),
        F("tenshutsu_yotei_date", "str", description="転出予定年月日（YYYY-MM-DD。不明は空）"),
        F("tokurei", "bool", description="特例転入（転出証明書情報による）のとき true"),
        CS_PERSONS,
    ),
)

FUHYO = ido_message(
    notices.FUHYO,
    "戸籍の附票記載事項通知（住基法第19条）",
    destinations=(str(JukiDestination.HONSEKICHI),),
    trigger=f"{EVERY_IDO}のうち住所が変わるもの: 本籍のある日本人ごとに本籍地へ1通",
    fields=(
        ONE_PERSON,
        F("honseki", "str", description="本籍"),
        F("hittousha", "str", description="筆頭者の氏名"),
    ),
)

NYUKAN_TSUCHI = ido_message(
    notices.NYUKAN_TSUCHI,
    "市町村通知（住基法第30条の50）",
    destinations=(str(JukiDestination.NYUKAN),),
    trigger=(
        "外国人住民の記載（転入・出生・職権記載）、消除（転出の消除・死亡・職権消除）、"
        "記載の修正（転居・転出取消・職権修正のうち氏名・国籍・在留資格等）の承認: "
        "外国人住民ごとに1通"
    ),
    fields=(
        ONE_PERSON,
        F("kokuseki", "str", description="国籍・地域"),
        F("zairyu_card_bango", "str", description="在留カード等の番号"),
        F("kubun_30_45", "str", description="住基法第30条の45の区分"),
    ),
)

JUMIN_IDO = ido_message(
    notices.JUMIN_IDO,
    "住民異動届（他課用）",
    destinations=tuple(str(d) for d in TAKKA_DESTINATIONS),
    trigger=(
        f"{EVERY_IDO}: 他課ごと・異動事由ごとに1通（対象者は takka_rules.takka_destinations の"
        "一つの規則で決まる）"
    ),
    fields=(
        PERSONS,
        F(
            "setai",
            "list",
            fields=(
                F("setai_bango", "str", description="世帯番号"),
                F("setai_nushi_atena_bango", "str", description="世帯主の宛名番号"),
            ),
            description="異動後の世帯",
        ),
    ),
)

_ROWS = (F("label", "str", description="項目名"), F("value", "str", description="記載"))

TENSHUTSU_JOHO = ido_message(
    "tenshutsu_shomeisho_joho",
    "転出証明書情報（住基法第24条の2）",
    trigger="特例転出の承認: 転入地市町村へ手続ごとに1通（受信側の特例転入が読み込む）",
    # 版2: 氏名の振り仮名 (shi_furigana, mei_furigana) joined the persons' items
    version=2,
    fields=(
        F("tenshutsu_yotei_date", "date", description="転出予定年月日"),
        F("jusho", "str", description="転出前の住所"),
        F("jusho_postal_code", "str", description="転出前の住所の郵便番号"),
        F("tenshutsusaki", "str", description="転出先"),
        F(
            "persons",
            "list",
            fields=(
                *(F(key, "str", description="転入届の項目（日付は YYYY-MM-DD）") for key in KEYS),
                F(
                    "shomeisho",
                    "object",
                    description="その方の転出証明書の記載（印字した文言のとおり）",
                    fields=(
                        F("atena_bango", "str", description="転出地の宛名番号"),
                        F("name", "str", description="氏名"),
                        F("tenshutsusaki", "str", description="転出先"),
                        F("rows", "list", fields=_ROWS, description="記載事項"),
                        F("foreign_rows", "list", fields=_ROWS, description="外国人住民の記載事項"),
                        F("shikaku_rows", "list", fields=_ROWS, description="国保・年金等の資格"),
                    ),
                ),
            ),
            description="転出する住民",
        ),
    ),
)

TENSHUTSU_JOHO_SAKUJO = ido_message(
    "tenshutsu_shomeisho_joho_sakujo",
    "転出証明書情報の取消",
    trigger="特例転出の転出取消の承認: 住民ごとに1通",
    fields=(
        F("atena_bango", "str", description="宛名番号"),
        F("juminhyo_code", "str", description="住民票コード"),
        F("torikesu_ido_date", "date", description="取り消す転出の異動年月日"),
        F("reason", "str", description="取消の理由"),
    ),
)

MESSAGE_TYPES = (
    HONNIN_KAKUNIN,
    JUMINHYO_CODE_FUBAN,
    TENNYU_TSUCHI,
    FUHYO,
    NYUKAN_TSUCHI,
    JUMIN_IDO,
    TENSHUTSU_JOHO,
    TENSHUTSU_JOHO_SAKUJO,
    IRAI_MESSAGE,
)
