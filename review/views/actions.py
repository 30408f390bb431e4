"""The workflow's buttons: each POST calls one service and goes back to the report page."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from reports import selectors as report_selectors
from reports.rules import ERROR, INFO, SUBMIT, WARNING

from .. import services
from .common import visible_report

EXPLANATION_PREFIX = "explanation:"

DONE = {
    "withdraw": gettext_lazy("The report was withdrawn; it is a draft again."),
    "return": gettext_lazy("The report was returned to its editors."),
    "approve": gettext_lazy("The report was approved."),
    "accept": gettext_lazy("The report was accepted for publication."),
    "publish": gettext_lazy("The report was published."),
    "correct": gettext_lazy(
        "The correction was started: the report is a draft again, its published version stays public."),
}


def _seen_event(post) -> int | None:
    """The latest event the decision page showed; a form without it decides on the current state."""
    try:
        return int(post["seen_event"])
    except (KeyError, ValueError):
        return None


def _apply(action: str, report, by, post) -> None:
    comment, seen = post.get("comment", ""), _seen_event(post)
    if action == "withdraw":
        services.report_withdraw(report=report, by=by, seen_event=seen)
    elif action == "return":
        services.report_return(report=report, by=by, comment=comment, section=post.get("section", ""),
                               cell=post.get("cell", ""), seen_event=seen)
    elif action == "approve":
        services.report_approve(report=report, by=by, comment=comment, seen_event=seen)
    elif action == "accept":
        services.report_accept(report=report, by=by, comment=comment, seen_event=seen)
    elif action == "publish":
        services.report_publish(report=report, by=by, seen_event=seen)
    elif action == "correct":
        services.report_start_correction(report=report, by=by, reason=comment, seen_event=seen)


def _drafting_hub(report) -> str:
    return reverse("drafting:hub", args=[report.agency.code, report.year])


@login_required
@require_POST
def transition(request, agency_code: str, year: int, action: str):
    report = visible_report(request, agency_code, year)
    try:
        _apply(action, report, request.user, request.POST)
    except services.TransitionRefused as exc:
        messages.error(request, exc.args[0] if exc.args else _("This cannot be done now."))
    else:
        messages.success(request, str(DONE[action]))
        if action in ("withdraw", "correct"):
            return redirect(_drafting_hub(report))
    return redirect("review:report", report.agency.code, report.year)


@login_required
@require_http_methods(["GET", "POST"])
def publish(request, agency_code: str, year: int):
    """发布 asks first: GET shows what publishing means and where the report will be public; POST publishes."""
    report = visible_report(request, agency_code, year)
    if request.method == "POST" and request.POST.get("confirmed") == "yes":
        try:
            _apply("publish", report, request.user, request.POST)
        except services.TransitionRefused as exc:
            messages.error(request, exc.args[0] if exc.args else _("This cannot be done now."))
        else:
            messages.success(request, str(DONE["publish"]))
        return redirect("review:report", report.agency.code, report.year)
    if not request.user.has_perm("report.publish", report):
        refusal = services.four_eyes_refusal(report, request.user, _("publish"))
        messages.error(request, refusal or _("You may not publish this report now."))
        return redirect("review:report", report.agency.code, report.year)
    region = report.agency.region()
    return render(request, "review/publish.html", {
        "report": report,
        "seen_event": getattr(services.last_event(report), "pk", 0),
        "public_url": reverse("publication:report", args=[region.code, report.agency.code, report.year]),
    })


@login_required
def submit(request, agency_code: str, year: int):
    """The submission: GET shows the check with a box per warning; POST submits (the wizard posts here too)."""
    report = visible_report(request, agency_code, year)
    if not request.user.has_perm("report.submit", report):
        raise PermissionDenied
    explanations = {
        key[len(EXPLANATION_PREFIX):]: value for key, value in request.POST.items()
        if key.startswith(EXPLANATION_PREFIX)
    }
    blocked = None
    if request.method == "POST":
        try:
            services.report_submit(report=report, by=request.user, explanations=explanations)
        except services.SubmissionBlocked as exc:
            blocked = exc
            messages.error(request, str(exc))
        except services.TransitionRefused as exc:
            messages.error(request, exc.args[0])
            return redirect(_drafting_hub(report))
        else:
            messages.success(request, _("The report was submitted for review."))
            return redirect(_drafting_hub(report))
    findings = report_selectors.check_report(report, stage=SUBMIT)
    warnings: dict[str, list] = {}
    for finding in findings:
        if finding.severity == WARNING:
            warnings.setdefault(finding.rule, []).append(finding)
    return render(request, "review/submit.html", {
        "report": report,
        "errors": [f for f in findings if f.severity == ERROR],
        "warnings": [(rule, items, explanations.get(rule, "")) for rule, items in warnings.items()],
        "infos": [f for f in findings if f.severity == INFO],
        "blocked": blocked,
        "hub_url": _drafting_hub(report),
    })
