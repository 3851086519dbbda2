"""The shapes of a household: single, couple, family, three generations, foreign …"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from ..models import Kubun3045
from .data import _KOREA
from .people import FEMALE, MALE, _Base, _Member


class _Shapes(_Base):
    """Draws one household of a given shape (members only; addresses come later)."""

    # ---- household shapes ----------------------------------------------------

    def single(self) -> list[_Member]:
        age = self.age_between(18, 100, "single")
        sex = FEMALE if self.chance(0.65 if age >= 75 else 0.45) else MALE
        head = self.japanese("世帯主", sex, age, self.surname())
        if age >= 60 and sex == FEMALE and self.chance(0.6):
            # widowed: still in the late husband's 戸籍
            husband, _kana = self.given_name(MALE, age + 2)
            self.koseki([head], f"{head.shi}　{husband}")
        elif age >= 30 and self.chance(0.55):
            self.koseki([head], f"{head.shi}　{head.mei}")
        else:
            self.parents_koseki(head)
        return [head]

    def couple_heads(self, lo: int, hi: int, profile: str = "") -> list[_Member]:
        """世帯主 and spouse sharing a surname; the 筆頭者 is the 世帯主."""
        age = self.age_between(lo, hi, profile)
        sex = MALE if self.chance(0.92) else FEMALE
        shi = self.surname()
        head = self.japanese("世帯主", sex, age, shi)
        spouse_sex = FEMALE if sex == MALE else MALE
        spouse = self.japanese(
            "妻" if sex == MALE else "夫", spouse_sex, self.spouse_age(age, sex), shi
        )
        return [head, spouse]

    def children(
        self,
        parents: Sequence[_Member],
        count: int,
        shi: tuple[str, str],
        zokugara: str = "子",
        cap: int = 35,
    ) -> list[_Member]:
        kids: list[_Member] = []
        for _ in range(count):
            age = self.child_age([p.age for p in parents], cap)
            if age is None:
                break
            sex = MALE if self.chance(0.51) else FEMALE
            kid = self.japanese(zokugara, sex, age, shi)
            taken = {p.mei for p in parents} | {k.mei for k in kids}
            for _retry in range(3):
                if kid.mei not in taken:
                    break
                kid.mei, kid.mei_kana = self.given_name(sex, age)
            kids.append(kid)
        kids.sort(key=lambda k: k.birth)
        return kids

    def couple(self) -> list[_Member]:
        members = self.couple_heads(22, 95, "couple")
        head = members[0]
        self.koseki(members, f"{head.shi}　{head.mei}")
        self.maybe_foreign_spouse(members)
        return members

    def family(self) -> list[_Member]:
        members = self.couple_heads(25, 58)
        head = members[0]
        shi = (head.shi, head.shi_kana)
        count = self.rng.choices((1, 2, 3), weights=(45, 40, 15))[0]
        kids = self.children(members, count, shi, cap=30)
        self.koseki(members + kids, f"{head.shi}　{head.mei}")
        if kids and self.chance(0.04) and members[1].zokugara == "妻":
            # the wife's child from an earlier marriage, not adopted: the old surname
            step = kids[0]
            step.zokugara = "妻の子"
            step.shi, step.shi_kana = self.surname(allow_itaiji=False)
            self.parents_koseki(step)
        self.maybe_foreign_spouse(members)
        return members + kids

    def single_parent(self) -> list[_Member]:
        age = self.age_between(25, 62)
        sex = FEMALE if self.chance(0.85) else MALE
        shi = self.surname()
        head = self.japanese("世帯主", sex, age, shi)
        kids = self.children(
            [head], self.rng.choices((1, 2, 3), weights=(60, 32, 8))[0], shi, cap=30
        )
        self.koseki([head, *kids], f"{head.shi}　{head.mei}")
        return [head, *kids]

    def three_generations(self) -> list[_Member]:
        if self.chance(0.6):
            # 世帯主's family with the 世帯主's 父 and/or 母
            members = self.couple_heads(32, 60)
            head = members[0]
            shi = (head.shi, head.shi_kana)
            kids = self.children(members, self.rng.choice((0, 1, 1, 2, 2, 3)), shi, cap=28)
            self.koseki(members + kids, f"{head.shi}　{head.mei}")
            elders: list[_Member] = []
            which = self.rng.choices(("both", "mother", "father"), weights=(50, 35, 15))[0]
            father_age = min(100, head.age + self.rng.randint(22, 38))
            mother_age = max(
                head.age + 21, min(head.age + 39, father_age - self.rng.randint(-2, 5))
            )
            if which in ("both", "father") and father_age <= 100:
                elders.append(self.japanese("父", MALE, father_age, shi))
            if which in ("both", "mother") and mother_age <= 102:
                elders.append(self.japanese("母", FEMALE, mother_age, shi))
            if elders:
                father_name = (
                    elders[0].mei if elders[0].sex == MALE else self.given_name(MALE, father_age)[0]
                )
                self.koseki(elders, f"{head.shi}　{father_name}")
            return members + kids + elders
        # an older 世帯主 with a married son, his wife and their children
        age = self.age_between(58, 88)
        shi = self.surname()
        head = self.japanese("世帯主", MALE, age, shi)
        members = [head]
        if self.chance(0.7):
            members.append(self.japanese("妻", FEMALE, self.spouse_age(age, MALE), shi))
        self.koseki(members, f"{head.shi}　{head.mei}")
        ages = [m.age for m in members]
        son_age = self.age_between(
            max(25, *(a - 39 for a in ages)), min(60, *(a - 21 for a in ages))
        )
        son = self.japanese("子", MALE, son_age, shi)
        wife = self.japanese("子の妻", FEMALE, self.spouse_age(son_age, MALE), shi)
        grandkids = self.children(
            [son, wife], self.rng.choice((0, 1, 1, 2, 2, 3)), shi, "子の子", cap=30
        )
        self.koseki([son, wife, *grandkids], f"{son.shi}　{son.mei}")
        return [*members, son, wife, *grandkids]

    def with_dokyonin(self) -> list[_Member]:
        age = self.age_between(20, 70)
        sex = MALE if self.chance(0.5) else FEMALE
        head = self.japanese("世帯主", sex, age, self.surname())
        other_sex = sex if self.chance(0.5) else (FEMALE if sex == MALE else MALE)
        other = self.japanese(
            "同居人", other_sex, max(18, age + self.rng.randint(-6, 6)), self.surname()
        )
        for m in (head, other):
            if m.age >= 30 and self.chance(0.5):
                self.koseki([m], f"{m.shi}　{m.mei}")
            else:
                self.parents_koseki(m)
        return [head, other]

    def maybe_foreign_spouse(self, members: list[_Member]) -> None:
        """Now and then the 世帯主's spouse is a foreign national (own name, no 本籍)."""
        if not self.chance(0.012):
            return
        spouse = members[1]
        country = self.pick_country()
        foreign = self.foreign_member(spouse.zokugara, spouse.sex, spouse.age, country)
        foreign.birth = spouse.birth
        foreign.kubun = Kubun3045.CHUCHOKI
        foreign.zairyu_shikaku = self.rng.choice(("日本人の配偶者等", "日本人の配偶者等", "永住者"))
        if self.chance(0.5):
            foreign.tsushou = f"{members[0].shi}　{foreign.mei}"
            foreign.tsushou_kana = f"{members[0].shi_kana}　{foreign.mei_kana}"
        members[1] = foreign

    # ---- foreign households --------------------------------------------------

    def foreign_household(self) -> list[_Member]:
        country = self.pick_country()
        if country is _KOREA and self.chance(0.45):
            return self.special_permanent()
        if self.chance(0.005):
            # 仮滞在許可者: no 在留資格, a 仮滞在期間 instead
            person = self.foreign_member("世帯主", MALE, self.age_between(22, 45), country)
            person.kubun = Kubun3045.KARI_TAIZAI
            return [person]
        shape = self.rng.choices(("single", "couple", "family"), weights=(62, 22, 16))[0]
        sex = MALE if self.chance(0.55) else FEMALE
        if shape == "single":
            age = self.age_between(19, 70, "single")
            head = self.foreign_member("世帯主", sex, age, country)
            head.kubun = Kubun3045.CHUCHOKI
            if age >= 50:
                head.zairyu_shikaku = self.rng.choices(
                    ("永住者", "技術・人文知識・国際業務", "経営・管理", "定住者"),
                    weights=(55, 25, 10, 10),
                )[0]
            elif age <= 29:
                head.zairyu_shikaku = self.rng.choices(
                    (
                        "留学",
                        "技術・人文知識・国際業務",
                        "技能実習第2号ロ",
                        "特定技能1号",
                        "永住者",
                    ),
                    weights=(40, 28, 12, 12, 8),
                )[0]
            else:
                head.zairyu_shikaku = self.rng.choices(
                    ("技術・人文知識・国際業務", "永住者", "経営・管理", "定住者", "特定技能1号"),
                    weights=(38, 38, 8, 8, 8),
                )[0]
            return [head]
        age = self.age_between(24, 55)
        head = self.foreign_member("世帯主", MALE, age, country)
        head.kubun = Kubun3045.CHUCHOKI
        head.zairyu_shikaku = self.rng.choices(
            ("技術・人文知識・国際業務", "永住者", "経営・管理", "定住者"), weights=(50, 30, 10, 10)
        )[0]
        wife_surname = (
            None
            if country.wife_keeps_surname
            else next(s for s in country.surnames if s[1] == head.shi)
        )
        wife = self.foreign_member("妻", FEMALE, self.spouse_age(age, MALE), country, wife_surname)
        wife.kubun = Kubun3045.CHUCHOKI
        family_status = "家族滞在" if head.zairyu_shikaku != "永住者" else "永住者の配偶者等"
        wife.zairyu_shikaku = family_status
        members = [head, wife]
        if shape == "family":
            head_surname = next(s for s in country.surnames if s[1] == head.shi)
            for _ in range(self.rng.choice((1, 1, 2))):
                child_age = self.child_age([head.age, wife.age], cap=20)
                if child_age is None:
                    break
                kid = self.foreign_member(
                    "子",
                    MALE if self.chance(0.5) else FEMALE,
                    child_age,
                    country,
                    head_surname,
                    avoid=members,
                )
                kid.kubun = Kubun3045.CHUCHOKI
                kid.zairyu_shikaku = (
                    "家族滞在" if family_status == "家族滞在" else "永住者の配偶者等"
                )
                members.append(kid)
            if self.chance(0.25) and min(age, wife.age) >= 21 and max(age, wife.age) <= 38:
                # a newborn without status yet: 出生による経過滞在者 (60 days)
                baby = self.foreign_member(
                    "子",
                    MALE if self.chance(0.5) else FEMALE,
                    0,
                    country,
                    head_surname,
                    avoid=members,
                )
                baby.birth = self.today - timedelta(days=self.rng.randint(3, 55))
                baby.kubun = Kubun3045.SHUSSEI_KEIKA
                members.append(baby)
            members[2:] = sorted(members[2:], key=lambda k: k.birth)
        return members

    def special_permanent(self) -> list[_Member]:
        """特別永住者 (mostly Korean, long settled), often with a 通称."""
        age = self.age_between(35, 95)
        sex = MALE if self.chance(0.5) else FEMALE
        head = self.foreign_member("世帯主", sex, age, _KOREA)
        members = [head]
        if self.chance(0.45):
            spouse_sex = FEMALE if sex == MALE else MALE
            members.append(
                self.foreign_member(
                    "妻" if sex == MALE else "夫", spouse_sex, self.spouse_age(age, sex), _KOREA
                )
            )
        tsushou_shi = {
            "金": ("金本", "カネモト"),
            "李": ("李家", "リノイエ"),
            "朴": ("新井", "アライ"),
            "崔": ("山本", "ヤマモト"),
            "鄭": ("東", "ヒガシ"),
        }
        for m in members:
            m.kubun = Kubun3045.TOKUBETSU_EIJU
            if self.chance(0.5):
                t_shi = tsushou_shi.get(m.shi, ("金本", "カネモト"))
                t_mei = self.given_name(m.sex, m.age)
                m.tsushou = f"{t_shi[0]}　{t_mei[0]}"
                m.tsushou_kana = f"{t_shi[1]}　{t_mei[1]}"
        return members

    # ---- one household -------------------------------------------------------

    def household(self, remaining: int) -> list[_Member]:
        ratio = self.foreign_persons / self.persons if self.persons else 0.0
        if self.chance(0.045 if ratio < 0.03 else 0.015):
            members = self.foreign_household()
        else:
            shape = self.rng.choices(
                (
                    self.single,
                    self.couple,
                    self.family,
                    self.single_parent,
                    self.three_generations,
                    self.with_dokyonin,
                ),
                weights=(38, 20, 28, 7, 5, 2),
            )[0]
            members = shape()
        del members[remaining:]
        self.households += 1
        self.persons += len(members)
        self.foreign_persons += sum(1 for m in members if m.foreign)
        return members
