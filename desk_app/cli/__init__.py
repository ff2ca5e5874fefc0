"""desk_app.cli.main"""
