"""Parts shared by both national formats: sections, 表三 and 表四, narrative keys."""
from __future__ import annotations

from .base import AMOUNT, COUNT, Field, Note, Section, SumRule, Table, TextField, head, label, value

# ---------------------------------------------------------------- narrative

PREAMBLE = TextField(
    "text.preamble",
    "前言",
    guidance="引用《中华人民共和国政府信息公开条例》，列明报告的六个部分，说明统计期限、报告的查阅和下载地址，"
    "以及联系方式（地址、邮编、电话、传真、电子邮箱）。",
)

OVERVIEW_LEAD = TextField("text.overview", "导语", guidance="一段概述，可不填。")

OVERVIEW_TOPICS = (
    TextField(
        "text.overview.active",
        "（一）主动公开",
        guidance="主动公开的主要内容、渠道和数量，政策解读和回应关切情况。",
    ),
    TextField(
        "text.overview.on_request",
        "（二）依申请公开",
        guidance="收到和办理申请的数量、答复情况，与表三的数字一致。",
    ),
    TextField(
        "text.overview.management",
        "（三）政府信息管理",
        guidance="信息发布审核、保密审查、规范性文件清理和动态更新等情况。",
    ),
    TextField(
        "text.overview.platform",
        "（四）政府信息公开平台建设",
        guidance="政府网站、政务新媒体、公开专栏等平台的建设和维护情况。",
    ),
    TextField(
        "text.overview.oversight",
        "（五）监督保障",
        guidance="组织领导、制度建设、培训和考核；人民政府的报告须写明工作考核、社会评议和责任追究结果情况。",
    ),
)

PROBLEMS = TextField(
    "text.problems",
    "五、存在的主要问题及改进情况",
    guidance="写明具体问题和已采取、拟采取的改进措施，并说明上年问题的整改情况。",
    required=True,
)

OTHER = TextField(
    "text.other",
    "六、其他需要报告的事项",
    guidance="写明信息处理费的收取情况（未收取的写明“未收取信息处理费”）；人民政府还应报告落实上级年度政务公开"
    "工作要点、人大代表建议和政协提案办理结果公开、年度政务公开工作创新等情况。",
    required=True,
)

# ---------------------------------------------------------------- 表三

