"""The pure core: models, checks, sessions and records. Never imports textual."""
