"""The analysis report: one self-contained HTML page and its plots as PNG files.

``report.html`` embeds every plot as a base64 PNG and carries its own CSS, so it opens
offline and can be mailed as one file. The plots are also written beside it:

- ``degree_distribution.png``: how many organisations have each number of partners;
- ``top_organisations.png``: the organisations with the highest betweenness;
- ``clusters.png``: the organisations with partners, one colour per cluster, each
  connected component laid out on its own and packed largest first
  (:mod:`esfgraph.network.layout`); networks of more than 200 such organisations are
  drawn by the most central members of their 20 largest clusters. The caption, in the
  picture and under it in the report, says what is drawn;
- ``collaborations_per_year.png``: projects with two or more organisations, and the
  organisation pairs they make, by the projects' start year.

Plots use matplotlib's Agg backend, a seeded layout and no timestamp in the PNG
metadata, so the same analysis gives byte-identical files.
"""

from __future__ import annotations

import base64
import html
import io
import textwrap
from collections import Counter
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from ..vocab import concept_key  # noqa: E402
from .centrality import Centrality  # noqa: E402
from .clusters import Clustering  # noqa: E402
from .layout import packed_layout  # noqa: E402
from .networks import Networks  # noqa: E402
from .recurring import Partnership, RecurringGroup  # noqa: E402

__all__ = ["PLOT_FILES", "write_report", "collaborations_per_year", "drawn_organisations"]

PLOT_FILES = (
    "degree_distribution.png",
    "top_organisations.png",
    "clusters.png",
    "collaborations_per_year.png",
)

#: Most organisations drawn in ``clusters.png``; larger networks are drawn by the most
#: central members of their largest clusters.
DRAW_LIMIT = 200
#: Clusters that get a colour of their own in ``clusters.png`` (tab20's colours).
COLOURED_CLUSTERS = 20
#: Organisations named in ``clusters.png``.
NAMED = 10
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


_GREY = (0.62, 0.62, 0.62)  # clusters beyond the coloured ones
_CLUSTER_FIGURE = (8.0, 8.0)  # inches
_CLUSTER_AXES = (0.02, 0.2, 0.96, 0.72)  # left, bottom, width, height: room for the caption and legend


def _cluster_aspect() -> float:
    """Width / height of the drawing area of ``clusters.png``."""
    return (_CLUSTER_AXES[2] * _CLUSTER_FIGURE[0]) / (_CLUSTER_AXES[3] * _CLUSTER_FIGURE[1])


def _cluster_colours(clustering: Clustering) -> dict[int, tuple]:
    """A colour for each of the :data:`COLOURED_CLUSTERS` largest clusters (the rest are grey)."""
    palette = plt.get_cmap("tab20").colors
    return {c.number: palette[i] for i, c in enumerate(clustering.clusters[:COLOURED_CLUSTERS])}


