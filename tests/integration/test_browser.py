"""A real browser on the real app: Playwright drives Debian's Chromium (``make browser``; no browser is
downloaded) against the README's run command — ``assistant ingest knowledge/dokumente`` and
``assistant serve`` (started outside the repository) — on the sample knowledge base. Screenshots of every tab go to
``test-artifacts/screenshots/`` (git-ignored) for people to look at."""

from __future__ import annotations

import re
import time
import zipfile

import pytest

from tests.conftest import KNOWLEDGE
from tests.integration.browser import open_page, open_tab, screenshot

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture
def page(browser, app_url):
    with open_page(browser, app_url, viewport={"width": 1400, "height": 1000}) as page:
        yield page


def test_five_tabs_with_their_names(page):
    tabs = page.get_by_role("tab")
    assert [t.strip() for t in tabs.all_inner_texts()] == [
        "Fragen", "Entwurf", "Prüfung", "Zielerreichung", "Wissensbasis",
    ]  # fmt: skip
    assert page.title() == "Assistent Kommunale Gesamtstrategie"


def test_ask_a_question_and_see_the_answer_with_its_source(page):
    question = page.get_by_label("Ihre Frage")
    question.fill("Wie hoch ist der Fehlbetrag im Ergebnishaushalt 2025?")
    question.press("Enter")  # keyboard, no mouse needed
    chat = page.locator("#chat")
    chat.get_by_text("Quellen", exact=True).wait_for()
    link = chat.get_by_role("link", name="Seite").first
    href = link.get_attribute("href")
    assert href.startswith("/dokumente/") and "#page=" in href  # only PDF links carry a page
    assert chat.locator("blockquote").count() >= 1  # the cited passage
    assert chat.locator("strong", has_text=", S. ").count() >= 1  # document and page
    assert question.input_value() == ""
    response = page.request.get(
        href.split("#")[0] if href.startswith("http") else page.url.rstrip("/") + href.split("#")[0]
    )
    assert response.ok and response.headers["content-type"] == "application/pdf"
    # show the answer, not only the end of its source list
    page.wait_for_timeout(1000)
    page.locator("#chat .user-row").last.evaluate("row => row.scrollIntoView({block: 'start'})")
    screenshot(page, "1-fragen")


def test_an_example_question_for_a_first_visit(page):
    page.locator("#chat").get_by_role("button", name="Wie hoch ist der Fehlbetrag").click()
    page.locator("#chat").get_by_text("Quellen", exact=True).wait_for()


def test_check_the_example_goal_set_and_see_findings_and_plots(page):
    open_tab(page, "Prüfung")
    upload = page.locator("#check-upload input[type=file]")
    upload.set_input_files(str(KNOWLEDGE / "zielsysteme" / "beispiel-zielsystem.yaml"))
    table = page.locator("#findings-table")
    table.wait_for()
    page.locator("#check-summary").get_by_text("beispiel-zielsystem.yaml").wait_for()
    assert table.locator("tbody tr").count() >= 1
    for plot in ("#plot-budget", "#plot-fields", "#plot-tree"):
        page.locator(f"{plot} img:visible").wait_for()
    page.locator("#plot-budget-text").get_by_text("Die Mittel folgen den Prioritäten.").wait_for()
    page.locator("#plot-tree-text").get_by_text("Jedes Ziel der Gesamtstrategie").wait_for()

    # a flawed goal set: errors in red, and the filters narrow the table
    page.locator("#check-upload").get_by_role("button", name="Löschen").click()
    upload.set_input_files(str(KNOWLEDGE / "zielsysteme" / "fehler-ressourcen.yaml"))
    page.locator("#check-summary").get_by_text("fehler-ressourcen.yaml").wait_for()
    assert table.locator("tbody tr").count() >= 5
    assert table.locator(".severity-error").count() >= 1
    # filter by severity: only errors remain
    page.locator("#check-filter-severity").get_by_label("Fehler").check()
    page.locator("#check-summary").get_by_text("Angezeigt:").wait_for()
    assert table.locator(".severity-warning").count() == 0
    screenshot(page, "3-pruefung")


