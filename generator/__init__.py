"""Assistance bulletins: paired-assistance work summaries as a static site."""
