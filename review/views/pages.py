"""The review page of one report, its comments, history, comparison of versions and corrections."""
from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reports import selectors as report_selectors
from reports.drafting.presenters import last_saved
from reports.exports.service import report_document
from reports.models import ReportStatus
from reports.rules import SUBMIT

from .. import selectors, services, versions
from ..forms import CommentForm, DecisionForm, ReplyForm
from ..models import Action, ReportRevision
from ..sections import section_choices
from ..summaries import summary_store
from .common import visible_report

ACTION_PERMS = ("withdraw", "return", "approve", "accept", "publish", "correct")


def comment_form(report, data=None) -> CommentForm:
    fmt = report.format
    cells = [(f.key, f.label) for f in fmt.fields] + [(t.key, t.label) for t in fmt.text_fields]
    return CommentForm(data, sections=section_choices(fmt), cells=cells)


def document_context(report, compare_from: int) -> dict:
    """The rendered report for the review page, with what the page script needs to mark and pick its parts."""
    fmt = report.format
    keys = list(fmt.keys) + list(fmt.text_keys)
    changed = [row.key for diff in versions.compare(report, compare_from, report.version) for row in diff.rows] \
        if compare_from < report.version else []
    return {
        "document": report_document(report),
        "document_keys": json.dumps({k: [fmt.section_of(k), fmt.label_of(k)] for k in keys}, ensure_ascii=False),
        "changed_keys": json.dumps(changed),
    }


def compare_base(report) -> tuple[int, bool]:
    """The version a reviewer compares against, and whether it is the last return.

    When it was last returned, else last submitted, else the first version.
    """
    for action in (Action.RETURN, Action.SUBMIT):
        event = selectors.last_event(report, action)
        if event is not None and event.version < report.version:
            return event.version, action == Action.RETURN
    return 1, False


# What a person does with a report in review: deciding (approve, accept, publish) makes it theirs to handle;
# being able only to return it does not.
DECISIONS = ("approve", "accept", "publish")


@login_required
def queue(request):
    """What awaits the person's decision: reports of their agencies in review, and those of their regions.

    "Awaits you" only where the person can decide; returned reports are listed while their editors revise them.
    """
    reports = list(selectors.review_queue(request.user))
    returns = selectors.returned_notices(reports)
    rows = [
        (report, [name for name in DECISIONS if request.user.has_perm(f"report.{name}", report)],
         request.user.has_perm("report.return", report), returns.get(report.pk))
        for report in reports if report.status != ReportStatus.DRAFT or report.pk in returns
    ]
    return render(request, "review/queue.html", {"rows": rows})


def public_address(report) -> str:
    if report.status != ReportStatus.PUBLISHED:
        return ""
    return reverse("publication:report", args=[report.agency.region().code, report.agency.code, report.year])


def decision_state(report, returned) -> str:
    """Where the report stands in the round, in one sentence for the decision panel."""
    if report.status == ReportStatus.DRAFT:
        if returned is not None:
            return _("Returned to its editors: it comes back here when they submit it again.")
        return _("Being written by its editors; not submitted yet.")
    if report.status == ReportStatus.SUBMITTED:
        return _("Submitted: approve it, or return it to its editors with a comment.")
    if report.status == ReportStatus.APPROVED:
        facts = selectors.workflow_facts(report)
        if facts.second_review and not facts.accepted:
            return _("Approved by the agency: the open government office accepts it before it is published.")
        return _("Approved: it is ready to be published.")
    return _("Published.")


def decision_note(request, report) -> str:
    """Why a person who decides for the agency has no approve or publish button: four eyes, or ""."""
    doing = {ReportStatus.SUBMITTED: _("approve"), ReportStatus.APPROVED: _("publish")}.get(report.status)
    return services.four_eyes_refusal(report, request.user, doing) if doing else ""


