"""Every cross-check and validation rule, as data (ids and severities as in the rules spec).

Adding a rule is adding an entry here, of one of the kinds in sums, values, narrative,
numbers, similarity and meta; its message is an English msgid with its Chinese in this
package's catalogue, and names cells only through the format's labels.
"""
from django.utils.translation import gettext_lazy as _

from reports.formats import AMOUNT, COUNT, SIGNED
from reports.formats.common import APPLY_COLUMNS
from reports.formats.common import OVERVIEW_TOPICS as OVERVIEW_TOPIC_FIELDS

from .base import NEGATIVE, NOT_NUMBER, NOT_WHOLE, TOO_PRECISE
from .finding import ERROR, INFO, SUBMIT, WARNING
from .meta import Dated, FormatOfYear, SignatureDate, StaleYear, TitleNotAPath, TitleOfReport
from .narrative import TextEach, TextLayout, TextMentions, TextRequired, TextSubstance
from .numbers import Claim, NarrativeNumbers
from .similarity import SimilarToLastYear
from .sums import COLUMN, ROW, Compare, FormatSums
from .values import Filled, NeedsPower, Plausible, UnknownKeys, ValueDomain

GOV_2019 = ("gov-2019",)
GOV_2021 = ("gov-2021",)
ANY_FORMAT = ()

EACH_APPLY_COLUMN = ("col", tuple(key for key, _label in APPLY_COLUMNS))

# Shared message templates.
NOT_EQUAL_IN_COLUMN = _("%(left_label)s (%(left)s) does not equal %(right_label)s (%(right)s) (%(where)s)")
NOT_EQUAL_IN_ROW = _("%(where)s: %(left_label)s (%(left)s) does not equal %(right_label)s (%(right)s)")

OVERVIEW_TOPICS = tuple(t.key for t in OVERVIEW_TOPIC_FIELDS)
FEE_TERMS = (("信息处理费",),)

VALUE_RULES = (
    UnknownKeys(
        id="INPUT-UNKNOWN-KEY",
        severity=ERROR,
        message=_("Unknown cell key “%(key)s” for format %(format)s"),
        text_message=_("Unknown text key “%(key)s” for format %(format)s"),
    ),
    ValueDomain(
        id="VALUE-INTEGER",
        severity=ERROR,
        message="",
        kinds=(COUNT, SIGNED),
        messages=(
            (NOT_NUMBER, _("%(cell)s: “%(value)s” is not a whole number")),
            (NOT_WHOLE, _("%(cell)s: “%(value)s” is not a whole number")),
            (NEGATIVE, _("%(cell)s: %(value)s is negative, but a count cannot be negative")),
        ),
    ),
    ValueDomain(
        id="VALUE-FEE",
        severity=ERROR,
        message="",
        kinds=(AMOUNT,),
        messages=(
            (NOT_NUMBER, _("%(cell)s: “%(value)s” is not an amount")),
            (NEGATIVE, _("%(cell)s: the amount %(value)s is negative")),
            (TOO_PRECISE, _("%(cell)s: %(value)s has more than %(places)s decimal places")),
        ),
    ),
    Filled(
        id="VALUE-FILLED",
        severity=ERROR,
        stage=SUBMIT,
        message=_("%(table)s: %(count)s values are not filled in (%(labels)s); where there is nothing to report "
                  "the table shows 0"),
    ),
    Plausible(
        id="VALUE-RANGE",
        severity=WARNING,
        message=_("%(cell)s: %(value)s is more than %(limit)s; please check for a typo"),
        tables=("apply", "appeal"),
        count_limit=100_000,
        amount_keys=("active.fees.amount",),
        amount_limit=10_000,
        levels=("county", "township"),
        amount_message=_("%(cell)s: %(value)s (10,000 yuan) is more than %(limit)s for an agency below the "
                         "level of a city with districts; was the amount typed in yuan?"),
    ),
)

