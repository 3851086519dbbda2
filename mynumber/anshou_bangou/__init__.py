"""暗証番号変更・再設定: recorded that the holder changed or reset PINs at the CS terminal;
a 代理人 only with the 回答書 (照会書兼回答書), by which the staff enter the PIN (seed 004:
個人番号（カード暗証番号変更・再設定））. Never a PIN."""

from .kind import AnshouKind

KINDS = (AnshouKind(),)
