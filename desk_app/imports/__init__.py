"""Importing customers, orders and provision records from the mail-order system's CSV exports."""
