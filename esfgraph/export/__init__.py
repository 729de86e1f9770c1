"""Gephi-ready files: GEXF 1.3 (static and dynamic), GraphML, spreadsheet CSV.

| module | does |
|---|---|
| :mod:`.gexf` | :func:`write_gexf`: GEXF 1.3 valid against the official schema |
| :mod:`.graphml` | :func:`write_graphml` |
| :mod:`.csv` | :func:`write_csv`: node and edge tables for Gephi's spreadsheet import |
| :mod:`.gephi` | :func:`gephi_graph`: the networks with attributes, colours, sizes, spells; :func:`export_gephi`: a build's ``gephi/`` folder |
| :mod:`.attributes` | one type per attribute, plain values |
| :mod:`.errors` | :class:`ExportError`: a network the writers cannot write, an unknown network name |
| :mod:`.xmltext` | XML text shared by the GEXF and GraphML writers: quoting, escaping, a line buffer |

Examples
--------
>>> from esfgraph.network import load_analysis
>>> from esfgraph.export import gephi_graph, write_gexf
>>> analysis = load_analysis(sample_build / "store")  # a build of the sample pages
>>> write_gexf(gephi_graph(analysis, "dynamic"), out / "net.gexf", dynamic=True).name
'net.gexf'
"""

from .csv import write_csv
from .errors import ExportError
from .gephi import NETWORKS, TYPE_COLOURS, export_gephi, gephi_graph, merge_spells
from .gexf import gexf_bytes, write_gexf
from .graphml import write_graphml

__all__ = [
    "gexf_bytes",
    "write_gexf",
    "write_graphml",
    "write_csv",
    "NETWORKS",
    "TYPE_COLOURS",
    "gephi_graph",
    "export_gephi",
    "merge_spells",
    "ExportError",
]
