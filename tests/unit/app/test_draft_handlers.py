import zipfile

from assistant.app.handlers import check, draft
from tests.conftest import KNOWLEDGE


def test_draft_from_the_form_with_downloads_and_goals_for_the_check(indexed, tmp_path):
    form = draft.load_request_file(KNOWLEDGE / "entwurf-anfrage.yaml")
    request = draft.build_request(form.kommune, form.von, form.bis, form.fields, form.values, form.titel, form.goal_set)
    outcome = draft.make_draft(indexed, request, tmp_path)
    assert outcome.markdown.startswith("# ")
    assert outcome.markdown_path.name == "entwurf-musterstadt-2035.md"
    assert outcome.markdown_path.read_text(encoding="utf-8") == outcome.markdown
    with zipfile.ZipFile(outcome.docx_path) as archive:
        assert "Musterstadt" in archive.read("word/document.xml").decode("utf-8")
    shown = draft.displayed_markdown(outcome.markdown)
    assert draft.WARNINGS_SECTION not in shown
    if outcome.draft.warnings:
        assert draft.warnings_markdown(outcome.draft).startswith("**Hinweise zum Entwurf (")

    goals = draft.goals_for_check(outcome.draft, request, tmp_path)
    checked = check.check_file(indexed, goals)
    assert checked.goal_set.municipality == "Musterstadt"
    assert len(checked.goal_set.goals) == len(outcome.draft.goals)


def test_draft_without_goal_set(indexed, tmp_path):
    request = draft.build_request("Musterstadt", 2026, 2030, "Finanzen: Haushaltsausgleich", "", "", None)
    outcome = draft.make_draft(indexed, request, tmp_path)
    assert outcome.draft.sections and outcome.docx_path.is_file()
