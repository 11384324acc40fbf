"""The weekly practice and the taboo topics (issue #18); see docs/practice.md."""
