"""本人通知制度 (ADR 0034): a registered resident is told when a 代理人 or a 第三者
(士業 included) obtained a certificate about them.

A municipal program, not a duty of the 住基法: each city sets it by its own 要綱 (the
model most follow: 「住民票の写し等の第三者交付に係る本人通知制度実施要綱」). It concerns
the 交付 of 住民票の写し・住民票記載事項証明書 (住基法第12条第1項: a 代理人's request for
the 本人; 第12条の3第1項・第2項: a 第三者's or a 特定事務受任者's request) and of the
除票の写し (第15条の4). The 本人, a 同一世帯の者 and a 公用請求 (第12条の2) are not
notified: the 本人 or their household asked, or a public body did under its own law.

The notice says when, what, how many and which category of requester, never who: the
requester's name is 開示請求者以外の個人に関する情報 (個人情報の保護に関する法律
第78条第1項第2号); the 本人 who wants to know more asks for it under that law.
"""
