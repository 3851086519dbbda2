"""特急発行: a 交付申請 at the window that J-LIS makes in a short time, for those the
特急発行 is for (新生児等, 紛失等による再交付, 国外からの転入者), with the applicant's photo
taken and the delivery address chosen (seed 004: 個人番号(特急発行）, 出生届同時 aside)."""

from .kind import TokkyuuKind

KINDS = (TokkyuuKind(),)