def drawn_organisations(graph: nx.Graph, scores: Centrality, clustering: Clustering,
                        limit: int = DRAW_LIMIT) -> tuple[list[str], str]:
    """Return the organisations ``clusters.png`` draws, and a phrase saying which they are.

    Every organisation with a partner when there are at most ``limit``; otherwise the
    most central members (as the clusters order them) of the :data:`COLOURED_CLUSTERS`
    largest clusters, each cluster drawn in proportion to its size (at least two
    members). Organisations without partners are never drawn.

    Parameters
    ----------
    graph : networkx.Graph
        The organisation network.
    scores : Centrality
        Its scores (for the degrees).
    clustering : Clustering
        Its clusters.
    limit : int
        Most organisations drawn one by one (about; a cluster gets at least two).

    Returns
    -------
    (list of str, str)
        The organisations, sorted, and e.g. ``"all 23 organisations with partners"``.

    Examples
    --------
    >>> import networkx as nx
    >>> from esfgraph.network import centrality, find_clusters
    >>> g = nx.disjoint_union(nx.complete_graph(4), nx.empty_graph(2))
    >>> drawn_organisations(g, centrality(g), find_clusters(g, runs=0))
    ([0, 1, 2, 3], 'all 4 organisations with partners')
    """
    tied = sorted(n for n in graph if scores.degree[n] > 0)
    if len(tied) <= limit:
        return tied, f"all {len(tied):,} organisations with partners"
    largest = clustering.clusters[:COLOURED_CLUSTERS]
    total = sum(c.size for c in largest)
    chosen = []
    for cluster in largest:
        share = max(min(cluster.size, 2), limit * cluster.size // total)
        chosen.extend(cluster.members[:share])
    count = len(clustering.clusters)
    which = f"all {count:,} clusters" if len(largest) == count else f"the {len(largest)} largest of {count:,} clusters"
    return sorted(chosen), (f"the {len(chosen):,} most central members of {which} "
                            f"({len(tied):,} organisations have partners)")


def _cluster_plot(graph: nx.Graph, scores: Centrality, clustering: Clustering, seed: int,
                  path: Path) -> tuple[bytes, str]:
    """Draw ``clusters.png``: each component laid out alone, packed largest first. Return it and its caption."""
    drawn, which = drawn_organisations(graph, scores, clustering)
    sub = nx.Graph()
    sub.add_nodes_from(drawn)
    sub.add_weighted_edges_from(sorted((min(a, b), max(a, b), w) for a, b, w in
                                       graph.subgraph(drawn).edges(data="weight", default=1)))
    fig = plt.figure(figsize=_CLUSTER_FIGURE)
    ax = fig.add_axes(_CLUSTER_AXES)
    ax.set_axis_off()
    layout = packed_layout(sub, seed=seed, aspect=_cluster_aspect())
    colours = _cluster_colours(clustering)
    named, named_how = _named_organisations(scores, layout)
    if drawn:
        components = len(layout.boxes)
        greyed = any(clustering.membership.get(n) not in colours for n in drawn)
        caption = "; ".join([
            which[0].upper() + which[1:],
            "one component" if components == 1 else f"{components:,} components, largest first",
            f"colours are clusters (Louvain, seed {clustering.seed})"
            + (f", grey beyond the {COLOURED_CLUSTERS} largest" if greyed else ""),
            f"{named_how}; node size = weighted degree",
        ]) + "."
        _draw_packed(ax, graph, sub, layout, scores, clustering, colours, named)
        _cluster_legend(fig, sub, clustering, colours)
    else:
        caption = "No organisation has a partner: nothing to draw."
    fig.suptitle("\n".join(textwrap.wrap(caption, 105)), fontsize=8.5, y=0.985, va="top")
    return _save(fig, path), caption


def _named_organisations(scores: Centrality, layout) -> tuple[list[str], str]:
    """The organisations named in ``clusters.png``, and how they were chosen.

    The most central of each of the largest components first (a reader can then tell
    which project or partnership a component is), then the most central of the rest.
    """
    ranked = [n for n in scores.ranked("betweenness") if n in layout.positions]
    place = {n: i for i, n in enumerate(ranked)}
    boxes = layout.boxes[:NAMED // 2] if len(layout.boxes) > 1 else []
    named = [min(box.nodes, key=place.__getitem__) for box in boxes]
    named += [n for n in ranked if n not in set(named)][:NAMED - len(named)]
    if not boxes:
        return named, f"the {len(named)} most central are named"
    each = "each component" if len(boxes) == len(layout.boxes) else f"each of the {len(boxes)} largest components"
    return named, f"named: the most central of {each}, then the most central overall ({len(named)} in all)"


def _draw_packed(ax, graph, sub, layout, scores, clustering, colours, named) -> None:
    """The drawn organisations at their packed positions: ties, nodes, names."""
    positions = layout.positions
    nodes = list(sub)
    heaviest = max((w for _, _, w in sub.edges(data="weight")), default=1)
    nx.draw_networkx_edges(sub, positions, ax=ax, alpha=0.3, edge_color="#555555",
                           width=[0.4 + 1.6 * (w - 1) / max(heaviest - 1, 1) for _, _, w in sub.edges(data="weight")])
    biggest = max(scores.weighted_degree[n] for n in nodes) or 1
    nx.draw_networkx_nodes(sub, positions, ax=ax, nodelist=nodes, linewidths=0,
                           node_color=[colours.get(clustering.membership.get(n), _GREY) for n in nodes],
                           node_size=[15 + 185 * scores.weighted_degree[n] / biggest for n in nodes])
    for node in named:  # just above the node, on a pale box that keeps it legible over the ties
        ax.annotate(_label(graph, node, 28), positions[node], xytext=(0, 4), textcoords="offset points",
                    fontsize=6.5, ha="center", va="bottom",
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.75})
    # Limits of the axes' own aspect ratio, centred on the packing: one unit is as long
    # across as down, without matplotlib overriding the limits.
    width, height = layout.width + 0.6, layout.height + 0.6
    width, height = max(width, height * _cluster_aspect()), max(height, width / _cluster_aspect())
    middle_x, middle_y = layout.width / 2, -layout.height / 2
    ax.set_xlim(middle_x - width / 2, middle_x + width / 2)
    ax.set_ylim(middle_y - height / 2, middle_y + height / 2)


def _cluster_legend(fig, sub, clustering, colours) -> None:
    """The coloured clusters that appear in the drawing, under it, by number and name."""
    from matplotlib.lines import Line2D  # noqa: PLC0415

    present = {clustering.membership.get(n) for n in sub}
    shown = [c for c in clustering.clusters if c.number in colours and c.number in present]
    if not shown:
        return
    handles = [Line2D([], [], marker="o", linestyle="", markersize=6, markerfacecolor=colours[c.number],
                      markeredgewidth=0) for c in shown]
    labels = [f"{c.number}: {c.name[:28]}{'…' if len(c.name) > 28 else ''} ({c.size:,})" for c in shown]
    columns = 1 if len(shown) == 1 else 2 if len(shown) <= 10 else 3
    fig.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 0.01), ncol=columns,
               fontsize=6.5, frameon=False, title="cluster: named by its most central members (organisations)",
               title_fontsize=7)


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


