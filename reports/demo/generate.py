"""Realistic, internally consistent report content for the demo region.

Deterministic: the same agency profile and year always give the same numbers, and
each year carries over from the previous one (上年结转, 现行有效件数), so the
cross-year checks hold across the demo history.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reports.data import ReportData
from reports.formats import format_for_year
from reports.formats.common import APPEAL_GROUPS, APPLICANTS, apply_result_rows

from .narrative import narrative

# Share of applications each applicant kind files, and how results usually fall.
APPLICANT_WEIGHTS = {"natural": 80, "business": 8, "research": 1, "nonprofit": 1, "legal": 6, "other": 4}
RESULT_WEIGHTS = {
    "granted": 45, "partial": 10, "denied.secret": 1, "denied.prohibited": 1, "denied.security": 1,
    "denied.third_party": 3, "denied.internal": 2, "denied.process": 3, "denied.enforcement_file": 1,
    "denied.inquiry": 2, "unavailable.not_held": 14, "unavailable.needs_creation": 3, "unavailable.unclear": 2,
    "declined.complaint": 3, "declined.duplicate": 3, "declined.publication": 1, "declined.excessive": 1,
    "declined.confirmation": 1, "other": 2, "other.no_correction": 1, "other.no_fee": 0, "other.other": 1,
}


@dataclass(frozen=True)
class Profile:
    """How busy an agency is: applications a year, 表二 decision counts, fees."""

    applications: int
    licenses: int = 0
    penalties: int = 0
    coercions: int = 0
    fees_wan: str = "0"
    normative: int = 0


def _split(rng: random.Random, total: int, weights: dict[str, int]) -> dict[str, int]:
    keys = [k for k, w in weights.items() if w > 0]
    out = dict.fromkeys(weights, 0)
    for _ in range(total):
        out[rng.choices(keys, weights=[weights[k] for k in keys])[0]] += 1
    return out


def generate(
    *,
    agency: str,
    year: int,
    profile: Profile,
    seed: str,
    previous: ReportData | None,
    signed_on: date | None = None,
    carry_over: bool = True,
) -> ReportData:
    """`carry_over=False` closes every application within the year (the next year's report is a real one)."""
    fmt = format_for_year(year)
    rng = random.Random(f"{seed}:{year}")
    cells: dict = {}
    _fill_apply(cells, fmt, rng, profile, previous, carry_over)
    _fill_appeal(cells, rng, profile)
    _fill_active(cells, fmt, rng, profile, previous)
    for rule in fmt.sums:
        cells[rule.target] = sum(cells[p] for p in rule.parts)
    data = ReportData(
        format=fmt,
        year=year,
        agency=agency,
        signed_on=signed_on or date(year + 1, 1, rng.randint(10, 25)),
        cells=cells,
    )
    data.texts = narrative(data, previous, rng)
    return data


def _fill_apply(cells, fmt, rng, profile, previous, carry_over):
    results = apply_result_rows(fmt.table("apply"))
    weights = {r: RESULT_WEIGHTS[r] for r in results}
    scale = rng.uniform(0.75, 1.3)
    new_by_applicant = _split(rng, round(profile.applications * scale), APPLICANT_WEIGHTS)
    for col, _ in APPLICANTS:
        carried_in = previous.cells.get(f"apply.carried_over.{col}") or 0 if previous else 0
        new = new_by_applicant[col]
        open_total = new + carried_in
        carried_over = min(open_total, rng.choice([0, 0, 0, 1, 2])) if carry_over else 0
        cells[f"apply.new.{col}"] = new
        cells[f"apply.carried_in.{col}"] = carried_in
        cells[f"apply.carried_over.{col}"] = carried_over
        for row, count in _split(rng, open_total - carried_over, weights).items():
            cells[f"apply.{row}.{col}"] = count


def _fill_appeal(cells, rng, profile):
    busy = profile.applications // 40
    for group, _ in APPEAL_GROUPS:
        for result in ("upheld", "corrected", "other", "pending"):
            cells[f"appeal.{group}.{result}"] = rng.randint(0, busy) if busy else 0


def _fill_active(cells, fmt, rng, profile, previous):
    prev = previous.cells if previous else {}
    decisions = {"license": profile.licenses, "penalty": profile.penalties, "coercion": profile.coercions}
    if fmt.id == "gov-2021":
        for kind in ("rules", "normative"):
            base = profile.normative if kind == "normative" else 0
            stock = prev.get(f"active.{kind}.in_force") if previous and previous.format is fmt else None
            stock = base * 3 if stock is None else stock
            issued = rng.randint(0, base) if base else 0
            repealed = rng.randint(0, min(stock, 1 + base // 2)) if stock else 0
            cells[f"active.{kind}.issued"] = issued
            cells[f"active.{kind}.repealed"] = repealed
            cells[f"active.{kind}.in_force"] = stock + issued - repealed
        for kind, amount in decisions.items():
            cells[f"active.{kind}.decided"] = round(amount * rng.uniform(0.8, 1.2))
        cells["active.fees.amount"] = (Decimal(profile.fees_wan) * Decimal(rng.uniform(0.9, 1.1))).quantize(
            Decimal("0.0001")
        )
        return
    for kind in ("rules", "normative"):
        made = rng.randint(0, profile.normative) if kind == "normative" and profile.normative else 0
        cells[f"active.{kind}.made"] = made
        cells[f"active.{kind}.published"] = made
        cells[f"active.{kind}.total_public"] = made + (profile.normative * 3 if kind == "normative" else 0)
    decisions["other_services"] = profile.licenses // 3
    for kind, amount in decisions.items():
        cells[f"active.{kind}.prev_items"] = (amount // 50) if amount else 0
        cells[f"active.{kind}.change"] = rng.choice([-1, 0, 0, 1]) if amount else 0
        cells[f"active.{kind}.decided"] = round(amount * rng.uniform(0.8, 1.2))
    cells["active.fees.prev_items"] = 1 if Decimal(profile.fees_wan) else 0
    cells["active.fees.change"] = 0
    cells["active.procurement.items"] = rng.randint(0, 6)
    cells["active.procurement.amount"] = Decimal(rng.randint(0, 3_000_000)) / 100
