"""The review page of one report, its comments, history, comparison of versions and corrections."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reports import selectors as report_selectors
from reports.rules import SUBMIT

from .. import selectors, services, versions
from ..forms import CommentForm, DecisionForm
from ..models import Action, ReportRevision
from ..sections import section_choices
from ..summaries import summary_store
from .common import visible_report

ACTION_PERMS = ("withdraw", "return", "approve", "accept", "publish", "correct")


def comment_form(report, data=None) -> CommentForm:
    fmt = report.format
    return CommentForm(data, sections=section_choices(fmt), cells=[(f.key, f.label) for f in fmt.fields])


def compare_base(report) -> tuple[int, bool]:
    """The version a reviewer compares against, and whether it is the last return.

    When it was last returned, else last submitted, else the first version.
    """
    for action in (Action.RETURN, Action.SUBMIT):
        event = selectors.last_event(report, action)
        if event is not None and event.version < report.version:
            return event.version, action == Action.RETURN
    return 1, False


@login_required
def queue(request):
    """What awaits the person's decision: submitted reports of their agencies, and those of their regions."""
    reports = list(selectors.review_queue(request.user))
    rows = [
        (report, [name for name in ("approve", "accept", "publish", "return") if
                  request.user.has_perm(f"report.{name}", report)])
        for report in reports
    ]
    return render(request, "review/queue.html", {"rows": rows})


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
    return render(request, "review/report.html", {
        "report": report,
        "findings": findings,
        "explanations": selectors.latest_explanations(report),
        "events": selectors.report_events(report),
        "sections": sections,
        "comment_form": comment_form(report) if request.user.has_perm("report.comment", report) else None,
        "decision_form": DecisionForm(sections=section_choices(report.format), auto_id="decision-%s"),
        "can": {name: request.user.has_perm(f"report.{name}", report) for name in ACTION_PERMS},
        "seen_event": getattr(services.last_event(report), "pk", 0),
        "compare_from": compare_from,
        "since_return": since_return,
        "revisions": ReportRevision.objects.filter(report=report),
    })


@login_required
@require_POST
def comment(request, agency_code: str, year: int):
    report = visible_report(request, agency_code, year)
    if not request.user.has_perm("report.comment", report):
        raise PermissionDenied
    form = comment_form(report, request.POST)
    if form.is_valid():
        try:
            services.report_comment_add(report=report, by=request.user, **form.cleaned_data)
        except services.TransitionRefused as exc:
            messages.error(request, exc.args[0])
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
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
