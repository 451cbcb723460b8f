"""Upkeep of HOME before a run: derived stores that are damaged are set aside and rebuilt from the delivery."""
