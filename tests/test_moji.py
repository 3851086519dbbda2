"""文字 (標準仕様書 j1070, j1090): a name or an address holds only what the register can
print (IPAmj明朝) and send; anything else is refused next to its field naming the
character and its code, unless a 職員 registered it as an 外字, which then alerts the
審査; the CS messages carry the 住基統一文字 form where it differs."""

from __future__ import annotations

import datetime
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from counter.models import AuditAction, AuditLog, OutboxMessage
from counter.procedure_models import ProcedureState
from jputil import moji
from juki.gaiji import Gaiji, do_register_gaiji, gaiji_alert, parse_gaiji_input
from juki.ido.kernel import CityAddressForm, tennyu_person
from juki.ido.tennyu import tennyu_entry
from juki.ido.tenshutsu import TenshutsuForm
from juki.item_forms import JuminItemsForm
from juki.models import Chouaza, JuminShubetsu, Seibetsu

from . import procedures
from .conftest import login_as
from .factories import ChouazaFactory, valid_juminhyo_code
from .test_register import form_data

FONT = Path("/usr/share/fonts/truetype/ipamj/ipamjm.ttf")
PUA = "\ue000"
EMOJI = "\U0001f600"


# --------------------------------------------------------------------- the data file


@pytest.mark.skipif(not FONT.exists(), reason="fonts-ipamj-mincho is not installed")
def test_the_coverage_file_is_what_the_installed_ipamj_font_covers() -> None:
    """jputil/data/ipamj_coverage.json is the font's cmap and format-14 table, as
    scripts/build_ipamj_coverage.py writes it (run it again when the font changes)."""
    stored = json.loads(moji.COVERAGE_FILE.read_text(encoding="utf-8"))
    assert stored == moji.read_font(FONT)


def test_the_coverage_holds_the_fonts_ivs_and_not_adobe_japan1_ones() -> None:
    cov = moji.coverage()
    assert len(cov.code_points) > 50_000 and len(cov.sequences) > 11_000
    assert cov.prints("髙") and cov.prints("﨑") and cov.prints("𠮷")
    assert cov.prints("邊\U000e0108")  # Moji_Joho collection
    assert not cov.prints("邊\U000e0100")  # an Adobe-Japan1 selector
    assert not cov.prints(EMOJI) and not cov.prints(PUA)


def test_the_toitsu_table_holds_only_characters_the_font_prints() -> None:
    for char, code in moji.toitsu_table().items():
        assert moji.coverage().prints(char), moji.code_label(char)
        assert code is None or moji.TOITSU_CODE_PATTERN.match(code), code


# --------------------------------------------------------------------- the items


def _errors(form: Any, field: str) -> str:
    assert not form.is_valid()
    return " ".join(form.errors[field])


@pytest.mark.django_db
def test_an_emoji_in_a_name_is_refused_naming_the_character_and_its_code() -> None:
    form = JuminItemsForm(data=form_data(shi=f"山田{EMOJI}"))
    message = _errors(form, "shi")
    assert EMOJI in message and "U+1F600" in message and "j1070" in message


@pytest.mark.django_db
def test_latin_letters_in_a_japanese_name_are_refused() -> None:
    message = _errors(JuminItemsForm(data=form_data(shi="Yamada")), "shi")
    assert "「Y」（U+0059）" in message and "英字" in message
    assert "Ｙ" in _errors(JuminItemsForm(data=form_data(mei="Ｙｕｋｉ")), "mei")


@pytest.mark.django_db
def test_a_foreign_residents_name_may_be_in_latin_letters() -> None:
    data = form_data(
        shubetsu=JuminShubetsu.FOREIGN,
        shi="SMITH",
        mei="JOHN",
        honseki="",
        kokuseki="米国",
        gaikokujin_date="2020-04-01",
        kubun_30_45="1",
        zairyu_card_bango="AB12345678CD",
    )
    form = JuminItemsForm(data=data)
    assert "shi" not in form.errors and "mei" not in form.errors, form.errors


@pytest.mark.django_db
def test_hankaku_kana_is_refused_in_a_name_and_an_address() -> None:
    assert "U+FF94" in _errors(JuminItemsForm(data=form_data(shi="ﾔﾏﾀﾞ")), "shi")
    assert "半角カナ" in _errors(JuminItemsForm(data=form_data(katagaki="ｺｰﾎﾟ101")), "katagaki")


