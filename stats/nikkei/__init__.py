"""The 日計表 (daily report of the fees taken), 月計 and 年計, computed only from the fee
rows of counter (counter.models_fees.FeeRow): report (the sums), periods (a day, a month,
a 年度 or a calendar year, in 和暦), format and export (the figures as text and CSV)."""