APPLICANTS = (
    ("natural", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("nonprofit", "社会公益组织"),
    ("legal", "法律服务机构"),
    ("other", "其他"),
)
APPLY_TOTAL_COLUMN = ("total", "总计")
APPLY_COLUMNS = APPLICANTS + (APPLY_TOTAL_COLUMN,)

APPLY_BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

# (row key, label, 条例 article for help text)
DENIED = (
    ("denied.secret", "1.属于国家秘密", "第十四条"),
    ("denied.prohibited", "2.其他法律行政法规禁止公开", "第十四条"),
    ("denied.security", "3.危及“三安全一稳定”", "第十四条"),
    ("denied.third_party", "4.保护第三方合法权益", "第十五条、第三十二条"),
    ("denied.internal", "5.属于三类内部事务信息", "第十六条第一款（人事管理、后勤管理、内部工作流程）"),
    ("denied.process", "6.属于四类过程性信息", "第十六条第二款（讨论记录、过程稿、磋商信函、请示报告）"),
    ("denied.enforcement_file", "7.属于行政执法案卷", "第十六条第二款"),
    ("denied.inquiry", "8.属于行政查询事项", "第三十六条第（七）项"),
)
UNAVAILABLE = (
    ("unavailable.not_held", "1.本机关不掌握相关政府信息", "第三十六条第（四）（五）项"),
    ("unavailable.needs_creation", "2.没有现成信息需要另行制作", "第三十八条"),
    ("unavailable.unclear", "3.补正后申请内容仍不明确", "第三十条"),
)
DECLINED = (
    ("declined.complaint", "1.信访举报投诉类申请", "第三十九条"),
    ("declined.duplicate", "2.重复申请", "第三十六条第（六）项"),
    ("declined.publication", "3.要求提供公开出版物", "第三十九条"),
    ("declined.excessive", "4.无正当理由大量反复申请", "第三十五条"),
    ("declined.confirmation", "5.要求行政机关确认或重新出具已获取信息", "第三十九条"),
)
OTHER_HANDLING_2021 = (
    (
        "other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "第三十条",
    ),
    (
        "other.no_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "第四十二条、《政府信息公开信息处理费管理办法》",
    ),
    ("other.other", "3.其他", ""),
)

RESULTS_HEADING = "三、本年度办理结果"

COMPUTED = "由系统自动计算，不需填写。"

# What each row of 表三 counts (help text and 填报说明); the articles are in the row tuples above.
APPLY_ROW_MEANINGS = {
    "new": "本年1月1日至12月31日新收到的政府信息公开申请件数，一份申请计一件。",
    "carried_in": "上年收到、跨年度转入本年继续办理的申请件数，应与上年报告“结转下年度继续办理”的数字一致。",
    "granted": "申请的信息全部予以公开，或告知申请人获取该信息的方式和途径。",
    "partial": "申请的信息部分公开、部分不予公开，作区分处理的；只计入本项，不再计入其他情形。",
    "denied.secret": "申请公开的信息依法确定为国家秘密。",
    "denied.prohibited": "法律、行政法规禁止公开的信息。",
    "denied.security": "公开后可能危及国家安全、公共安全、经济安全、社会稳定的信息。",
    "denied.third_party": "涉及商业秘密、个人隐私等，公开会损害第三方合法权益，且第三方不同意公开的信息。",
    "denied.internal": "人事管理、后勤管理、内部工作流程等内部事务信息。",
    "denied.process": "履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息。",
    "denied.enforcement_file": "行政执法案卷信息。",
    "denied.inquiry": "以申请公开的形式要求查询法律、行政法规另有规定的登记资料等，告知按有关规定办理的。",
    "unavailable.not_held": "经检索本机关没有该信息，或该信息不由本机关负责公开的。",
    "unavailable.needs_creation": "没有现成信息，需要对现有信息加工、分析或另行制作的。",
    "unavailable.unclear": "申请内容不明确，告知补正后仍不明确的。",
    "declined.complaint": "以申请公开的形式进行信访、投诉、举报的，告知通过相应渠道提出。",
    "declined.duplicate": "申请人重复申请公开相同政府信息的。",
    "declined.publication": "要求提供公开出版物的，告知获取途径。",
    "declined.excessive": "申请数量、频次明显超过合理范围，且无正当理由的。",
    "declined.confirmation": "要求确认或重新出具已经获取的信息的。",
    "other": "申请人逾期不补正、逾期未缴纳信息处理费、撤回申请等其他处理情形。",
    "other.no_correction": "告知补正后，申请人无正当理由逾期不补正、本机关不再处理的申请。",
    "other.no_fee": "申请人逾期未按收费通知缴纳信息处理费、本机关不再处理的申请。",
    "other.other": "不属于以上情形的其他处理结果，如申请人撤回申请。",
    "total": "（一）至（六）各项之和。" + COMPUTED,
    "carried_over": "本年收到、到12月31日尚未办结，转入下年度继续办理的申请件数。",
}
APPLY_COLUMN_MEANINGS = {
    "natural": "以公民个人名义提出的申请。",
    "business": "以商业企业名义提出的申请。",
    "research": "以科研机构名义提出的申请。",
    "nonprofit": "以社会公益组织名义提出的申请。",
    "legal": "以律师事务所等法律服务机构名义提出的申请。",
    "other": "以上述以外的法人或其他组织名义提出的申请。",
    "total": "各类申请人之和。" + COMPUTED,
}


def _article(article: str) -> str:
    return f"《中华人民共和国政府信息公开条例》{article}" if article else ""


def _apply_row(row_key, row_label, article, label_cells):
    fields = tuple(
        Field(
            key=f"apply.{row_key}.{col}",
            table="apply",
            row=row_key,
            column=col,
            row_label=row_label,
            column_label=col_label,
            computed=col == "total" or row_key == "total",
            help_text=_article(article),
        )
        for col, col_label in APPLY_COLUMNS
    )
    cells = tuple(label_cells) + tuple(value(f.key) for f in fields)
    return cells, fields


def apply_table(other_handling) -> Table:
    """表三. `other_handling` is the （六）其他处理 block: one row (gov-2019) or three."""
    header = (
        (head(APPLY_BALANCE_NOTE, colspan=3, rowspan=3), head("申请人情况", colspan=7)),
        (head("自然人", rowspan=2), head("法人或其他组织", colspan=5), head("总计", rowspan=2)),
        tuple(head(text) for _, text in APPLICANTS[1:]),
    )
    body, fields = [], []

    def add(row_key, row_label, article, label_cells):
        cells, row_fields = _apply_row(row_key, row_label, article, label_cells)
        body.append(cells)
        fields.extend(row_fields)

    add("new", "一、本年新收政府信息公开申请数量", "", [label("一、本年新收政府信息公开申请数量", colspan=3)])
    add("carried_in", "二、上年结转政府信息公开申请数量", "", [label("二、上年结转政府信息公开申请数量", colspan=3)])
    results_rows = 2 + len(DENIED) + len(UNAVAILABLE) + len(DECLINED) + len(other_handling) + 1
    results = label(RESULTS_HEADING, rowspan=results_rows)
    add("granted", "（一）予以公开", "第三十六条第（一）（二）项", [results, label("（一）予以公开", colspan=2)])
    partial = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    add("partial", partial, "第三十七条", [label(partial, colspan=2)])
    for group, rows in (("（三）不予公开", DENIED), ("（四）无法提供", UNAVAILABLE), ("（五）不予处理", DECLINED)):
        for i, (key, text, article) in enumerate(rows):
            group_cell = [label(group, rowspan=len(rows))] if i == 0 else []
            add(key, f"{group}{text}", article, group_cell + [label(text)])
    if len(other_handling) == 1:
        key, text, article = other_handling[0]
        add(key, text, article, [label(text, colspan=2)])
    else:
        for i, (key, text, article) in enumerate(other_handling):
            group_cell = [label("（六）其他处理", rowspan=len(other_handling))] if i == 0 else []
            add(key, f"（六）其他处理{text}", article, group_cell + [label(text)])
    add("total", "（七）总计", "", [label("（七）总计", colspan=2)])
    add(
        "carried_over",
        "四、结转下年度继续办理",
        "第三十三条",
        [label("四、结转下年度继续办理", colspan=3)],
    )
    return Table(
        "apply", columns=10, header=header, body=tuple(body), fields=tuple(fields),
        row_notes=_row_notes(fields, APPLY_ROW_MEANINGS),
        column_notes=tuple((col, Note(APPLY_COLUMN_MEANINGS[col])) for col, _ in APPLY_COLUMNS),
    )


def _row_notes(fields, meanings) -> tuple[tuple[str, Note], ...]:
    """One note per row: its meaning, and the article its fields carry as help text."""
    first = {}
    for f in fields:
        first.setdefault(f.row, f)
    return tuple((row, Note(meanings.get(row, ""), f.help_text)) for row, f in first.items())


def apply_result_rows(table: Table) -> tuple[str, ...]:
    """Row keys of 三、本年度办理结果 that add up to （七）总计."""
    rows = dict.fromkeys(f.row for f in table.fields)
    return tuple(r for r in rows if r not in ("new", "carried_in", "total", "carried_over"))


def apply_sums(table: Table) -> tuple[SumRule, ...]:
    """Row totals, then （七）总计 per column, then the （七）总计 row's own total.

    Ordered so that evaluating them in turn fills every computed cell.
    """
    rows = tuple(dict.fromkeys(f.row for f in table.fields))

    def row_sum(row):
        return SumRule(f"apply.{row}.total", tuple(f"apply.{row}.{c}" for c, _ in APPLICANTS))

    results = apply_result_rows(table)
    column_sums = tuple(
        SumRule(f"apply.total.{col}", tuple(f"apply.{r}.{col}" for r in results)) for col, _ in APPLY_COLUMNS
    )
    return tuple(row_sum(r) for r in rows if r != "total") + column_sums + (row_sum("total"),)


# ---------------------------------------------------------------- 表四

APPEAL_GROUPS = (
    ("review", "行政复议"),
    ("suit_direct", "未经复议直接起诉"),
    ("suit_after_review", "复议后起诉"),
)
APPEAL_RESULTS = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)