TABLE_RULES = (
    Compare(
        id="APPLY-BALANCE",
        severity=ERROR,
        message=_("Item one plus item two (%(left)s) does not equal item three plus item four (%(right)s) "
                  "(%(where)s)"),
        over=EACH_APPLY_COLUMN,
        left=("apply.new.{col}", "apply.carried_in.{col}"),
        right=("apply.total.{col}", "apply.carried_over.{col}"),
    ),
    FormatSums(
        id="APPLY-RESULTS-SUM",
        severity=ERROR,
        message=_("%(target)s (%(left)s) does not equal the sum of %(parts)s (%(right)s) (%(where)s)"),
        table="apply",
        axis=COLUMN,
    ),
    FormatSums(
        id="APPLY-ROW-SUM",
        severity=ERROR,
        message=_("%(where)s: %(target)s (%(left)s) does not equal the sum of %(parts)s (%(right)s)"),
        table="apply",
        axis=ROW,
    ),
    Compare(
        id="APPLY-CARRY-IN",
        severity=WARNING,
        message=NOT_EQUAL_IN_COLUMN,
        over=EACH_APPLY_COLUMN,
        left=("apply.carried_in.{col}",),
        right=("last:apply.carried_over.{col}",),
        last_year_formats=ANY_FORMAT,
        carries_forward=True,
    ),
    FormatSums(
        id="APPEAL-SUM",
        severity=ERROR,
        message=_("%(where)s: %(target)s (%(left)s) does not equal the sum of %(parts)s (%(right)s)"),
        table="appeal",
        axis=ROW,
    ),
    Compare(
        id="ACTIVE-STOCK",
        severity=WARNING,
        message=NOT_EQUAL_IN_ROW,
        formats=GOV_2021,
        over=("row", ("rules", "normative")),
        left=("active.{row}.in_force",),
        right=("last:active.{row}.in_force", "active.{row}.issued", "-active.{row}.repealed"),
        last_year_formats=GOV_2021,
        carries_forward=True,
    ),
    TextMentions(
        id="APPLY-NO-FEE-TEXT",
        severity=WARNING,
        message=_("%(cell)s is %(value)s, but %(text)s says nothing about information processing fees"),
        key="text.other",
        terms=FEE_TERMS,
        when_positive="apply.other.no_fee.total",
    ),
    Compare(
        id="ACTIVE-REPEAL-BOUND",
        severity=WARNING,
        message=_("%(where)s: %(left_label)s (%(left)s) exceeds %(right_label)s (%(right)s)"),
        formats=GOV_2021,
        over=("row", ("rules", "normative")),
        op="<=",
        left=("active.{row}.repealed",),
        right=("last:active.{row}.in_force", "active.{row}.issued"),
        last_year_formats=GOV_2021,
    ),
    Compare(
        id="ACTIVE-ITEMS-CHANGE",
        severity=WARNING,
        message=NOT_EQUAL_IN_ROW,
        formats=GOV_2019,
        over=("row", ("license", "other_services", "penalty", "coercion", "fees")),
        left=("active.{row}.prev_items",),
        right=("last:active.{row}.prev_items", "last:active.{row}.change"),
        last_year_formats=GOV_2019,
    ),
    NeedsPower(
        id="ACTIVE-RULES-AUTHORITY",
        severity=WARNING,
        message=_("%(row)s: %(values)s, but the agency cannot make rules (only departments of the State Council "
                  "and the people's governments of provinces, autonomous regions, municipalities, cities with "
                  "districts and autonomous prefectures can, Legislation Law)"),
        table="active",
        row="rules",
        power="can_make_rules",
    ),
)

