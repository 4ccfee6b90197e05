"""The app as staff meet it (issue 13), in a real Chromium: a German desktop (1280×720) and an English phone
(390×844). Each test is one row of the issue: calm German errors in place, defaults, examples from any
working folder, progress where the user looks, first view, phone layout, document removal, typed text, and
the draft's notes against „Diese Ziele prüfen“. Screenshots go to ``test-artifacts/screenshots/ux-*``."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.conftest import KNOWLEDGE
from tests.integration.browser import DESKTOP, PHONE, VIEWS, open_page, open_tab, screenshot, visible_error_overlays

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(params=list(VIEWS), ids=list(VIEWS))
def view(request, browser, app_url):
    """A page in one of the two views; yields (page, view name)."""
    locale, viewport = VIEWS[request.param]
    with open_page(browser, app_url, locale=locale, viewport=viewport) as page:
        yield page, request.param


def _in_viewport(page, selector: str) -> bool:
    return page.evaluate(
        """sel => { const r = document.querySelector(sel).getBoundingClientRect();
                    return r.top >= 0 && r.bottom <= window.innerHeight && r.width > 0; }""",
        selector,
    )


def test_first_view_shows_title_and_all_tabs_with_the_question_box_focused(view):
    page, name = view
    page.wait_for_timeout(1500)  # the load event has focused the box
    assert page.evaluate("window.scrollY") == 0
    assert _in_viewport(page, "h1") and _in_viewport(page, "#tabs [role=tablist]")
    assert page.evaluate("document.activeElement?.closest('#chat-question') !== null")
    # every tab is a visible tab button inside the screen, none behind an overflow menu („…“)
    tabs = page.get_by_role("tab")
    assert [t.strip() for t in tabs.all_inner_texts()] == [
        "Fragen", "Entwurf", "Prüfung", "Zielerreichung", "Wissensbasis",
    ]  # fmt: skip
    for index in range(5):
        box = tabs.nth(index).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
    assert page.locator("#tabs .overflow-menu button").filter(visible=True).count() == 0
    screenshot(page, f"ux-first-view-{name}", full_page=False)
    open_tab(page, "Wissensbasis")  # the last tab is reachable with one tap
    # Gradio's own strings are German whatever the browser's language
    page.locator("#kb-upload").get_by_text("Datei hier ablegen").wait_for()
    assert "Drop File Here" not in page.locator("#kb-upload").inner_text()


def test_expected_errors_are_german_notices_in_place_without_overlays(view):
    page, name = view
    # a bad date in the chat filter: the message is beside the question box, the chat stays usable
    page.locator("#chat-from input, #chat-from textarea").fill("gestern")
    question = page.get_by_label("Ihre Frage")
    question.fill("Wie hoch ist der Fehlbetrag?")
    question.press("Enter")
    notice = page.locator("#chat-notice")
    notice.get_by_text("TT.MM.JJJJ").wait_for()
    assert "Hinweis" in notice.inner_text()
    assert visible_error_overlays(page) == []
    page.locator("#chat-from input, #chat-from textarea").fill("")
    question.fill("Wie hoch ist der Fehlbetrag im Ergebnishaushalt 2025?")
    question.press("Enter")
    page.locator("#chat").get_by_text("Quellen", exact=True).wait_for()
    assert notice.inner_text().strip() == ""  # the notice goes once the question works

    # „Entfernen“ with nothing chosen: the reason stands in the result area, the table stays clickable
    open_tab(page, "Wissensbasis")
    page.locator("#kb-remove").click()
    status = page.locator("#kb-status")
    status.get_by_text("Bitte wählen Sie zuerst").wait_for()
    assert visible_error_overlays(page) == []
    assert page.locator("#kb-documents").get_by_text("Haushaltsplan 2026").first.is_visible()
    screenshot(page, f"ux-error-in-place-{name}")


def test_wrong_file_type_in_the_check_is_explained_in_german(view, tmp_path):
    page, name = view
    open_tab(page, "Prüfung")
    wrong = tmp_path / "ziele.txt"
    wrong.write_text("Ziele als Text", encoding="utf-8")
    page.locator("#check-upload input[type=file]").set_input_files(str(wrong))
    message = page.locator("#check-message")
    message.get_by_text("ist kein Zielsystem").wait_for()
    assert ".yaml, .yml, .json oder .xlsx" in message.inner_text()
    assert "Invalid file type" not in page.locator("body").inner_text()
    assert visible_error_overlays(page) == []
    screenshot(page, f"ux-wrong-file-{name}")


def test_new_upload_while_a_family_filter_is_ticked(view):
    page, _name = view
    open_tab(page, "Prüfung")
    upload = page.locator("#check-upload input[type=file]")
    upload.set_input_files(str(KNOWLEDGE / "zielsysteme" / "fehler-fokus.yaml"))
    page.locator("#check-summary").get_by_text("fehler-fokus.yaml").wait_for()
    page.locator("#check-filter-family").get_by_label("FOC – Fokus").check()
    page.locator("#check-summary").get_by_text("Angezeigt:").wait_for()
    page.locator("#check-upload").get_by_role("button", name=re.compile("Löschen|Clear")).click()
    upload.set_input_files(str(KNOWLEDGE / "zielsysteme" / "beispiel-zielsystem.yaml"))
    page.locator("#check-summary").get_by_text("beispiel-zielsystem.yaml").wait_for()
    page.wait_for_timeout(1000)
    assert visible_error_overlays(page) == []
    assert "FOC" not in page.locator("#check-message").inner_text()
    assert page.locator("#check-filter-family input:checked").count() == 0


def test_findings_table_scrolls_sideways_on_a_phone(browser, app_url):
    with open_page(browser, app_url, locale="de-DE", viewport=PHONE) as page:
        open_tab(page, "Prüfung")
        page.locator("#check-example").click()
        page.locator("#findings-table").wait_for()
        page.locator("#plot-budget img").wait_for()
        sizes = page.evaluate(
            """() => { const box = document.querySelector('#check-findings');
                       return {inner: box.scrollWidth, outer: box.clientWidth,
                               page: document.documentElement.scrollWidth}; }"""
        )
        assert sizes["inner"] > sizes["outer"]  # the table scrolls within its box …
        assert sizes["page"] <= PHONE["width"]  # … and the page itself does not
        page.locator("#check-findings").evaluate("box => box.scrollLeft = 200")
        assert page.locator("#check-findings").evaluate("box => box.scrollLeft") > 0
        page.locator("#check-findings").scroll_into_view_if_needed()
        screenshot(page, "ux-findings-phone", full_page=False)


def test_draft_form_defaults_example_from_the_package_progress_and_consistent_check(view):
    page, name = view
    open_tab(page, "Entwurf")
    this_year = date.today().year
    von, bis = page.locator("#draft-von input"), page.locator("#draft-bis input")
    assert (von.input_value(), bis.input_value()) == (str(this_year), str(this_year + 10))
    von.focus()
    bis.focus()  # leaving the field: no English range message
    assert "less than minimum" not in page.locator("body").inner_text()

    # the example request and its goal set come from the package (the app runs in another folder)
    page.get_by_text("Entwurfsanfrage hochladen (statt des Formulars)").click()
    page.locator("#draft-example").click()
    page.wait_for_function("() => document.querySelector('#draft-kommune textarea, #draft-kommune input')?.value")
    assert page.get_by_label("Kommune", exact=True).input_value() == "Musterstadt"
    page.locator("#draft-goal-set").get_by_text(".yaml").first.wait_for()
    assert visible_error_overlays(page) == []
    assert page.locator("#draft-message").inner_text().strip() == ""

    # progress at once where the draft will appear, the button waits
    create = page.locator("#draft-create")
    create.click()
    page.locator("#draft-result").get_by_text("Der Entwurf entsteht").wait_for(timeout=5000)
    assert create.is_disabled()
    screenshot(page, f"ux-draft-running-{name}", full_page=False)
    page.locator("#draft-download-docx").wait_for(timeout=300_000)
    assert create.is_enabled()

    # the draft's notes say what „Diese Ziele prüfen“ will show, with the same checker
    notes = page.locator("#draft-warnings")
    announced = re.search(r"Regelkatalog\*?\*? \(„Diese Ziele prüfen“\): (\d+ Fehler, \d+ Warnung\w*, \d+ Hinweis\w*)",
                          notes.inner_text().replace("**", ""))  # fmt: skip
    assert announced, notes.inner_text()
    screenshot(page, f"ux-draft-done-{name}")
    page.locator("#draft-check-goals").click()
    page.get_by_role("tab", name="Prüfung", selected=True).wait_for()
    summary = page.locator("#check-summary")
    summary.get_by_text("-ziele.yaml").wait_for()
    assert announced.group(1) in summary.inner_text()


def test_edit_title_and_stand_then_remove_after_a_confirmation(view, tmp_path):
    page, name = view
    open_tab(page, "Wissensbasis")
    note = tmp_path / f"notiz-{name}.md"
    note.write_text(f"# Notiz {name}\n\nStand: 05.03.2026\n\nDer Radverkehr soll wachsen.\n", encoding="utf-8")
    page.locator("#kb-upload input[type=file]").set_input_files(str(note))
    page.locator("#kb-ingest").click()
    page.locator("#kb-status").get_by_text(re.compile("1 Dokument (neu aufgenommen|aktualisiert)")).wait_for()
    table = page.locator("#kb-documents")
    table.get_by_text(f"Notiz {name}").first.wait_for()

    # title and Stand are edited beside the list and kept in the catalog (survive „Alles neu einlesen“)
    choice = page.locator("#kb-remove-choice input")
    choice.click()
    page.get_by_role("option", name=f"Notiz {name} (notiz-{name}.md)").click()
    title = page.locator("#kb-edit-title textarea, #kb-edit-title input").first
    stand = page.locator("#kb-edit-stand textarea, #kb-edit-stand input").first
    page.wait_for_function(
        "() => document.querySelector('#kb-edit-stand textarea, #kb-edit-stand input')?.value === '05.03.2026'"
    )
    assert title.input_value() == f"Notiz {name}"
    title.fill(f"Radverkehr {name}")
    stand.fill("1.4.2026")
    page.locator("#kb-edit-save").click()
    page.locator("#kb-status").get_by_text(f"„Radverkehr {name}“: Titel und Stand gespeichert").wait_for()
    table.get_by_text(f"Radverkehr {name}").first.wait_for()
    page.locator("#kb-reindex").click()
    page.locator("#kb-status").get_by_text("Neu eingelesen:").wait_for()
    assert table.get_by_text(f"Radverkehr {name}").count() >= 1
    assert table.get_by_text("01.04.2026").count() >= 1

    # removal asks first and names the document
    choice.click()
    page.get_by_role("option", name=f"Radverkehr {name} (notiz-{name}.md)").click()
    page.locator("#kb-remove").click()
    question = page.locator("#kb-confirm-question")
    question.get_by_text(f"„Radverkehr {name}“ (notiz-{name}.md) wirklich entfernen?").wait_for()
    screenshot(page, f"ux-remove-confirm-{name}")
    page.locator("#kb-confirm-no").click()
    question.wait_for(state="hidden")
    assert table.get_by_text(f"Radverkehr {name}").count() >= 1  # cancelled: still there

    page.locator("#kb-remove").click()
    page.locator("#kb-confirm-yes").click()
    page.locator("#kb-status").get_by_text(f"„Radverkehr {name}“ wurde entfernt").wait_for()
    assert table.get_by_text(f"Radverkehr {name}").count() == 0


def test_text_typed_while_an_answer_runs_stays_in_the_box(view):
    page, _name = view
    question = page.get_by_label("Ihre Frage")
    question.fill("Wie hoch ist der Fehlbetrag im Ergebnishaushalt 2025?")
    question.press("Enter")
    # the question is taken (the box empties, the question stands in the chat; not the example button)
    page.wait_for_function("() => document.querySelector('#chat-question textarea').value === ''")
    page.locator("#chat .user-row").get_by_text("Wie hoch ist der Fehlbetrag im Ergebnishaushalt 2025?").wait_for()
    question.fill("Und wie hoch sind die Erträge?")  # typed while the answer is still being written
    page.locator("#chat").get_by_text("Quellen", exact=True).wait_for()
    page.wait_for_timeout(500)
    assert question.input_value() == "Und wie hoch sind die Erträge?"
    # the sources are numbered 1, 2 … in the order the answer cites them, without gaps
    answer = page.locator("#chat .bot-row, #chat [data-testid=bot]").last.inner_text()
    body, sources = answer.split("Quellen", 1)
    cited = [int(n) for group in re.findall(r"\[(\d+(?:,\s*\d+)*)\]", body) for n in group.split(",")]
    assert cited and cited[0] == 1 and sorted(set(cited)) == list(range(1, max(cited) + 1)), body
    assert "[1]" in sources


# --- the rest of issue 13: charts on a phone, Markdown sources, screen-reader labels, report progress ---

MIN_TEXT_PX = 11  # the smallest chart label a phone user must be able to read, in CSS pixels

_CHART_SIZES = """sel => [...document.querySelectorAll(sel)].filter(img => img.offsetParent !== null)
  .map(img => ({box: (img.closest('[id^="plot-"]') || img.closest('#monitor-charts'))?.id,
    layout: img.className, shown: img.getBoundingClientRect().width, natural: +img.getAttribute('width'),
    smallest: +img.dataset.minTextPx, loaded: img.complete && img.naturalWidth > 0}))"""


def _readable(charts: list[dict]) -> list[dict]:
    """The charts whose smallest label is under MIN_TEXT_PX as shown (natural size × shrink factor)."""
    return [c for c in charts if c["smallest"] * min(1.0, c["shown"] / c["natural"]) < MIN_TEXT_PX]


def test_charts_are_readable_where_they_are_shown(view):
    page, name = view
    open_tab(page, "Prüfung")
    page.locator("#check-example").click()
    page.locator("#plot-tree img:visible").wait_for()
    charts = page.evaluate(_CHART_SIZES, "#plot-budget img, #plot-fields img, #plot-tree img")
    assert [c["box"] for c in charts] == ["plot-budget", "plot-fields", "plot-tree"]  # one tree layout shown
    assert all(c["loaded"] for c in charts)
    tree = charts[2]["layout"]
    assert tree == ("chart chart-compact" if name == "en-phone" else "chart chart-wide")
    assert _readable(charts) == [], charts
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert page.locator("#plot-tree img:visible").get_attribute("alt").startswith("Schaubild: Ableitung")
    page.locator("#plot-fields").scroll_into_view_if_needed()
    screenshot(page, f"ux-charts-fields-{name}", full_page=False)
    page.locator("#plot-tree img:visible").scroll_into_view_if_needed()
    screenshot(page, f"ux-charts-tree-{name}", full_page=False)

    open_tab(page, "Zielerreichung")
    page.locator("#monitor-example").click()
    page.locator("#monitor-charts img").first.wait_for()
    charts = page.evaluate(_CHART_SIZES, "#monitor-charts img")
    assert len(charts) == 9 and all(c["loaded"] for c in charts)
    assert _readable(charts) == [], charts
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    page.locator("#monitor-charts figure").nth(1).scroll_into_view_if_needed()
    screenshot(page, f"ux-monitor-chart-{name}", full_page=False)


def test_goal_achievement_report_shows_its_status_and_locks_the_buttons(view):
    """The status and the locked buttons are recorded as they happen (a MutationObserver in the page), so
    the test sees them however quick the report is."""
    page, name = view
    open_tab(page, "Zielerreichung")
    page.evaluate(
        """() => { const log = window.__monitorLog = [];
          const state = sel => document.querySelector(sel);
          const record = () => log.push({status: state('#monitor-status')?.innerText.trim() || '',
            run: state('#monitor-run')?.disabled, example: state('#monitor-example')?.disabled});
          new MutationObserver(record).observe(document.body, {subtree: true, childList: true, attributes: true,
            characterData: true}); record(); }"""
    )  # fmt: skip
    page.locator("#monitor-example").click()
    page.locator("#monitor-table").wait_for()
    page.wait_for_function("() => !document.querySelector('#monitor-run').disabled")
    log = page.evaluate("window.__monitorLog")
    running = [entry for entry in log if "wird ausgewertet" in entry["status"]]
    assert running, log[-5:]
    assert any(entry["run"] and entry["example"] for entry in running)  # both buttons locked meanwhile
    assert page.locator("#monitor-status").inner_text().strip() == ""  # gone with the result
    assert page.locator("#monitor-example").is_enabled()
    assert visible_error_overlays(page) == []
    screenshot(page, f"ux-monitor-done-{name}", full_page=False)


def _open_source(page, question_text: str, link_text: str):
    """Ask, then open the answer's source link (a new tab or the same one); returns (page, href)."""
    question = page.get_by_label("Ihre Frage")
    question.fill(question_text)
    question.press("Enter")
    link = page.locator("#chat a", has_text=link_text).first
    link.wait_for()
    href = link.get_attribute("href")
    pages_before = len(page.context.pages)
    link.click()
    page.wait_for_timeout(1500)
    opened = page.context.pages[-1] if len(page.context.pages) > pages_before else page
    opened.wait_for_load_state()
    return opened, href