_TEXT_RULE = {"unlisted": "on pages that print no lists", "all": "on every page", "none": "nowhere"}


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
    cluster_png, cluster_caption = _cluster_plot(graph, scores, clustering, seed, out_dir / "clusters.png")
    plots = {
        "degree_distribution.png": _degree_plot(scores, out_dir / "degree_distribution.png"),
        "top_organisations.png": _top_plot(graph, scores, out_dir / "top_organisations.png"),
        "clusters.png": cluster_png,
        "collaborations_per_year.png": _years_plot(years, out_dir / "collaborations_per_year.png"),
    }
    rows = _report_rows(graph, scores, clustering, partnerships, groups, cross_period, summary)
    rows["years"] = [list(r) for r in years]
    parts = [
        *_html_overview(networks, scores, clustering, plots, rows),
        *_html_clusters_and_ties(clustering, plots, cluster_caption, rows,
                                 (len(partnerships), len(groups), len(cross_period))),
    ]
    report = out_dir / "report.html"
    report.write_text("\n".join(parts) + "\n", encoding="utf-8")
    files = {name: out_dir / name for name in plots}
    files["report.html"] = report
    return files


def _report_rows(graph, scores, clustering, partnerships, groups, cross_period, summary) -> dict[str, list[list]]:
    """The rows of the report's tables, by table."""
    def label(org: str) -> str:
        return graph.nodes[org].get("label") or org

    key_rows = [[k.replace("_", " "), v] for k, v in summary.items() if not isinstance(v, (list, dict))]
    key_rows += [[f"recurring partnerships, evidence {e}", n]
                 for e, n in (summary.get("recurring_partnerships_by_evidence") or {}).items()]
    return {
        "key": key_rows,
        "coverage": [[c["period"], c["projects"], c["with_two_or_more"], c["listed"], c["text"], c["ties"],
                      c["ties_listed"], c["ties_text"], c["ties_both"], c["national_left_out"]]
                     for c in summary.get("coverage") or []],
        "top": [[label(n), concept_key(graph.nodes[n].get("type")), scores.degree[n], scores.weighted_degree[n],
                 scores.betweenness[n], scores.pagerank[n], scores.core_number[n], clustering.membership.get(n)]
                for n in scores.ranked("betweenness")[:TOP_ROWS]],
        "clusters": [[c.number, c.name, c.size] for c in clustering.clusters[:TOP_ROWS]],
        "pairs": [[label(p.org_a), label(p.org_b), p.shared, p.evidence, p.first_year, p.last_year]
                  for p in partnerships[:TOP_ROWS]],
        "groups": [[" | ".join(label(m) for m in g.members), len(g.members), g.shared, g.first_year, g.last_year]
                   for g in groups[:TOP_ROWS]],
        "cross": [[label(p.org_a), label(p.org_b), " → ".join(p.periods), p.shared, p.evidence]
                  for p in cross_period[:TOP_ROWS]],
    }


