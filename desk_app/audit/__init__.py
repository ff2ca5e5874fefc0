"""Audit chains: case events and access-log entries hash-chained, so edits behind the desk show."""
