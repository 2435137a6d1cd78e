"""Load: files → raw data with source positions."""
