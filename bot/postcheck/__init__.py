"""The post check: reads a draft like the communications team would, rule by rule (knowledge/postcheck/)."""
