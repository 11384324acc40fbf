"""Triage: which messages Lotse must not answer itself (sensitive, requested human, off-topic, unsure)."""
