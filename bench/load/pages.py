"""Reads what a browser reads from the wizard's HTML: the step form's fields and the live-check state."""
from __future__ import annotations

import json
from html.parser import HTMLParser

STEP_FORM = "step-form"


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields: dict[str, str] = {}  # what submitting #step-form sends (read-only inputs included)
        self.editable: list[str] = []  # inputs and textareas a person can type into
        self.csrf_token = ""
        self.live_state: dict | None = None
        self._in_form = False
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._in_form = a.get("id") == STEP_FORM
        elif tag == "input" and a.get("name") == "csrfmiddlewaretoken":
            self.csrf_token = self.csrf_token or a.get("value", "")
        elif tag == "div" and a.get("id") == "live-state":
            self.live_state = json.loads(a.get("data-state") or "{}")
        if not self._in_form or not a.get("name"):
            return
        if tag == "input" and a.get("type") not in ("submit", "button"):
            self.fields[a["name"]] = a.get("value") or ""
            if a.get("type") != "hidden" and "readonly" not in a and "disabled" not in a:
                self.editable.append(a["name"])
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields[a["name"]] = ""
            if "readonly" not in a and "disabled" not in a:
                self.editable.append(a["name"])

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "textarea" and self._textarea:
            # HTML drops the newline right after <textarea>; Django writes one.
            self.fields[self._textarea] = self.fields[self._textarea].removeprefix("\n")
            self._textarea = None


def parse(html: str) -> _PageParser:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser
