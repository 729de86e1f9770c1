"""Tests for the benchmark corpus generator and the benchmark helpers."""
