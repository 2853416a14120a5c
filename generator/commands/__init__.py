"""The verbs of the command line: build, check, serve, new, translated.

Each module has `run(args, clock)`; its arguments are declared in `generator/cli.py`,
so a module (and the libraries it needs) is imported only when its command runs.
"""
