"""Benchmark: a 600-page PDF built from the real-dev files, loaded and ingested; with and without OCR pages.

Run: ``.venv/bin/python benchmarks/bench_big_pdf.py [--pages 600] [--ocr-pages 10]``. Each measurement runs
in a fresh subprocess so that its peak memory (ru_maxrss) is its own. Reports pages/s of loading (text, title,
Stand, OCR), the whole ingest (chunks, embeddings, catalog) and the peak memory of the process; the baseline
in the same run is the pypdf text extraction of the same pages alone. Writes ``benchmarks/results/big_pdf.json``.
Not a test: nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL_DEV = ROOT.parent / "shared" / "data" / "real-dev" / "pdf"
SCANNED = REAL_DEV / "erlangen" / "SBR_2021-04-14_Anhang_Erlangen-Massnahmenplan_2035-5.pdf"

_MEASURE = r"""
import json, resource, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
mode, path = sys.argv[2], Path(sys.argv[3])
started = time.perf_counter()
result = {}
if mode == "extract":
    from pypdf import PdfReader
    for page in PdfReader(str(path)).pages:
        page.extract_text(extraction_mode="layout")
elif mode == "load":
    from assistant.ingest.loaders import load_document
    document = load_document(path)
    result = {"ocr_pages": len(document.ocr_pages), "title": document.title}
else:
    from assistant.settings import load_settings
    from assistant.wiring import build_services
    with tempfile.TemporaryDirectory() as folder:
        services = build_services(load_settings().model_copy(update={"data_dir": Path(folder)}))
        report = services.ingestor.ingest([path], progress=False)
        result = {"chunks": report.chunks, "failed": [f.error for f in report.failed]}
        services.catalog.close()
result["seconds"] = time.perf_counter() - started
result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
"""


def build_pdf(target: Path, pages: int, ocr_pages: int) -> int:
    """Text pages of all real-dev PDFs, repeated up to ``pages``, with ``ocr_pages`` scanned pages spread in."""
    from pypdf import PdfReader, PdfWriter

    sources = [p for p in sorted(REAL_DEV.rglob("*.pdf")) if p != SCANNED and "satzung_plan" not in p.name]
    readers = [PdfReader(str(p)) for p in sources]
    pool = [page for reader in readers for page in reader.pages]
    scanned = PdfReader(str(SCANNED)).pages[0]
    writer = PdfWriter()
    every = pages // ocr_pages if ocr_pages else 0
    for index in range(pages):
        if every and index % every == every // 2:
            writer.add_page(scanned)
        else:
            writer.add_page(pool[index % len(pool)])
    with target.open("wb") as handle:
        writer.write(handle)
    return len(writer.pages)


def measure(mode: str, path: Path) -> dict:
    output = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(ROOT), mode, str(path)], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=600)
    parser.add_argument("--ocr-pages", type=int, default=10)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "big_pdf.json")
    args = parser.parse_args(argv)
    results = {"pages": args.pages}
    with tempfile.TemporaryDirectory() as folder:
        for label, ocr_pages in (("text_only", 0), ("with_ocr_pages", args.ocr_pages)):
            path = Path(folder) / f"{label}.pdf"
            pages = build_pdf(path, args.pages, ocr_pages)
            entry = {"file_mb": round(path.stat().st_size / 1e6, 1), "ocr_pages_in_file": ocr_pages}
            for mode in ("extract", "load", "ingest"):
                started = time.perf_counter()
                measured = measure(mode, path)
                entry[mode] = {
                    "seconds": round(measured["seconds"], 1),
                    "pages_per_s": round(pages / measured["seconds"], 1),
                    "peak_mb": round(measured["peak_mb"]),
                    **{k: v for k, v in measured.items() if k not in {"seconds", "peak_mb"}},
                }
                print(f"{label:15} {mode:8} {entry[mode]}  (wall {time.perf_counter() - started:.0f} s)")
            entry["load_vs_extract"] = round(entry["load"]["seconds"] / entry["extract"]["seconds"], 2)
            results[label] = entry
    # the scanned pages the second file adds (sparse slides over photos are OCR'd in both files)
    added = results["with_ocr_pages"]["load"]["ocr_pages"] - results["text_only"]["load"]["ocr_pages"]
    if added > 0:
        extra = results["with_ocr_pages"]["load"]["seconds"] - results["text_only"]["load"]["seconds"]
        results["seconds_per_added_scanned_page"] = round(extra / added, 1)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
