"""A bounded loopback load generator: N threads with keep-alive `http.client` connections.

    python bench/last.py --golv http://127.0.0.1:8019/golv/1/ \
        --cookie sessionid=KEY start=http://127.0.0.1:8018/ ...

Each URL (given as name=url) is loaded for --sekunder by --samtidiga connections, one URL at a
time. Prints p50, p95, requests/s and errors per URL and each page's ratio to the floor
(floor req/s ÷ page req/s; floor p95 ÷ ... is printed as page p95 ÷ floor p95).
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import threading
import time
from urllib.parse import urlsplit


def _last(
    url: str, *, sekunder: float, samtidiga: int, huvuden: dict, kropp: bytes | None = None
) -> dict:
    delar = urlsplit(url)
    sokvag = delar.path + (f"?{delar.query}" if delar.query else "")
    tider: list[float] = []
    fel = [0]
    las = threading.Lock()
    slut = time.monotonic() + sekunder

    def arbetare():
        egna: list[float] = []
        egna_fel = 0
        conn = http.client.HTTPConnection(delar.hostname, delar.port, timeout=30)
        while time.monotonic() < slut:
            t0 = time.monotonic()
            try:
                if kropp is None:
                    conn.request("GET", sokvag, headers=huvuden)
                else:
                    conn.request("POST", sokvag, body=kropp, headers=huvuden)
                svar = conn.getresponse()
                svar.read()
                if svar.status != 200:
                    egna_fel += 1
                if svar.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection(delar.hostname, delar.port, timeout=30)
            except (OSError, http.client.HTTPException):
                egna_fel += 1
                conn.close()
                conn = http.client.HTTPConnection(delar.hostname, delar.port, timeout=30)
                continue
            egna.append(time.monotonic() - t0)
        conn.close()
        with las:
            tider.extend(egna)
            fel[0] += egna_fel

    tradar = [threading.Thread(target=arbetare) for _ in range(samtidiga)]
    start = time.monotonic()
    for t in tradar:
        t.start()
    for t in tradar:
        t.join()
    varaktighet = time.monotonic() - start
    tider.sort()
    if not tider:
        return {"rps": 0.0, "p50": float("nan"), "p95": float("nan"), "fel": fel[0], "n": 0}
    return {
        "rps": len(tider) / varaktighet,
        "p50": statistics.median(tider) * 1000,
        "p95": tider[min(len(tider) - 1, int(len(tider) * 0.95))] * 1000,
        "fel": fel[0],
        "n": len(tider),
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--golv", required=True, help="the floor's URL")
    p.add_argument("--cookie", default="", help="Cookie header for the project's pages")
    p.add_argument("--sekunder", type=float, default=20.0)
    p.add_argument("--samtidiga", type=int, default=10)
    p.add_argument(
        "sidor",
        nargs="+",
        help="name=url, name=url|cookie for another user, name=url|cookie|@file to POST the "
        "file as JSON (cookie - for none)",
    )
    a = p.parse_args()
    # Production settings redirect plain HTTP; the benchmark stands in for the TLS proxy.
    huvuden = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
    projekt = dict(huvuden, Cookie=a.cookie) if a.cookie else huvuden
    golv = _last(a.golv, sekunder=a.sekunder, samtidiga=a.samtidiga, huvuden=huvuden)
    rader = [("golv", golv)]
    for sida in a.sidor:
        namn, _, url = sida.partition("=")
        url, _, resten = url.partition("|")
        egen_cookie, _, fil = resten.partition("|")
        egna = dict(huvuden, Cookie=egen_cookie) if egen_cookie else projekt
        kropp = None
        if fil.startswith("@"):
            with open(fil[1:], "rb") as f:
                kropp = f.read()
            egna = dict(egna, **{"Content-Type": "application/json"})
        if egen_cookie == "-":
            egna.pop("Cookie", None)
        rader.append(
            (
                namn,
                _last(url, sekunder=a.sekunder, samtidiga=a.samtidiga, huvuden=egna, kropp=kropp),
            )
        )
    print(f"{a.samtidiga} samtidiga anslutningar, {a.sekunder:.0f} s per sida")
    print("| sida | req/s | p50 ms | p95 ms | fel | req/s-kvot | p95-kvot |")
    print("|---|---|---|---|---|---|---|")
    for namn, r in rader:
        kvot = golv["rps"] / r["rps"] if r["rps"] else float("inf")
        p95 = r["p95"] / golv["p95"] if golv["n"] and r["n"] else float("nan")
        print(
            f"| {namn} | {r['rps']:.1f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['fel']} "
            f"| {kvot:.1f}× | {p95:.1f}× |"
        )


if __name__ == "__main__":
    main()
