"""The analysis report: one self-contained HTML page and its plots as PNG files.

``report.html`` embeds every plot as a base64 PNG and carries its own CSS, so it opens
offline and can be mailed as one file. The plots are also written beside it:

- ``degree_distribution.png``: how many organisations have each number of partners;
- ``top_organisations.png``: the organisations with the highest betweenness;
- ``clusters.png``: the network drawn with one colour per cluster; networks of more
  than 300 organisations with ties are drawn as their 20 largest clusters instead;
- ``collaborations_per_year.png``: projects with two or more organisations, and the
  organisation pairs they make, by the projects' start year.

Plots use matplotlib's Agg backend, a seeded layout and no timestamp in the PNG
metadata, so the same analysis gives byte-identical files.
"""

from __future__ import annotations

import base64
import html
import io
from collections import Counter
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from .centrality import Centrality  # noqa: E402
from .clusters import Clustering  # noqa: E402
from .networks import Networks  # noqa: E402
from .recurring import Partnership, RecurringGroup  # noqa: E402

__all__ = ["PLOT_FILES", "write_report", "collaborations_per_year"]

PLOT_FILES = (
    "degree_distribution.png",
    "top_organisations.png",
    "clusters.png",
    "collaborations_per_year.png",
)

#: Most organisations drawn one by one in ``clusters.png``; larger networks are drawn as clusters.
DRAW_LIMIT = 300
TOP_ROWS = 20


def _save(fig, path: Path) -> bytes:
    buffer = io.BytesIO()
    # No "Software" entry and no date: identical bytes on every run.
    fig.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    plt.close(fig)
    data = buffer.getvalue()
    path.write_bytes(data)
    return data


def _label(graph: nx.Graph, org: str, width: int = 40) -> str:
    text = str(graph.nodes[org].get("label") or org)
    return text if len(text) <= width else text[: width - 1] + "…"


def collaborations_per_year(networks: Networks) -> list[tuple[int, int, int, int]]:
    """Return ``(year, projects, projects with 2+ organisations, organisation pairs)`` by start year.

    Projects without a start year are left out.
    """
    projects, shared, pairs = Counter(), Counter(), Counter()
    for project, orgs in networks.members.items():
        year = networks.projects[project].start_year
        if year is None:
            continue
        projects[year] += 1
        if len(orgs) > 1:
            shared[year] += 1
            pairs[year] += len(orgs) * (len(orgs) - 1) // 2
    return [(y, projects[y], shared[y], pairs[y]) for y in sorted(projects)]


def _degree_plot(scores: Centrality, path: Path) -> bytes:
    counts = Counter(scores.degree.values())
    fig, ax = plt.subplots(figsize=(6, 4))
    degrees = sorted(counts)
    positive = [d for d in degrees if d > 0]
    ax.bar([str(d) for d in degrees] if len(degrees) <= 30 else degrees, [counts[d] for d in degrees],
           color="#4c72b0")
    if len(degrees) > 30 and positive:
        ax.set_xscale("symlog")
        ax.set_yscale("log")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("degree (distinct partner organisations)")
    ax.set_ylabel("organisations")
    ax.set_title("Degree distribution")
    fig.tight_layout()
    return _save(fig, path)


def _top_plot(graph: nx.Graph, scores: Centrality, path: Path) -> bytes:
    top = scores.ranked("betweenness")[:15][::-1]
    fig, ax = plt.subplots(figsize=(7, max(2.5, 0.35 * len(top) + 1)))
    ax.barh([_label(graph, n) for n in top], [scores.betweenness[n] for n in top], color="#dd8452")
    ax.set_xlabel(f"betweenness ({scores.method})")
    ax.set_title("Top organisations by betweenness")
    fig.tight_layout()
    return _save(fig, path)


def _cluster_colours(clustering: Clustering):
    palette = plt.get_cmap("tab20").colors
    return {c.number: palette[(c.number - 1) % len(palette)] for c in clustering.clusters}


def _cluster_plot(graph: nx.Graph, scores: Centrality, clustering: Clustering, seed: int, path: Path) -> bytes:
    tied = [n for n in graph if scores.degree[n] > 0]
    fig, ax = plt.subplots(figsize=(8, 7))
    if len(tied) <= DRAW_LIMIT:
        _draw_organisations(ax, graph, tied, scores, clustering, seed)
        ax.set_title(f"Clusters (Louvain, seed {clustering.seed})")
    else:
        shown = _draw_cluster_graph(ax, graph, clustering)
        ax.set_title(f"The {shown} largest of {len(clustering.clusters)} clusters (Louvain, seed {clustering.seed}):\n"
                     "circle area = organisations, line width = ties between clusters", fontsize=10)
    ax.set_axis_off()
    fig.tight_layout()
    return _save(fig, path)


