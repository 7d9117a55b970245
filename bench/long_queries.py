"""Time 500-character queries through the real search service (a timed check, run by hand).

    python -m bench.long_queries [N]         # N synthetic listings (default 2000)
    python -m bench.long_queries N --site    # bench/site.py's site of N listings (made once)

Any 500-character query should answer in under 100 ms; the unit tests only check that the
work such a query may do is capped (fuzzy budget, words looked at), never the clock.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

TARGET_MS = 100.0


def inputs() -> list[str]:
    """Long inputs in several scripts, typos and emoji included (same kinds as the tests)."""
    alphabets = [
        "律师庇护所我的猫法拉盛的",
        "abcdefghijklmnopqrstuvwxyz ",
        "abcdefghijklmnopqrstuvwxyz",
        "абвгдежзийклмнопрстуфхцчшщ ",
        "ابتثجحخدذرزسشصضطظعغفقكلمنهوي ",
        "가나다라마바사아자차카타파하 ",
        "🙂😀🏠⚖️ 🆘",
    ]
    texts = ["x" * 500, "律" * 500, "🙂" * 500, " ".join(["shelterr"] * 55)]
    for seed, alphabet in enumerate(alphabets):
        rng = random.Random(seed)
        texts.append("".join(rng.choice(alphabet) for _ in range(500)))
    return texts


def main(count: int, site: bool = False) -> int:
    from bench.synthetic import main as synthesize
    from directory import create_app
    from directory.extensions import db
    from directory.geo.geocoder import OfflineGeocoder
    from directory.providers.importer import import_providers
    from directory.search.extension import build_index, search_service
    from directory.search.request import SearchRequest

    folder = Path(tempfile.mkdtemp(prefix="long-queries-"))
    if site:
        from bench.site import prepare_site

        made = prepare_site(count)
        config = {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{made.database}",
            "SEARCH_INDEX_DIR": str(made.index),
        }
    else:
        config = {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'db.sqlite3'}",
            "SEARCH_INDEX_DIR": str(folder / "index"),
        }
    app = create_app(config)
    worst = 0.0
    with app.app_context():
        if not site:
            csv_path = folder / "providers.csv"
            synthesize([str(count), str(csv_path)])
            db.create_all()
            assert import_providers(csv_path, OfflineGeocoder(), "America/New_York").ok
            build_index()
        service = search_service()
        print(f"{count} listings; each query: first run, then best and worst of 5 (ms)")
        for text in inputs():
            timings = []
            for _ in range(6):
                start = time.perf_counter()
                service.search(SearchRequest(q=text))
                timings.append((time.perf_counter() - start) * 1000)
            first, rest = timings[0], timings[1:]
            worst = max(worst, max(rest))
            print(f"  {text[:12]!r:>30}  {first:7.1f}  {min(rest):7.1f}  {max(rest):7.1f}")
        app.extensions["search"].index.close()
        db.engine.dispose()
    shutil.rmtree(folder, ignore_errors=True)
    verdict = "under" if worst < TARGET_MS else "OVER"
    print(f"worst warm query: {worst:.1f} ms ({verdict} the {TARGET_MS:.0f} ms target)")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    numbers = [arg for arg in sys.argv[1:] if arg != "--site"]
    sys.exit(main(int(numbers[0]) if numbers else 2000, site="--site" in sys.argv))
