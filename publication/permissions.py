"""Who may build a government-level report: the open government office (overseer) of that government."""
import rules

from agencies.models import AgencyKind
from reports.permissions import oversees_government


@rules.predicate
def is_government(user, agency) -> bool:
    return agency.kind == AgencyKind.GOVERNMENT


rules.add_perm("publication.build_government_report", oversees_government & is_government)
