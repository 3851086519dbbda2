"""住民票の写し and 記載事項証明書 (implementation follows the API commit)."""

from __future__ import annotations

from collections.abc import Sequence

from juki.models import Jumin

from ..items import Items
from .types import IssueContext, Rendered, Style


def render_juminhyo(
    persons: Sequence[Jumin],
    *,
    style: Style,
    items: Items,
    context: IssueContext,
    setai_zenin: bool = False,
    johyo: bool = False,
) -> Rendered:
    raise NotImplementedError


def render_kisai_jiko(
    persons: Sequence[Jumin], *, items: Items, context: IssueContext, johyo: bool = False
) -> Rendered:
    raise NotImplementedError
