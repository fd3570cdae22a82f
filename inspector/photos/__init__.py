"""Photos as evidence: reading, orienting, downscaling and storing them (Pillow only)."""

from .processing import PhotoError, PhotoSettings, Processed, process

__all__ = ["PhotoError", "PhotoSettings", "Processed", "process"]
