"""A city clerk over HTTP for bench/fault_drill.py (not a benchmark itself).

Plain ``http.client`` (no third-party client in the project): one connection per request,
cookies kept by hand, the CSRF token and the one-time form token read from the 審査 page
as a browser would. Every response and connection error is recorded with its time, so
the drill can say what the clerks saw during each fault.
"""

from __future__ import annotations

import http.client
import queue
import re
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_TOKEN_RE = re.compile(r'name="form_token" value="([^"]+)"')
TITLE_RE = re.compile(r"<title>(.*?)</title>", re.S)


def approve_form(page: str, pk: int) -> dict[str, str] | None:
    """What the 承認 form of a 審査 page sends, ticked; None when the page has no such form."""
    start = page.find(f'action="/review/{pk}/approve/"')
    if start < 0:
        return None
    form_html = page[start : page.find("</form>", start)]
    csrf, token = CSRF_RE.search(form_html), FORM_TOKEN_RE.search(form_html)
    if csrf is None or token is None:
        return None
    return {"csrfmiddlewaretoken": csrf.group(1), "form_token": token.group(1), "confirmed": "on"}


@dataclass
class Event:
    """One request as the clerk saw it: `status` 0 is a connection error."""

    at: float
    client: int
    procedure: int
    step: str  # login / page / approve
    status: int
    note: str = ""


@dataclass
class Outcome:
    """What one client's approvals came to."""

    approved: list[tuple[float, int]] = field(default_factory=list)  # (time, procedure)
    already: list[int] = field(default_factory=list)  # page said: no longer 照合
    refused: dict[int, str] = field(default_factory=dict)
    gave_up: list[int] = field(default_factory=list)


class Clerk:
    """One browser: a session of a city clerk approving procedures from the 審査 page."""

    def __init__(self, index: int, port: int, username: str, password: str) -> None:
        self.index = index
        self.port = port
        self.username = username
        self.password = password
        self.cookies: dict[str, str] = {}
        self.events: list[Event] = []
        self.error_pages: dict[int, str] = {}  # status → the first page's <title>
        self.outcome = Outcome()

    # ------------------------------------------------------------------ HTTP
    def request(
        self, method: str, path: str, procedure: int, step: str, form: dict[str, str] | None = None
    ) -> tuple[int, str, str]:
        """(status, Location, body); status 0 when the connection failed."""
        headers = {"Host": "127.0.0.1", "User-Agent": "juki-fault-drill"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as exc:
            self.events.append(Event(time.time(), self.index, procedure, step, 0, repr(exc)))
            return 0, "", ""
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar: SimpleCookie = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        status = response.status
        note = ""
        if status >= 500:
            title = TITLE_RE.search(text)
            note = title.group(1).strip() if title else text[:80]
            self.error_pages.setdefault(status, note)
        self.events.append(Event(time.time(), self.index, procedure, step, status, note))
        return status, response.headers.get("Location", ""), text

    def login(self) -> bool:
        self.cookies.clear()
        status, _, page = self.request("GET", "/login/", 0, "login")
        token = CSRF_RE.search(page) if status == 200 else None
        if token is None:
            return False
        form = {
            "csrfmiddlewaretoken": token.group(1),
            "username": self.username,
            "password": self.password,
            "terminal": "",
            "next": "",
        }
        status, _, _ = self.request("POST", "/login/", 0, "login", form)
        return status == 302 and "sessionid" in self.cookies

    # ------------------------------------------------------------------ one approval
    def approve(self, pk: int, deadline: float, pause: float) -> None:
        """Open the 審査 page and send 承認 until it is done, refused, or the deadline."""
        while time.time() < deadline:
            if "sessionid" not in self.cookies and not self.login():
                time.sleep(pause)
                continue
            status, location, page = self.request("GET", f"/review/{pk}/", pk, "page")
            if status == 302 and "/login/" in location:
                self.cookies.pop("sessionid", None)
                continue
            if status != 200:
                time.sleep(pause)  # a clerk reloads the page after an error
                continue
            form = approve_form(page, pk)
            if form is None:
                # no 承認 form: the procedure is no longer in 照合 (an earlier send went through)
                self.outcome.already.append(pk)
                return
            status, location, page = self.request(
                "POST", f"/review/{pk}/approve/", pk, "approve", form
            )
            if status == 302 and "/login/" not in location:
                self.outcome.approved.append((time.time(), pk))
                return
            if status == 200:
                notice = re.search(r'class="(?:notice|errorlist)[^"]*"[^>]*>(.*?)<', page, re.S)
                self.outcome.refused[pk] = notice.group(1).strip() if notice else "refused"
                return
            if status == 302:
                self.cookies.pop("sessionid", None)
            time.sleep(pause)
        self.outcome.gave_up.append(pk)

    def run(
        self, work: queue.Queue[int], deadline: float, think: float, stop: threading.Event
    ) -> None:
        while not stop.is_set():
            try:
                pk = work.get_nowait()
            except queue.Empty:
                return
            self.approve(pk, deadline, pause=0.5)
            time.sleep(think)
