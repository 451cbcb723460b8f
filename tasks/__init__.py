"""Pipeline stages: plain functions holding the logic, with thin Prefect task wrappers beside them."""
