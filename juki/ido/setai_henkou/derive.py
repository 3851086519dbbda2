"""世帯主変更: the 続柄 to a new 世帯主 that follow from those to the old one (the form
pre-fills them; the clerk checks every one)."""

from __future__ import annotations

from collections.abc import Sequence

from jputil import zokugara

from ...models import Jumin, Seibetsu

SETAINUSHI = zokugara.SETAINUSHI

_INVERSE_SPOUSE = {"妻": "夫", "夫": "妻", "妻（未届）": "夫（未届）", "夫（未届）": "妻（未届）"}


def _sibling(m: Jumin, head: Jumin) -> str:
    older = m.seinengappi < head.seinengappi
    if m.seibetsu == Seibetsu.FEMALE:
        return "姉" if older else "妹"
    return "兄" if older else "弟"


def derive_zokugara(members: Sequence[Jumin], new_head: Jumin) -> dict[str, str]:
    """The 続柄 to a new 世帯主 that can be derived from the 続柄 to the old one.

    Only the clear cases (the old head's spouse or child becomes head); the rest is left
    out, for the clerk to type. A suggestion only: the clerk checks every one (e.g. a 子
    of the old head may be 夫の子 of the new head).
    """
    try:
        was = zokugara.parse_zokugara(new_head.zokugara)
    except ValueError:
        return {}
    out: dict[str, str] = {}
    for m in members:
        if m.pk == new_head.pk:
            continue
        try:
            z = zokugara.parse_zokugara(m.zokugara)
        except ValueError:
            continue
        derived = ""
        if z in (zokugara.DOKYONIN, zokugara.ENKOSHA):
            derived = z
        elif was in _INVERSE_SPOUSE:  # the spouse of the old head becomes head
            spouse = _INVERSE_SPOUSE[was]
            if z == SETAINUSHI:
                derived = spouse
            elif z == "子" or z.startswith("子の"):
                derived = z
            else:
                try:
                    derived = zokugara.parse_zokugara(f"{spouse}の{z}")
                except ValueError:
                    derived = ""
        elif was == "子":  # a child of the old head becomes head
            female = m.seibetsu == Seibetsu.FEMALE
            if z == SETAINUSHI or z in _INVERSE_SPOUSE:
                derived = "母" if female else "父"
            elif z == "子":
                derived = _sibling(m, new_head)
        if derived:
            out[m.atena_bango] = derived
    return out
