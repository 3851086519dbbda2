"""閲覧: 住民基本台帳の一部の写しの閲覧 (住基法第11条, 第11条の2; 省令 = 住民基本台帳の一部の
写しの閲覧及び住民票の写し等の交付に関する省令, 昭和60年自治省令第28号).

A booking (閲覧申出) has a life of weeks of its own (models, services); the visit of the
day (EtsuranKai) checks the 閲覧者's ID, shows the list (listing: only the 基本4情報,
never a protected person) and records the persons transcribed and the fee; the 閲覧簿
and the yearly 閲覧状況 (jokyo) read those rows. Decisions: docs/adr/0033-etsuran.md.
"""
