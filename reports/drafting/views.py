"""The drafting wizard: start, task list, steps, live check, paste. Thin: parse, call a service, render."""
from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from agencies.models import Agency, Role
from agencies.roles import roles_of
from reports.formats import UnknownFormat, get_format
from reports.selectors import report_for_user
from reports.services import ReportLocked, SaveOrigin
from review.summaries import summary_refresh

from . import checks, services
from .context import check_context, review_facts, step_context
from .grid import entry_grid
from .guide import format_guide
from .selectors import draft_state
from .steps import CHECK, dom_id, neighbours, step_for, steps_for


def login_required_or_401(view):
    """Background requests of an expired session get 401, which the page answers by keeping the input."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return HttpResponse(status=401)
        return view(request, *args, **kwargs)

    return wrapper


def _report(request, agency_code: str, year: int):
    report = report_for_user(request.user, agency_code=agency_code, year=year)
    if report is None:
        raise Http404
    return report


def _require_edit(request, report) -> None:
    if not request.user.has_perm("report.edit", report):
        if report.is_locked:
            raise ReportLocked(_("This report is %(status)s and cannot be changed.")
                               % {"status": report.get_status_display()})
        raise PermissionDenied


def _editable_report(request, agency_code: str, year: int):
    report = _report(request, agency_code, year)
    _require_edit(request, report)
    return report


def _step(report, slug: str):
    step = step_for(report.format, slug)
    if step is None:
        raise Http404
    return step


def _expected_version(request) -> int:
    raw = request.POST.get("overwrite_version") or request.POST.get("version") or "0"
    try:
        return int(raw)
    except ValueError:
        return 0


def _origin(request) -> SaveOrigin | None:
    """The tab a save comes from, as the page script stamps it ("<tab id>:<count of saves>")."""
    tab, _sep, seq = request.POST.get("tab", "").partition(":")
    if not tab or not seq.isdigit():
        return None
    return SaveOrigin(tab=tab[:32], seq=int(seq))


@login_required
@require_POST
def start(request, agency_code: str, year: int):
    agency = get_object_or_404(Agency, code=agency_code)
    if not roles_of(request.user).has(agency, Role.EDITOR):
        raise Http404
    try:
        report = services.report_start(agency=agency, year=year, by=request.user)
    except UnknownFormat:
        raise Http404 from None
    return redirect("drafting:hub", agency_code=agency.code, year=report.year)


@login_required
def hub(request, agency_code: str, year: int):
    report = _report(request, agency_code, year)
    state = draft_state(report)
    statuses = checks.step_statuses(state, checks.findings(state))
    days_left = (state.deadline - timezone.localdate()).days
    return render(request, "drafting/hub.html", {
        "report": report,
        "statuses": statuses,
        "done": sum(s.status == checks.Progress.COMPLETE for s in statuses),
        "deadline": state.deadline,
        "days_left": days_left,
        "overdue": -days_left,
        "can_edit": request.user.has_perm("report.edit", report),
        **review_facts(request, report),
    })


@login_required
@require_http_methods(["GET", "POST"])
def step(request, agency_code: str, year: int, slug: str):
    report = _report(request, agency_code, year)
    the_step = _step(report, slug)
    if the_step.slug == CHECK:
        return render(request, "drafting/check.html", check_context(request, report, _submit_url(report)))
    if request.method == "GET":
        return render(request, "drafting/step.html", step_context(request, report, the_step))
    _require_edit(request, report)
    return _save_step(request, report, the_step)


def _save_step(request, report, the_step):
    """The plain form post: save, then go on, stay, or show what could not be saved."""
    before = report.version
    outcome = services.step_save(
        report=report, step=the_step, submitted=request.POST, by=request.user,
        expected_version=_expected_version(request), origin=_origin(request),
    )
    action = request.POST.get("action", "")
    if not outcome.ok:
        context = step_context(request, report, the_step, outcome=outcome, submitted=request.POST)
        return render(request, "drafting/step.html", context)
    copy_key = action.removeprefix("copy:")
    if copy_key in the_step.text_keys:
        copied = services.text_start_from_last_year(
            report=report, key=copy_key, last_year=draft_state(report).last_year, by=request.user,
            expected_version=report.version,
        )
        if copied:
            summary_refresh(report)
            messages.info(request, _("Last year's text was copied in: bring it up to date."))
        return redirect(_step_url(report, the_step.slug) + "#" + dom_id(copy_key))
    if outcome.version != before:
        checks.counts_store(report, outcome)  # the live check keeps the counts current; this is the path without script
    if action == "zero" and the_step.table:
        _fill_zero(request, report, [the_step])
        return redirect(_step_url(report, the_step.slug))
    messages.success(request, _("Saved."))
    if action == "next":
        following = neighbours(report.format, the_step)[1]
        return redirect(_step_url(report, following.slug) if following else _hub_url(report))
    return redirect(_step_url(report, the_step.slug))


@login_required_or_401
@require_POST
def live(request, agency_code: str, year: int, slug: str):
    """Autosave and check one step; answers with the step's findings and the recomputed totals."""
    report = _editable_report(request, agency_code, year)
    the_step = _step(report, slug)
    before = report.version
    outcome = services.step_save(
        report=report, step=the_step, submitted=request.POST, by=request.user,
        expected_version=_expected_version(request), origin=_origin(request),
    )
    context = step_context(request, report, the_step, outcome=outcome, submitted=request.POST, live=True,
                           saved=outcome.version != before)
    return render(request, "drafting/_live.html", context)


