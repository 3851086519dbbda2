"""転入届: the kinds 転入, 特例転入 and 国外からの転入 (住基法第22条, 第24条の2, 第30条の46).

The window enters the 転入届 (仮登録) in the order of the paper form: 届出日, 転入日,
転出予定日 and 従前の住所 (from the 転出証明書, or the 転出証明書情報 received for a 特例転入),
the new address, the household (a new one, or joining a live one: 一部転入), then each
person. Nothing is written until 承認, when `apply()` registers the persons, sets the
世帯主 and writes the notices to the outbox, all in the approval's transaction.

区間転入 (between the wards of a 指定都市) is not a kind here: the person is already
live in the city's register, so it is built on the 転居 (juki.ido.tenkyo.KukanTennyuKind).

The entry JSON (see `tennyu_entry()` for a builder):

    {"todoke_date": "2026-04-10", "tennyu_date": "2026-04-05",
     "tenshutsu_yotei_date": "2026-04-01",          # "" for 国外からの転入
     "zenjusho_postal_code": "5300001", "zenjusho": "大阪府大阪市北区梅田一丁目1番1号",
     "shoumeisho": "ari" | "junzuru" | "tokurei" | "nashi",
     "chouaza": "<町字コード>", "banchi": "1番2号", "katagaki": "",
     "setai_mode": "new" | "join", "setai_bango": "",  # 世帯番号 when joining
     "persons": [{<kernel.PERSON_KEYS>}, …]}              # dates ISO, "" when empty
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, cast

from django import forms
from django.conf import settings
from django.db.models import Count, Q
from django.forms.utils import ErrorDict
from django.utils import timezone

from counter import documents as counter_documents
from counter.models import InboxStatus, OutboxDestination
from counter.procedure_kinds import (
    ProcedureKind,
    ReviewBlock,
    ReviewRow,
    Subject,
    register_kind,
)
from counter.procedure_models import CounterCategory
from jputil import numbers
from jputil.zokugara import SETAINUSHI

from .. import services
from ..forms_fields import WarekiDateField
from ..models import (
    Chouaza,
    IdoJiyu,
    Jumin,
    JuminShubetsu,
    JuminStatus,
    Kubun3045,
    Seibetsu,
    Setai,
)
from . import kernel

if TYPE_CHECKING:
    from counter.models import Procedure, StaffUser, Terminal

KAKUNIN_NAME = kernel.KAKUNIN_NAME
ENTRY_TEMPLATE = "juki/ido/tennyu_entry.html"

SHOUMEISHO_CHOICES = {
    "ari": "転出証明書あり",
    "junzuru": "転出証明書に準ずる証明書",
    "tokurei": "特例（個人番号カード・転出証明書情報を受信）",
    "nashi": "なし（国外からの転入）",
}


def _today() -> datetime.date:
    return timezone.localdate()


# =============================================================================== entry JSON


def tennyu_entry(
    *,
    chouaza: str,
    persons: Sequence[dict[str, Any]],
    tennyu_date: datetime.date | None = None,
    todoke_date: datetime.date | None = None,
    tenshutsu_yotei_date: datetime.date | str | None = "auto",
    zenjusho: str = "大阪府大阪市北区梅田一丁目1番1号",
    zenjusho_postal_code: str = "5300001",
    shoumeisho: str = "ari",
    banchi: str = "1番2号",
    katagaki: str = "",
    setai_bango: str = "",
) -> dict[str, Any]:
    """A valid entry dict (for journeys, benchmarks and tests).

    `persons` are `kernel.tennyu_person(...)` dicts (or plain dicts of items). The household
    is new unless `setai_bango` is given. 転入日 and 届出日 default to today and
    転出予定日 = 転入日 (None for 国外: shoumeisho="nashi").
    """
    moved = tennyu_date or _today()
    yotei: datetime.date | None
    if tenshutsu_yotei_date == "auto":
        yotei = None if shoumeisho == "nashi" else moved
    else:
        yotei = cast(datetime.date | None, tenshutsu_yotei_date)
    return {
        "todoke_date": kernel.iso(todoke_date or _today()),
        "tennyu_date": kernel.iso(moved),
        "tenshutsu_yotei_date": kernel.iso(yotei),
        "zenjusho_postal_code": zenjusho_postal_code,
        "zenjusho": zenjusho,
        "shoumeisho": shoumeisho,
        "chouaza": chouaza,
        "banchi": banchi,
        "katagaki": katagaki,
        "setai_mode": "join" if setai_bango else "new",
        "setai_bango": setai_bango,
        "persons": [
            p if set(p) >= set(kernel.PERSON_KEYS) else kernel.tennyu_person(**p) for p in persons
        ],
    }


def entry_post_data(entry: dict[str, Any], *, extra_rows: int = 0) -> dict[str, str]:
    """The POST data of the entry screen that yields `entry` (for view tests/journeys)."""
    data = {
        key: str(entry.get(key) or "")
        for key in (
            "todoke_date",
            "tennyu_date",
            "tenshutsu_yotei_date",
            "zenjusho_postal_code",
            "zenjusho",
            "shoumeisho",
            "chouaza",
            "banchi",
            "katagaki",
            "setai_mode",
            "setai_bango",
            "tenshutsu_joho",
        )
        if key in entry or key != "tenshutsu_joho"
    }
    persons = entry["persons"]
    data.update(
        {
            "persons-TOTAL_FORMS": str(len(persons) + extra_rows),
            "persons-INITIAL_FORMS": "0",
            "persons-MIN_NUM_FORMS": "1",
            "persons-MAX_NUM_FORMS": "20",
        }
    )
    for i, person in enumerate(persons):
        for key in kernel.PERSON_FIELDS:
            value = person.get(key) or ""
            hyoki = kernel.PERSON_HYOKI.get(key)
            if hyoki and person.get(hyoki):
                value = person[hyoki]
            data[f"persons-{i}-{key}"] = str(value)
    for i in range(len(persons), len(persons) + extra_rows):
        data[f"persons-{i}-shubetsu"] = JuminShubetsu.JAPANESE.value
    return data


def _date(value: Any) -> datetime.date | None:
    return kernel.from_iso(value) if value else None


# =============================================================================== rules


@dataclass
class Findings:
    """What the rules say about an entry: errors block, flags only warn."""

    #: (field, message); field "persons.<i>.<item>" for a person's item, None for the whole
    errors: list[tuple[str | None, str]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    setai: Setai | None = None
    existing: list[Jumin] = field(default_factory=list)
    #: 再転入 (j600): the index of a person in the entry → the 宛名番号 of their 除票
    reentry: dict[int, str] = field(default_factory=dict)

    def error(self, field_name: str | None, message: str) -> None:
        self.errors.append((field_name, message))


def examine(
    kind: TennyuKind,
    entry: dict[str, Any],
    *,
    today: datetime.date,
    procedure_pk: int | None = None,
    warnings: bool = True,
) -> Findings:
    """Apply the 転入 rules to an entry (reads the register: 2–4 queries).

    A 特例転入 is also checked against its 転出証明書情報 (``procedure_pk``: the procedure
    the message may already serve, after its 承認). ``warnings=False`` (at 承認, where
    the flags were shown already) skips the look-ups that can only warn."""
    found = Findings()
    moved = _date(entry.get("tennyu_date"))
    todoke = _date(entry.get("todoke_date"))
    yotei = _date(entry.get("tenshutsu_yotei_date"))
    if moved is None or todoke is None:
        found.error(None, "届出日と転入日を入力してください。")
        return found
    if moved > today:
        found.error("tennyu_date", "転入日に未来の日付は入力できません（転入した後に届け出ます）。")
    if todoke < moved:
        found.error(
            "todoke_date",
            "届出日が転入日より前です。転入届は転入した日から14日以内に届け出ます"
            "（住基法第22条）。",
        )
    elif flag := kernel.todoke_kikan_flag(moved, todoke):
        found.flags.append(flag)
    if kind.needs_yotei:
        if yotei is None:
            found.error(
                "tenshutsu_yotei_date", "転出予定年月日（転出証明書の記載）を入力してください。"
            )
        else:
            if kind.tokurei and (todoke - yotei).days > kernel.TOKUREI_TENNYU_DAYS:
                found.error(
                    "todoke_date",
                    f"特例転入は転出予定日（{kernel.wareki_text(yotei)}）から"
                    f"{kernel.TOKUREI_TENNYU_DAYS}日以内に届け出る必要があります（住基法第24条の2）。"
                    f"{(todoke - yotei).days}日経過しているため特例転入は受け付けられません。"
                    "転出地で転出証明書の交付を受け、通常の転入届としてください。",
                )
            if moved < yotei:
                found.flags.append(
                    f"転入日（{kernel.wareki_text(moved)}）が転出予定日"
                    f"（{kernel.wareki_text(yotei)}）より前です。転出証明書の内容を確認してください。"
                )
    persons = entry.get("persons") or []
    if not persons:
        found.error(None, "転入する人を1人以上入力してください。")
        return found
    _examine_household(entry, persons, found)
    _examine_register(persons, found, warnings=warnings)
    if kind.tokurei:
        for where, message in kernel.tenshutsu_joho.problems(entry, procedure_pk=procedure_pk):
            found.error(where, message)
    if kind.foreign_only:
        _examine_jukyochi(persons, found)
    return found


#: 住居地届出 (住基法第30条の46): who lands as one of these notifies the residence first
JUKYOCHI_KUBUN = {Kubun3045.CHUCHOKI.value, Kubun3045.TOKUBETSU_EIJU.value}


def _examine_jukyochi(persons: list[dict[str, Any]], found: Findings) -> None:
    """Every person of a 住居地届出 is a 中長期在留者 (or 特別永住者) with a 在留カード等."""
    for i, p in enumerate(persons):
        name = kernel.person_name(p)
        if p.get("shubetsu") != JuminShubetsu.FOREIGN.value:
            found.error(
                f"persons.{i}.shubetsu",
                f"{name}さん：住居地届出は外国人住民の届出です（住基法第30条の46）。"
                "日本人は国外からの転入届としてください。",
            )
        elif p.get("kubun_30_45") not in JUKYOCHI_KUBUN:
            found.error(
                f"persons.{i}.kubun_30_45",
                f"{name}さん：住居地届出ができるのは中長期在留者・特別永住者です"
                "（住基法第30条の46）。",
            )
        elif not p.get("zairyu_card_bango"):
            found.error(
                f"persons.{i}.zairyu_card_bango",
                f"{name}さん：住居地届出には在留カード等の提示が必要です。番号を入力してください"
                "（住基法第30条の46）。",
            )


def _examine_household(
    entry: dict[str, Any], persons: list[dict[str, Any]], found: Findings
) -> None:
    heads = [i for i, p in enumerate(persons) if p.get("zokugara") == SETAINUSHI]
    for i, p in enumerate(persons):
        try:
            kernel.normalize_zokugara(p.get("zokugara", ""))
        except ValueError as exc:
            found.error(f"persons.{i}.zokugara", f"{kernel.person_name(p)}さん: {exc}")
    if entry.get("setai_mode") == "join":
        bango = numbers.normalize_digits(entry.get("setai_bango") or "")
        if not bango:
            found.error("setai_bango", "入る世帯の世帯番号を入力してください（一部転入）。")
            return
        setai = (
            Setai.objects.select_related("setai_nushi")
            .annotate(live=Count("members", filter=Q(members__status=JuminStatus.LIVE)))
            .filter(setai_bango=bango)
            .first()
        )
        if setai is None or not getattr(setai, "live", 0):
            found.error(
                "setai_bango",
                f"世帯番号{bango}の世帯は"
                f"{'見つかりません' if setai is None else '住民のいない世帯です（全員が除票）'}。"
                "世帯番号を確認するか、新しい世帯としてください。",
            )
            return
        found.setai = setai
        found.existing = services.live_members(setai)
        has_head = setai.setai_nushi is not None and setai.setai_nushi.status == JuminStatus.LIVE
        if heads and (has_head or len(heads) > 1):
            nushi = setai.setai_nushi.full_name if setai.setai_nushi else ""
            found.error(
                f"persons.{heads[-1]}.zokugara",
                f"既存の世帯（世帯主 {nushi}）に入る人の続柄に「世帯主」は使えません。"
                "世帯主との続柄を入力してください（世帯主の変更は世帯変更届）。"
                if has_head
                else "世帯主を1人だけ選んでください。",
            )
        return
    if len(heads) != 1:
        found.error(
            None,
            "新しい世帯には世帯主を1人だけ選んでください"
            f"（続柄「世帯主」の人が{len(heads)}人です）。",
        )


def _examine_register(
    persons: list[dict[str, Any]], found: Findings, *, warnings: bool = True
) -> None:
    """j600: a person already live is refused; one with a 除票 here is a 再転入 (the
    record comes back: same 宛名番号); a 除票 with the same 3情報 only warns."""
    seen: dict[str, int] = {}
    for i, p in enumerate(persons):
        for key in ("juminhyo_code", "kojin_bango"):
            value = p.get(key) or ""
            if value and f"{key}:{value}" in seen:
                label = "住民票コード" if key == "juminhyo_code" else "個人番号"
                found.error(
                    f"persons.{i}.{key}",
                    f"{kernel.person_name(p)}さんの{label}が"
                    f"{seen[f'{key}:{value}'] + 1}人目と同じです。",
                )
            seen[f"{key}:{value}"] = i
    matches = kernel.register_matches(
        [p.get("juminhyo_code") or "" for p in persons],
        [p.get("kojin_bango") or "" for p in persons],
        [p.get("zairyu_card_bango") or "" for p in persons],
    )
    labels = {"juminhyo_code": "住民票コード", "kojin_bango": "個人番号"}
    labels["zairyu_card_bango"] = "在留カード等の番号"
    revived: dict[str, int] = {}
    for i, p in enumerate(persons):
        hits: dict[str, tuple[Jumin, str]] = {}
        for m in matches:
            for key in labels:
                if p.get(key) and getattr(m, key) == p.get(key):
                    hits.setdefault(m.atena_bango, (m, key))
        for m, key in hits.values():
            if kernel.is_live(m):
                found.error(
                    f"persons.{i}.{key}",
                    f"{kernel.person_name(p)}さんは既に本市の住民として記載されています"
                    f"（{labels[key]}が一致：宛名番号{m.atena_bango} {m.full_name}）。"
                    "転入届は受け付けられません（市内の異動は転居届・世帯変更届です）。",
                )
        former = [(m, key) for m, key in hits.values() if not kernel.is_live(m)]
        if len(former) > 1:
            found.error(
                f"persons.{i}.juminhyo_code",
                f"{kernel.person_name(p)}さんの番号が別々の除票（宛名番号"
                f"{'・'.join(m.atena_bango for m, _ in former)}）に一致します。"
                "住民票コード・個人番号を確認してください（j600）。",
            )
        elif former:
            m, key = former[0]
            if m.atena_bango in revived:
                found.error(
                    f"persons.{i}.{key}",
                    f"{kernel.person_name(p)}さんと{revived[m.atena_bango] + 1}人目が同じ除票"
                    f"（宛名番号{m.atena_bango}）に一致します。",
                )
                continue
            revived[m.atena_bango] = i
            found.reentry[i] = m.atena_bango
            found.flags.append(
                f"再転入：{kernel.person_name(p)}さんには本市の除票があります"
                f"（{labels[key]}が一致：宛名番号{m.atena_bango}"
                f"{'、' + m.get_shojo_jiyu_display() if m.shojo_jiyu else ''}"
                f"{'　' + kernel.wareki_text(m.shojo_date) if m.shojo_date else ''}）。"
                "同じ宛名番号で記載します（j600）。"
            )
    unmatched = [p for i, p in enumerate(persons) if i not in found.reentry]
    for m in kernel.sanjoho_matches(unmatched) if warnings else []:
        if m.atena_bango in revived:
            continue
        found.flags.append(
            f"同一人の可能性：{m.full_name}さん（{kernel.wareki_text(m.seinengappi)}生）と"
            f"氏名・生年月日・性別が一致する除票があります（宛名番号{m.atena_bango}）。"
            "同一人であれば住民票コードを確認し、再転入として入力してください（j600）。"
        )


# =============================================================================== forms


def _initial_main(entry: dict[str, Any]) -> dict[str, Any]:
    initial = {k: v for k, v in entry.items() if k != "persons"}
    for key in ("todoke_date", "tennyu_date", "tenshutsu_yotei_date"):
        initial[key] = _date(entry.get(key))
    return initial


class TennyuEntryForm(forms.Form):
    """The whole 転入届: this form's fields (in the paper's order) and `persons`, a formset.

    `is_valid()` validates both and then the rules across them (`examine()`); a rule's
    error lands on its field (a person's item on that person's form) and a summary on
    this form's non-field errors, so a generic view that shows `form.errors` shows it.
    After a successful `is_valid()`, `entry` is the entry JSON.
    """

    todoke_date = WarekiDateField(label="届出年月日", allow_future=False)
    tennyu_date = WarekiDateField(label="転入した年月日（異動日）", allow_future=False)
    tenshutsu_yotei_date = WarekiDateField(
        label="転出予定年月日", required=False, help_text="転出証明書（転出証明書情報）の記載"
    )
    zenjusho_postal_code = forms.CharField(
        label="従前の住所の郵便番号", required=False, max_length=8
    )
    zenjusho = forms.CharField(label="従前の住所", max_length=200)
    shoumeisho = forms.ChoiceField(label="転出証明書")
    chouaza = kernel.ChouazaField(label="新しい住所（町字）")
    banchi = forms.CharField(label="番地", max_length=60)
    katagaki = forms.CharField(label="方書", max_length=100, required=False)
    setai_mode = forms.ChoiceField(
        label="世帯",
        choices=[("new", "新しい世帯をつくる"), ("join", "既存の世帯に入る（一部転入）")],
        widget=forms.RadioSelect,
        initial="new",
    )
    setai_bango = forms.CharField(
        label="入る世帯の世帯番号", required=False, max_length=12, help_text="既存の世帯に入るとき"
    )
    joho_search = forms.CharField(
        label="転出証明書情報の検索",
        required=False,
        max_length=40,
        help_text="住民票コード・個人番号（個人番号カードで確認）・氏名のカナ",
    )
    tenshutsu_joho = forms.CharField(required=False, widget=forms.HiddenInput)

    #: the words of the main fields a loaded 転出証明書情報 keeps as typed
    TYPED_KEYS = ("todoke_date", "tennyu_date", "chouaza", "banchi", "katagaki", "setai_mode")

    def __init__(
        self,
        data: Any = None,
        *,
        kind: TennyuKind,
        entry: dict[str, Any] | None = None,
        today: datetime.date | None = None,
    ) -> None:
        #: 特例転入: 「検索」 lists the unused 転出証明書情報 found, 「読み込む」 fills the form
        #: with one; either only redisplays (nothing is checked or saved)
        self.searching = False
        self.joho_results: list[kernel.tenshutsu_joho.TenshutsuJoho] = []
        self.joho_notice = ""
        if kind.tokurei and data is not None:
            data = self._joho_action(data)
        initial = _initial_main(entry) if entry and data is None else None
        super().__init__(data, initial=initial)
        self.kind = kind
        self.today = today or _today()
        self.entry: dict[str, Any] | None = None
        self.flags: list[str] = []
        choices = [(k, SHOUMEISHO_CHOICES[k]) for k in kind.shoumeisho_choices]
        shoumeisho = cast(forms.ChoiceField, self.fields["shoumeisho"])
        shoumeisho.choices = choices
        shoumeisho.initial = choices[0][0]
        if len(choices) == 1:
            shoumeisho.widget = forms.HiddenInput()
        if kind.needs_yotei:
            self.fields["tenshutsu_yotei_date"].required = True
        else:
            del self.fields["tenshutsu_yotei_date"]
        if kind.kokugai:
            self.fields["zenjusho"].label = "従前の住所（国・地域）"
            del self.fields["zenjusho_postal_code"]
        if not kind.tokurei:
            del self.fields["joho_search"], self.fields["tenshutsu_joho"]
        self.joho = kernel.tenshutsu_joho.get(self._joho_key(data, entry)) if kind.tokurei else None
        # The saved entry is the initial of an unbound form only: a bound formset that
        # had it as initial would take the unchanged rows for empty ones.
        saved = (entry or {}).get("persons", []) if data is None else []
        people = [kernel.initial_person(p) for p in saved]
        self.persons = cast(
            kernel.BasePersonFormSet,
            kernel.PersonFormSet(data, prefix="persons", initial=people or None),
        )
        if data is None:
            self.persons.extra = 2 if people else 5  # 6 rows for a new entry
        if self.searching:
            self.persons.show_as_posted()

    def _joho_action(self, data: Any) -> Any:
        """The data to bind after a 転出証明書情報 button (the posted data otherwise)."""
        if data.get("load_joho"):
            self.searching = True
            found = kernel.tenshutsu_joho.get(str(data["load_joho"]))
            if found is None or found.status != InboxStatus.RECEIVED:
                self.joho_notice = (
                    "その転出証明書情報は読み込めません（使用済みか、見つかりません）。"
                )
                return data
            typed = {key: data.get(key, "") for key in self.TYPED_KEYS}
            typed["setai_bango"] = data.get("setai_bango", "")
            filled = kernel.tenshutsu_joho.fill_entry(typed, found)
            return {
                **entry_post_data(filled),
                "tenshutsu_joho": found.key,
                "joho_search": data.get("joho_search", ""),
            }
        if data.get("find_joho"):
            self.searching = True
            text = str(data.get("joho_search") or "")
            self.joho_results = kernel.tenshutsu_joho.search(text) if text.strip() else []
            if not self.joho_results:
                self.joho_notice = (
                    "未使用の転出証明書情報は見つかりません。転出地で特例転出の届出がされているか、"
                    "受信済みかを確認してください。"
                    if text.strip()
                    else "住民票コード・個人番号・氏名のカナのいずれかを入力してください。"
                )
        return data

    @staticmethod
    def _joho_key(data: Any, entry: dict[str, Any] | None) -> str:
        if data is not None:
            return str(data.get("tenshutsu_joho") or "")
        return str((entry or {}).get("tenshutsu_joho") or "")

    def clean_zenjusho_postal_code(self) -> str:
        digits = numbers.normalize_digits(
            (self.cleaned_data.get("zenjusho_postal_code") or "").replace("-", "").replace("－", "")
        )
        if digits and (len(digits) != 7 or not digits.isdigit()):
            raise forms.ValidationError("郵便番号は7桁の数字で入力してください。")
        return digits

    def clean_setai_bango(self) -> str:
        return numbers.normalize_digits(self.cleaned_data.get("setai_bango") or "")

    def full_clean(self) -> None:
        if self.searching:
            self._errors = ErrorDict()
            self.cleaned_data = {}
            self.entry = None
            if self.joho_notice:
                self._errors["joho_search"] = self.error_class([self.joho_notice])
            return
        super().full_clean()
        self.entry = None
        if not self.is_bound:
            return
        persons_ok = self.persons.is_valid()
        if not persons_ok:
            self._summarize_person_errors()
        if self.errors or not persons_ok:
            return
        entry = self._build_entry()
        found = examine(self.kind, entry, today=self.today)
        for where, message in found.errors:
            self._place_error(where, message)
        if not found.errors:
            self.entry = entry
            self.flags = found.flags

    def is_valid(self) -> bool:
        return self.is_bound and not self.errors and self.entry is not None

    def _build_entry(self) -> dict[str, Any]:
        c = self.cleaned_data
        return {
            "todoke_date": kernel.iso(c["todoke_date"]),
            "tennyu_date": kernel.iso(c["tennyu_date"]),
            "tenshutsu_yotei_date": kernel.iso(c.get("tenshutsu_yotei_date")),
            "zenjusho_postal_code": c.get("zenjusho_postal_code", ""),
            "zenjusho": c["zenjusho"],
            "shoumeisho": c["shoumeisho"],
            "chouaza": c["chouaza"].code,
            "banchi": c["banchi"],
            "katagaki": c.get("katagaki", ""),
            "setai_mode": c["setai_mode"],
            "setai_bango": c["setai_bango"] if c["setai_mode"] == "join" else "",
            "persons": [f.person_entry() for f in self.persons.filled_forms()],
            **({"tenshutsu_joho": c.get("tenshutsu_joho", "")} if self.kind.tokurei else {}),
        }

    def _place_error(self, where: str | None, message: str) -> None:
        if where and where.startswith("persons."):
            _, index, item = where.split(".", 2)
            filled = self.persons.filled_forms()
            filled[int(index)].add_error(item, message)
            self.add_error(None, message)
        elif where in self.fields:
            self.add_error(where, message)
        else:
            self.add_error(None, message)

    def _summarize_person_errors(self) -> None:
        for message in self.persons.non_form_errors():
            self.add_error(None, str(message))
        for i, errors in enumerate(self.persons.errors, start=1):
            if errors:
                labels = "・".join(
                    str(self.persons.forms[i - 1].fields[name].label)
                    if name in self.persons.forms[i - 1].fields
                    else "入力"
                    for name in errors
                )
                self.add_error(None, f"{i}人目の転入者: {labels}に誤りがあります。")


# =============================================================================== the kinds


class TennyuKind(kernel.KakuninKind):
    """転入 (with a 転出証明書 from another municipality)."""

    code: ClassVar[str] = "tennyu"
    label: ClassVar[str] = "転入"
    category = CounterCategory.IDO
    ido_jiyu: ClassVar[IdoJiyu] = IdoJiyu.TENNYU
    tokurei: ClassVar[bool] = False
    kokugai: ClassVar[bool] = False
    #: only foreign residents with a 在留カード等 (住居地届出)
    foreign_only: ClassVar[bool] = False
    needs_yotei: ClassVar[bool] = True
    shoumeisho_choices: ClassVar[tuple[str, ...]] = ("ari", "junzuru")

    # --- entry ---------------------------------------------------------------------

    def entry_form(self, procedure: Procedure, data: Any = None) -> forms.Form:
        return TennyuEntryForm(data, kind=self, entry=procedure.entry or None)

    form_class = TennyuEntryForm
    template = ENTRY_TEMPLATE

    def subjects(self, entry: dict[str, Any]) -> list[Subject]:
        subjects: list[Subject] = []
        if entry.get("setai_mode") == "join" and entry.get("setai_bango"):
            subjects.append(kernel.setai_subject(entry["setai_bango"]))
        for p in entry.get("persons", []):
            if p.get("juminhyo_code"):
                subjects.append(
                    kernel.juminhyo_code_subject(p["juminhyo_code"], kernel.person_name(p))
                )
        return subjects

    def flags(self, entry: dict[str, Any]) -> list[str]:
        return examine(self, entry, today=_today()).flags

    def entry_summary(self, entry: dict[str, Any]) -> str:
        persons = entry.get("persons") or []
        if not persons:
            return ""
        first = kernel.person_name(persons[0])
        more = f" ほか{len(persons) - 1}人" if len(persons) > 1 else ""
        where = "既存世帯へ" if entry.get("setai_mode") == "join" else "新世帯"
        moved = kernel.wareki_text(_date(entry.get("tennyu_date")))
        return f"{first}{more}（{len(persons)}人・{where}） 転入日 {moved}"

    # --- review --------------------------------------------------------------------

    def review(self, procedure: Procedure) -> list[ReviewBlock]:
        entry = procedure.entry
        approved = kernel.is_approved(procedure)
        # after 承認 the persons are in the register: the rules were checked then
        found = Findings() if approved else examine(self, entry, today=_today())
        chouaza = Chouaza.objects.filter(code=entry.get("chouaza")).first()
        place = chouaza or Chouaza(code="", prefecture="", city="", name=entry.get("chouaza", ""))
        incoming = [kernel.person_jumin(p, entry, place) for p in entry.get("persons", [])]
        new_address = incoming[0].address if incoming else ""
        head = ReviewBlock(
            "転入の内容",
            [
                ReviewRow("届出年月日", "", kernel.wareki_text(_date(entry.get("todoke_date")))),
                ReviewRow(
                    "転入日（異動日）", "", kernel.wareki_text(_date(entry.get("tennyu_date")))
                ),
                ReviewRow(
                    "転出予定年月日",
                    "",
                    kernel.wareki_text(_date(entry.get("tenshutsu_yotei_date"))),
                ),
                ReviewRow("従前の住所", "", entry.get("zenjusho", "")),
                ReviewRow(
                    "転出証明書", "", SHOUMEISHO_CHOICES.get(entry.get("shoumeisho", ""), "")
                ),
                ReviewRow("新しい住所", "", new_address),
            ],
        )
        blocks = [head]
        if found.setai is not None:
            after = kernel.ordered([*found.existing, *incoming])
            # an existing member's 続柄 is the same before and after; a newcomer's is new
            rows = [ReviewRow(m.full_name, m.zokugara if m.pk else "", m.zokugara) for m in after]
            nushi = found.setai.setai_nushi
            rows.insert(
                0,
                ReviewRow(
                    "世帯主",
                    nushi.full_name if nushi else "",
                    nushi.full_name
                    if nushi
                    else next((m.full_name for m in incoming if m.zokugara == SETAINUSHI), ""),
                ),
            )
            title = f"世帯（世帯番号{found.setai.setai_bango}・一部転入）"
        else:
            rows = [ReviewRow(m.full_name, "", m.zokugara) for m in kernel.ordered(incoming)]
            title = "世帯（新しい世帯）"
        blocks.append(ReviewBlock(title, rows))
        for n, j in enumerate(incoming, start=1):
            blocks.append(
                ReviewBlock(
                    f"転入者{n}　{j.full_name}",
                    [ReviewRow(label, "", value) for label, value in kernel.item_rows(j)],
                )
            )
        if found.errors:
            blocks.insert(
                0,
                ReviewBlock(
                    "承認できない理由", [ReviewRow("エラー", "", msg) for _, msg in found.errors]
                ),
            )
        if approved:
            result = procedure.result
            blocks.insert(
                0,
                ReviewBlock(
                    "承認済み",
                    [
                        ReviewRow("宛名番号", "", "、".join(result.get("atena_bango", []))),
                        ReviewRow("世帯番号", "", result.get("setai_bango", "")),
                    ],
                ),
            )
        return blocks

    # --- 承認 ----------------------------------------------------------------------

    def apply(
        self, procedure: Procedure, *, acting_user: StaffUser, terminal: Terminal | None
    ) -> dict[str, Any]:
        from counter.services import ProcedureRefused  # counter is below juki

        entry = procedure.entry
        found = examine(self, entry, today=_today(), procedure_pk=procedure.pk, warnings=False)
        if found.errors:
            where, message = found.errors[0]
            raise ProcedureRefused(message, field=where)
        if self.tokurei:
            kernel.tenshutsu_joho.mark_used(entry, procedure)
        try:
            chouaza = Chouaza.objects.get(code=entry["chouaza"])
        except Chouaza.DoesNotExist:
            raise ProcedureRefused(
                f"町字コード{entry['chouaza']}は町字マスタにありません。", field="chouaza"
            ) from None
        moved = cast(datetime.date, _date(entry["tennyu_date"]))
        ctx = services.IdoContext(
            acting_user=acting_user,
            terminal=terminal,
            ido_jiyu=self.ido_jiyu,
            ido_date=moved,
            todoke_date=_date(entry["todoke_date"]),
            ryuiji="; ".join(f for f in found.flags if f.startswith("再転入")),
        )
        incoming = [kernel.person_jumin(p, entry, chouaza) for p in entry["persons"]]
        if found.setai is not None:
            setai = Setai.objects.select_for_update().get(pk=found.setai.pk)
            setai.setai_nushi = found.setai.setai_nushi
        else:
            setai = services.create_setai()
        head = next((j for j in incoming if j.zokugara == SETAINUSHI), None)
        order = sorted(range(len(incoming)), key=lambda i: incoming[i] is not head)
        if head is not None:
            # The head's own history row 1 names the head: set it in memory first,
            # save it to the household once the head has its 宛名番号.
            setai.setai_nushi = head
        # 再転入 (j600): the 除票 come back as the persons' records
        former = {
            j.atena_bango: j
            for j in Jumin.objects.select_for_update().filter(
                atena_bango__in=found.reentry.values()
            )
        }
        for i, atena in found.reentry.items():
            record = former.get(atena)
            if record is None or kernel.is_live(record):
                raise ProcedureRefused(
                    f"{incoming[i].full_name}さんの除票（宛名番号{atena}）は既に住民として"
                    "記載されています。審査をやり直してください。",
                    field=f"persons.{i}.juminhyo_code",
                )
            if incoming[i] is head:
                head = setai.setai_nushi = record
        for i in order:
            if i in found.reentry:
                incoming[i] = services.reregister_person(
                    former[found.reentry[i]], incoming[i], setai, ctx
                )
            else:
                services.register_person(incoming[i], setai, ctx)
            if incoming[i] is head:
                services.set_setai_nushi(setai, head)
        written = self._write_outbox(procedure, entry, incoming, setai, moved)
        return {
            "atena_bango": [j.atena_bango for j in incoming],
            "setai_bango": setai.setai_bango,
            "setai_mode": entry.get("setai_mode", "new"),
            "outbox": written,
            "flags": found.flags,
        }

    def _write_outbox(
        self,
        procedure: Procedure,
        entry: dict[str, Any],
        persons: list[Jumin],
        setai: Setai,
        moved: datetime.date,
    ) -> dict[str, int]:
        written: dict[str, int] = {}
        box = kernel.ProcedureOutbox(procedure)
        jiyu = self.ido_jiyu.label

        def send(
            dest: OutboxDestination, mtype: str, payload: dict[str, Any], *key: object
        ) -> None:
            box.send(dest.value, mtype, payload, *key)
            written[dest.value] = written.get(dest.value, 0) + 1

        common_items = {
            "ido_jiyu": jiyu,
            "ido_date": kernel.iso(moved),
            "todoke_date": entry["todoke_date"],
            "zenjusho": entry["zenjusho"],
            "setai_bango": setai.setai_bango,
        }
        for n, j in enumerate(persons):
            p = f"p{n + 1}"
            person = kernel.honnin_kakunin_payload(j, ido_jiyu=jiyu, ido_date=moved)
            send(OutboxDestination.JUKINET_CS, "honnin_kakunin_koshin", person, p)
            if not j.is_foreign and kernel.has_honseki(j):
                send(
                    OutboxDestination.HONSEKICHI,
                    "fuhyo_kisai_tsuchi",
                    {**person, "honseki": j.honseki, "hittousha": j.hittousha},
                    p,
                )
            age = kernel.age_on(j.seinengappi, moved)
            takka = {**person, **common_items, "zokugara": j.zokugara, "age": age}
            for dest in kernel.takka_destinations(j, moved, reason="newcomer"):
                send(OutboxDestination(dest), "jumin_ido", takka, p)
            if j.is_foreign:
                send(
                    OutboxDestination.NYUKAN,
                    "shichoson_tsuchi",
                    {
                        **person,
                        "ido_date": kernel.iso(moved),
                        "kokuseki": j.kokuseki,
                        "zairyu_card_bango": j.zairyu_card_bango,
                        "kubun_30_45": j.kubun_30_45,
                    },
                    p,
                )
        if not self.kokugai:
            send(
                OutboxDestination.JUKINET_CS,
                "tennyu_tsuchi",
                {
                    "tenshutsuchi_jusho": entry["zenjusho"],
                    "tennyu_date": kernel.iso(moved),
                    "tenshutsu_yotei_date": entry.get("tenshutsu_yotei_date", ""),
                    "tokurei": self.tokurei,
                    "jusho": persons[0].address if persons else "",
                    "persons": [
                        {
                            "juminhyo_code": j.juminhyo_code or "",
                            "shimei": j.full_name,
                            "seinengappi": kernel.iso(j.seinengappi),
                        }
                        for j in persons
                    ],
                },
                "proc",
            )
        box.write()
        return written

    # --- documents -----------------------------------------------------------------

    def handover_documents(self, procedure: Procedure) -> list[str]:
        entry = procedure.entry
        moved = _date(entry.get("tennyu_date")) or _today()
        persons = entry.get("persons", [])
        names = []
        if any(p.get("kojin_bango") for p in persons) or self.tokurei:
            names.append("個人番号カード等への裏書（転入）")
        if any(p.get("shubetsu") == JuminShubetsu.FOREIGN for p in persons):
            names.append("在留カード等への住居地の裏書（住居地届出）")
        names.append("住民異動届（他課用）控え")
        births = [_date(p.get("seinengappi")) for p in persons]
        if any(b is not None and kernel.is_gakurei(b, moved) for b in births):
            names.append("就学通知")
        return names

    def confirmation_pdf(self, procedure: Procedure, entry: dict[str, Any]) -> bytes:
        chouaza = Chouaza.objects.get(code=entry["chouaza"])
        existing: list[Jumin] = []
        setai_bango = ""
        if entry.get("setai_mode") == "join":
            setai = Setai.objects.filter(setai_bango=entry.get("setai_bango")).first()
            if setai is not None:
                setai_bango = setai.setai_bango
                existing = services.live_members(setai)
        context = kakunin_context(
            self,
            entry,
            chouaza=chouaza,
            setai_bango=setai_bango,
            existing=existing,
            procedure_label=str(procedure.reception) if procedure.pk else "",
        )
        return counter_documents.render_pdf(kernel.KAKUNIN_TEMPLATE, context)


class TennyuTokureiKind(TennyuKind):
    """特例転入 (住基法第24条の2): a My Number card holder; the 転出証明書情報 arrives from
    the 転出地 by network (entered here from it), and the notice must come within 30 days of
    the 転出予定日."""

    code: ClassVar[str] = "tennyu_tokurei"
    label: ClassVar[str] = "特例転入"
    tokurei: ClassVar[bool] = True
    shoumeisho_choices: ClassVar[tuple[str, ...]] = ("tokurei",)


class TennyuKokugaiKind(TennyuKind):
    """国外からの転入: no 転出証明書; 従前の住所 is a country (or region)."""

    code: ClassVar[str] = "tennyu_kokugai"
    label: ClassVar[str] = "国外からの転入"
    ido_jiyu: ClassVar[IdoJiyu] = IdoJiyu.KOKUGAI_TENNYU
    kokugai: ClassVar[bool] = True
    needs_yotei: ClassVar[bool] = False
    shoumeisho_choices: ClassVar[tuple[str, ...]] = ("nashi",)


class JukyochiTodokeKind(TennyuKokugaiKind):
    """住居地届出 (住基法第30条の46): a 中長期在留者 or 特別永住者 who landed notifies the
    residence within 14 days, showing the 在留カード等; recorded like a 国外からの転入 (j910),
    with the 市町村通知 to the 出入国在留管理庁 and the card's 裏書 at 交付."""

    code: ClassVar[str] = "jukyochi_todoke"
    label: ClassVar[str] = "住居地届出（外国人住民）"
    foreign_only: ClassVar[bool] = True


