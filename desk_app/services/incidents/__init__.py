"""Leak incidents (漏えい等, APPI Art. 26): the register supervisors keep, its reports to the Commission and
the customers each involves (attached from a list or by a saved search). A layer between the
administrators' services and the case services."""
