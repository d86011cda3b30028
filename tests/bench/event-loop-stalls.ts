/**
 * Preloaded into a bench's server process (`startServerProcess({ stallLog })`): each time the
 * event loop was held longer than STALL_MS it appends `<epoch ms at the end> <stall ms> <hrtime µs>` to the
 * file named by DIARIUM_BENCH_STALLS, so a bench can report the server's longest block during its
 * own run (a probe client's answer times also hold its own JSON work and the wire); the monotonic
 * time matches the server's V8 CPU profile (DIARIUM_BENCH_CPU_PROF), to see what held it.
 */
import { appendFileSync } from 'node:fs';

const TICK_MS = 5;
const STALL_MS = 20;
const file = process.env.DIARIUM_BENCH_STALLS;

if (file) {
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    const stall = now - last - TICK_MS;
    if (stall > STALL_MS) appendFileSync(file, `${Date.now()} ${stall.toFixed(1)} ${process.hrtime.bigint() / 1000n}\n`);
    last = now;
  }, TICK_MS).unref();
}
