"""Sort and de-duplicate text lines that may not fit in memory (an external merge sort).

The graph is produced one page at a time; ``graph.nt`` must be sorted and free of
duplicates so that the same input always gives the same bytes. Lines are buffered, each
full buffer is sorted into a temporary run file, and the runs are merged with
:func:`heapq.merge`. Python compares ``str`` by code point, which is the byte order of
UTF-8, so the output is sorted bytewise too (``LC_ALL=C sort -u`` gives the same file).
"""

from ..runtime.sorting import LineSorter, write_merged_unique

__all__ = ["LineSorter", "write_merged_unique"]
