"""ui.supervision"""