def _draw_organisations(ax, graph, tied, scores, clustering, seed) -> None:
    """Every organisation with a tie, coloured by cluster, sized by weighted degree."""
    sub = nx.Graph()
    sub.add_nodes_from(sorted(tied))
    sub.add_edges_from(sorted((a, b) for a, b in graph.subgraph(tied).edges))
    if not sub.number_of_nodes():
        return
    layout = nx.spring_layout(sub, seed=seed)
    colours = _cluster_colours(clustering)
    node_colour = [colours.get(clustering.membership.get(n), (0.7, 0.7, 0.7)) for n in sub]
    biggest = max(scores.weighted_degree[n] for n in sub) or 1
    sizes = [20 + 280 * scores.weighted_degree[n] / biggest for n in sub]
    nx.draw_networkx_edges(sub, layout, ax=ax, alpha=0.25, width=0.6)
    nx.draw_networkx_nodes(sub, layout, ax=ax, node_color=node_colour, node_size=sizes, linewidths=0)
    labels = {n: _label(graph, n, 28) for n in scores.ranked("betweenness") if n in sub}
    nx.draw_networkx_labels(sub, layout, labels=dict(list(labels.items())[:10]), ax=ax, font_size=7)
    ax.margins(0.12)  # room for the labels of nodes on the edge


def _draw_cluster_graph(ax, graph, clustering, limit: int = 20) -> int:
    """The largest clusters as circles, linked by the ties between their members."""
    shown = clustering.clusters[:limit]
    numbers = {c.number for c in shown}
    between: Counter = Counter()
    for a, b, w in graph.edges(data="weight", default=1):
        ca, cb = clustering.membership.get(a), clustering.membership.get(b)
        if ca != cb and ca in numbers and cb in numbers:
            between[(min(ca, cb), max(ca, cb))] += w
    clusters = nx.Graph()
    clusters.add_nodes_from(c.number for c in shown)
    clusters.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(between.items()))
    # A circle, largest first: force layouts squeeze the connected clusters into a point
    # as soon as a few small clusters are disconnected from the rest.
    layout = nx.circular_layout(clusters)
    colours = _cluster_colours(clustering)
    biggest = max(c.size for c in shown)
    heaviest = max(between.values(), default=1)
    nx.draw_networkx_edges(clusters, layout, ax=ax, alpha=0.3,
                           width=[0.5 + 6 * w / heaviest for _, _, w in clusters.edges(data="weight")])
    nx.draw_networkx_nodes(clusters, layout, ax=ax, node_color=[colours[n] for n in clusters],
                           node_size=[150 + 2500 * c.size / biggest for c in shown], linewidths=0)
    names = {c.number: f"{c.number}: {c.name[:28]}" + ("…" if len(c.name) > 28 else "") for c in shown}
    for number, (x, y) in layout.items():  # labels outside the circle, pointing away from it
        ha = "left" if x > 0.1 else "right" if x < -0.1 else "center"
        ax.text(1.18 * x, 1.18 * y, names[number], fontsize=7, ha=ha, va="center")
    ax.set_xlim(-2.4, 2.4)
    ax.set_ylim(-1.4, 1.4)
    return len(shown)


def _years_plot(rows, path: Path) -> bytes:
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(7, 5), sharex=True)
    years = [r[0] for r in rows]
    top.bar(years, [r[2] for r in rows], color="#55a868")
    top.set_ylabel("projects with 2+\norganisations")
    top.yaxis.set_major_locator(MaxNLocator(integer=True))
    bottom.yaxis.set_major_locator(MaxNLocator(integer=True))
    bottom.bar(years, [r[3] for r in rows], color="#8172b3")
    bottom.set_ylabel("organisation pairs")
    bottom.set_xlabel("start year")
    top.set_title("Collaborations per year")
    if years:
        bottom.set_xticks(years)
        bottom.tick_params(axis="x", labelrotation=90 if len(years) > 12 else 0)
    fig.tight_layout()
    return _save(fig, path)


# --------------------------------------------------------------------------- HTML

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:72em;
     padding:0 1em;color:#222;line-height:1.4}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}
