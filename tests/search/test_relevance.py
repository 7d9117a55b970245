"""Judged relevance: does search put what a survivor or advocate needs at the top?

The fixture directory (`relevance/providers.csv`) is fictional. `relevance/judgments.json`
lists queries with the listings a person would need to see in the top 5, most important
first. Run with `pytest -s` to see the per-query report.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from directory import create_app
from directory.extensions import db

from ..support import app_config

HERE = Path(__file__).parent / "relevance"
JUDGMENTS = json.loads((HERE / "judgments.json").read_text(encoding="utf-8"))
K = 10
TOP = 5
MIN_MEAN_NDCG = 0.9
MIN_ALL_IN_TOP = 0.85


def gains(relevant: list[str]) -> dict[str, int]:
    """Graded gains: the first relevant id 3, the second 2, the others 1."""
    return {doc: (3, 2)[i] if i < 2 else 1 for i, doc in enumerate(relevant)}


def ndcg(ranked: list[str], relevant: list[str], k: int = K) -> float:
    graded = gains(relevant)
    dcg = sum(graded.get(doc, 0) / math.log2(i + 2) for i, doc in enumerate(ranked[:k]))
    ideal = sorted(graded.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg


@pytest.fixture(scope="module")
def rankings(tmp_path_factory) -> Iterator[list[list[str]]]:
    """Import the fixture directory with `flask setup`, then run every judged query once."""
    tmp_path = tmp_path_factory.mktemp("relevance")
    app = create_app(app_config(tmp_path, PROVIDERS_CSV=str(HERE / "providers.csv")))
    result = app.test_cli_runner().invoke(args=["setup"])
    assert result.exit_code == 0, result.output
    from directory.search.extension import search_service
    from directory.search.request import SearchRequest

    ranked = []
    with app.app_context():
        for judgment in JUDGMENTS:
            request = SearchRequest(q=judgment["query"], near=judgment.get("near"), per_page=K)
            found = search_service().search(request)
            ranked.append([hit.id for hit in found.hits])
    yield ranked
    close = getattr(app.extensions["search"].index, "close", None)
    if close:
        close()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def label(judgment: dict) -> str:
    near = f" @ {judgment['near']}" if judgment.get("near") else ""
    return f"[{judgment['language']}] {judgment['query']}{near}"


def test_judgments_are_well_formed():
    with (HERE / "providers.csv").open(encoding="utf-8", newline="") as handle:
        ids = {row["id"] for row in csv.DictReader(handle)}
    assert len(JUDGMENTS) >= 45
    for judgment in JUDGMENTS:
        assert 1 <= len(judgment["relevant"]) <= 4, judgment["query"]
        assert set(judgment["relevant"]) <= ids, judgment["query"]


def test_mean_ndcg_at_10(rankings):
    scores = []
    print(f"\n{'query':<50} {'nDCG@10':>7}  missing from top {K}")
    for judgment, ranked in zip(JUDGMENTS, rankings, strict=True):
        score = ndcg(ranked, judgment["relevant"])
        scores.append(score)
        missing = [doc for doc in judgment["relevant"] if doc not in ranked[:K]]
        print(f"{label(judgment)[:50]:<50} {score:7.3f}  {', '.join(missing)}")
    mean = sum(scores) / len(scores)
    print(f"mean nDCG@{K} over {len(scores)} queries: {mean:.3f}")
    assert mean >= MIN_MEAN_NDCG


def test_relevant_listings_in_top_5(rankings):
    failures = []
    for judgment, ranked in zip(JUDGMENTS, rankings, strict=True):
        missing = [doc for doc in judgment["relevant"] if doc not in ranked[:TOP]]
        if missing:
            failures.append((judgment, missing, ranked[:TOP]))
    share = 1 - len(failures) / len(JUDGMENTS)
    print(f"\nqueries with every relevant id in the top {TOP}: {share:.1%}")
    for judgment, missing, top in failures:
        print(f"  {label(judgment)}\n    missing: {', '.join(missing)}")
        print(f"    top {TOP}: {', '.join(top)}")
    assert share >= MIN_ALL_IN_TOP
