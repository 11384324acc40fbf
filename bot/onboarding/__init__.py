"""`lotse init`: a new company's folder from a few answers (name, contact people, hours, documents)."""
