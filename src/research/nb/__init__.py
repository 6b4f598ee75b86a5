"""What notebooks call: load the data and record its inputs, record values (glue), save tables and figures."""
