"""Normalization throughput (issue 3): the bundled sample repeated to N documents, split by the
script the normalizer finds (Simplified or Traditional), on one core and on both.

One core: normalize_document() in this process. Both cores: the same through the pipeline's
worker pool in chunks, as the normalize stage runs it (workers started before the clock starts).
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from transforms.document.extract import document_id, normalize_document
from transforms.shared.models import RawDocument
from warehouse.parallel import WorkerPool

CHUNK = 100


@dataclass
class NormalizationFigures:
    script: str
    documents: int
    samples: int  # distinct sample articles repeated
    one_core: float  # documents/s
    all_cores: float
    workers: int


def _raw(text: str, uri: str) -> RawDocument:
    return RawDocument(doc_id=document_id(text), source_uri=uri, raw_text=text)


def normalize_texts(texts: list[str]) -> int:
    """Worker: normalize texts; returns how many were normalized."""
    for i, text in enumerate(texts):
        normalize_document(_raw(text, f"bench:{i}"))
    return len(texts)


def warm_up(texts: list[str]) -> int:
    """Worker: import and load everything normalization needs, then stay busy a moment so that
    each worker of the pool gets one of these."""
    normalize_texts(texts)
    time.sleep(0.5)
    return len(texts)


def sample_by_script(sample_dir) -> dict[str, list[str]]:
    """The sample articles grouped by the script the normalizer classifies them as."""
    groups: dict[str, list[str]] = {}
    for path in sorted(sample_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        script = normalize_document(_raw(text, str(path))).script
        groups.setdefault("simplified" if script == "simplified" else "traditional", []).append(text)
    return groups


def measure(texts: list[str], n: int, workers: int) -> tuple[float, float]:
    """(documents/s on one core, documents/s on `workers` processes) over n repetitions of texts."""
    documents = [texts[i % len(texts)] for i in range(n)]
    started = time.perf_counter()
    normalize_texts(documents)
    one_core = n / (time.perf_counter() - started)
    chunks = [documents[i:i + CHUNK] for i in range(0, n, CHUNK)]
    pool = WorkerPool(workers)
    sum(pool.imap(warm_up, [texts] * workers))  # every worker started, lexicons and dictionaries loaded
    started = time.perf_counter()
    done = sum(pool.imap(normalize_texts, chunks))
    all_cores = done / (time.perf_counter() - started)
    return one_core, all_cores


def normalization_figures(sample_dir, n: int, workers: int) -> list[NormalizationFigures]:
    return [NormalizationFigures(script, n, len(texts), *measure(texts, n, workers), workers)
            for script, texts in sorted(sample_by_script(sample_dir).items())]
