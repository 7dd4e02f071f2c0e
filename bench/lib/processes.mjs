// Child processes for the bench: free ports, spawning, readiness polling,
// memory read from /proc, and a clean stop by process id.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A TCP port that was free a moment ago (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Spawns `node <args>` with its stdout/stderr appended to `logFile`.
 * Returns the child plus a promise that settles when it exits.
 */
export function spawnNode(args, { cwd, env, logFile }) {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  // Close the log once both pipes are drained.
  exited.then(() => setTimeout(() => log.end(), 50));
  return { child, exited, logFile };
}

/**
 * Polls `url` until it answers 200; resolves to the milliseconds elapsed since
 * `startedAt` (a performance.now() value). Fails early when the child exits.
 */
export async function waitForOk(url, { startedAt, exited, timeoutMs = 60_000, intervalMs = 25 }) {
  let exit = null;
  exited.then((result) => (exit = result));
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (exit) throw new Error(`process exited (code ${exit.code}, signal ${exit.signal}) before ${url} answered 200`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - startedAt;
    } catch {
      // not listening yet
    }
    await sleep(intervalMs);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

/** Sends SIGTERM, waits up to `graceMs`, then SIGKILL. Resolves to { ms, code, signal, killed }. */
export async function stopChild({ child, exited }, graceMs = 20_000) {
  if (child.exitCode !== null || child.signalCode !== null) return { ms: 0, ...(await exited), killed: false };
  const startedAt = performance.now();
  child.kill('SIGTERM');
  const result = await Promise.race([exited, sleep(graceMs).then(() => null)]);
  if (result) return { ms: performance.now() - startedAt, ...result, killed: false };
  child.kill('SIGKILL');
  return { ms: performance.now() - startedAt, ...(await exited), killed: true };
}

/** The postmaster's pid from `<pgdata>/postmaster.pid`, or null when PostgreSQL is not running. */
export function postmasterPid(pgData) {
  const file = `${pgData}/postmaster.pid`;
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
}

export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Resident, peak resident and proportional set size of one process, in KiB (null when unreadable). */
export function memoryOf(pid) {
  const rssKb = readKb(`/proc/${pid}/status`, 'VmRSS');
  const hwmKb = readKb(`/proc/${pid}/status`, 'VmHWM');
  // Pss splits shared pages (PostgreSQL's shared_buffers) between the processes that map them.
  const pssKb = readKb(`/proc/${pid}/smaps_rollup`, 'Pss');
  return { rssKb, hwmKb, pssKb };
}

/** Every descendant of `rootPid` (children, grandchildren…), read from /proc. */
export function descendantsOf(rootPid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = readPpid(Number(entry));
    if (ppid === null) continue;
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(entry));
  }
  const found = [];
  const queue = [...(children.get(rootPid) ?? [])];
  while (queue.length) {
    const pid = queue.shift();
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** Summed memory of the PostgreSQL processes under `rootPid` (the postmaster and its backends). */
export function postgresMemory(rootPid) {
  const pids = descendantsOf(rootPid).filter((pid) => commandOf(pid) === 'postgres');
  let rssKb = 0;
  let pssKb = 0;
  let pssKnown = true;
  for (const pid of pids) {
    const memory = memoryOf(pid);
    rssKb += memory.rssKb ?? 0;
    if (memory.pssKb === null) pssKnown = false;
    else pssKb += memory.pssKb;
  }
  return { processes: pids.length, rssKb, pssKb: pssKnown ? pssKb : null };
}

function commandOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

function readPpid(pid) {
  try {
    // The command name (field 2) may contain spaces; fields after its closing paren are fixed.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function readKb(file, field) {
  try {
    const line = readFileSync(file, 'utf8').split('\n').find((row) => row.startsWith(`${field}:`));
    return line ? Number(line.split(/\s+/)[1]) : null;
  } catch {
    return null;
  }
}
