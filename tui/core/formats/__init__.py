"""Annotations in and out: JSON Lines (ours, lossless), W3C Web Annotation, brat standoff,
and the report an analyst hands an editor. Nothing here imports ``textual``."""