def test_markdown_source_opens_rendered_at_the_cited_section(view):
    page, name = view
    opened, href = _open_source(page, "Wie hoch ist die Photovoltaikleistung im Stadtgebiet 2035?", "Abschnitt öffnen")
    assert re.search(r"/dokumente/[^/]+/ansicht#abschnitt-[a-z0-9-]+$", href), href
    assert "/ansicht#abschnitt-" in opened.url
    target = opened.locator(":target")
    assert target.count() == 1 and target.evaluate("el => /^H[1-6]$/.test(el.tagName)")
    assert "Ziele" in target.inner_text()
    assert opened.evaluate(
        "() => { const r = document.querySelector(':target').getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight; }"
    )  # the cited section is on screen, not the top of the document
    assert opened.locator("table").count() >= 1  # rendered, not raw text
    assert opened.evaluate("document.scripts.length") == 0
    response = page.context.request.get(opened.url.split("#")[0])
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert opened.evaluate("document.documentElement.scrollWidth") <= opened.viewport_size["width"]
    screenshot(opened, f"ux-markdown-view-{name}", full_page=False)


HOSTILE_MARKDOWN = """# Bäderkonzept <script>alert('titel')</script>

<script>alert("xss-script"); fetch("/config?xss=1")</script>
<img src="https://example.org/spion.png" onerror="alert('xss-img')">
<svg onload="alert('xss-svg')"><circle r="5"/></svg>

## Hallenbad Nordstadt

Das Hallenbad Nordstadt hat einen Sanierungsbedarf von 7,3 Mio. Euro.

[Mehr erfahren](javascript:alert('xss-link')) · [Bild](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
· [Amt](https://example.org/baeder) · ![Plan](https://example.org/plan.png)
"""


