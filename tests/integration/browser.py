"""Helpers for the real-browser tests: a page in a given language and viewport, screenshots, tabs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from tests.conftest import ROOT

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
TIMEOUT_MS = 120_000
DESKTOP = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}
# (browser language, viewport): a German desktop and an English phone, so both axes are covered
VIEWS = {"de-desktop": ("de-DE", DESKTOP), "en-phone": ("en-US", PHONE)}


@contextmanager
def open_page(browser, url: str, locale: str = "de-DE", viewport: dict | None = None) -> Iterator:
    """A fresh browser context on the app; script errors on the page fail the test."""
    context = browser.new_context(locale=locale, viewport=viewport or DESKTOP, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    page.get_by_role("tab", name="Fragen").wait_for()
    try:
        yield page
    finally:
        context.close()
    assert not errors, errors


def screenshot(page, name: str, *, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(500)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def open_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name, exact=True).click()


def visible_error_overlays(page) -> list[str]:
    """Texts of visible Gradio error overlays and toasts (what blocks components or shows „Error“)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.toast-body, .wrap .error, [data-testid="toast-body"]')]
            .filter(el => el.offsetParent !== null).map(el => el.innerText.trim())"""
    )
