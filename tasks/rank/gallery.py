"""A static HTML gallery of the nightly ranking, for people: each test query with its top images.

Person-facing output: a blocked query shows the disclaimer instead of results, a blocked image shows the
disclaimer instead of its thumbnail. Neither a blocked image's thumbnail nor its file name or path is
written anywhere in the gallery: thumbnails are files named by a hash of their content, written only for
images that are shown.
"""

from __future__ import annotations

import html

import pyarrow as pa

from tasks.legal.rules import DISCLAIMER

THUMBNAIL_SIZE = (200, 200)
TOP_K = 5


def thumbnail_name(sha256: str) -> str:
    """A thumbnail is named by its image's content hash: the name says nothing about the image."""
    return sha256[:20] + ".jpg"


def render_gallery(ranking: pa.Table, image_hashes: dict[str, str], model_version: str) -> tuple[str, dict[str, str]]:
    """``ranking``: the nightly ranking rows; ``image_hashes``: image → content sha256. Returns the page
    and the thumbnails it shows (thumbnail name → image); only shown images get one.

    The page leads with a summary (queries, withheld queries, hidden images), then the queries with
    results; withheld queries are collapsed into one section at the end with the disclaimer once — a
    person scrolling the gallery sees results first, not a wall of disclaimers."""
    shown: dict[str, str] = {}
    by_query: dict[str, dict] = {}
    hidden_images: set[str] = set()
    ranked_images: set[str] = set()
    for row in ranking.to_pylist():
        entry = by_query.setdefault(row["query_id"], {"text": row["query_text"], "blocked": row["query_blocked"], "hits": []})
        if row["image"] is not None:
            ranked_images.add(row["image"])
            if row["image_blocked"]:
                hidden_images.add(row["image"])
        if row["rank"] is not None and row["rank"] <= TOP_K:
            entry["hits"].append(row)
    cards, n_withheld, n_hidden_tiles, n_tiles = [], 0, 0, 0
    for entry in by_query.values():
        if entry["blocked"]:
            n_withheld += 1  # the query's own words describe a child: withheld too, not only its results
            continue
        title = f'<h3 class="query">{html.escape(entry["text"])}</h3>'
        tiles = []
        for hit in sorted(entry["hits"], key=lambda h: h["rank"]):
            n_tiles += 1
            score = f'<span class="score">#{hit["rank"]} · {hit["score"]:.2f}</span>'
            if hit["image_blocked"]:
                n_hidden_tiles += 1
                tiles.append(f'<figure class="tile blocked-image"><div class="disclaimer">{html.escape(DISCLAIMER)}</div>'
                             f'<figcaption>{score}</figcaption></figure>')
            else:
                name = thumbnail_name(image_hashes[hit["image"]])
                shown[name] = hit["image"]
                tiles.append(f'<figure class="tile"><img src="thumbs/{name}" alt="result {hit["rank"]}">'
                             f'<figcaption>{score}</figcaption></figure>')
        cards.append(f'<section class="result">{title}<div class="tiles">{"".join(tiles)}</div></section>')
    summary = (f'<table class="summary"><tr><th>queries</th><td>{len(by_query)}</td></tr>'
               f'<tr><th>queries with results</th><td>{len(by_query) - n_withheld}</td></tr>'
               f'<tr><th>queries withheld</th><td>{n_withheld}</td></tr>'
               f'<tr><th>images hidden</th><td>{len(hidden_images)} of {len(ranked_images)}</td></tr>'
               f'<tr><th>results shown / hidden (top {TOP_K})</th><td>{n_tiles - n_hidden_tiles} / {n_hidden_tiles}</td></tr>'
               f'</table>')
    withheld = (f'<details class="withheld"><summary>{n_withheld} withheld queries</summary>'
                f'<p class="disclaimer">{html.escape(DISCLAIMER)}</p></details>' if n_withheld else "")
    style = ("body{font-family:sans-serif;margin:1.5em;color:#222}.tiles{display:flex;gap:8px}"
             ".tile{margin:0;width:200px}.tile img{width:200px;height:150px;object-fit:cover}"
             ".disclaimer{background:#eee;border:1px solid #bbb;padding:8px;font-size:13px;min-height:100px}"
             ".withheld .disclaimer{min-height:0}.summary{border-collapse:collapse;margin:8px 0 16px}"
             ".summary th,.summary td{border:1px solid #ddd;padding:3px 10px;text-align:left;font-size:14px}"
             ".result{border-bottom:1px solid #ddd;padding:6px 0}.query{font-size:15px;margin:4px 0}"
             ".score{font-size:12px;color:#555}.withheld{margin:16px 0;font-size:15px}")
    page = (f"<!doctype html><html><head><meta charset='utf-8'><title>With Sense — test queries</title>"
            f"<style>{style}</style></head><body><h1>Test queries — top {TOP_K}</h1>"
            f"<p>Model {html.escape(model_version)}.</p>{summary}{''.join(cards)}{withheld}</body></html>")
    return page, shown
