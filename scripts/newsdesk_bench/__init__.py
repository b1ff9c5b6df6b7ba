"""Benchmark harness for newsdesk: corpus generator, builders, measurements, report."""
