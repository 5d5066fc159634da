"""Helpers of the real-browser tests: Debian's Chromium driven by Playwright, axe-core for accessibility."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

CHROMIUM = Path(os.environ.get("PDN_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 375, "height": 740}


def _on_sqlite() -> bool:
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")


# The front end does not depend on the database engine: make test runs the browser tests in its SQLite
# pass, where the world is built once per worker and restored before each test with SQLite's backup API.
# On another engine the world is rebuilt for every test (half a minute each): opt in with PDN_BROWSER_ANY_DB=1.
RUN_ON_THIS_DATABASE = _on_sqlite() or os.environ.get("PDN_BROWSER_ANY_DB") == "1"

# Every test module of tests/browser carries this.
browser_test = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"{CHROMIUM} absent: real-browser tests skipped (make browser, or apt-get install chromium)",
    ),
    pytest.mark.skipif(
        not RUN_ON_THIS_DATABASE,
        reason="browser tests run in the SQLite pass (PDN_BROWSER_ANY_DB=1 runs them on this database too)",
    ),
]

_axe = Axe()


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} axe violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:8]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def axe_violations(page, context=None, known=()) -> list[dict]:
    """Run axe-core (every rule enabled by default, any impact) on the page as it is now.

    `known` lists (rule id, text of the node's selector, reason) of reported issues in someone else's
    files: those nodes are left out, every other node of every rule still counts."""
    results = _axe.run(page, context=context, options={"resultTypes": ["violations"]})
    violations = []
    for violation in results.response["violations"]:
        nodes = [
            node
            for node in violation["nodes"]
            if not any(
                rule == violation["id"] and selector in " ".join(map(str, node["target"])) + node["html"]
                for rule, selector, _reason in known
            )
        ]
        if nodes:
            violations.append({**violation, "nodes": nodes})
    return violations


def assert_no_axe_violations(page, context=None, known=()):
    violations = axe_violations(page, context, known)
    assert not violations, format_violations(page.url, violations)


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page scrolls sideways (0 when it fits the viewport)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def overflowing_elements(page) -> list[str]:
    """The elements sticking out of the viewport on the right, to explain a horizontal scroll."""
    return page.evaluate(
        """() => {
        const width = document.documentElement.clientWidth;
        const out = [];
        for (const el of document.querySelectorAll('body *')) {
          const box = el.getBoundingClientRect();
          if (box.right > width + 1 && box.width > 0) {
            out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')}`
                     + ` right=${Math.round(box.right)}`);
          }
        }
        return out.slice(0, 10);
      }"""
    )


def screenshot_dir() -> Path | None:
    """Set PDN_SCREENSHOTS=/tmp/pdn-shots to keep full-page screenshots of the pages checked."""
    value = os.environ.get("PDN_SCREENSHOTS")
    if not value:
        return None
    path = Path(value)
    path.mkdir(parents=True, exist_ok=True)
    return path


def check_page(page, url: str, status: int = 200, name: str = "", known=()):
    """The page answers `status` with one h1; axe finds nothing on a desktop viewport, then on a 375 px
    phone, where the page must not scroll sideways. PDN_SCREENSHOTS keeps both views."""
    response = page.goto(url)
    assert response.status == status, f"{url} answered {response.status}"
    assert page.locator("h1").count() == 1, f"{url} has {page.locator('h1').count()} h1"
    assert_no_axe_violations(page, known=known)
    shots = screenshot_dir()
    if shots and name:
        page.screenshot(path=str(shots / f"{name}-1280.png"), full_page=True)
    page.set_viewport_size(MOBILE)
    overflow = horizontal_overflow(page)
    assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at 375px: {overflowing_elements(page)}"
    assert_no_axe_violations(page, known=known)
    if shots and name:
        page.screenshot(path=str(shots / f"{name}-375.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