# =============================================================================== 確認用住民票


def kakunin_context(
    kind: TennyuKind,
    entry: dict[str, Any],
    *,
    chouaza: Chouaza,
    setai_bango: str,
    existing: Sequence[Jumin],
    procedure_label: str = "",
    now: datetime.datetime | None = None,
) -> dict[str, Any]:
    """The household as it would be after 承認, from unsaved objects (no writes)."""
    incoming = [kernel.person_jumin(p, entry, chouaza) for p in entry["persons"]]
    new_ids = {id(j) for j in incoming}
    members = kernel.ordered([*existing, *incoming])
    nushi = next((m for m in members if m.zokugara == SETAINUSHI), None)
    people: list[kernel.KakuninPerson] = []
    for m in members:
        rows = kernel.kakunin_rows(m, incoming=id(m) in new_ids)
        people.append(
            kernel.KakuninPerson(
                is_new=id(m) in new_ids, rows=rows, name=m.full_name, zokugara=m.zokugara
            )
        )
    local = timezone.localtime(now or timezone.now())
    postal = chouaza.postal_code_display
    address = incoming[0].address if incoming else ""
    return {
        "form_name": KAKUNIN_NAME,
        "mark": kernel.KAKUNIN_MARK,
        "municipality": settings.JUKI_MUNICIPALITY_NAME,
        "kind_label": kind.label,
        "printed_at": f"{kernel.wareki_text(local.date())} {local.hour}時{local.minute:02d}分",
        "procedure_label": procedure_label,
        "address": f"〒{postal}　{address}" if postal else address,
        "setai_bango": setai_bango or "（承認時に付番）",
        "setai_nushi": nushi.full_name if nushi else "（世帯主なし）",
        "people": people,
        "incoming_count": len(incoming),
    }


