"""Pure utilities for Japanese registry work, below every app (no models, no Django apps).

和暦 (wareki), 文字 and search keys (searchkeys), check digits of the 住民票コード and
個人番号 (numbers), and 続柄 (zokugara). counter, juki and the workflow apps all use them:
counter's own forms print 和暦 too.
"""