def test_hostile_markdown_source_stays_inert(browser, app_url, tmp_path):
    with open_page(browser, app_url, locale="de-DE", viewport=DESKTOP) as page:
        open_tab(page, "Wissensbasis")
        source = tmp_path / "baederkonzept-notiz.md"
        source.write_text(HOSTILE_MARKDOWN, encoding="utf-8")
        page.locator("#kb-upload input[type=file]").set_input_files(str(source))
        page.locator("#kb-ingest").click()
        page.locator("#kb-status").get_by_text(re.compile("1 Dokument (neu aufgenommen|aktualisiert)")).wait_for()
        open_tab(page, "Fragen")
        dialogs: list[str] = []
        requests: list[str] = []
        page.context.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.context.on("request", lambda request: requests.append(request.url))
        opened, href = _open_source(
            page, "Wie hoch ist der Sanierungsbedarf des Hallenbads Nordstadt?", "Abschnitt öffnen"
        )
        assert "/ansicht#abschnitt-" in href
        opened.wait_for_timeout(1500)
        assert dialogs == []
        view_requests = [u for u in requests if "/ansicht" in u or "example.org" in u or "xss" in u]
        assert all("/ansicht" in u for u in view_requests), view_requests  # no image, no fetch, nothing
        assert opened.evaluate("document.scripts.length") == 0
        assert opened.locator("img, svg, iframe").count() == 0
        assert [a.get_attribute("href") for a in opened.locator("main a").all()] == ["https://example.org/baeder"]
        body = opened.locator("main").inner_text()
        assert '<script>alert("xss-script")' in body  # shown as text
        assert "[Bild: Plan]" in body and "[Mehr erfahren](javascript:alert('xss-link'))" in body
        screenshot(opened, "ux-markdown-hostile", full_page=False)


