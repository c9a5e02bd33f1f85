"""Opening a page from the file system in the system's headless Chromium (Debian package `chromium`,
driven by Playwright) with the network cut off, recording every error and every request."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Route, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = ROOT / "build" / "test-artifacts"
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions",
]


@dataclass
class Visit:
    """What the browser saw: errors, requests (blocked: any that was not for a local file) and what the script read."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    data: Any = None


def visit_offline(page: Path, profile: Path, script: str, screenshot: Path | None = None) -> Visit:
    """Load `page` (a file) in a fresh profile, run `script` (a JavaScript function expression) on it."""
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: install Debian's chromium package (.ci/run does)"
    visit = Visit()

    def cut_off(route: Route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            visit.blocked.append(route.request.url)
            route.abort("internetdisconnected")

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=FLAGS,
            viewport={"width": 1280, "height": 900}, service_workers="block",
        )
        try:
            context.route("**/*", cut_off)
            tab = context.new_page()
            tab.on("console", lambda message: visit.console_errors.append(message.text) if message.type == "error" else None)
            tab.on("pageerror", lambda error: visit.page_errors.append(str(error)))
            tab.on("request", lambda request: visit.requests.append(request.url))
            tab.on("requestfailed", lambda request: visit.failed_requests.append(f"{request.url}: {request.failure}"))
            tab.goto(page.resolve().as_uri(), wait_until="load")
            visit.data = tab.evaluate(script)
            if screenshot is not None:
                screenshot.parent.mkdir(parents=True, exist_ok=True)
                tab.screenshot(path=str(screenshot), full_page=True)
        finally:
            context.close()
    return visit
