#!/usr/bin/env python3
"""Closed-loop load benchmark for a running luna-tts (stdlib only; runs on the GPU machine and here).

Each client sends POST /synthesize with the next text and reads the streamed WAV to the end, then sends the next;
after a 503 it waits the Retry-After seconds, as a well-behaved client does.
Per client count it prints: audio seconds per second, latency p50/p99, time to first audio (first byte after the
44-byte WAV header) p50/p99, requests refused (503), errors, and the device memory nvidia-smi reports at the end.

usage: load-bench.py URL TEXTS_FILE [--clients 1,4,16,32] [--seconds 20] [--lines 1] [--json OUT.json]
                    [--metrics MANAGEMENT_URL/q/metrics]
  --lines N    join N consecutive texts with newlines (multi-piece requests)
  --metrics    the service's Prometheus endpoint: per level, each stage's mean batch size and mean run time
               (differences of the service's own counters over the level), and the GPU's busy share
               (nvidia-smi utilization.gpu sampled every 200 ms) where nvidia-smi exists
"""
import argparse
import http.client
import json
import shutil
import subprocess
import threading
import time
import urllib.parse


def pct(xs, p):
    if not xs:
        return float("nan")
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, int(round(p / 100.0 * (len(xs) - 1)))))
    return xs[k]


def gpu_mem_mib():
    if not shutil.which("nvidia-smi"):
        return None
    try:
        out = subprocess.run(["nvidia-smi", "--query-gpu=memory.used", "--format=csv,noheader,nounits"],
                             capture_output=True, text=True, timeout=10).stdout
        return int(out.split()[0])
    except Exception:  # noqa: BLE001 - a missing reading is reported as None
        return None


STAGES = (("bert", "luna_tts_bert_seconds"), ("generator", "luna_tts_generator_seconds"),
          ("decoder", "luna_tts_decoder_seconds"))


def scrape(url):
    """{(metric, stage): value} for the batch-size and stage-time counters; {} when unreachable."""
    if not url:
        return {}
    try:
        u = urllib.parse.urlsplit(url)
        conn = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=10)
        conn.request("GET", u.path or "/")
        text = conn.getresponse().read().decode("utf-8", "replace")
        conn.close()
    except Exception:  # noqa: BLE001 - no figures rather than no benchmark
        return {}
    out = {}
    for line in text.splitlines():
        if line.startswith("#") or " " not in line:
            continue
        name, value = line.rsplit(" ", 1)
        metric = name.split("{", 1)[0]
        stage = None
        if metric.startswith("luna_tts_batch_size_"):
            stage = name.split('stage="', 1)[1].split('"', 1)[0] if 'stage="' in name else None
        else:
            for s, m in STAGES:
                if metric.startswith(m + "_"):
                    stage = s
        if stage and (metric.endswith("_sum") or metric.endswith("_count")):
            key = (metric.rsplit("_", 1)[1] + ("_batch" if "batch_size" in metric else "_time"), stage)
            out[key] = out.get(key, 0.0) + float(value)
    return out


def stage_figures(before, after):
    """Per stage over a level: (mean batch size, mean run ms, runs)."""
    d = {k: after.get(k, 0.0) - before.get(k, 0.0) for k in after}
    figs = {}
    for s, _ in STAGES:
        runs = d.get(("count_batch", s), 0.0)
        if runs > 0:
            figs[s] = (d.get(("sum_batch", s), 0.0) / runs, 1000 * d.get(("sum_time", s), 0.0) / max(1.0, d.get(("count_time", s), 0.0)), int(runs))
    return figs


class GpuBusy:
    """nvidia-smi's utilization.gpu (share of time a kernel ran) sampled every 200 ms while a level runs."""

    def __init__(self):
        self.samples = []
        self.proc = None
        if shutil.which("nvidia-smi"):
            self.proc = subprocess.Popen(["nvidia-smi", "--query-gpu=utilization.gpu", "--format=csv,noheader,nounits",
                                          "-lms", "200"], stdout=subprocess.PIPE, text=True)
            threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            try:
                self.samples.append(float(line.strip()))
            except ValueError:
                pass

    def stop(self):
        if self.proc:
            self.proc.terminate()
        return sum(self.samples) / len(self.samples) if self.samples else None


