"""ui.customers"""
