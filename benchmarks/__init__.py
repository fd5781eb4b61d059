"""Benchmarks: `make bench` prints figures. Targets are checked here, never in unit tests."""
