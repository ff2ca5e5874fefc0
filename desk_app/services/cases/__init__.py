"""desk_app.services.cases.lifecycle"""