@login_required_or_401
@require_POST
def paste(request, agency_code: str, year: int, slug: str):
    report = _editable_report(request, agency_code, year)
    the_step = _step(report, slug)
    if the_step.table is None:
        raise Http404
    try:
        values = services.paste_block(
            report=report,
            positions=entry_grid(the_step.table).positions(),
            anchor=request.POST.get("anchor", ""),
            text=request.POST.get("text", ""),
        )
    except services.PasteRefused as exc:
        return JsonResponse({"error": exc.message})
    return JsonResponse({"values": {dom_id(k): v for k, v in values.items()}})


def _fill_zero(request, report, steps) -> None:
    filled = services.cells_fill_zero(report=report, steps=steps, last_year=draft_state(report).last_year,
                                      by=request.user)
    if filled:
        summary_refresh(report)
        messages.success(request, ngettext(
            "%(n)d empty cell was filled with 0: type over it where the figure is not 0.",
            "%(n)d empty cells were filled with 0: type over them where the figure is not 0.", filled,
        ) % {"n": filled})
    else:
        messages.info(request, _("There was no empty cell to fill."))


@login_required
@require_POST
def fill_zero(request, agency_code: str, year: int):
    """空白填0 for every table, from the check step."""
    report = _editable_report(request, agency_code, year)
    _fill_zero(request, report, [s for s in steps_for(report.format) if s.table])
    return redirect(_step_url(report, CHECK))


@login_required
@require_POST
def tidy(request, agency_code: str, year: int):
    """一键排版 of one paragraph, from the check step."""
    report = _editable_report(request, agency_code, year)
    key = request.POST.get("key", "")
    try:
        index = int(request.POST.get("index", ""))
        done = services.text_tidy_paragraph(report=report, key=key, index=index,
                                            expected=request.POST.get("expected", ""), by=request.user)
    except (KeyError, ValueError):
        raise Http404 from None
    if done:
        summary_refresh(report)
        messages.success(request, _("The paragraph was tidied."))
    else:
        messages.warning(request, _("The paragraph was changed meanwhile; check the proposal again."))
    return redirect(_step_url(report, CHECK) + "#tidy")


@login_required
@require_http_methods(["GET", "HEAD"])
def guide(request, format_id: str):
    """填报说明: what every row, column and text of a format asks for, generated from the format."""
    try:
        fmt = get_format(format_id)
    except UnknownFormat:
        raise Http404 from None
    return render(request, "drafting/guide.html", {"format": fmt, "sections": format_guide(fmt.id)})


def _step_url(report, slug: str) -> str:
    return reverse("drafting:step", args=[report.agency.code, report.year, slug])


def _hub_url(report) -> str:
    return reverse("drafting:hub", args=[report.agency.code, report.year])


def _submit_url(report) -> str:
    try:
        return reverse("review:submit", args=[report.agency.code, report.year])
    except NoReverseMatch:
        return ""