def one_request(host, port, body):
    conn = http.client.HTTPConnection(host, port, timeout=300)
    t0 = time.perf_counter()
    conn.request("POST", "/synthesize", body=body.encode("utf-8"), headers={"Content-Type": "application/json"})
    resp = conn.getresponse()
    if resp.status != 200:
        resp.read()
        conn.close()
        retry = resp.getheader("Retry-After")
        return resp.status, time.perf_counter() - t0, float(retry) if retry else None, 0, 0
    got = 0
    ttfa = None
    rate = int(resp.getheader("X-Sample-Rate", "44100"))
    while True:
        chunk = resp.read1(65536)
        if not chunk:
            break
        got += len(chunk)
        if ttfa is None and got > 44:
            ttfa = time.perf_counter() - t0
    total = time.perf_counter() - t0
    conn.close()
    return 200, total, ttfa, max(0, got - 44) / 2 / rate, got


def level(url, texts, clients, seconds, lines):
    u = urllib.parse.urlparse(url)
    host, port = u.hostname, u.port or 80
    bodies = []
    for i in range(len(texts)):
        t = "\n".join(texts[(i + k) % len(texts)] for k in range(lines))
        bodies.append(json.dumps({"text": t, "style": "Neutral"}, ensure_ascii=False))
    lock = threading.Lock()
    lat, ttfas, audio = [], [], [0.0]
    counts = {"ok": 0, "503": 0, "other": 0, "error": 0}
    stop = time.perf_counter() + seconds

    def client(ci):
        i = ci
        while time.perf_counter() < stop:
            try:
                status, total, ttfa, secs, _ = one_request(host, port, bodies[i % len(bodies)])
            except Exception:  # noqa: BLE001 - counted and reported
                with lock:
                    counts["error"] += 1
                continue
            i += 1
            with lock:
                if status == 200:
                    counts["ok"] += 1
                    lat.append(total)
                    if ttfa is not None:
                        ttfas.append(ttfa)
                    audio[0] += secs
                elif status == 503:
                    counts["503"] += 1
                else:
                    counts["other"] += 1
            if status == 503:
                # a well-behaved client waits as told (Retry-After), else 50 ms
                time.sleep(ttfa if ttfa is not None else 0.05)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return {"clients": clients, "wall_s": wall, "requests_ok": counts["ok"], "refused_503": counts["503"],
            "other_status": counts["other"], "errors": counts["error"], "audio_s": audio[0],
            "audio_s_per_s": audio[0] / wall, "p50_ms": 1000 * pct(lat, 50), "p99_ms": 1000 * pct(lat, 99),
            "ttfa_p50_ms": 1000 * pct(ttfas, 50), "ttfa_p99_ms": 1000 * pct(ttfas, 99), "gpu_mib": gpu_mem_mib()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("texts")
    ap.add_argument("--clients", default="1,4,16,32")
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--lines", type=int, default=1)
    ap.add_argument("--json")
    ap.add_argument("--metrics")
    a = ap.parse_args()
    texts = [l.strip() for l in open(a.texts, encoding="utf-8") if l.strip()]
    rows = []
    print(f"{'clients':>7} {'audio s/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'TTFA p50':>8} {'TTFA p99':>8} "
          f"{'ok':>6} {'503':>5} {'err':>4} {'GPU MiB':>7}", flush=True)
    for c in [int(x) for x in a.clients.split(",")]:
        before = scrape(a.metrics)
        busy = GpuBusy()
        r = level(a.url, texts, c, a.seconds, a.lines)
        r["gpu_busy_pct"] = busy.stop()
        r["stages"] = {s: {"mean_batch": b, "mean_run_ms": ms, "runs": n}
                       for s, (b, ms, n) in stage_figures(before, scrape(a.metrics)).items()}
        rows.append(r)
        print(f"{c:>7} {r['audio_s_per_s']:>9.1f} {r['p50_ms']:>8.0f} {r['p99_ms']:>8.0f} {r['ttfa_p50_ms']:>8.0f} "
              f"{r['ttfa_p99_ms']:>8.0f} {r['requests_ok']:>6} {r['refused_503']:>5} "
              f"{r['errors'] + r['other_status']:>4} {str(r['gpu_mib'] or '-'):>7}", flush=True)
        if r["stages"] or r["gpu_busy_pct"] is not None:
            stages = "  ".join(f"{s} batch {v['mean_batch']:.2f} run {v['mean_run_ms']:.1f} ms ×{v['runs']}"
                               for s, v in r["stages"].items())
            busy_txt = "" if r["gpu_busy_pct"] is None else f"  GPU busy {r['gpu_busy_pct']:.0f}%"
            print(f"{'':>7} {stages}{busy_txt}", flush=True)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump({"lines": a.lines, "seconds": a.seconds, "levels": rows}, f, indent=1)


if __name__ == "__main__":
    main()