def _html_overview(networks, scores, clustering, plots, rows) -> list[str]:
    """The report's head, key numbers, coverage, degree distribution and top organisations."""
    return [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>esfgraph: collaboration network analysis</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>The collaboration network of ESF projects</h1>",
        f'<p class="note">Organisations at <b>{_e(networks.level)}</b> level; roles counted: '
        f"{_e(', '.join(networks.roles))}; names in the text count "
        f"{_e(_TEXT_RULE.get(networks.text_mentions, networks.text_mentions))}"
        f"{'' if networks.include_national else ', except national agencies named in general'}. "
        f"Betweenness: {_e(scores.method)}. Louvain seed {clustering.seed}.</p>",
        "<h2>Key numbers</h2>",
        _table(["measure", "value"], rows["key"], {1}),
        "<h2>Coverage per programme period</h2>",
        '<p class="note">What the network can see of each period. Pages of 2007–2013 print who '
        "co-finances and takes part; later pages name their partners only in the description, so "
        "their ties rest on names found in the text (evidence <i>text</i>), which are found less "
        "completely than printed lists. A tie is <i>listed</i> when both organisations are printed in a "
        "list, <i>text</i> when one is named in the text only, <i>both</i> when its shared projects of the "
        "period are of both kinds.</p>",
        _table(["period", "projects", "with 2+ organisations", "by printed lists", "by names in the text",
                "ties", "listed", "text", "both", "national agencies named in general, not counted"],
               rows["coverage"], set(range(1, 10))),
        "<h2>Degree distribution</h2>",
        _img(plots["degree_distribution.png"], "degree distribution"),
        "<h2>Top organisations</h2>",
        _img(plots["top_organisations.png"], "top organisations by betweenness"),
        _table(["organisation", "type", "degree", "weighted degree", "betweenness", "PageRank", "k-core", "cluster"],
               rows["top"], {2, 3, 4, 5, 6, 7}),
    ]


def _html_clusters_and_ties(clustering, plots, cluster_caption, rows, counts) -> list[str]:
    """The report's clusters, recurring partnerships and groups, and collaborations per year."""
    partnerships, groups, cross_period = counts
    return [
        "<h2>Clusters</h2>",
        f'<p class="note">Modularity {clustering.modularity:.4f}. Stability over {clustering.runs} further '
        f"seeds: mean adjusted Rand index {_e(clustering.stability_ari)}, mean NMI "
        f"{_e(clustering.stability_nmi)} (1 = the same clusters every time).</p>",
        _img(plots["clusters.png"], f"clusters: {cluster_caption}"),
        f'<p class="note">{_e(cluster_caption)}</p>',
        _table(["cluster", "named by its most central members", "organisations"], rows["clusters"], {0, 2}),
        "<h2>Recurring partnerships</h2>",
        f'<p class="note">{partnerships} pairs share two or more projects; all are in '
        "recurring_partnerships.csv.</p>",
        _table(["organisation", "organisation", "shared projects", "evidence", "first year", "last year"],
               rows["pairs"], {2, 4, 5}),
        "<h3>Groups of three or more</h3>",
        f'<p class="note">{groups} groups take part together in two or more projects '
        "(recurring_groups.csv).</p>",
        _table(["members", "size", "shared projects", "first year", "last year"], rows["groups"], {1, 2, 3, 4}),
        "<h3>From one programme period to the next</h3>",
        f'<p class="note">{cross_period} recurring pairs share projects in consecutive programme '
        "periods (cross_period_partnerships.csv).</p>",
        _table(["organisation", "organisation", "periods", "shared projects", "evidence"], rows["cross"], {3}),
        "<h2>Collaborations per year</h2>",
        _img(plots["collaborations_per_year.png"], "collaborations per year"),
        _table(["start year", "projects", "with 2+ organisations", "organisation pairs"], rows["years"],
               {0, 1, 2, 3}),
        "</body></html>",
    ]
