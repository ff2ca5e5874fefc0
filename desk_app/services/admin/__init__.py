"""desk_app.services.admin"""
