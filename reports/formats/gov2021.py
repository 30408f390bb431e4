"""国办公开办函〔2021〕30号: 《中华人民共和国政府信息公开工作年度报告格式》, report years 2021 onward."""
from .base import AMOUNT, PRECISE_FEE, ReportFormat
from .common import (
    OTHER_HANDLING_2021,
    PREAMBLE,
    active_block,
    active_table,
    appeal_sums,
    apply_sums,
    apply_table,
    sections,
)

FEE_HEADER = "本年收费金额（单位：万元）"
# Printed by some provinces instead; chosen per region.
FEE_HEADER_PRECISE = "本年收费金额（单位：万元，保留4位小数）"

ACTIVE = active_table(
    [
        active_block(
            "第二十条第（一）项",
            [("issued", "本年制发件数", 1), ("repealed", "本年废止件数", 1), ("in_force", "现行有效件数", 1)],
            [("rules", "规章"), ("normative", "行政规范性文件")],
        ),
        active_block("第二十条第（五）项", [("decided", "本年处理决定数量", 3)], [("license", "行政许可")]),
        active_block(
            "第二十条第（六）项",
            [("decided", "本年处理决定数量", 3)],
            [("penalty", "行政处罚"), ("coercion", "行政强制")],
        ),
        active_block(
            "第二十条第（八）项",
            [("amount", FEE_HEADER, 3)],
            [("fees", "行政事业性收费")],
            kinds={"amount": AMOUNT},
            variants={"amount": ((PRECISE_FEE, FEE_HEADER_PRECISE),)},
        ),
    ],
    column_meanings={
        "issued": "本年新制定、印发的件数。",
        "repealed": "本年宣布废止或失效的件数。",
        "in_force": "截至本年12月31日仍然有效的件数。",
        "decided": "本年作出的处理决定数量。",
        "amount": "本年收取的行政事业性收费金额，以万元为单位。",
    },
)

APPLY = apply_table(OTHER_HANDLING_2021)

FORMAT = ReportFormat(
    id="gov-2021",
    name="中华人民共和国政府信息公开工作年度报告格式",
    issued_by="国办公开办函〔2021〕30号",
    first_year=2021,
    last_year=None,
    sections=sections(ACTIVE, APPLY),
    preamble=PREAMBLE,
    sums=apply_sums(APPLY) + appeal_sums(),
)
