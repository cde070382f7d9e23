"""The benchmark corpus: N varied sample articles written to an inbox folder, deterministically.

Layout: <inbox>/part-00000/ … one folder per `SHARD_SIZE` articles, so a run over the first k
folders is a run over the first k×SHARD_SIZE articles of the same corpus (the 10k point of the
scale figures). Each folder holds ~70% of its articles as .txt files (UTF-8, UTF-8 with BOM,
GB18030, Big5) and ~30% as records of .jsonl files, plus the dirt a real inbox has: one exact
duplicate of an article per folder, now and then an empty file or a truncated JSONL line.

The same seed gives the same files, byte for byte, whatever the number of worker processes:
each folder has its own random generator seeded from (seed, folder number).
"""
from __future__ import annotations

import json
import random
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from bench.variation import render_article

DEFAULT_SEED = 20240822
SHARD_SIZE = 1000
JSONL_SHARE = 0.3
RECORDS_PER_JSONL = 100


@dataclass
class CorpusInfo:
    articles: int = 0  # distinct articles (documents the run should load)
    files: int = 0
    bytes: int = 0
    chars: int = 0
    scripts: Counter = field(default_factory=Counter)  # simplified / traditional / traditional_glossed
    encodings: Counter = field(default_factory=Counter)
    junk: Counter = field(default_factory=Counter)  # duplicate / empty / bad_record inputs added
    shards: list[Path] = field(default_factory=list)

    def add(self, other: "CorpusInfo") -> None:
        self.articles += other.articles
        self.files += other.files
        self.bytes += other.bytes
        self.chars += other.chars
        self.scripts.update(other.scripts)
        self.encodings.update(other.encodings)
        self.junk.update(other.junk)
        self.shards.extend(other.shards)


def _encode(rng: random.Random, text: str, traditional: bool) -> tuple[bytes, str]:
    roll = rng.random()
    if roll < 0.80:
        return text.encode("utf-8"), "utf-8"
    if roll < 0.85:
        return b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8-sig"
    if roll > 0.95 and traditional:
        try:
            return text.encode("big5"), "big5"
        except UnicodeEncodeError:  # a character Big5 lacks: the crawler would have kept UTF-8
            return text.encode("utf-8"), "utf-8"
    return text.encode("gb18030"), "gb18030"


def write_shard(inbox: Path, seed: int, shard: int, start: int, stop: int) -> CorpusInfo:
    """Articles start..stop-1 into <inbox>/part-NNNNN/."""
    rng = random.Random(f"govmeet-bench:{seed}:{shard}")
    folder = inbox / f"part-{shard:05d}"
    folder.mkdir(parents=True, exist_ok=True)
    info = CorpusInfo(shards=[folder])
    records: list[str] = []

    def write(path: Path, data: bytes) -> None:
        path.write_bytes(data)
        info.files += 1
        info.bytes += len(data)

    def flush_records() -> None:
        if records:
            write(folder / f"records-{info.files:05d}.jsonl", ("\n".join(records) + "\n").encode("utf-8"))
            records.clear()

    first_text = None
    for index in range(start, stop):
        article = render_article(rng, index)
        first_text = first_text or article.text
        info.articles += 1
        info.chars += len(article.text)
        info.scripts[article.script] += 1
        if rng.random() < JSONL_SHARE:
            records.append(json.dumps({"text": article.text, "url": article.url, "title": article.title,
                                       "published_at": article.published_at, "source": article.outlet},
                                      ensure_ascii=False))
            info.encodings["jsonl"] += 1
            if len(records) >= RECORDS_PER_JSONL:
                flush_records()
        else:
            data, encoding = _encode(rng, article.text, article.script != "simplified")
            info.encodings[encoding] += 1
            write(folder / f"{index:08d}.txt", data)
    flush_records()
    if first_text is not None:  # the same article saved twice by the crawler
        write(folder / f"copy-of-{start:08d}.txt", first_text.encode("utf-8"))
        info.junk["duplicate"] += 1
    if shard % 10 == 3:
        write(folder / "empty.txt", b"")
        info.junk["empty"] += 1
    if shard % 10 == 7:
        write(folder / "truncated.jsonl", '{"text": "8月1日上午,县委召开常委会会议'.encode("utf-8"))
        info.junk["bad_record"] += 1
    return info


def _write_shard(args: tuple) -> CorpusInfo:
    return write_shard(*args)


def generate_corpus(inbox: Path, n: int, seed: int = DEFAULT_SEED, workers: int = 2,
                    shard_size: int = SHARD_SIZE) -> CorpusInfo:
    """Write n articles under `inbox` (which should be empty) and say what was written."""
    jobs = [(inbox, seed, shard, start, min(start + shard_size, n))
            for shard, start in enumerate(range(0, n, shard_size))]
    total = CorpusInfo()
    if workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
            results = list(pool.map(_write_shard, jobs))
    else:
        results = [_write_shard(job) for job in jobs]
    for result in results:
        total.add(result)
    return total
