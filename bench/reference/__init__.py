"""The bare-Django reference app: one indexed table, one paginated list of 50 rows, served like ticms."""
