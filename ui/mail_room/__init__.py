"""ui.mail_room"""
