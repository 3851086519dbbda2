"""Whether a registered seal still shows one of its holder's names (要領 第2-2: 氏名, 氏,
名, 旧氏, 通称 or their katakana form): read again when the register changes a name."""

from __future__ import annotations

from typing import Any

from jputil import searchkeys


def _fold(text: str) -> str:
    return "".join(searchkeys.fold_kanji(text or "").split())


def name_forms(person: Any) -> set[str]:
    """Every form a seal of this person may show (folded: spaces and 異体字 aside)."""
    shi, mei = person.shi, person.mei
    kyuuji, tsushou = person.kyuuji, person.tsushou
    forms = {
        shi + mei,
        shi,
        mei,
        kyuuji,
        kyuuji + mei,
        tsushou,
        person.shi_kana + person.mei_kana,
        person.shi_kana,
        person.mei_kana,
        person.kyuuji_kana,
        person.kyuuji_kana + person.mei_kana,
        person.tsushou_kana,
    }
    return {_fold(f) for f in forms if f}


def still_shows(inei_moji: str, person: Any) -> bool:
    """True when the characters read off the seal are one of the person's names; a
    registration with no characters recorded (made before they were kept) is kept."""
    moji = _fold(inei_moji)
    return not moji or moji in name_forms(person)
