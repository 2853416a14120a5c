"""The verbs of the command line: build, check, serve, new."""
