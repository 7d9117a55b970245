"""Reference search engine on SQLite FTS5 (bm25) + R*Tree, to compare the project's search with."""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

EARTH_RADIUS_KM = 6371.0088  # mean radius, as the haversine formula usually uses
BM25_WEIGHTS = (5.0, 2.0, 4.0, 1.0)  # name, organization, services, description
MAX_EXPANSIONS = 16  # per word, closest first: bounds the MATCH expression size
TOKEN = re.compile(r"[^\W_]+")  # what unicode61 treats as a token (it splits on "_")


def _check_sqlite() -> None:
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(a, tokenize='porter unicode61')")
        conn.execute("CREATE VIRTUAL TABLE r USING rtree_i32(id, a, b)")
        conn.execute("SELECT asin(sqrt(pow(sin(radians(1.0)), 2)))")
    except sqlite3.OperationalError as exc:
        raise RuntimeError(
            f"the SQLite {sqlite3.sqlite_version} linked into this Python lacks FTS5, R*Tree or"
            f" the math functions (SQLITE_ENABLE_MATH_FUNCTIONS, SQLite >= 3.35): {exc}"
        ) from exc
    finally:
        conn.close()


def _micro(value: str) -> int:
    # Integer microdegrees: exact for the CSV's 6 decimals, and the R*Tree stores them
    # losslessly (rtree_i32), where the float R*Tree rounds to float32 (~0.5 m).
    return round(float(value) * 1e6)


def _haversine_sql(lat: str, lon: str) -> str:
    # Haversine in SQL (SQLite math functions); :lat0, :lon0, :coslat0 describe the centre.
    return (
        f"({2 * EARTH_RADIUS_KM!r} * asin(min(1.0, sqrt("
        f"pow(sin(radians({lat} - :lat0) / 2), 2) + :coslat0 * cos(radians({lat}))"
        f" * pow(sin(radians({lon} - :lon0) / 2), 2)))))"
    )


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def _within(a: str, b: str, k: int) -> bool:
    """Optimal-string-alignment distance(a, b) <= k (a transposition counts as one edit)."""
    if abs(len(a) - len(b)) > k:
        return False
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > k:  # every later row only grows
            return False
        prev2, prev = prev, cur
    return prev[-1] <= k


def _deletes(word: str, depth: int) -> set[str]:
    """The word and every string made by deleting up to `depth` of its letters."""
    found, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def _index_deletes(word: str) -> set[str]:
    # Words of 6+ letters can be 2 edits from a query word of 8+ letters (which gets 2).
    return _deletes(word, 2 if len(word) >= 6 else 1)


