"""Runs several `aws` commands in one Python process: the installed `aws` entry script is loaded
once (runpy, not as __main__) and its main() - awscli.clidriver.main, exactly what `aws ARGS`
runs - is called for each command with its own argv and environment. Saves a Python start-up per
command (seconds on a loaded machine). Reads [{"args": [...], "env": {...}}] on stdin; writes
[{"code", "stdout", "stderr"}] on stdout."""
import contextlib
import io
import json
import os
import runpy
import sys

entry = runpy.run_path(sys.argv[1], run_name="aws_cli_batch")
commands = json.load(sys.stdin)
base_env = dict(os.environ)
real_stdout = sys.stdout
results = []
for command in commands:
    os.environ.clear()
    os.environ.update(base_env)
    os.environ.update(command.get("env", {}))
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    sys.argv = ["aws"] + command["args"]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = entry["main"]()
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
    out.flush()
    err.flush()
    results.append({"code": code or 0, "stdout": out.buffer.getvalue().decode("utf-8"), "stderr": err.buffer.getvalue().decode("utf-8")})
json.dump(results, real_stdout)
