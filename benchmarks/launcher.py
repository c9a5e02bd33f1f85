"""Runs the benchmark's child processes, so their peak RSS is their own.

Linux folds the memory a process held before `exec` into the `ru_maxrss` of what it runs. A child
spawned by the benchmark itself, which holds the scaled site and its server, would report at least
the benchmark's size. This launcher is started before the site is built and imports nothing but the
standard library: what its children inherit is a few MiB.

Protocol, one JSON object a line: in `{"command": [...], "cwd": "...", "log": "..."}`, out
`{"exit_code", "wall", "cpu", "max_rss_kib"}` once the child has exited (CPU and peak RSS from
`os.wait4`: the child's own and those of the processes it waited for, its extraction workers).
"""

import json
import os
import subprocess
import sys
import time


def main() -> None:
    for line in sys.stdin:
        job = json.loads(line)
        start = time.perf_counter()
        with open(job["log"], "wb") as out:
            child = subprocess.Popen(job["command"], cwd=job["cwd"], stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
            _pid, status, usage = os.wait4(child.pid, 0)
        result = {"exit_code": os.waitstatus_to_exitcode(status), "wall": time.perf_counter() - start,
                  "cpu": usage.ru_utime + usage.ru_stime, "max_rss_kib": usage.ru_maxrss}
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
