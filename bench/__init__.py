"""Benchmark tooling: a synthetic Chinese corpus, a side-by-side build benchmark
(`bench/run`), and a browser measurement of the Pagefind search.

Nothing here is imported by the generator; the generator must never import it.
"""
