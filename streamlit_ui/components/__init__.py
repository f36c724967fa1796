"""Data access, validation, formatting and charts for the organizer dashboard; pages only lay these out."""
