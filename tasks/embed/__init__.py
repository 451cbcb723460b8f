"""Embed stage: images and texts of the delivery → vectors in the LanceDB index, incrementally."""
