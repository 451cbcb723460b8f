"""Model code: pretrained encoders (and, later, the fit models). No I/O beyond loading given weights."""
