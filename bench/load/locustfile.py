"""Editors drafting at once: `locust -f bench/load/locustfile.py` (bench/bench_load.py runs it).

NIANBAO_LOAD_ACCOUNTS names the JSON of logins (population.py seed), one per simulated user;
at the end every editor's record and every request's time go to NIANBAO_LOAD_RECORDS.
Requests go over plain http to 127.0.0.1, where browsers send cookies marked Secure (a local
address counts as a secure context); the cookie jar here is told to do the same.
"""
from __future__ import annotations

import json
import os
import sys
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import gevent
from locust import FastHttpUser, constant, events, task

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.load.scenario import Editor, Reply, RequestFailed

# Seconds between a person's actions: the page waits one second after typing stops before its live check.
THINK = float(os.environ.get("NIANBAO_LOAD_THINK", "1"))
ACCOUNTS = iter(json.loads(Path(os.environ["NIANBAO_LOAD_ACCOUNTS"]).read_text()))
EDITORS: list[Editor] = []
SAMPLES: list[tuple[str, float, float, str | None]] = []  # name, start (epoch s), milliseconds, failure


class LocalSecureContext(DefaultCookiePolicy):
    """Send Secure cookies to 127.0.0.1 and localhost over http, as browsers do; elsewhere only over https."""

    def return_ok_secure(self, cookie, request):
        return urlsplit(request.full_url).hostname in ("127.0.0.1", "localhost") or super().return_ok_secure(
            cookie, request)


class LocustTransport:
    def __init__(self, client, origin: str):
        self.client, self.origin = client, origin

    def send(self, method, path, *, name, check, data=None, headers=None) -> Reply:
        headers = dict(headers or {})
        if data is not None:
            headers.update({"Content-Type": "application/x-www-form-urlencoded", "Origin": self.origin})
            data = urlencode(data)
        with self.client.request(method, path, name=name, data=data, headers=headers, allow_redirects=False,
                                 catch_response=True) as response:
            location = (response.headers or {}).get("Location") or ""
            reply = Reply(response.status_code, response.text or "", location)
            error = getattr(response, "error", None)  # set when no answer came (connection refused, reset, …)
            problem = f"no answer: {error!r}" if reply.status == 0 and error else check(reply)
            if problem:
                response.failure(problem)
            else:
                response.success()
        if problem:
            raise RequestFailed(f"{name}: {problem}")
        return reply


class EditorUser(FastHttpUser):
    wait_time = constant(THINK)

    def on_start(self):
        self.client.cookiejar.set_policy(LocalSecureContext())
        self.editor = Editor(LocustTransport(self.client, self.host.rstrip("/")), **next(ACCOUNTS))
        EDITORS.append(self.editor)
        self.editor.log_in()

    @task
    def draft(self):
        # gevent.sleep, not self.wait: a stop lets the iteration finish, so every write gets its answer.
        self.editor.iterate(pause=lambda: gevent.sleep(THINK))


@events.request.add_listener
def _sample(name, start_time, response_time, exception=None, **_kwargs):
    SAMPLES.append((name, start_time, response_time, str(exception) if exception else None))


@events.test_stop.add_listener
def _write_records(**_kwargs):
    out = {"editors": [e.record() for e in EDITORS], "samples": SAMPLES}
    Path(os.environ["NIANBAO_LOAD_RECORDS"]).write_text(json.dumps(out, ensure_ascii=False))
