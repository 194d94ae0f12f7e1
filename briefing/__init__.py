"""briefing: sourced briefing memos from news articles."""