th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
img{max-width:100%;height:auto}.note{color:#666;font-size:.9em}
"""


def _e(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return html.escape(str(value))


def _table(headers: list[str], rows: list[list[Any]], numeric: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(
            f'<td class="n">{_e(v)}</td>' if i in numeric and isinstance(v, (int, float)) else f"<td>{_e(v)}</td>"
            for i, v in enumerate(row)
        ) + "</tr>\n"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>\n{body}</tbody></table>"


def _img(data: bytes, alt: str) -> str:
    return f'<img alt="{_e(alt)}" src="data:image/png;base64,{base64.b64encode(data).decode("ascii")}">'


def write_report(
    out_dir: Path,
    networks: Networks,
    scores: Centrality,
    clustering: Clustering,
    partnerships: list[Partnership],
    groups: list[RecurringGroup],
    cross_period: list[Partnership],
    summary: dict[str, Any],
    seed: int = 42,
) -> dict[str, Path]:
    """Write ``report.html`` and the PNG plots into ``out_dir``.

    Parameters
    ----------
    out_dir : pathlib.Path
        The ``analysis/`` folder.
    networks, scores, clustering, partnerships, groups, cross_period
        The analysis results.
    summary : dict
        Key numbers (``AnalysisResult.summary``), shown first.
    seed : int
        Layout seed for the cluster drawing.

    Returns
    -------
    dict
        File name -> path of every file written.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    graph = networks.organisations
    years = collaborations_per_year(networks)
    plots = {
        "degree_distribution.png": _degree_plot(scores, out_dir / "degree_distribution.png"),
        "top_organisations.png": _top_plot(graph, scores, out_dir / "top_organisations.png"),
        "clusters.png": _cluster_plot(graph, scores, clustering, seed, out_dir / "clusters.png"),
        "collaborations_per_year.png": _years_plot(years, out_dir / "collaborations_per_year.png"),
    }

    def label(org: str) -> str:
        return graph.nodes[org].get("label") or org

    key_rows = [[k.replace("_", " "), v] for k, v in summary.items()]
    top = scores.ranked("betweenness")[:TOP_ROWS]
    top_rows = [
        [label(n), graph.nodes[n].get("type"), scores.degree[n], scores.weighted_degree[n],
         scores.betweenness[n], scores.pagerank[n], scores.core_number[n], clustering.membership.get(n)]
        for n in top
    ]
    cluster_rows = [[c.number, c.name, c.size] for c in clustering.clusters[:TOP_ROWS]]
    pair_rows = [[label(p.org_a), label(p.org_b), p.shared, p.first_year, p.last_year] for p in partnerships[:TOP_ROWS]]
    group_rows = [[" | ".join(label(m) for m in g.members), len(g.members), g.shared, g.first_year, g.last_year]
                  for g in groups[:TOP_ROWS]]
    cross_rows = [[label(p.org_a), label(p.org_b), " → ".join(p.periods), p.shared] for p in cross_period[:TOP_ROWS]]
    year_rows = [list(r) for r in years]

    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>esfgraph: collaboration network analysis</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>The collaboration network of ESF projects</h1>",
        f'<p class="note">Organisations at <b>{_e(networks.level)}</b> level; roles counted: '
        f"{_e(', '.join(networks.roles))}. Betweenness: {_e(scores.method)}. "
        f"Louvain seed {clustering.seed}.</p>",
        "<h2>Key numbers</h2>",
        _table(["measure", "value"], key_rows, {1}),
        "<h2>Degree distribution</h2>",
        _img(plots["degree_distribution.png"], "degree distribution"),
        "<h2>Top organisations</h2>",
        _img(plots["top_organisations.png"], "top organisations by betweenness"),
        _table(["organisation", "type", "degree", "weighted degree", "betweenness", "PageRank", "k-core", "cluster"],
               top_rows, {2, 3, 4, 5, 6, 7}),
        "<h2>Clusters</h2>",
        f'<p class="note">Modularity {clustering.modularity:.4f}. Stability over {clustering.runs} further '
        f"seeds: mean adjusted Rand index {_e(clustering.stability_ari)}, mean NMI "
        f"{_e(clustering.stability_nmi)} (1 = the same clusters every time).</p>",
        _img(plots["clusters.png"], "clusters"),
        _table(["cluster", "named by its most central members", "organisations"], cluster_rows, {0, 2}),
        "<h2>Recurring partnerships</h2>",
        f'<p class="note">{len(partnerships)} pairs share two or more projects; all are in '
        "recurring_partnerships.csv.</p>",
        _table(["organisation", "organisation", "shared projects", "first year", "last year"], pair_rows, {2, 3, 4}),
        "<h3>Groups of three or more</h3>",
        f'<p class="note">{len(groups)} groups take part together in two or more projects '
        "(recurring_groups.csv).</p>",
        _table(["members", "size", "shared projects", "first year", "last year"], group_rows, {1, 2, 3, 4}),
        "<h3>From one programme period to the next</h3>",
        f'<p class="note">{len(cross_period)} recurring pairs share projects in consecutive programme '
        "periods (cross_period_partnerships.csv).</p>",
        _table(["organisation", "organisation", "periods", "shared projects"], cross_rows, {3}),
        "<h2>Collaborations per year</h2>",
        _img(plots["collaborations_per_year.png"], "collaborations per year"),
        _table(["start year", "projects", "with 2+ organisations", "organisation pairs"], year_rows, {0, 1, 2, 3}),
        "</body></html>",
    ]
    report = out_dir / "report.html"
    report.write_text("\n".join(parts) + "\n", encoding="utf-8")
    files = {name: out_dir / name for name in plots}
    files["report.html"] = report
    return files
