"""The `desk-app` command line: one module per command, run by `main`; what they share is in `common`."""