ENGLISH_LABEL = re.compile(
    r"\b(Select example|Copy|Copied|Click to upload|File upload|Scroll down|Fullscreen|Open cell menu|"
    r"Table actions|chatbot conversation|footer navigation|'s message|Stop Recording|Clear)\b"
)
_LABELS = """() => [...document.querySelectorAll('[aria-label], [title], img[alt]')]
    .flatMap(el => ['aria-label', 'title', 'alt'].map(name => el.getAttribute(name)).filter(Boolean))"""


def test_screen_reader_labels_are_german(view):
    page, _name = view
    examples = page.locator("#chat button.example")
    examples.first.wait_for()
    # the relabelling script starts with the page's own scripts: wait for it instead of reading at once
    page.wait_for_function(
        "() => document.querySelector('#chat button.example')?.getAttribute('aria-label')"
        "?.startsWith('Beispiel 1 auswählen: ')"
    )
    page.wait_for_function(
        "() => document.querySelector('#chat [role=log]')?.getAttribute('aria-label') === 'Gesprächsverlauf'"
    )
    question = page.get_by_label("Ihre Frage")
    question.fill("Wie hoch ist der Fehlbetrag im Ergebnishaushalt 2025?")
    question.press("Enter")
    page.locator("#chat").get_by_text("Quellen", exact=True).wait_for()
    # rendered after load: the observer has relabelled it
    page.locator("#chat").get_by_role("button", name="Nachricht kopieren").first.wait_for()
    assert page.locator("#chat [aria-label^='Antwort des Assistenten: ']").count() >= 1
    # Gradio sets an English label again (as a re-render does): it turns German again
    examples_or_message = page.locator("#chat [aria-label^='Ihre Nachricht: ']").first
    examples_or_message.evaluate("el => el.setAttribute('aria-label', 'Select example 7: Testfrage')")
    page.wait_for_function(
        "() => document.querySelector('#chat [aria-label=\"Beispiel 7 auswählen: Testfrage\"]') !== null"
    )
    open_tab(page, "Wissensbasis")
    page.locator("#kb-documents").get_by_role("button", name="Tabelle kopieren").wait_for()
    open_tab(page, "Entwurf")
    page.locator("#draft-result").get_by_role("button", name="Inhalt kopieren").wait_for()
    english = [label for label in page.evaluate(_LABELS) if ENGLISH_LABEL.search(label)]
    assert english == [], english
    assert page.evaluate("document.documentElement.lang") == "de"