def build_sample_kakunin() -> bytes:
    """見本: a family of four moving in, rendered from memory (nothing read or written)."""
    today = _today()
    chouaza = Chouaza(
        code="13107001000",
        prefecture="東京都",
        city=str(settings.JUKI_MUNICIPALITY_NAME),
        name="吾妻橋一丁目",
        kana="アヅマバシ1チョウメ",
        postal_code="1300001",
    )
    honseki = "大阪府大阪市北区梅田一丁目1番"
    persons = [
        kernel.tennyu_person(
            shi="髙𠮷",
            mei="太郎",
            shi_kana="タカヨシ",
            mei_kana="タロウ",
            seinengappi=datetime.date(1985, 5, 20),
            seibetsu=Seibetsu.MALE,
            zokugara="世帯主",
            honseki=honseki,
            hittousha="髙𠮷　太郎",
            juminhyo_code="24727059608",
        ),
        kernel.tennyu_person(
            shi="髙𠮷",
            mei="花子",
            shi_kana="タカヨシ",
            mei_kana="ハナコ",
            seinengappi=datetime.date(1987, 11, 3),
            seibetsu=Seibetsu.FEMALE,
            zokugara="妻",
            honseki=honseki,
            hittousha="髙𠮷　太郎",
            juminhyo_code="10000000014",
        ),
        kernel.tennyu_person(
            shi="髙𠮷",
            mei="一郎",
            shi_kana="タカヨシ",
            mei_kana="イチロウ",
            seinengappi=datetime.date(2015, 7, 1),
            seibetsu=Seibetsu.MALE,
            zokugara="子",
            honseki=honseki,
            hittousha="髙𠮷　太郎",
            juminhyo_code="10000000022",
        ),
        kernel.tennyu_person(
            shi="髙𠮷",
            mei="﨑子",
            shi_kana="タカヨシ",
            mei_kana="サキコ",
            seinengappi=datetime.date(2019, 2, 14),
            seibetsu=Seibetsu.FEMALE,
            zokugara="子",
            honseki=honseki,
            hittousha="髙𠮷　太郎",
            juminhyo_code="10000000030",
        ),
    ]
    entry = tennyu_entry(chouaza=chouaza.code, persons=persons, tennyu_date=today)
    context = kakunin_context(
        cast(TennyuKind, KINDS[0]),
        entry,
        chouaza=chouaza,
        setai_bango="",
        existing=[],
        procedure_label="見本",
    )
    return counter_documents.render_pdf(kernel.KAKUNIN_TEMPLATE, context)


KINDS: tuple[ProcedureKind, ...] = (
    TennyuKind(),
    TennyuTokureiKind(),
    TennyuKokugaiKind(),
    JukyochiTodokeKind(),
)
for _kind in KINDS:
    register_kind(_kind)

__all__ = [
    "TennyuEntryForm",
    "TennyuKind",
    "TennyuKokugaiKind",
    "TennyuTokureiKind",
    "build_sample_kakunin",
    "entry_post_data",
    "examine",
    "kakunin_context",
    "tennyu_entry",
]
