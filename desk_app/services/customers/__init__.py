"""desk_app.services.customers"""
