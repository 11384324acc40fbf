"""Lotse: the internal social media contact person. The `bot` package is the transport-agnostic core."""

__version__ = "0.1.0"
