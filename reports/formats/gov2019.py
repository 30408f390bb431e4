"""国办公开办函〔2019〕60号: 《中华人民共和国政府信息公开工作年度报告格式（试行）》, report years 2019–2020."""
from .base import AMOUNT, SIGNED, ReportFormat
from .common import PREAMBLE, active_block, active_table, appeal_sums, apply_sums, apply_table, sections

_ITEMS = [("prev_items", "上一年项目数量", 1), ("change", "本年增/减", 1), ("decided", "处理决定数量", 1)]
_SIGNED = {"change": SIGNED}

ACTIVE = active_table(
    [
        active_block(
            "第二十条第（一）项",
            [("made", "本年新制作数量", 1), ("published", "本年新公开数量", 1), ("total_public", "对外公开总数量", 1)],
            [("rules", "规章"), ("normative", "规范性文件")],
        ),
        active_block(
            "第二十条第（五）项",
            _ITEMS,
            [("license", "行政许可"), ("other_services", "其他对外管理服务事项")],
            kinds=_SIGNED,
        ),
        active_block(
            "第二十条第（六）项", _ITEMS, [("penalty", "行政处罚"), ("coercion", "行政强制")], kinds=_SIGNED
        ),
        active_block(
            "第二十条第（八）项",
            [("prev_items", "上一年项目数量", 1), ("change", "本年增/减", 2)],
            [("fees", "行政事业性收费")],
            kinds=_SIGNED,
        ),
        active_block(
            "第二十条第（九）项",
            [("items", "采购项目数量", 1), ("amount", "采购总金额", 2)],
            [("procurement", "政府集中采购")],
            kinds={"amount": AMOUNT},
        ),
    ],
    column_meanings={
        "made": "本年新制作的件数。",
        "published": "本年新公开的件数。",
        "total_public": "截至本年末对外公开的总件数。",
        "prev_items": "上一年末的项目数量。",
        "change": "与上一年相比本年增加（正数）或减少（负数）的项目数量。",
        "decided": "本年作出的处理决定数量。",
        "items": "本年政府集中采购的项目数量。",
        "amount": "本年政府集中采购的总金额。",
    },
)

APPLY = apply_table([("other", "（六）其他处理", "第三十条、第四十二条")])

FORMAT = ReportFormat(
    id="gov-2019",
    name="中华人民共和国政府信息公开工作年度报告格式（试行）",
    issued_by="国办公开办函〔2019〕60号",
    first_year=2019,
    last_year=2020,
    sections=sections(ACTIVE, APPLY),
    preamble=PREAMBLE,
    sums=apply_sums(APPLY) + appeal_sums(),
)
