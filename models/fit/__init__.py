"""Fit models: how well a text describes an image, as a 0..1 score. One interface, three kinds."""
