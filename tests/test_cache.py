"""The per-page cache: keys, round trip, and tolerance of damaged files."""

from __future__ import annotations

from esfgraph.cache import PageCache, fingerprint, page_key


def test_key_depends_on_bytes_path_and_fingerprint():
    fp = fingerprint(None)
    key = page_key(b"page", "a.txt", fp)
    assert key == page_key(b"page", "a.txt", fp)
    assert key != page_key(b"page!", "a.txt", fp)
    assert key != page_key(b"page", "b.txt", fp)
    assert key != page_key(b"page", "a.txt", fingerprint("https://example.org/"))


def test_entries_written_by_one_build_are_read_by_the_next(tmp_path):
    first = PageCache(tmp_path / "one" / "pages.sqlite")
    first.put_many([("k1", {"result": {"status": "ok"}, "nt": ["<a> <b> <c> ."]})])
    first.close()
    second = PageCache(tmp_path / "two" / "pages.sqlite", previous=tmp_path / "one" / "pages.sqlite")
    assert second.get("k1") == {"result": {"status": "ok"}, "nt": ["<a> <b> <c> ."]}
    assert second.get("k2") is None
    assert (second.hits, second.misses) == (1, 1)
    second.close()


def test_damaged_previous_cache_is_ignored(tmp_path):
    damaged = tmp_path / "old.sqlite"
    damaged.write_bytes(b"this is not sqlite" * 100)
    cache = PageCache(tmp_path / "new" / "pages.sqlite", previous=damaged)
    assert cache.get("anything") is None
    cache.close()
