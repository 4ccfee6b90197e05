"""The app launched for real (``launch(prevent_thread_lock=True)``) and driven over HTTP with gradio_client,
on the real stack: sentence-transformers embedder and embedded Chroma over sample documents."""

from __future__ import annotations

import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError, AuthenticationError

from tests.conftest import KNOWLEDGE
from tests.integration.conftest import free_port

pytestmark = pytest.mark.integration

DOCUMENTS = [
    "haushaltsplan-2026-auszug.pdf",
    "bericht-buergerbeteiligung-gesamtstrategie.html",
    "klimaschutz-und-mobilitaetskonzept-kurzfassung.md",
]
QUESTION = "Wie hoch ist der Fehlbetrag im Ergebnishaushalt 2025?"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from assistant.app import launch
    from assistant.settings import load_settings
    from assistant.wiring import build_services

    root = tmp_path_factory.mktemp("app")
    folder = root / "dokumente"
    folder.mkdir()
    for name in DOCUMENTS:
        shutil.copy(KNOWLEDGE / "dokumente" / name, folder / name)
    shutil.copy(KNOWLEDGE / "manifest.yaml", root / "manifest.yaml")
    services = build_services(load_settings(data_dir=root / "data"))
    report = services.ingestor.ingest([folder], progress=False)
    assert not report.failed and report.added == len(DOCUMENTS)
    port = free_port()
    app = launch(services, host="127.0.0.1", port=port, prevent_thread_lock=True)
    yield f"http://127.0.0.1:{port}", services, app
    app.close()


@pytest.fixture(scope="module")
def client(server):
    return Client(server[0], verbose=False, download_files=False, analytics_enabled=False)


def _last_text(messages) -> str:
    content = messages[-1]["content"]
    return "".join(part["text"] for part in content) if isinstance(content, list) else content


def test_api_offers_the_tabs_endpoints(client):
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert {"/fragen", "/pruefen", "/einlesen", "/entfernen", "/neu_einlesen"} <= set(endpoints)


def test_answer_with_sources_and_a_link_that_opens_the_page(server, client):
    url = server[0]
    messages, notice = client.predict(QUESTION, [], [], "", "", api_name="/fragen")
    assert notice == ""
    text = _last_text(messages)
    answer, sources = text.split("**Quellen**")
    assert "[1]" in answer or "[2]" in answer
    assert "Haushaltsplan 2026" in sources and ", S. " in sources
    link = sources.split("](/dokumente/")[1].split(")")[0]
    doc_id, _, page = link.partition("#page=")
    assert page.isdigit()
    response = httpx.get(f"{url}/dokumente/{doc_id}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert Path(server[1].catalog.document(doc_id).path).name == "haushaltsplan-2026-auszug.pdf"
    # only indexed documents are served, nothing else from the disk
    folder = Path(server[1].catalog.document(doc_id).path).parent
    assert httpx.get(f"{url}/gradio_api/file={folder}/../manifest.yaml").status_code in (403, 404)
    assert httpx.get(f"{url}/dokumente/..%2Fmanifest.yaml").status_code == 404


def test_follow_up_keeps_the_context(client):
    messages, *_ = client.predict(QUESTION, [], [], "", "", api_name="/fragen")
    follow_up, *_ = client.predict("Und wie hoch sind die Erträge?", messages, [], "", "", api_name="/fragen")
    # the conversation travels with the request (the answer service resolves the follow-up; its
    # quality is measured by the answer eval, not here)
    assert [m["role"] for m in follow_up] == ["user", "assistant", "user", "assistant"]
    assert _last_text(follow_up[:2]) == _last_text(messages)
    assert _last_text(follow_up).strip()


def test_not_in_the_documents(client):
    messages, *_ = client.predict(
        "Wie heißt der Trainer des örtlichen Fußballvereins?", [], [], "", "", api_name="/fragen"
    )
    assert _last_text(messages).startswith("**Nicht in den Dokumenten:**")


def test_filters_by_type_and_date(client):
    messages, *_ = client.predict(QUESTION, [], ["beteiligung"], "", "", api_name="/fragen")
    assert "Haushaltsplan" not in _last_text(messages)
    # an expected error is a German notice beside the question box, the conversation stays as it was
    _messages, notice = client.predict(QUESTION, [], [], "gestern", "", api_name="/fragen")
    assert "TT.MM.JJJJ" in notice and "Traceback" not in notice


def test_ten_people_asking_at_once_are_all_answered(server):
    url, services, _app = server
    assert services.settings.app.concurrency_limit == 10
    questions = [
        QUESTION,
        "Wie viele Menschen haben an der Online-Beteiligung teilgenommen?",
        "Um wie viel Prozent soll der CO2-Ausstoß sinken?",
        "Welche Investitionen sind im Haushalt 2026 geplant?",
        "Wie viele Stellen hat die Stadtverwaltung?",
    ] * 2

    def ask(question: str) -> tuple[str, float]:
        client = Client(url, verbose=False, download_files=False, analytics_enabled=False)
        started = time.perf_counter()
        messages, *_ = client.predict(question, [], [], "", "", api_name="/fragen")
        return _last_text(messages), time.perf_counter() - started

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(ask, questions))
    elapsed = time.perf_counter() - started
    assert len(results) == 10
    for text, _ in results:
        assert "**Quellen**" in text or text.startswith("**Nicht in den Dokumenten:**")
    assert sum("**Quellen**" in text for text, _ in results) >= 8
    # they ran side by side: the whole batch takes far less than the answers one after another
    assert elapsed < sum(seconds for _, seconds in results)


