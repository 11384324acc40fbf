"""Handoffs: questions Lotse hands to a human contact person, with lifecycle, audit log, SLA and retention."""
