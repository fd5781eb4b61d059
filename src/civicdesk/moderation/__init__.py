"""Moderation (I2, P2): `moderate(text, ...)` returns a verdict with reasons and spans."""
