"""The terminal adapter: `lotse chat` with its local inbox, for trying Lotse without Slack or Teams."""
