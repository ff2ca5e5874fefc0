"""Services: operations the UI and the CLI call with a Session they own; they return frozen dataclasses."""
