"""個人番号カード交付／再交付申請の取消 (seed 004 「個人番号（カード申請取消）」): the
申出書 and the 代理権 checked, the application withdrawn (the card's FSM: 取消) and the
card management system told (交付取りやめ); the window explains how to apply again."""

from .kind import ShinseiTorikeshiKind

KINDS = (ShinseiTorikeshiKind(),)
