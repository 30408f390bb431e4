"""One approver's decision in a process of its own, taken on cue.

`python -m tests.faults.decide ACTION USERNAME` loads the only report as its review page
would, prints READY, waits for a line on standard input, decides and prints the outcome as JSON.
"""
from __future__ import annotations

import json
import sys
import time

READY = "READY"


def main(action: str, username: str) -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from reports.models import Report
    from review import services

    record = services._record

    def slowly(*args, **kwargs):
        time.sleep(0.3)  # widens the window in which an unserialised rival would slip in
        return record(*args, **kwargs)

    services._record = slowly
    user = get_user_model().objects.get(username=username)
    report = Report.objects.get()
    seen = services.last_event(report).pk
    print(READY, flush=True)
    sys.stdin.readline()
    try:
        if action == "approve":
            event = services.report_approve(report=report, by=user, seen_event=seen)
        else:
            event = services.report_return(report=report, by=user, comment="请补充", seen_event=seen)
    except services.TransitionRefused as exc:
        print(json.dumps({"refused": str(exc)}, ensure_ascii=False), flush=True)
    else:
        print(json.dumps({"won": event.pk, "action": event.action}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
