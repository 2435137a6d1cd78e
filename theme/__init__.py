"""Templates and static files of the bulletins theme (shipped as generator.theme)."""
