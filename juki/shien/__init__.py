"""支援措置 (DV・ストーカー行為等、児童虐待等の被害者の支援措置; 事務処理要領 第6-10).

The register of measures (models), its two-person acts (services), the guard every
procedure kind meets at each act (guard, declared in juki's manifest), the one-request
lift (一時解除), the alerts, and the mark every screen with an address shows (marks).
Placement and rules: docs/adr/0026-shien-sochi.md.
"""
