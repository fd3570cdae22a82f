"""Dialogs: each a ModalScreen typed by what it returns (None when cancelled)."""
