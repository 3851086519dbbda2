"""What the card kinds share (mynumber.kernel): the rules, each naming its law."""

from __future__ import annotations

import pytest

from juki.demo import residents as r
from juki.models import Jumin
from mynumber import demo
from mynumber.kernel import Problems, rules
from mynumber.models import CardStatus, Raichousha


def _messages(problems: Problems) -> list[tuple[str | None, str]]:
    return [(p.field, p.message) for p in problems.items]


def test_a_dairinin_needs_the_shoukaisho_and_the_rule_is_named() -> None:
    problems = Problems()
    rules.check_dairinin(problems, Raichousha.DAIRININ, shoukaisho=False)
    ((field, message),) = _messages(problems)
    assert field == "shoukaisho" and rules.DAIRININ_RULE in message
    problems = Problems()
    rules.check_dairinin(problems, Raichousha.DAIRININ, shoukaisho=True)
    rules.check_dairinin(problems, Raichousha.HONNIN, shoukaisho=False)
    assert not problems.items


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("age", "raichousha", "hikoukennin", "refused"),
    [
        (14, Raichousha.HONNIN, False, True),
        (14, Raichousha.HOUTEI_DAIRININ, False, False),
        (15, Raichousha.HONNIN, False, False),
        (40, Raichousha.HONNIN, True, True),
        (40, Raichousha.HOUTEI_DAIRININ, True, False),
    ],
)
def test_under_15_or_a_seinen_hikoukennin_comes_with_the_houtei_dairinin(
    age: int, raichousha: str, hikoukennin: bool, refused: bool
) -> None:
    person = Jumin(seinengappi=r.born(age))
    problems = Problems()
    rules.check_houtei_dairinin(
        problems, person, r.today(), raichousha=raichousha, seinen_hikoukennin=hikoukennin
    )
    assert bool(problems.items) is refused
    if refused:
        assert rules.HOUTEI_RULE in problems.items[0].message


@pytest.mark.django_db
def test_find_person_and_find_card_name_what_is_missing(ichiro: Jumin) -> None:
    problems = Problems()
    assert rules.find_person(problems, "9999999999") is None
    assert "宛名番号9999999999の住民は見つかりません" in problems.items[0].message
    problems = Problems()
    assert rules.find_card(problems, ichiro, (CardStatus.KOUFUZUMI,)) is None
    assert "交付済の個人番号カードはありません" in problems.items[0].message
    card = demo.issued(ichiro)
    problems = Problems()
    assert rules.find_card(problems, ichiro, (CardStatus.KOUFUZUMI,)) == card
    assert not problems.items
