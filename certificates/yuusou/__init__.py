"""郵送請求 (seed 004 住基事務（郵送・公用請求事務等）; docs/adr/0031): the envelope opened
and sorted, the request entered and approved on the machine like a window request, paid
in 定額小為替, sent only to the 請求者's registered address; the 処理簿 and the 精算書."""
