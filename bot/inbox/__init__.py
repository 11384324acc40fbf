"""Durable work: the inbox of received requests, the outbox of notifications, leases, scheduled-job claims."""