APPEAL_ARTICLE = _article("第五十一条")
APPEAL_ROW_MEANINGS = {
    "review": "本年以本机关为被申请人、因政府信息公开工作提起的行政复议案件。",
    "suit_direct": "本年未经行政复议、直接以本机关为被告提起的政府信息公开行政诉讼案件。",
    "suit_after_review": "本年经行政复议后，又提起的政府信息公开行政诉讼案件。",
}
APPEAL_COLUMN_MEANINGS = {
    "upheld": "复议机关或法院维持本机关行为、驳回请求的案件数。",
    "corrected": "确认违法、撤销、责令重新答复或履行等纠正本机关行为的案件数。",
    "other": "以调解、和解、撤回申请或起诉等其他方式结案的案件数。",
    "pending": "到本年12月31日尚未审结的案件数。",
    "total": "前四项之和。" + COMPUTED,
}


def appeal_table() -> Table:
    results = lambda **kw: tuple(head(text, **kw) for _, text in APPEAL_RESULTS)
    header = (
        (head("行政复议", colspan=5), head("行政诉讼", colspan=10)),
        results(rowspan=2) + (head("未经复议直接起诉", colspan=5), head("复议后起诉", colspan=5)),
        results() + results(),
    )
    fields = []
    for group, group_label in APPEAL_GROUPS:
        row_label = group_label if group == "review" else f"行政诉讼{group_label}"
        for result, result_label in APPEAL_RESULTS:
            fields.append(
                Field(
                    key=f"appeal.{group}.{result}",
                    table="appeal",
                    row=group,
                    column=result,
                    row_label=row_label,
                    column_label=result_label,
                    computed=result == "total",
                )
            )
    body = (tuple(value(f.key) for f in fields),)
    return Table(
        "appeal", columns=15, header=header, body=body, fields=tuple(fields),
        row_notes=tuple((g, Note(APPEAL_ROW_MEANINGS[g], APPEAL_ARTICLE)) for g, _ in APPEAL_GROUPS),
        column_notes=tuple((r, Note(APPEAL_COLUMN_MEANINGS[r])) for r, _ in APPEAL_RESULTS),
    )


