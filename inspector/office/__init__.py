"""The central office's side: its database, its key, the inspectors it knows."""
