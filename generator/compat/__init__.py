"""Compat: every reliance on another project's private internals, one module per dependency."""
