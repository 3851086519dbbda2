"""カード補記: after a 転居 or a change of 氏名 (listed as due by mynumber's reactions) the
card's 追記欄 is written, with or without the IC chip's update, and the 署名用電子証明書
that lapsed issued again when asked (seed 004: 【カード補記対応（ICチップ更新あり／なし）】)."""

from .kind import HokiKind

KINDS = (HokiKind(),)