def test_goal_achievement_of_the_example_with_filters_charts_and_the_word_report(page, tmp_path):
    open_tab(page, "Zielerreichung")
    year = page.locator("#monitor-year input")
    year.fill("2026")
    page.locator("#monitor-example").click()
    table = page.locator("#monitor-table")
    table.wait_for()
    page.locator("#monitor-summary").get_by_text("beispiel-zielsystem.yaml, Stand 2026").wait_for()
    # the status as colour and word
    assert table.locator(".badge.status-nicht_im_plan", has_text="nicht im Plan").count() >= 1
    assert table.locator(".badge.status-gefaehrdet", has_text="gefährdet").count() >= 1
    table.get_by_text("Z2 liegt im Plan: 6,7 % im Jahr 2025, erwartet 6,9 %.").first.wait_for()
    charts = page.locator("#monitor-charts figure")
    assert charts.count() == 9
    first = charts.first.locator("img")
    assert first.get_attribute("alt").startswith("Anteil Schulabgänger ohne Abschluss (Ziel Z1): im Plan.")
    assert first.evaluate("img => img.complete && img.naturalWidth > 0")  # the PNG really renders
    screenshot(page, "5-zielerreichung")

    # filter by status: only Z5 is not on track, and only its chart remains
    page.locator("#monitor-filter-status").get_by_label("nicht im Plan", exact=True).check()
    page.locator("#monitor-summary").get_by_text("Angezeigt: 1 von 15 Zielen.").wait_for()
    assert table.locator("tbody tr").count() == 1 and "Z5" in table.locator("tbody tr").inner_text()
    assert page.locator("#monitor-charts figure").count() == 1
    page.locator("#monitor-filter-status").get_by_label("nicht im Plan", exact=True).uncheck()
    page.locator("#monitor-filter-field").get_by_label("HF1 Bildung, Familien und Jugend").check()
    page.locator("#monitor-summary").get_by_text("Angezeigt: 1 von 15 Zielen.").wait_for()
    assert "Z1" in table.locator("tbody tr").first.inner_text()

    with page.expect_download() as download_info:
        page.locator("#monitor-report-docx").click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    import docx

    document = docx.Document(str(saved))
    assert document.paragraphs[0].text == "Strategiebericht 2026: Gesamtstrategie Musterstadt 2035"
    assert len(document.inline_shapes) == 9 and len(document.tables) >= 5

    # an earlier year ignores later values; a broken file is explained next to the upload
    year.fill("2024")
    page.locator("#monitor-run").click()
    page.locator("#monitor-summary").get_by_text("Stand 2024").wait_for()
    broken = tmp_path / "kaputt.yaml"
    broken.write_text(
        "kommune: X\ntitel: T\nhandlungsfelder: [{id: H1}]\nziele:\n  - {id: Z1, titel: T, handlungsfeld: H1,"
        " kennzahlen: [{name: K, messwerte: {2025: viel}}]}\n",
        encoding="utf-8",
    )
    page.locator("#monitor-upload").get_by_role("button", name="Löschen").click()  # the example's copy
    page.locator("#monitor-upload input[type=file]").set_input_files(str(broken))
    message = page.locator("#monitor-message")
    message.get_by_text("Die Auswertung ist nicht möglich.").wait_for()
    assert "Zeile 5" in message.inner_text() and "keine Zahl" in message.inner_text()
    assert page.locator("#monitor-table").is_hidden()


def test_upload_a_document_and_find_it_in_the_list(page, tmp_path):
    open_tab(page, "Wissensbasis")
    note = tmp_path / "notiz-radverkehr.md"
    note.write_text(
        "# Notiz zum Radverkehr\n\nStand: 05.03.2026\n\nDer Anteil des Radverkehrs soll bis 2030 auf "
        f"25 Prozent steigen; dazu entstehen 40 Kilometer neue Radwege. (Testlauf {time.time_ns()})\n",
        encoding="utf-8",
    )
    page.locator("#kb-upload input[type=file]").set_input_files(str(note))
    page.locator("#kb-ingest").click()
    # „neu aufgenommen“ on a fresh app, „aktualisiert“ against a running one (BROWSER_TEST_URL)
    page.locator("#kb-status").get_by_text(re.compile(r"1 Dokument (neu aufgenommen|aktualisiert)")).wait_for()
    page.locator("#kb-documents").get_by_text("Notiz zum Radverkehr").wait_for()
    screenshot(page, "4-wissensbasis")


def test_generate_a_draft_download_word_and_check_its_goals(page, tmp_path):
    open_tab(page, "Entwurf")
    page.get_by_text("Entwurfsanfrage hochladen (statt des Formulars)").click()
    page.locator("#draft-example").click()
    kommune = page.get_by_label("Kommune", exact=True)
    page.wait_for_function("() => document.querySelector('#draft-kommune textarea, #draft-kommune input')?.value")
    assert kommune.input_value() == "Musterstadt"
    page.locator("#draft-create").click()
    word = page.locator("#draft-download-docx")
    word.wait_for(timeout=300_000)
    assert page.locator("#draft-result").get_by_role("heading").count() >= 2
    with page.expect_download() as download_info:
        word.click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    assert saved.suffix == ".docx"
    with zipfile.ZipFile(saved) as archive:
        assert "word/document.xml" in archive.namelist()
        assert "Musterstadt" in archive.read("word/document.xml").decode("utf-8")
    screenshot(page, "2-entwurf")

    page.locator("#draft-check-goals").click()
    page.get_by_role("tab", name="Prüfung", selected=True).wait_for()
    page.locator("#findings-table").wait_for()
    page.locator("#check-summary").get_by_text("-ziele.yaml").wait_for()
