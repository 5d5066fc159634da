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

# Every test module of tests/browser carries this.
browser_test = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"{CHROMIUM} absent: real-browser tests skipped (make browser, or apt-get install chromium)",
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


def axe_violations(page, context=None) -> list[dict]:
    """Run axe-core (every rule enabled by default, any impact) on the page as it is now."""
    results = _axe.run(page, context=context, options={"resultTypes": ["violations"]})
    return results.response["violations"]


def assert_no_axe_violations(page, context=None):
    violations = axe_violations(page, context)
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
