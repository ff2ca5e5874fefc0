"""ui.supervision.incidents: the leak incident register, its dialogs and their background work."""
