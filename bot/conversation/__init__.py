"""Core services about conversations an adapter shows: thread history, exchange lookup, feedback."""
