"""ui.calls"""
