"""Template context of a step page, its live fragment and the final check page."""
from __future__ import annotations

import json

from django.urls import reverse

from reports.models import ReportStatus
from reports.rules import ERROR, SUBMIT, WARNING
from reports.rules.carry import prefill_formulas, prefill_offers
from reports.rules.labels import text_label
from reports.tidy import text_tidy_proposals
from review import selectors as review_selectors
from review.services import last_event
from review.summaries import summary_store_saved

from . import checks
from .forms import StepForm
from .guide import compare_data, table_guide_script
from .presenters import finding_views, last_saved, marks
from .selectors import draft_state
from .services import blank_cells, display_value
from .steps import CHECK, dom_id, neighbours, steps_for
from .table_html import cell_states, skeleton, table_body


def _live_state(step, data, version, errors, finding_list, conflicts, statuses, saved) -> str:
    """What the page script applies after a live check: version, totals, marks, the steps' progress and
    who saved last (JSON in a data attribute)."""
    fmt = data.format
    totals = {dom_id(k): display_value(data.value(k)) for k in step.cell_keys if fmt.field(k).computed}
    marked = marks(finding_list)
    return json.dumps({
        "version": version,
        "totals": totals,
        "errors": [dom_id(k) for k in errors],
        "marks": {dom_id(k): {"ids": ids, "error": is_error} for k, (ids, is_error) in marked.items()},
        "findings": [f.signature for f in finding_list],
        "conflict": bool(conflicts),
        "clashing": [c.key for c in conflicts],
        "statuses": {s.step.slug: [s.status, str(s.label)] for s in statuses},
        "last_saved": saved,
    })


def _formulas_json(data, last_year) -> str:
    """The prefill formulas with element ids, for the page to recompute an offer as people type."""
    formulas = prefill_formulas(data=data, last_year=last_year)
    return json.dumps({
        dom_id(target): {"base": f["base"], "terms": [[sign, dom_id(key)] for sign, key in f["terms"]]}
        for target, f in formulas.items()
    })


def step_urls(report) -> dict[str, str]:
    """Each step's address by slug, from one reverse: a slug is the address's last part and needs no quoting."""
    sample = reverse("drafting:step", args=[report.agency.code, report.year, CHECK])
    head = sample[: -len(CHECK) - 1]
    return {s.slug: f"{head}{s.slug}/" for s in steps_for(report.format)}


def nav_items(report, statuses, open_counts: dict[str, int]) -> list[tuple]:
    """The step navigation's entries: (status, address, open review comments)."""
    urls = step_urls(report)
    return [(s, urls[s.step.slug], open_counts.get(s.step.slug, 0)) for s in statuses]


def _labels(fmt) -> dict[str, str]:
    """Every cell's and text's label, for the list of input not understood."""
    return {f.key: f.label for f in fmt.fields} | {t.key: t.label for t in fmt.text_fields}


def review_facts(request, report) -> dict:
    """What the review round says to the editors: the return (if any), open comments per step, 撤回."""
    # Only a submitted report can be withdrawn: other states skip the workflow queries.
    can_withdraw = report.status == ReportStatus.SUBMITTED and request.user.has_perm("report.withdraw", report)
    return {
        "returned": review_selectors.returned_notice(report),
        "open_comments": review_selectors.open_comment_counts(report),
        "can_withdraw": can_withdraw,
        "seen_event": getattr(last_event(report), "pk", 0) if can_withdraw else 0,
    }


