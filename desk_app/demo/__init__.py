"""Deterministic, realistic demo data for trying out, training on and benchmarking the desk."""
