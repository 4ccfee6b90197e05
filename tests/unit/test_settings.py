import pytest

from assistant.errors import UserError
from assistant.settings import load_settings


def test_defaults():
    settings = load_settings()
    assert settings.llm.provider == "extractive"
    assert settings.chroma.host is None
    assert settings.pruefung.max_ziele_fehler == 12


def test_file_then_environment_then_overrides(tmp_path, monkeypatch):
    config = tmp_path / "assistant.toml"
    config.write_text(
        '[llm]\nprovider = "ollama"\nmodel = "llama3"\n[pruefung]\nmax_ziele_fehler = 15\n', encoding="utf-8"
    )
    monkeypatch.setenv("ASSISTANT_LLM__MODEL", "qwen")
    monkeypatch.setenv("ASSISTANT_CHROMA__HOST", "127.0.0.1")
    monkeypatch.setenv("ASSISTANT_CHROMA__PORT", "8123")
    settings = load_settings(config, data_dir=tmp_path / "d")
    assert settings.llm.provider == "ollama"  # from the file
    assert settings.llm.model == "qwen"  # the environment wins over the file
    assert settings.pruefung.max_ziele_fehler == 15
    assert (settings.chroma.host, settings.chroma.port) == ("127.0.0.1", 8123)
    assert settings.data_dir == tmp_path / "d"


def test_data_dir_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "x"))
    assert load_settings().data_dir == tmp_path / "x"


def test_invalid_values_give_german_errors(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_LLM__PROVIDER", "gpt")
    with pytest.raises(UserError, match="Ungültige Einstellung"):
        load_settings()
    broken = tmp_path / "a.toml"
    broken.write_text("[llm\n", encoding="utf-8")
    monkeypatch.delenv("ASSISTANT_LLM__PROVIDER")
    with pytest.raises(UserError, match="kein gültiges TOML"):
        load_settings(broken)
    with pytest.raises(UserError, match="nicht gefunden"):
        load_settings(tmp_path / "fehlt.toml")
