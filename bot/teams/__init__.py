"""The Microsoft Teams adapter (Teams SDK for Python): thin, over the same core as Slack. See docs/teams.md."""

import warnings

# the SDK announces a preview feature Lotse does not use (HTML widgets) on import
warnings.filterwarnings("ignore", message=".*HtmlWidgetSecurityPolicy.*")
