"""Renderers of core objects for text surfaces (terminal, logs). Slack renders Block Kit in bot/slack."""
