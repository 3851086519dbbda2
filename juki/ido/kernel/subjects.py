"""What an 異動 reserves while open: persons (宛名番号, 住民票コード) and households."""

from __future__ import annotations

from collections.abc import Sequence

from counter.procedure_kinds import Subject

# --------------------------------------------------------------------- reservations


def jumin_subject(atena_bango: str, label: str = "") -> Subject:
    """A person already in the register (宛名番号)."""
    return Subject(f"jumin:{atena_bango}", label or f"宛名番号{atena_bango}の住民")


def setai_subject(setai_bango: str) -> Subject:
    """A household (世帯番号): whoever joins, leaves or changes it reserves it."""
    return Subject(f"setai:{setai_bango}", f"世帯番号{setai_bango}の世帯")


def juminhyo_code_subject(code: str, name: str = "") -> Subject:
    """A person by 住民票コード (also one not yet in the register, e.g. a 転入)."""
    who = f"{name}さん（住民票コード{code}）" if name else f"住民票コード{code}の方"
    return Subject(f"juminhyo_code:{code}", who)


def persons_and_setai(atena_bangos: Sequence[str], setai_bango: str = "") -> list[Subject]:
    """Persons by 宛名番号 and, when known, the household they leave or rejoin."""
    out = [jumin_subject(a) for a in atena_bangos]
    if setai_bango:
        out.append(setai_subject(setai_bango))
    return out
