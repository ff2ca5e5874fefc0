"""Storage: the typed ORM model, engine set-up and migrations."""
