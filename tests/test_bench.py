"""`make bench`: the corpus generator is deterministic and varies what it should; the bench runs
end to end and prints its figures."""
from __future__ import annotations

import hashlib
import json
import os
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from bench.generate import generate_corpus
from bench.runner import stage_seconds
from bench.variation import chinese_number, render_article
from conftest import REPO
from transforms.text.decode import Decoded, decode_bytes


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_gives_the_same_files_whatever_the_workers(tmp_path):
    first = generate_corpus(tmp_path / "a", 150, seed=7, workers=1, shard_size=60)
    second = generate_corpus(tmp_path / "b", 150, seed=7, workers=2, shard_size=60)
    other = generate_corpus(tmp_path / "c", 150, seed=8, workers=1, shard_size=60)
    assert digests(tmp_path / "a") == digests(tmp_path / "b")
    assert digests(tmp_path / "a") != digests(tmp_path / "c")
    assert first.articles == second.articles == 150
    assert first.junk["duplicate"] == 3  # one copied article per folder of 60
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["part-00000", "part-00001", "part-00002"]


def test_every_generated_input_decodes_to_an_article(tmp_path):
    corpus = generate_corpus(tmp_path, 120, seed=3, workers=1)
    texts = []
    for path in tmp_path.rglob("*"):
        if path.suffix == ".txt" and path.stat().st_size:
            decoded = decode_bytes(path.read_bytes())
            assert isinstance(decoded, Decoded), path
            texts.append(decoded.text)
        elif path.suffix == ".jsonl" and path.name != "truncated.jsonl":
            records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
            assert all({"text", "url", "title", "published_at", "source"} <= set(r) for r in records)
            texts.extend(r["text"] for r in records)
    assert len(texts) == corpus.articles + corpus.junk["duplicate"] == 121
    assert len(set(texts)) == 120
    assert all(500 < len(t) < 8000 for t in texts)


def test_articles_vary_names_numbers_script_and_stay_consistent():
    rng = random.Random(11)
    articles = [render_article(rng, i) for i in range(400)]
    assert len({a.text for a in articles}) == 400
    scripts = Counter(a.script for a in articles)
    assert 0.1 < (scripts["traditional"] + scripts["traditional_glossed"]) / 400 < 0.3
    assert Counter(a.seed for a in articles).keys() == {"000", "001", "002", "003", "004"}
    texts = "\n".join(a.text for a in articles)
    assert "许达" not in texts and "許達" not in texts and "衡南" not in texts  # sample names and regions vary
    assert re.search(r"\(chǎn\)", texts)  # glossed Traditional articles, as crawled
    quorum = re.findall(r"[应應]到\D{0,8}?(\d+)人[,，][实實]到(\d+)人", texts)
    assert len(quorum) > 100 and all(int(present) <= int(expected) for expected, present in quorum)
    assert len(set(re.findall(r"\d+月\d+日", texts))) > 100


def test_chinese_numbers_as_written_in_session_names():
    assert [chinese_number(n) for n in (7, 10, 13, 20, 45)] == ["七", "十", "十三", "二十", "四十五"]


def test_stage_seconds_groups_dagster_steps():
    report = {"assets": {"marts/gdp_targets": {}, "staging/stg_meetings": {}},
              "steps": {"raw_documents": 2.0, "normalized_documents": 3.0, "extracted_facts": 5.0,
                        "core_tables": 1.0, "core__documents_meets_contract": 0.5,
                        "marts__gdp_targets": 0.25, "staging__stg_meetings": 0.25,
                        "marts__gdp_targets_gdp_targets_one_row_per_region_year": 0.5,
                        "published_warehouse": 0.1}}
    assert stage_seconds(report) == {"decode": 2.0, "normalize": 3.0, "extract": 5.0, "load": 1.0,
                                     "checks": 1.0, "marts": 0.5, "publish": 0.1}


def test_bench_runs_end_to_end_and_prints_its_figures(tmp_path):
    env = {**os.environ, "BENCH_N": "300", "BENCH_NORM_N": "200", "BENCH_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "bench"], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=180)
    out = done.stdout
    assert done.returncode == 0, out + done.stderr
    assert re.search(r"corpus: 300 articles in \d+ files", out)
    assert re.search(r"end to end\s+[\d.]+ s\s+[\d,]+ documents/s\s+\(300 documents; inputs rejected: duplicate 1\)", out)
    for stage in ("load", "marts"):
        assert re.search(rf"^\s+{stage}[^\n]*[\d.]+ s\s+[\d,]+ documents/s\s*$", out, re.M), stage
    # the stages that parse in worker processes also say what CPU they cost, the workers' included
    for stage in ("decode", "normalize", "extract"):
        assert re.search(rf"^\s+{stage}\s+[\d.]+ s\s+[\d,]+ documents/s\s+CPU [\d.]+ s = [\d.]+ CPU-ms/article",
                         out, re.M), stage
    assert re.search(r"peak RSS, process tree\s+[\d,]+ MB", out)
    assert re.search(r"warehouse size\s+[\d.,]+ MB", out)
    assert re.search(r"no-op rerun\s+[\d.]+ s\s+\(exit 0, new files 0, reparsed \d+\)", out)
    assert re.search(r"one-regex floor \(48 words\)\s+[\d.]+ CPU-ms/article\s+[\d,]+ documents/s", out)
    assert re.search(r"extract\s+[\d.]+ CPU-ms/article\s+\([\d,]+x the floor\)", out)
    assert re.search(r"^incremental: 10 new articles into a [\d,]+-article warehouse: [\d.]+ s", out, re.M)
    assert re.search(r"^incremental: nothing new, [\d,]+-article warehouse: [\d.]+ s", out, re.M)
    assert re.search(r"simplified .* documents/s on 1 core .* documents/s on 2 cores", out)
    assert re.search(r"traditional .* documents/s on 1 core .* documents/s on 2 cores", out)
    assert list(tmp_path.iterdir()) == []  # the temporary inbox and warehouses are removed
