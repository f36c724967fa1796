"""A stand-in for aws, docker, git, npx and terraform in the deploy script's tests.

Installed (by the fixture in conftest.py) under each command's name in a directory placed first on
PATH. Every call appends one JSON line to $STUB_LOG: the command name, its arguments, the
DASHBOARD_* environment it saw and, for `--password-stdin`, what it read from stdin. What it does is
decided by the first rule in $STUB_CONFIG (a JSON list) whose regular expression `match` is found
in the call's command line ("name arg1 arg2 ..."): print `stdout`/`stderr`, write `files`, exit with
`exit`. A rule with `times` applies only to its first that many matching calls. No rule: exit 0.
"""

import json
import os
import re
import sys
from pathlib import Path


def main() -> int:
    name = Path(sys.argv[0]).name
    args = sys.argv[1:]
    command_line = " ".join([name, *args])
    record = {
        "name": name,
        "args": args,
        "env": {k: v for k, v in os.environ.items() if k.startswith("DASHBOARD_")},
    }
    if "--password-stdin" in args:
        record["stdin"] = sys.stdin.read()
    with open(os.environ["STUB_LOG"], "a", encoding="utf-8") as log:
        log.write(json.dumps(record) + "\n")

    rules = json.loads(Path(os.environ["STUB_CONFIG"]).read_text(encoding="utf-8"))
    state_dir = Path(os.environ["STUB_STATE"])
    for index, rule in enumerate(rules):
        if not re.search(rule["match"], command_line):
            continue
        if "times" in rule:
            counter = state_dir / f"rule-{index}"
            used = int(counter.read_text()) if counter.exists() else 0
            if used >= rule["times"]:
                continue
            counter.write_text(str(used + 1))
        for path, content in rule.get("files", {}).items():
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            Path(path).write_text(content, encoding="utf-8")
        sys.stdout.write(rule.get("stdout", ""))
        sys.stderr.write(rule.get("stderr", ""))
        return int(rule.get("exit", 0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