@pytest.mark.django_db
def test_an_ivs_the_font_lacks_is_refused_and_one_it_has_is_kept() -> None:
    message = _errors(JuminItemsForm(data=form_data(shi="渡邊\U000e0100")), "shi")
    assert "U+908A U+E0100" in message
    form = JuminItemsForm(data=form_data(shi="渡邊\U000e0108"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["shi"] == "渡邊\U000e0108"


@pytest.mark.django_db
def test_the_address_fields_of_the_entry_forms_are_checked() -> None:
    place = ChouazaFactory()
    form = CityAddressForm(data={"chouaza": place.code, "banchi": f"1番{PUA}", "katagaki": ""})
    assert "U+E000" in _errors(form, "banchi")
    tenshutsu = TenshutsuForm(data={"tenshutsusaki": f"大阪市{EMOJI}"})
    assert "U+1F600" in _errors(tenshutsu, "tenshutsusaki")


@pytest.mark.django_db
def test_a_private_use_character_is_accepted_once_a_shokuin_registers_it(clerk: Any) -> None:
    assert "外字登録" in _errors(JuminItemsForm(data=form_data(shi=f"{PUA}田")), "shi")
    do_register_gaiji(acting_user=clerk, request=None, moji_text="U+E000", setsumei="つちよし")
    form = JuminItemsForm(data=form_data(shi=f"{PUA}田"))
    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_emoji_symbols_and_characters_the_font_has_cannot_be_registered(clerk: Any) -> None:
    for text, reason in (
        (EMOJI, "外字にできません"),
        ("吉", "IPAmj明朝にある"),
        ("\x07", "外字にできません"),
    ):
        with pytest.raises(ValidationError, match=reason):
            do_register_gaiji(acting_user=clerk, request=None, moji_text=text, setsumei="x")
    assert not Gaiji.objects.exists()


# --------------------------------------------------------------------- the screen


@pytest.mark.django_db
def test_only_city_staff_may_open_the_gaiji_screen(contractor: Any, clerk: Any) -> None:
    assert login_as(Client(), contractor).get("/juki/gaiji/").status_code == 403
    assert login_as(Client(), clerk).get("/juki/gaiji/").status_code == 200


@pytest.mark.django_db
def test_a_shokuin_registers_a_gaiji_on_the_screen_and_it_is_logged(clerk: Any) -> None:
    client = login_as(Client(), clerk)
    response = client.post(
        "/juki/gaiji/", {"moji": "u+e001", "setsumei": "戸籍の記載による", "toitsu_code": ""}
    )
    assert response.status_code == 302
    row = Gaiji.objects.get()
    assert row.moji == "\ue001" and row.registered_by == clerk
    assert AuditLog.objects.filter(action=AuditAction.CHANGE, target_type="gaiji").exists()
    refused = client.post("/juki/gaiji/", {"moji": EMOJI, "setsumei": "x"}).content.decode()
    assert "外字にできません" in refused and "U+1F600" in refused


# --------------------------------------------------------------------- the alert and the CS


def _entry(place: Chouaza, shi: str) -> dict[str, Any]:
    person = tennyu_person(
        shi=shi,
        mei="花子",
        shi_kana="ツジ",
        mei_kana="ハナコ",
        seinengappi=datetime.date(1980, 4, 1),
        seibetsu=Seibetsu.FEMALE,
        zokugara="世帯主",
        honseki="東京都墨田区吾妻橋一丁目1番",
        hittousha="辻　花子",
        juminhyo_code=valid_juminhyo_code(910001),
    )
    return tennyu_entry(chouaza=place.code, persons=[person])


@pytest.mark.django_db
def test_an_entry_using_a_registered_gaiji_alerts_the_review(contractor: Any, clerk: Any) -> None:
    gaiji = do_register_gaiji(acting_user=clerk, request=None, moji_text=PUA, setsumei="つちよし")
    entry = _entry(ChouazaFactory(), f"{PUA}野")
    procedure = procedures.enter_and_check("tennyu", entry, contractor)
    assert procedure.state == ProcedureState.SHOUGOU
    assert any("外字" in f and gaiji.code in f for f in procedure.flags), procedure.flags
    page = login_as(Client(), clerk).get(f"/review/{procedure.pk}/").content.decode()
    assert "外字を使っています" in page and "つちよし" in page


@pytest.mark.django_db
def test_an_entry_without_gaiji_has_no_alert_and_asks_nothing() -> None:
    assert gaiji_alert(["山田　太郎", "東京都墨田区1番", "2020-04-01"]) == ""


@pytest.mark.django_db
def test_the_cs_message_carries_the_toitsu_moji_where_the_name_differs(
    contractor: Any, clerk: Any
) -> None:
    """辻 with two dots (辻+U+E0103, MJ025761) is J+BC2F to the 住基ネット (j1090)."""
    procedures.run("tennyu", _entry(ChouazaFactory(), "辻\U000e0103"), contractor, clerk)
    message = OutboxMessage.objects.get(message_type="honnin_kakunin_koshin")
    toitsu = message.payload["person"]["toitsu_moji"]
    assert toitsu == [
        {"item": "shimei", "codes": ["J+BC2F", "J+3000", "J+82B1", "J+5B50"], "unmapped": []}
    ]
    fuhyo = OutboxMessage.objects.get(message_type="fuhyo_tsuchi")
    assert "toitsu_moji" not in fuhyo.payload["person"]  # to the 本籍地, not the CS


@pytest.mark.django_db
def test_the_cs_message_has_no_toitsu_moji_where_the_text_is_its_own_form(
    contractor: Any, clerk: Any
) -> None:
    procedures.run("tennyu", _entry(ChouazaFactory(), "辻"), contractor, clerk)
    message = OutboxMessage.objects.get(message_type="honnin_kakunin_koshin")
    assert "toitsu_moji" not in message.payload["person"]


# --------------------------------------------------------------------- properties

#: characters the font prints that no item refuses (no 半角カナ, no Latin, no control)
PLAIN = sorted(
    cp
    for cp in moji.coverage().code_points
    if not 0xFF61 <= cp <= 0xFF9F
    and not moji.is_selector(cp)
    and not unicodedata.name(chr(cp), "").startswith(("LATIN", "FULLWIDTH LATIN"))
)
plain_text = st.lists(st.sampled_from(PLAIN).map(chr), max_size=12).map("".join)
#: characters the font does not print: emoji, private use, controls
outside = st.sampled_from([EMOJI, PUA, "\U0001f468", "\u200d", "\x00", "\x1b", "\U000f0000"])


@given(text=plain_text)
def test_text_of_printable_characters_is_accepted_in_a_japanese_name(text: str) -> None:
    assert moji.unprintable(text, japanese_name=True) == []


@given(before=plain_text, bad=outside, after=plain_text)
def test_a_character_outside_the_font_is_named_with_its_code_wherever_it_stands(
    before: str, bad: str, after: str
) -> None:
    problems = moji.unprintable(before + bad + after)
    assert [p.char for p in problems] == [bad]
    message = " ".join(moji.messages(problems))
    assert f"U+{ord(bad):04X}" in message and "j1070" in message


@given(text=st.text(max_size=20))
def test_every_problem_is_a_character_of_the_text_and_its_message_names_its_code(
    text: str,
) -> None:
    problems = moji.unprintable(text, japanese_name=True)
    characters = list(moji.split_characters(text))
    for problem in problems:
        assert problem.char in characters
        assert problem.code in problem.message()
    assert len({p.char for p in problems}) == len(problems)


@given(text=st.text(max_size=20))
def test_the_toitsu_form_has_one_code_per_character(text: str) -> None:
    form = moji.toitsu_form(text)
    if form is not None:
        assert len(form.codes) == len(list(moji.split_characters(text)))
        assert all(code.startswith(("J+", "U+")) for code in form.codes)


@given(
    cp=st.integers(min_value=0x20, max_value=0x10FFFF).filter(lambda c: not 0xD800 <= c < 0xE000)
)
def test_a_code_typed_for_registration_is_the_character(cp: int) -> None:
    assert parse_gaiji_input(f"U+{cp:04X}") == chr(cp)
    assert parse_gaiji_input(f" u+{cp:04x} ") == chr(cp)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None)
@given(shi=st.text(max_size=12))
def test_the_name_field_never_fails_with_an_error_other_than_a_message(shi: str) -> None:
    form = JuminItemsForm(data=form_data(shi=shi))
    if not form.is_valid() and "shi" in form.errors:
        assert all(isinstance(m, str) and m for m in form.errors["shi"])


@given(
    cps=st.sets(st.integers(min_value=0, max_value=0x10FFFF), max_size=50),
    pairs=st.sets(
        st.tuples(
            st.integers(min_value=0x3400, max_value=0x2FFFF),
            st.sampled_from([0xFE00, 0xE0100, 0xE0108, 0xE01EF]),
        ),
        max_size=30,
    ),
)
def test_the_coverage_file_format_gives_back_what_was_written(
    cps: set[int], pairs: set[tuple[int, int]]
) -> None:
    data = json.loads(json.dumps(moji.encode_coverage(cps, pairs)))
    assert moji.decode_coverage(data) == moji.Coverage(frozenset(cps), frozenset(pairs))