class Fts5Reference:
    """SQLite FTS5 + R*Tree engine returning (exact total, top ids) for a bench query dict."""

    def __init__(self, path: str | Path | None = None) -> None:
        _check_sqlite()
        self.conn: sqlite3.Connection | None = None
        if path is not None:
            self.open(path)

    def build(self, rows: Iterable[dict[str, str]], path: str | Path) -> None:
        """Index rows (providers.csv dicts) into a fresh database at path, then open it."""
        path = Path(path)
        path.unlink(missing_ok=True)
        conn = sqlite3.connect(path)
        # A throwaway index: durability buys nothing while building it.
        conn.executescript(
            """
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE listings(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, services TEXT,
                languages TEXT, lat REAL, lon REAL, svc INTEGER, lang INTEGER);
            CREATE TABLE vocab(word TEXT PRIMARY KEY, df INTEGER) WITHOUT ROWID;
            CREATE TABLE deletes(variant TEXT, word TEXT, PRIMARY KEY (variant, word))
                WITHOUT ROWID;
            CREATE VIRTUAL TABLE fts USING fts5(name, organization, services, description,
                content='', tokenize='porter unicode61');
            CREATE VIRTUAL TABLE geo USING rtree_i32(id, min_lat, max_lat, min_lon, max_lon);
            """
        )
        # Service and language codes become bits, so filters are an integer AND, not LIKE.
        bits: dict[str, dict[str, int]] = {"services": {}, "languages": {}}
        df: Counter[str] = Counter()

        def mask(kind: str, codes: list[str]) -> int:
            table = bits[kind]
            for code in codes:
                if code not in table:
                    if len(table) == 62:
                        raise ValueError(f"more than 62 distinct {kind} codes")
                    table[code] = len(table)
            return sum(1 << table[c] for c in set(codes))

        geo_sql = "INSERT INTO geo VALUES (?, ?, ?, ?, ?)"
        with conn:
            batch: list[tuple[int, int, int, int, int]] = []
            for rowid, row in enumerate(rows, start=1):
                svc = mask("services", _split(row["services"]))
                lang = mask("languages", _split(row["languages"]))
                try:
                    lat, lon = _micro(row["latitude"]), _micro(row["longitude"])
                except (TypeError, ValueError):
                    lat = lon = None  # ungeocoded rows never fall inside a radius
                deg = (lat / 1e6, lon / 1e6) if lat is not None else (None, None)
                conn.execute(
                    "INSERT INTO listings VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (rowid, row["id"], row["services"], row["languages"], *deg, svc, lang),
                )
                text = (row["name"], row["organization"], row["services"], row["description"])
                conn.execute("INSERT INTO fts(rowid, name, organization, services, description)"
                             " VALUES (?, ?, ?, ?, ?)", (rowid, *text))  # fmt: skip
                # Unstemmed words for typo expansion; see _expand for why not fts5vocab.
                df.update(set(TOKEN.findall(" ".join(text).lower())))
                if deg[0] is not None:
                    batch.append((rowid, lat, lat, lon, lon))
                if len(batch) >= 10000:
                    conn.executemany(geo_sql, batch)
                    batch.clear()
            conn.executemany(geo_sql, batch)
            conn.executemany("INSERT INTO vocab VALUES (?, ?)", sorted(df.items()))
            conn.executemany(
                "INSERT INTO deletes VALUES (?, ?)",
                ((v, word) for word in sorted(df) for v in sorted(_index_deletes(word))),
            )
            conn.execute("INSERT INTO meta VALUES ('bits', ?)", (json.dumps(bits),))
            conn.execute("INSERT INTO fts(fts) VALUES ('optimize')")
        conn.execute("ANALYZE")
        conn.close()
        self.open(path)

    def open(self, path: str | Path) -> None:
        """Open an index written by build and load its vocabulary into memory."""
        if not Path(path).exists():
            raise FileNotFoundError(path)
        self.close()
        self.conn = sqlite3.connect(path)
        self.conn.execute("PRAGMA cache_size = -262144")
        self.bits = json.loads(self.conn.execute("SELECT value FROM meta").fetchone()[0])

    def close(self) -> None:
        """Close the database, if open."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def _expand(self, word: str) -> list[str]:
        # fts5vocab would give porter stems, and MATCH stems its input again: porter is not
        # idempotent ("abuse" -> "abus" -> "abu"), so expanding against stems loses matches.
        # The build keeps the unstemmed words instead and FTS5 stems the expansions itself.
        if len(word) < 4:
            return [word]
        k = 2 if len(word) >= 8 else 1
        assert self.conn is not None
        # Symmetric deletes: two words within k edits share a string reached by at most k
        # deletions from each, so the candidates are one indexed lookup, then checked.
        variants = sorted(_deletes(word, k))
        candidates = self.conn.execute(
            "SELECT DISTINCT v.word, v.df FROM deletes AS d JOIN vocab AS v ON v.word = d.word"
            f" WHERE d.variant IN ({','.join('?' * len(variants))})",
            variants,
        ).fetchall()
        found: list[tuple[int, int, str]] = []
        for cand, df in candidates:
            if (
                cand != word
                and cand[0] == word[0]  # a typo keeps the first letter
                and abs(len(cand) - len(word)) <= k
                and _within(word, cand, k)
            ):
                found.append((0 if k == 1 or _within(word, cand, 1) else 1, -df, cand))
        # Closest first, then the most frequent, as a spelling suggester would pick.
        return [word] + [w for _, _, w in sorted(found)[:MAX_EXPANSIONS]]

    def match_expression(self, q: str) -> str:
        """FTS5 MATCH text for q: every word required, each OR'ed with its typo variants."""
        groups = []
        for word in TOKEN.findall(q.lower()):
            # Tokens are [^\W_]+ so they never contain '"'; quoting disables FTS5 syntax.
            groups.append("(" + " OR ".join(f'"{t}"' for t in self._expand(word)) + ")")
        return " AND ".join(groups)

    def search(self, query: dict[str, Any], limit: int = 20) -> tuple[int, list[str]]:
        """Return (exact number of matches, ids of the best `limit`) for a bench query."""
        assert self.conn is not None, "call build() or open() first"
        lat0, lon0 = query["near"]
        radius = float(query["radius_km"])
        svc = lang = 0
        for code in query.get("services") or []:
            svc |= 1 << self.bits["services"].get(code, 62)  # unknown: a bit no row has
        if query.get("language"):
            lang = 1 << self.bits["languages"].get(query["language"], 62)
        theta = radius / EARTH_RADIUS_KM
        dlat = math.degrees(theta)
        # Longitude half-width of a spherical cap's bounding box (Movable Type formula).
        s = math.sin(theta) / max(math.cos(math.radians(lat0)), 1e-12)
        dlon = 180.0 if s >= 1 else math.degrees(math.asin(s))
        if abs(lon0) + dlon > 179:  # the box would cross the antimeridian: drop it
            dlon = 1e3
        # Bounds in integer microdegrees, one unit wider than the cap's box against rounding.
        params: dict[str, Any] = {
            "la0": math.floor((lat0 - dlat) * 1e6) - 1, "la1": math.ceil((lat0 + dlat) * 1e6) + 1,
            "lo0": math.floor((lon0 - dlon) * 1e6) - 1, "lo1": math.ceil((lon0 + dlon) * 1e6) + 1,
            "lat0": lat0, "lon0": lon0, "coslat0": math.cos(math.radians(lat0)),
            "radius": radius, "svc": svc, "lang": lang, "limit": limit,
        }  # fmt: skip
        match = self.match_expression(str(query.get("q") or ""))
        box = [
            "g.max_lat >= :la0", "g.min_lat <= :la1", "g.max_lon >= :lo0", "g.min_lon <= :lo1"
        ]  # fmt: skip
        if match:
            # Text drives from FTS5 and looks rows up in `listings`: probing FTS5 per R*Tree
            # candidate, or the R*Tree by id, measured 10-25x slower per row.
            source = "fts CROSS JOIN listings AS l ON l.rowid = fts.rowid"
            where = ["fts MATCH :match", "l.lat BETWEEN :la0 / 1e6 AND :la1 / 1e6",
                     "l.lon BETWEEN :lo0 / 1e6 AND :lo1 / 1e6"]  # fmt: skip
            params["match"] = match
            w = ", ".join(str(x) for x in BM25_WEIGHTS)
            score = f"bm25(fts, {w})"
        else:
            # Browse scans the R*Tree box and joins `listings` only when a filter needs it.
            join = " CROSS JOIN listings AS l ON l.rowid = g.id" if svc or lang else ""
            source, where, score = f"geo AS g{join}", box, "0"
        if svc:
            where.append("(l.svc & :svc) != 0")
        if lang:
            where.append("(l.lang & :lang) != 0")
        lat_col, lon_col = ("l.lat", "l.lon") if match else ("g.min_lat / 1e6", "g.min_lon / 1e6")
        order = "score, d, id" if match and query.get("sort") != "distance" else "d, id"
        # bm25() is refused next to a window function, hence the materialized CTE; the
        # window gives the exact total and the top rows in one pass. Filtering on d outside
        # the CTE computes the haversine once per row (an alias in WHERE computes it twice).
        sql = (
            f"WITH hits AS MATERIALIZED (SELECT {'l.rowid' if match else 'g.id'} AS id,"
            f" {score} AS score, {_haversine_sql(lat_col, lon_col)} AS d FROM {source}"
            f" WHERE {' AND '.join(where)})"
            f" SELECT id, count(*) OVER () FROM hits WHERE d <= :radius ORDER BY {order}"
            " LIMIT :limit"
        )
        rows = self.conn.execute(sql, params).fetchall()
        if not rows:
            return 0, []
        ids = dict(
            self.conn.execute(
                f"SELECT rowid, id FROM listings WHERE rowid IN ({','.join('?' * len(rows))})",
                [r[0] for r in rows],
            ).fetchall()
        )
        return rows[0][1], [ids[r[0]] for r in rows]