NARRATIVE_RULES = (
    FormatOfYear(
        id="FORMAT-YEAR",
        severity=ERROR,
        message=_("A report for %(year)s uses “%(expected)s”, not “%(format)s”"),
        no_format_message=_("No report format covers the year %(year)s"),
    ),
    TextRequired(
        id="TEXT-REQUIRED",
        severity=ERROR,
        message=_("%(section)s is empty"),
        group_message=_("%(section)s: none of %(texts)s is filled in"),
        groups=(OVERVIEW_TOPICS, ("text.problems",), ("text.other",)),
    ),
    TextEach(
        id="TEXT-OVERVIEW-TOPICS",
        severity=WARNING,
        message=_("%(section)s: %(text)s has no text of its own"),
        formats=GOV_2021,
        keys=OVERVIEW_TOPICS,
    ),
    TextSubstance(
        id="TEXT-PROBLEMS-SUBSTANCE",
        severity=WARNING,
        message=_("%(text)s has only %(length)s characters; name the problems and the measures taken "
                  "(at least %(minimum)s characters)"),
        key="text.problems",
        min_length=30,
    ),
    TextLayout(
        id="TEXT-LAYOUT",
        severity=INFO,
        message=_("%(text)s: %(count)s paragraph(s) with list markers or half-width punctuation between Chinese "
                  "characters; “Tidy layout” at the check step fixes each one you accept"),
    ),
    TextMentions(
        id="TEXT-FEE-STATEMENT",
        severity=WARNING,
        message=_("%(text)s does not state whether information processing fees were charged "
                  "(if none were, say so)"),
        formats=GOV_2021,
        key="text.other",
        terms=FEE_TERMS,
    ),
    TextMentions(
        id="TEXT-GOV-OVERSIGHT",
        severity=WARNING,
        message=_("%(text)s of a people's government's report does not mention %(missing)s"),
        key="text.overview.oversight",
        terms=(("工作考核", "考核"), ("社会评议", "评议"), ("责任追究", "追责", "问责")),
        government_only=True,
        blank_too=True,
    ),
    NarrativeNumbers(
        id="TEXT-NUMBERS",
        severity=WARNING,
        message=_("%(text)s states “%(quote)s”, but %(target)s is %(value)s"),
        claims=(
            Claim(
                keyword="收到|新收|受理|接收",
                targets=("apply.new.total",),
                needs=("申请",),
                forbids=("复议", "诉讼", "结转", "办结", "答复", "办理", "举报", "投诉"),
            ),
            Claim(keyword="上一?年度?结转|上年遗留", targets=("apply.carried_in.total",), forbids=("下",)),
            Claim(
                keyword=r"结转(?:至|到|入)?(?:下一?年|\d{4}年)|转入下一?年",
                targets=("apply.carried_over.total",),
            ),
            Claim(
                keyword="行政复议",
                targets=("appeal.review.total",),
                forbids=("诉讼", "维持", "纠正", "结果", "审结", "撤销", "驳回", "其中"),
            ),
            Claim(
                keyword="行政诉讼",
                targets=("appeal.suit_direct.total", "appeal.suit_after_review.total"),
                forbids=("复议", "维持", "纠正", "结果", "审结", "胜诉", "败诉", "驳回", "其中"),
                not_after=("复议后", "复议后提起"),
            ),
            Claim(
                keyword="(?:比|较)(?:去年|上年|上一年)(?:同期)?(?:增加|增长|上升|多|减少|下降|少)了?|"
                "同比(?:增加|增长|上升|减少|下降)了?",
                targets=("apply.new.total", "-last:apply.new.total"),
                sentence_needs=("申请",),
                sentence_forbids=("复议", "诉讼"),
                within=0,
                decrease=("减少", "下降", "少"),
            ),
        ),
    ),
    SimilarToLastYear(
        id="TEXT-SIMILAR-LAST-YEAR",
        severity=WARNING,
        message=_("%(share)s%% of the narrative is word for word last year's report"),
        last_year_formats=ANY_FORMAT,
        threshold=0.5,
        min_length=50,
    ),
    TitleOfReport(
        id="META-TITLE",
        severity=WARNING,
        message=_("The title “%(title)s” should read “%(expected)s”"),
        agency_placeholder=_("(full name of the agency)"),
    ),
    TitleNotAPath(
        id="META-TITLE-PATH",
        severity=ERROR,
        message=_("The title “%(title)s” contains “/”, “\\” or “..”, which a file name cannot hold; remove them"),
    ),
    SignatureDate(
        id="META-DATE",
        severity=WARNING,
        message=_("The report is dated %(date)s; it should be dated in %(expected)s"),
        late_message=_("The report is dated %(date)s, after the publication deadline %(deadline)s"),
    ),
    Dated(
        id="META-DATE-MISSING",
        severity=ERROR,
        stage=SUBMIT,
        message=_("The report has no signature date"),
    ),
    StaleYear(
        id="META-STALE-REFERENCE",
        severity=INFO,
        message=_("%(text)s cites “%(quote)s” of %(cited)s in the report for %(year)s; is the current "
                  "document meant?"),
        documents=(r"(?P<quote>《[^《》]{0,30}?(?P<year>\d{4})年[^《》]{0,30}?(?:要点|安排|方案|计划|任务)[^《》]{0,10}》)",),
        periods=(r"(?P<quote>统计期限自(?P<year>\d{4})年)",),
        period_message=_("%(text)s states “%(quote)s”, but the report is for %(year)s"),
    ),
)

RULES = VALUE_RULES + TABLE_RULES + NARRATIVE_RULES
