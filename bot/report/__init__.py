"""The weekly report: what employees asked, what Lotse could not answer, how fast the team responded."""
