"""What every printed certificate shares, whichever app prints it (docs/adr/0030).

certificates prints the 住民票の写し and its kin, seal the 印鑑登録証明書; neither may
import the other, and none of these pieces knows a resident, so they live here:

- :mod:`.issue` — the 認証文 block's values (date in 和暦, the 職名 with the prefecture,
  the 電子公印 at most 25 mm: j1000, j1050), the 見本 of a draft, and
  :func:`~.issue.print_copy`: a final copy takes the day's 発行番号 (counter.hakko_bango,
  j1040), prints its signed QR code and records one :class:`~.models.HakkoKiroku`;
- :mod:`.models` — HakkoKiroku, the record of every printed copy of every app (one table,
  so the verify page answers for all of them);
- :mod:`.qr` — the signed token of the QR code;
- :mod:`.verify` — the public verify page and the 職員's report of a void copy.

The templates extend templates/documents/shomei_base.html (the 発行番号 margin box, the QR
code, the 認証文 block closing the flow).

Import the submodules; this package imports nothing (counter.models loads .models while
counter.models itself is being loaded).
"""
