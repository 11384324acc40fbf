"""The Slack adapter: a thin slack-bolt app over the core (`build_app(lotse)`)."""
