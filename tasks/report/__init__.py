"""Report stage: the data report (the delivery) and the run summary (the run), for people."""
