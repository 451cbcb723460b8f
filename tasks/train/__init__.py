"""Train stage: corpora → three fit models with honest out-of-fold evaluation → registry → champion."""
