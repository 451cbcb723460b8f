"""With Sense search: nightly batch ETL and offline indexing."""
