"""Inquiry Desk's PySide6 window: widgets and table models that call `desk_app` services."""
