"""One editor in the drafting wizard, driven the way the browser drives it.

Log in once, then loop: open a step page, type and let the page's live check autosave
(the htmx POST step.js answers), type more and press Save (the plain form POST). Every
value sent is recorded with the server's answer, for the lost-write check (verify.py).

No locust and no Django here: the transport is anything with `origin` and
`send(method, path, *, name, check, data=None, headers=None) -> Reply`, which raises
RequestFailed when `check(reply)` names a problem (locustfile.py, and the test client in the tests).
"""
from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from . import pages

LOGIN_PATH = "/accounts/login/"
# Narrative steps and tables, 表三 (144 cells) among them; the cover is left to its defaults.
STEPS = ("overview", "active", "apply", "appeal", "problems")
ACKED, UNKNOWN = "acked", "unknown"


@dataclass(frozen=True)
class Reply:
    status: int
    text: str
    location: str = ""


class RequestFailed(Exception):
    """The server's answer was not what the browser expects; the transport has counted it as a failure."""


def _key(dom_id: str) -> str:
    return dom_id.removeprefix("f-").replace("-", ".")


class Editor:
    def __init__(self, transport, *, username: str, password: str, report_path: str, **_account):
        self.http = transport
        self.username, self.password = username, password
        self.report_path = report_path  # /reports/<agency>/<year>/
        self.random = random.Random(username)
        self.writes: list[dict] = []  # every value sent, in order, with the server's answer
        self.turn = 0

    def record(self) -> dict:
        return {"username": self.username, "report_path": self.report_path, "writes": self.writes}

    def log_in(self) -> None:
        page = self.http.send("GET", LOGIN_PATH, name="login page", check=_expect(200))
        form = {"csrfmiddlewaretoken": pages.parse(page.text).csrf_token, "username": self.username,
                "password": self.password, "next": self.report_path}
        self.http.send("POST", LOGIN_PATH, name="login", data=form,
                       check=_redirected_to(self.report_path, "login refused"))

    def iterate(self, pause: Callable[[], None] = lambda: None) -> None:
        slug = STEPS[self.turn % len(STEPS)]
        self.turn += 1
        url = f"{self.report_path}steps/{slug}/"
        page = pages.parse(self.http.send("GET", url, name="step page", check=_step_page).text)
        form = dict(page.fields)
        pause()
        self._live_check(url, form, page.editable)
        pause()
        self._save(url, form, page.editable)

    def _live_check(self, url: str, form: dict, editable: list[str]) -> None:
        sent = self._type(form, editable)
        headers = {"HX-Request": "true", "HX-Current-URL": self.http.origin + url, "HX-Target": "live-panel",
                   "HX-Trigger": pages.STEP_FORM}
        reply = self._send_writes(sent, "POST", url + "live/", name="live check", data=form, headers=headers,
                                  check=_live_saved)
        state = pages.parse(reply.text).live_state
        form["version"] = str(state["version"])  # as step.js does after each live check
        form.update({_key(dom_id): value for dom_id, value in state["totals"].items()})

    def _save(self, url: str, form: dict, editable: list[str]) -> None:
        sent = self._type(form, editable)
        self._send_writes(sent, "POST", url, name="save", data={**form, "action": "save"},
                          check=_redirected_to(url, "not saved"))

    def _type(self, form: dict, editable: list[str]) -> list[dict]:
        """Change one text or two cells in `form`: recorded as sent, the outcome unknown until an answer."""
        texts = [k for k in editable if k.startswith("text.")]
        cells = [k for k in editable if not k.startswith("text.")]
        sent = []
        for key in self.random.sample(texts, 1) if texts else self.random.sample(cells, 2):
            value = self._new_value(key, form[key])
            form[key] = value
            sent.append({"key": key, "value": value, "outcome": UNKNOWN})
        self.writes += sent
        return sent

    def _new_value(self, key: str, old: str) -> str:
        if key.startswith("text."):
            return f"{self.username}第{len(self.writes) + 1}稿：本机关依法推进政府信息公开，按时答复申请。"
        value = old
        while value == old:
            value = str(self.random.randint(0, 999))
        return value

    def _send_writes(self, sent: list[dict], method: str, path: str, **kwargs) -> Reply:
        """Send a request carrying `sent`; each write keeps the answer: acknowledged, or why not."""
        try:
            reply = self.http.send(method, path, **kwargs)
        except RequestFailed as exc:
            for write in sent:
                write["answer"] = str(exc)
            raise
        for write in sent:
            write["outcome"], write["answer"] = ACKED, reply.status
        return reply


def _expect(status: int):
    return lambda reply: None if reply.status == status else f"status {reply.status}, expected {status}"


def _step_page(reply: Reply) -> str | None:
    if reply.status != 200:
        return f"status {reply.status}"
    page = pages.parse(reply.text)
    if not page.csrf_token or "version" not in page.fields or not page.editable:
        return "no editable step form in the page"
    return None


def _live_saved(reply: Reply) -> str | None:
    if reply.status != 200:
        return f"status {reply.status}"
    state = pages.parse(reply.text).live_state
    if state is None:
        return "no live state in the answer"
    if state["conflict"] or state["errors"]:
        return f"not all saved: conflict={state['conflict']}, errors={state['errors']}"
    return None


def _redirected_to(path: str, refusal: str):
    """A form post that worked answers with a redirect to `path`."""
    def check(reply: Reply) -> str | None:
        if reply.status != 302 or urlsplit(reply.location).path != path:
            return f"{refusal}: status {reply.status}, location {reply.location!r}"
        return None
    return check
