"""The parts of the corpus generator behind ``benchmarks/generate.py``.

``vocabulary`` holds the fixed data (layout shares, defects, regions, words, sentences);
``util`` small helpers (slugs, Swedish sort order, Zipf draws); ``universe`` the
organisations, places and families a corpus draws from; ``projects`` the facts of one
project; ``layouts`` how each page layout prints them, as text or HTML; ``pages`` one
page's bytes, defects and ground truth.
"""
