from assistant.index.vector_stores import ChromaVectorIndex, InMemoryVectorIndex
from assistant.settings import ChromaSettings
from tests.index_contract import check_contract


def test_in_memory_index_contract():
    check_contract(InMemoryVectorIndex())


def test_embedded_chroma_contract(tmp_path):
    check_contract(ChromaVectorIndex.open(ChromaSettings(), tmp_path))


def test_embedded_chroma_persists_across_clients(tmp_path):
    from tests.index_contract import fill

    fill(ChromaVectorIndex.open(ChromaSettings(), tmp_path))
    assert ChromaVectorIndex.open(ChromaSettings(), tmp_path).count() == 4
