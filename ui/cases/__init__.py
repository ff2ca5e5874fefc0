"""ui.cases"""
