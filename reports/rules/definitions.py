"""Every cross-check and validation rule, as data (ids and severities as in the rules spec).

Adding a rule is adding an entry here, of one of the kinds in sums, values, narrative and meta.
"""
from django.utils.translation import gettext_lazy as _

from reports.formats.common import APPLY_COLUMNS

from .finding import ERROR, WARNING
from .sums import COLUMN, ROW, Compare, FormatSums

GOV_2019 = ("gov-2019",)
GOV_2021 = ("gov-2021",)
ANY_FORMAT = ()

EACH_APPLY_COLUMN = ("col", tuple(key for key, _label in APPLY_COLUMNS))

# Shared message templates.
NOT_EQUAL_IN_COLUMN = _("%(left_label)s (%(left)s) does not equal %(right_label)s (%(right)s) (%(where)s)")
NOT_EQUAL_IN_ROW = _("%(where)s: %(left_label)s (%(left)s) does not equal %(right_label)s (%(right)s)")

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
)

RULES = TABLE_RULES
