"""Benchmark harness: synthetic data, a fixed query mix and an SQLite FTS5 reference engine."""
