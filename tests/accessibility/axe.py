"""axe-core in Chromium with the WCAG 2.1 A and AA rules.

axe-playwright-python ships axe.min.js inside its wheel and evaluates it in the page: nothing is
fetched at run time. page.evaluate is not subject to the app's Content-Security-Policy.
"""
from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
VIEWPORTS = {"1280x800": {"width": 1280, "height": 800}, "390x844": {"width": 390, "height": 844}}

_axe = Axe()


def violations(page) -> list[dict]:
    return _axe.run(page, options=WCAG_21_AA).response["violations"]


def describe(where: str, violation: dict) -> str:
    """One line per rule: where, which rule, the first elements and why."""
    nodes = violation["nodes"]
    shown = "; ".join(f"{' '.join(map(str, n['target']))} ({_why(n)})" for n in nodes[:3])
    more = f" and {len(nodes) - 3} more" if len(nodes) > 3 else ""
    return f"{where}: {violation['id']} — {shown}{more}"


def _why(node: dict) -> str:
    checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
    return checks[0]["message"] if checks else node.get("failureSummary", "")