def appeal_sums() -> tuple[SumRule, ...]:
    parts = [r for r, _ in APPEAL_RESULTS if r != "total"]
    return tuple(
        SumRule(f"appeal.{g}.total", tuple(f"appeal.{g}.{r}" for r in parts)) for g, _ in APPEAL_GROUPS
    )


# ---------------------------------------------------------------- sections


def sections(active: Table, apply: Table) -> tuple[Section, ...]:
    return (
        Section("overview", "一、总体情况", texts=(OVERVIEW_LEAD,) + OVERVIEW_TOPICS),
        Section("active", "二、主动公开政府信息情况", table=active),
        Section("apply", "三、收到和处理政府信息公开申请情况", table=apply),
        Section("appeal", "四、政府信息公开行政复议、行政诉讼情况", table=appeal_table()),
        Section("problems", "五、存在的主要问题及改进情况", texts=(PROBLEMS,)),
        Section("other", "六、其他需要报告的事项", texts=(OTHER,)),
    )


def active_field(key, row_label, column_label, kind=COUNT, article="", decimals=0):
    _, row, column = key.split(".")
    return Field(
        key=key,
        table="active",
        row=row,
        column=column,
        row_label=row_label,
        column_label=column_label,
        kind=kind,
        help_text=_article(article),
        decimals=decimals if kind == AMOUNT else 0,
    )


def active_block(article, columns, rows, kinds=None, variants=None):
    """One block of 表二: the article line, the 信息内容 header and its rows.

    `columns` are (column key, header label, colspan); `rows` are (row key, label);
    `kinds` maps a column key to a value kind other than COUNT; `variants` a column key to
    the variants of its header cell.
    """
    kinds, variants = kinds or {}, variants or {}
    grid = [
        (label(article, colspan=4),),
        (head("信息内容"),)
        + tuple(head(text, colspan=span, variants=variants.get(col, ())) for col, text, span in columns),
    ]
    fields = []
    for row_key, row_text in rows:
        row_fields = [
            active_field(
                f"active.{row_key}.{col}",
                row_text,
                text,
                kind=kinds.get(col, COUNT),
                article=f"第二十条第{article[5:]}",
                decimals=4,
            )
            for col, text, _ in columns
        ]
        fields.extend(row_fields)
        grid.append(
            (label(row_text),) + tuple(value(f.key, colspan=span) for f, (_, _, span) in zip(row_fields, columns))
        )
    return grid, fields


ACTIVE_ROW_MEANINGS = {
    "rules": "本机关制定的规章。",
    "normative": "本机关制发的行政规范性文件。",
    "license": "本机关实施的行政许可。",
    "other_services": "行政许可以外的其他对外管理服务事项。",
    "penalty": "本机关作出的行政处罚。",
    "coercion": "本机关采取的行政强制措施和行政强制执行。",
    "fees": "本机关依法收取的行政事业性收费。",
    "procurement": "本机关实施的政府集中采购。",
}


def active_table(blocks, column_meanings=None) -> Table:
    """表二 from its blocks; `column_meanings` maps a column key to what it counts (the formats differ)."""
    grid, fields = [], []
    for block_grid, block_fields in blocks:
        grid.extend(block_grid)
        fields.extend(block_fields)
    columns = dict.fromkeys(f.column for f in fields)
    return Table(
        "active", columns=4, header=(), body=tuple(grid), fields=tuple(fields), repeat_header=False,
        row_notes=_row_notes(fields, ACTIVE_ROW_MEANINGS),
        column_notes=tuple((c, Note(column_meanings[c])) for c in columns if c in (column_meanings or {})),
    )
