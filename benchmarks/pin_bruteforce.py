"""How long a brute force of a PIN takes against the hash every till caches for offline
sign-in, on this machine: the attacker who has a till's SQLite file tries every PIN.

    python -m benchmarks.pin_bruteforce [--guesses 60] [--out benchmarks/results/pin-bruteforce.json]

The hash is the format the warehouse sends down the change feed
(``scrypt$16384$8$1$<salt>$<hash>``, warehouse_api/security.py); each guess is the
till's own check (counter_app/core/pins.py ``verify_pin``), wrong PINs all, on one
core. The time for every 4-, 5- and 6-digit PIN is the measured time per guess times
10^digits (half that on average; divided by the cores an attacker brings: the guesses
are independent). The PIN lock-out at the till does nothing against this.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.harness import percentile
from counter_app.core.pins import verify_pin
from warehouse_api.security import hash_pin

DIGITS = (4, 5, 6)


def seconds_per_guess(guesses: int) -> list[float]:
    cached = hash_pin("987654")
    samples = []
    for n in range(guesses):
        started = time.perf_counter()
        assert not verify_pin(f"{n:06d}", cached)
        samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guesses", type=int, default=60)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/pin-bruteforce.json"))
    args = parser.parse_args()
    samples = seconds_per_guess(args.guesses)
    per_guess = percentile(samples, 0.5)
    fastest = min(samples)
    report = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {platform.system()}, one core of the shared 2-core build machine",
        "hash": "scrypt n=16384 r=8 p=1 dklen=32 (the cached staff PIN hash)",
        "guesses_timed": args.guesses,
        "per_guess_p50_ms": round(per_guess * 1000, 1),
        "per_guess_min_ms": round(fastest * 1000, 1),
        "every_pin_one_core": {
            f"{d}_digits": {
                "pins": 10**d,
                "hours_at_p50": round(10**d * per_guess / 3600, 2),
                "hours_at_fastest": round(10**d * fastest / 3600, 2),
            }
            for d in DIGITS
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"{per_guess * 1000:.1f} ms a guess (fastest {fastest * 1000:.1f} ms), one core")
    for d in DIGITS:
        print(
            f"every {d}-digit PIN: {10**d * per_guess / 3600:.2f} h ({10**d * fastest / 3600:.2f} h at the fastest)"
        )


if __name__ == "__main__":
    main()