def step_context(request, report, step, *, outcome=None, submitted=None, live: bool = False,
                 saved: bool = False) -> dict:
    """`saved`: the outcome is a save that made a new version, whose check counts the dashboard should see."""
    state = draft_state(report, data=outcome.data if outcome else None, inputs=outcome.inputs if outcome else None)
    data, fmt = state.data, report.format
    editable = request.user.has_perm("report.edit", report)
    all_findings = checks.findings(state)
    if saved and outcome.ok and outcome.data is not None:
        summary_store_saved(report, outcome.version, state, all_findings)
    finding_list = finding_views(checks.for_step(step, all_findings))
    errors = outcome.errors if outcome else {}
    conflicts = outcome.conflicts if outcome else []
    version = outcome.version if outcome else report.version
    kept = bool(errors or conflicts) and submitted is not None
    labels = _labels(fmt) if errors else {}  # only the list of input not understood needs them
    statuses = checks.step_statuses(state, all_findings)
    last_save = last_saved(report)
    context = {
        "report": report,
        "step": step,
        "editable": editable,
        "version": version,
        "current_version": outcome.current_version if outcome else report.version,
        "findings": finding_list,
        "input_errors": [(dom_id(k), labels.get(k, ""), msg) for k, msg in errors.items()],
        "conflicts": [(c, dom_id(c.key)) for c in conflicts],
        "live_state": _live_state(step, data, version, errors, finding_list, conflicts, statuses, last_save),
        "live_url": reverse("drafting:live", args=[report.agency.code, report.year, step.slug]),
        # Unsaved input kept in the browser belongs to one person (the page adds the tab).
        "storage_key": f"nianbao:draft:{request.user.pk}:{report.pk}:{step.slug}",
        "last_saved": last_save,
    }
    if live:
        return context
    previous, following = neighbours(fmt, step)
    threads = review_selectors.comment_threads(report)  # the section's threads and the open counts: one query
    context.update({
        "nav": nav_items(report, statuses, threads.open_counts),
        "comment_threads": threads,
        "previous": previous,
        "next": following,
        "hub_url": reverse("drafting:hub", args=[report.agency.code, report.year]),
        "compare": compare_data(step, state.last_year),
        "guide_url": reverse("drafting:guide", args=[fmt.id]) + f"#section-{step.slug}",
    })
    if step.table:
        offers = prefill_offers(data=data, last_year=state.last_year) if editable else {}
        raw = {k: submitted[k] for k in step.input_keys if k in submitted} if kept else {}
        states = cell_states(
            step.table, values=data.cells, raw=raw, errors=errors, offers=offers, finding_marks=marks(finding_list),
        )
        context.update({
            "table_head": skeleton(fmt.id, step.table).head,
            "table_body": table_body(fmt.id, step.table, states, editable=editable),
            "has_prefill": any(s.prefilled for s in states.values()),
            "blank_count": len(blank_cells(step, data, offers)) if editable else 0,
            "prefill_formulas": _formulas_json(data, state.last_year) if editable else "{}",
            "paste_url": reverse("drafting:paste", args=[report.agency.code, report.year, step.slug]),
            "table_guide_script": table_guide_script(fmt.id, step.table.key),
        })
    else:
        form = StepForm(submitted if kept else None, step=step, data_=data, read_only=not editable)
        for key, message in errors.items():
            form.add_error(key, message)
        form.mark(marks(finding_list))
        last = state.last_year
        context.update({
            "form": form,
            "agency_name": report.agency.name,
            "copyable": {k for k in step.text_keys if last and last.text(k) and not data.text(k)} if editable
            else set(),
        })
    return context


def _tidy_proposals(fmt, data) -> list[tuple[str, list]]:
    """(text label, proposals) for every narrative text with paragraphs 一键排版 would change."""
    found = []
    for key in fmt.text_keys:
        proposals = text_tidy_proposals(key, data.text(key))
        if proposals:
            found.append((text_label(fmt, key), proposals))
    return found


def check_context(request, report, submit_url: str) -> dict:
    state = draft_state(report)
    fmt = report.format
    all_findings = checks.findings(state, stage=SUBMIT)
    groups = []
    for step in steps_for(fmt):
        mine = finding_views(checks.for_step(step, all_findings), prefix=f"finding-{step.slug}")
        if mine:
            url = reverse("drafting:step", args=[report.agency.code, report.year, step.slug])
            groups.append((step, url, mine))
    warnings = list(dict.fromkeys(f.rule for f in all_findings if f.severity == WARNING))
    editable = request.user.has_perm("report.edit", report)
    offers = prefill_offers(data=state.data, last_year=state.last_year) if editable else {}
    return {
        "report": report,
        "tidy": _tidy_proposals(fmt, state.data) if editable else [],
        "blank_count": sum(len(blank_cells(s, state.data, offers)) for s in steps_for(fmt) if s.table)
        if editable else 0,
        "step": steps_for(fmt)[-1],
        "nav": nav_items(report, checks.step_statuses(state, checks.findings(state)),
                         review_selectors.open_comment_counts(report)),
        "groups": groups,
        "errors": sum(f.severity == ERROR for f in all_findings),
        "warning_rules": [
            (rule, [f.message for f in all_findings if f.rule == rule]) for rule in warnings
        ],
        "submit_url": submit_url if editable else "",
        "editable": editable,
        "hub_url": reverse("drafting:hub", args=[report.agency.code, report.year]),
        "previous": steps_for(fmt)[-2],
    }
