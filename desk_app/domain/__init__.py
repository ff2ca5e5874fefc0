"""desk_app.domain"""