@login_required
def report_page(request, agency_code: str, year: int):
    report = visible_report(request, agency_code, year)
    findings = report_selectors.check_report(report, stage=SUBMIT)
    summary_store(report, findings)
    compare_from, since_return = compare_base(report)
    comments: dict[str, list] = {}
    for comment in selectors.report_comments(report):
        comment.cell_label = report.format.label_of(comment.cell) if comment.cell else ""
        comments.setdefault(comment.section, []).append(comment)
    sections = [(key, heading, comments.get(key, [])) for key, heading in section_choices(report.format)]
    can = {name: request.user.has_perm(f"report.{name}", report) for name in ACTION_PERMS}
    returned = selectors.returned_notice(report)
    return render(request, "review/report.html", {
        "report": report,
        "findings": findings,
        "explanations": selectors.latest_explanations(report),
        "events": selectors.report_events(report),
        "sections": sections,
        "comment_form": comment_form(report) if request.user.has_perm("report.comment", report) else None,
        "can_reply": request.user.has_perm("report.comment", report),
        "decision_form": DecisionForm(sections=section_choices(report.format), auto_id="decision-%s",
                                      returning=can["return"]),
        "can": can,
        "decides": any(can[name] for name in ("approve", "accept", "return", "withdraw", "correct")),
        "four_eyes": decision_note(request, report),
        "returned": returned,
        "state": decision_state(report, returned),
        "public_url": public_address(report),
        "seen_event": getattr(services.last_event(report), "pk", 0),
        "compare_from": compare_from,
        "since_return": since_return,
        "revisions": ReportRevision.objects.filter(report=report),
        "last_saved": last_saved(report),
        **document_context(report, compare_from),
    })


@login_required
@require_POST
def comment(request, agency_code: str, year: int):
    report = visible_report(request, agency_code, year)
    if not request.user.has_perm("report.comment", report):
        raise PermissionDenied
    if request.POST.get("parent"):
        return _reply(request, report)
    form = comment_form(report, request.POST)
    if form.is_valid():
        try:
            services.report_comment_add(report=report, by=request.user, **form.cleaned_data)
        except services.TransitionRefused as exc:
            messages.error(request, exc.args[0])
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("review:report", report.agency.code, report.year)


def _reply(request, report):
    """A reply in a thread, or its 已处理 mark; back to the page the form was on."""
    form = ReplyForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        services.report_comment_reply(report=report, by=request.user, **form.cleaned_data)
    except services.TransitionRefused as exc:
        messages.error(request, exc.args[0])
    else:
        messages.success(request, _("Your reply was added."))
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts=None) and back.startswith("/"):
        return redirect(back)
    return redirect("review:report", report.agency.code, report.year)


@login_required
def history(request, agency_code: str, year: int):
    report = visible_report(request, agency_code, year)
    key, section = request.GET.get("key", ""), request.GET.get("section", "")
    sections = dict(section_choices(report.format))
    if section and section not in sections:
        raise Http404
    changes = versions.history(report, key=key, section=section)
    return render(request, "review/history.html", {
        "report": report,
        "rows": versions.label_changes(report, changes),
        "key": key,
        "key_label": report.format.label_of(key) if key else "",
        "section": section,
        "section_heading": sections.get(section, ""),
    })


def _version_param(request, name: str, default: int, report) -> int:
    try:
        value = int(request.GET.get(name, default))
    except ValueError:
        raise Http404 from None
    if not 1 <= value <= report.version:
        raise Http404
    return value


@login_required
def compare(request, agency_code: str, year: int):
    report = visible_report(request, agency_code, year)
    older = _version_param(request, "from", compare_base(report)[0], report)
    newer = _version_param(request, "to", report.version, report)
    return render(request, "review/compare.html", {
        "report": report,
        "older": older,
        "newer": newer,
        "diffs": versions.compare(report, older, newer),
        "versions": range(1, report.version + 1),
    })


@login_required
def revision(request, agency_code: str, year: int, number: int):
    report = visible_report(request, agency_code, year)
    revision = get_object_or_404(ReportRevision, report=report, number=number)
    fmt = report.format

    def rows(snapshot):
        if not snapshot:
            return []
        items = list(snapshot.get("texts", {}).items()) + list(snapshot.get("cells", {}).items())
        return [(fmt.label_of(k), v) for k, v in items]

    return render(request, "review/revision.html", {
        "report": report,
        "revision": revision,
        "columns": [(_("As published before"), rows(revision.previous)), (_("As corrected"), rows(revision.published))],
    })
