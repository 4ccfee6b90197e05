from datetime import date

from assistant.models import SearchFilters
from assistant.retrieval.langchain_retriever import HybridLangChainRetriever
from tests.sample_files import make_pdf


def test_langchain_retriever_returns_documents_with_metadata_and_filters(fake_services, tmp_path):
    make_pdf(tmp_path / "haushalt.pdf", [["1 Haushalt", "Stand: 11.12.2025", "Der Stellenplan umfasst 812 VZÄ."]],
             title="Haushaltsplan 2026")  # fmt: skip
    (tmp_path / "beschluss.md").write_text(
        "# Ratsbeschluss\n\nStand: 26.03.2026\n\nDer Stellenplan wird beschlossen.\n", encoding="utf-8"
    )
    fake_services.ingestor.ingest([tmp_path], progress=False)
    retriever = HybridLangChainRetriever(retriever=fake_services.retriever, k=3)

    documents = retriever.invoke("Stellenplan VZÄ")
    assert documents[0].metadata["title"] == "Haushaltsplan 2026"
    assert documents[0].metadata["page"] == 1
    assert "812" in documents[0].page_content

    only_decisions = HybridLangChainRetriever(
        retriever=fake_services.retriever, filters=SearchFilters(doc_types=["ratsbeschluss"])
    ).invoke("Stellenplan")
    assert only_decisions and {d.metadata["doc_type"] for d in only_decisions} == {"ratsbeschluss"}

    recent = HybridLangChainRetriever(
        retriever=fake_services.retriever, filters=SearchFilters(stand_from=date(2026, 1, 1))
    ).invoke("Stellenplan")
    assert {d.metadata["title"] for d in recent} == {"Ratsbeschluss"}