def test_goal_set_check_with_yaml_and_excel(client, tmp_path):
    result = client.predict(
        handle_file(str(KNOWLEDGE / "zielsysteme" / "beispiel-zielsystem.yaml")), api_name="/pruefen"
    )
    assert result[0] == ""
    result = result[1:]
    summary, table = result[0], result[1]
    assert summary.startswith("**beispiel-zielsystem.yaml:** 0 Fehler")
    assert 'id="findings-table"' in table
    report = result[5]
    assert (
        report["value"]["path"].endswith("pruefbericht-beispiel-zielsystem.md")
        if isinstance(report.get("value"), dict)
        else str(report["value"]).endswith(".md")
    )
    assert all(result[i].startswith('<img class="chart') for i in (6, 8, 10))  # our own <img> with German alt
    assert 'class="chart chart-compact"' in result[10]  # the strategy tree also in its phone layout
    assert "Nicht abgedeckt" not in result[11]

    from assistant.goals.loading import load_goal_set
    from assistant.goals.template import write_workbook

    workbook = tmp_path / "ziele.xlsx"
    write_workbook(workbook, load_goal_set(KNOWLEDGE / "zielsysteme" / "beispiel-zielsystem.yaml").goal_set)
    summary = client.predict(handle_file(str(workbook)), api_name="/pruefen")[1]
    assert summary.startswith("**ziele.xlsx:** 0 Fehler")


def test_unreadable_goal_set_gives_a_german_message_in_place(client, tmp_path):
    broken = tmp_path / "kaputt.yaml"
    broken.write_text("kommune: Musterstadt\nziele: [\n", encoding="utf-8")
    result = client.predict(handle_file(str(broken)), api_name="/pruefen")
    message = result[0]
    assert message.startswith("**Die Datei kann nicht geprüft werden.**")
    assert "kaputt.yaml" in message and "Zeile" in message and "Traceback" not in message
    with pytest.raises(AppError):  # Gradio refuses a value outside the dropdown's choices
        client.predict("/etc/passwd", api_name="/beispiel_pruefen")
    example = client.predict("fehler-fokus.yaml", api_name="/beispiel_pruefen")
    assert example[2].startswith("**fehler-fokus.yaml:**") and "FOC-01" in example[3]


def test_upload_list_and_remove_a_document(server, client, tmp_path):
    note = tmp_path / "notiz-radverkehr.md"
    note.write_text(
        "# Notiz Radverkehr\n\nStand: 05.03.2026\n\nDer Radverkehrsanteil soll bis 2030 auf 25 Prozent steigen.\n",
        encoding="utf-8",
    )
    bad = tmp_path / "tabelle.xyz"
    bad.write_text("x", encoding="utf-8")
    status, _files, summary, table, _choice, *_buttons = client.predict(
        [handle_file(str(note)), handle_file(str(bad))], api_name="/einlesen"
    )
    assert summary.startswith("4 Dokumente")
    assert "1 Dokument neu aufgenommen" in status
    assert "**tabelle.xyz**: Das Dateiformat „.xyz“ wird nicht unterstützt" in status
    titles = [row[0] for row in table["data"]]
    assert "Notiz Radverkehr" in titles
    assert next(row[5] for row in table["data"] if row[0] == "Notiz Radverkehr") == "notiz-radverkehr.md"
    doc_id = next(d.doc_id for d in server[1].catalog.documents() if d.title == "Notiz Radverkehr")
    status, _summary, table, _choice = client.predict(doc_id, api_name="/entfernen")
    assert "entfernt" in status
    assert "Notiz Radverkehr" not in [row[0] for row in table["data"]]


def test_reindex(client):
    status, *_ = client.predict(api_name="/neu_einlesen")
    assert status.startswith("Neu eingelesen:") and "3 Dokumente unverändert" in status


@pytest.fixture(scope="module")
def protected(tmp_path_factory):
    from assistant.app import launch
    from assistant.app.auth import hash_password
    from assistant.index.embedders import HashEmbedder
    from assistant.index.vector_stores import InMemoryVectorIndex
    from assistant.settings import load_settings
    from assistant.wiring import build_services

    root = tmp_path_factory.mktemp("geschuetzt")
    settings = load_settings(data_dir=root / "data", app={"users": {"anna": hash_password("Rathaus-2026")}})
    services = build_services(settings, embedder=HashEmbedder(), vector_index=InMemoryVectorIndex())
    note = root / "notiz.md"
    note.write_text("# Notiz\n\nDer Haushalt 2026 hat einen Fehlbetrag von 4,2 Mio. Euro.\n", encoding="utf-8")
    services.ingestor.ingest([note], progress=False)
    port = free_port()
    app = launch(services, host="127.0.0.1", port=port, prevent_thread_lock=True)
    yield f"http://127.0.0.1:{port}", note
    app.close()


def test_login_protects_everything(protected):
    url, note = protected
    assert httpx.get(f"{url}/config").status_code == 401
    assert httpx.get(f"{url}/gradio_api/file={note}").status_code == 401
    assert httpx.get(f"{url}/dokumente/notiz").status_code == 401
    assert httpx.post(f"{url}/gradio_api/call/fragen", json={"data": [QUESTION, [], [], "", ""]}).status_code == 401
    with pytest.raises(AuthenticationError):
        Client(url, verbose=False, analytics_enabled=False)
    with pytest.raises(ValueError, match="Could not login"):
        Client(url, verbose=False, auth=("anna", "falsch"), analytics_enabled=False)
    client = Client(url, verbose=False, auth=("anna", "Rathaus-2026"), download_files=False, analytics_enabled=False)
    messages, *_ = client.predict("Wie hoch ist der Fehlbetrag?", [], [], "", "", api_name="/fragen")
    assert "Notiz" in _last_text(messages)
