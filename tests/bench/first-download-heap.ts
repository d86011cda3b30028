/**
 * Reading a V8 heap snapshot (Chromium's `HeapProfiler.takeHeapSnapshot`) for the first-download
 * profile: what holds the renderer's heap once the window is in. The file is parsed as a stream
 * (a snapshot of a few hundred MiB is longer than the longest string V8 allows), dominators are
 * computed (Cooper, Harvey and Kennedy's iteration over the strong edges), and the report gives
 * the shallow and retained sizes summed by constructor and the objects retaining most, with the
 * chain of their dominators, so a cache or buffer that keeps records shows with what keeps it.
 */
import { createReadStream } from 'node:fs';

interface Snapshot {
  nodeFields: string[];
  nodeTypes: string[];
  edgeFields: string[];
  edgeTypes: string[];
  nodes: Uint32Array;
  edges: Uint32Array;
  strings: string[];
}

/** A growable array of unsigned integers. */
class Numbers {
  private buf = new Uint32Array(1 << 20);
  length = 0;
  push(n: number): void {
    if (this.length === this.buf.length) {
      const next = new Uint32Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = n;
  }
  done(): Uint32Array {
    return this.buf.subarray(0, this.length);
  }
}

type State = 'head' | 'nodes' | 'edges' | 'skip' | 'strings' | 'end';
interface Meta {
  node_fields: string[];
  node_types: [string[]];
  edge_fields: string[];
  edge_types: [string[]];
}

/** Parses the snapshot file: the small `snapshot` header as JSON, the big arrays number by number, the strings one by one. */
export async function readHeapSnapshot(file: string): Promise<Snapshot> {
  let head = '';
  let state = 'head' as State;
  let meta = null as Meta | null;
  const nodes = new Numbers();
  const edges = new Numbers();
  const strings: string[] = [];
  let num = -1;
  let str: string | null = null;
  let escaped = false;
  let pending = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    let text = pending + (chunk as string);
    pending = '';
    let i = 0;
    while (i < text.length) {
      if (state === 'head' || state === 'skip') {
        head += text.slice(i);
        i = text.length;
        const marks: [string, State][] = [
          ['"nodes":[', 'nodes'],
          ['"edges":[', 'edges'],
          ['"strings":[', 'strings'],
        ];
        const found = marks.map(([m, s]) => [head.indexOf(m), m, s] as const).filter(([at]) => at >= 0);
        if (found.length) {
          const [at, m, s] = found.sort((a, b) => a[0] - b[0])[0]!;
          if (state === 'head' && !meta) {
            const header = head
              .slice(0, at)
              .replace(/^\{"snapshot":/, '')
              .replace(/,\s*$/, '');
            meta = (JSON.parse(header) as { meta: Meta }).meta;
          }
          text = head.slice(at + m.length);
          head = '';
          i = 0;
          state = s;
        } else if (head.length > 4096 && state === 'skip') head = head.slice(-64);
        continue;
      }
      if (state === 'nodes' || state === 'edges') {
        const into = state === 'nodes' ? nodes : edges;
        for (; i < text.length; i++) {
          const c = text.charCodeAt(i);
          if (c >= 48 && c <= 57) num = num < 0 ? c - 48 : num * 10 + (c - 48);
          else {
            if (num >= 0) into.push(num);
            num = -1;
            if (c === 93 /* ] */) {
              state = 'skip';
              i++;
              break;
            }
          }
        }
        if (state === 'skip') {
          text = text.slice(i);
          i = 0;
        }
        continue;
      }
      if (state === 'strings') {
        let start = 0;
        for (; i < text.length; i++) {
          const c = text.charCodeAt(i);
          if (str === null) {
            if (c === 34 /* " */) {
              str = '';
              start = i + 1;
            } else if (c === 93 /* ] */) {
              state = 'end';
              break;
            }
          } else if (escaped) escaped = false;
          else if (c === 92 /* \\ */) escaped = true;
          else if (c === 34) {
            strings.push(JSON.parse(`"${str}${text.slice(start, i)}"`) as string);
            str = null;
          }
        }
        // A string that goes on in the next chunk: keep what is here.
        if (str !== null) str += text.slice(start);
        i = text.length;
        continue;
      }
      i = text.length;
    }
  }
  if (!meta) throw new Error(`${file}: no snapshot header`);
  return {
    nodeFields: meta.node_fields,
    nodeTypes: meta.node_types[0],
    edgeFields: meta.edge_fields,
    edgeTypes: meta.edge_types[0],
    nodes: nodes.done(),
    edges: edges.done(),
    strings,
  };
}

export function analyseHeapSnapshot(s: Snapshot, top = 40): string {
  const NF = s.nodeFields.length;
  const EF = s.edgeFields.length;
  const nType = s.nodeFields.indexOf('type');
  const nName = s.nodeFields.indexOf('name');
  const nSize = s.nodeFields.indexOf('self_size');
  const nEdges = s.nodeFields.indexOf('edge_count');
  const eType = s.edgeFields.indexOf('type');
  const eName = s.edgeFields.indexOf('name_or_index');
  const eTo = s.edgeFields.indexOf('to_node');
  const weak = s.edgeTypes.indexOf('weak');
  const shortcut = s.edgeTypes.indexOf('shortcut');
  const N = s.nodes.length / NF;
  const firstEdge = new Uint32Array(N + 1);
  for (let n = 0, e = 0; n < N; n++) {
    firstEdge[n] = e;
    e += s.nodes[n * NF + nEdges]! * EF;
    firstEdge[n + 1] = e;
  }
  const strong = (e: number) => s.edges[e + eType] !== weak && s.edges[e + eType] !== shortcut;
  // Postorder over strong edges from the root (node 0).
  const post = new Int32Array(N).fill(-1);
  const order = new Uint32Array(N);
  let count = 0;
  const stack = new Uint32Array(N);
  const cursor = new Uint32Array(N);
  const seen = new Uint8Array(N);
  let sp = 0;
  stack[sp++] = 0;
  seen[0] = 1;
  cursor[0] = firstEdge[0]!;
  while (sp > 0) {
    const n = stack[sp - 1]!;
    let pushed = false;
    for (let e = cursor[n]!; e < firstEdge[n + 1]!; e += EF) {
      if (!strong(e)) continue;
      const to = s.edges[e + eTo]! / NF;
      if (seen[to]) continue;
      cursor[n] = e + EF;
      seen[to] = 1;
      cursor[to] = firstEdge[to]!;
      stack[sp++] = to;
      pushed = true;
      break;
    }
    if (!pushed) {
      sp--;
      post[n] = count;
      order[count++] = n;
    }
  }
  // Predecessors (strong edges between reachable nodes), as a compressed list.
  const predCount = new Uint32Array(N + 1);
  for (let n = 0; n < N; n++) {
    if (!seen[n]) continue;
    for (let e = firstEdge[n]!; e < firstEdge[n + 1]!; e += EF) if (strong(e)) predCount[s.edges[e + eTo]! / NF]!++;
  }
  const predStart = new Uint32Array(N + 1);
  for (let n = 0; n < N; n++) predStart[n + 1] = predStart[n]! + predCount[n]!;
  const preds = new Uint32Array(predStart[N]!);
  const fill = predStart.slice(0, N);
  for (let n = 0; n < N; n++) {
    if (!seen[n]) continue;
    for (let e = firstEdge[n]!; e < firstEdge[n + 1]!; e += EF) if (strong(e)) preds[fill[s.edges[e + eTo]! / NF]!++] = n;
  }
  // Immediate dominators by postorder number.
  const UNDEF = -1;
  const idom = new Int32Array(count).fill(UNDEF);
  const rootPo = post[0]!;
  idom[rootPo] = rootPo;
  for (let changed = true; changed;) {
    changed = false;
    for (let k = count - 1; k >= 0; k--) {
      if (k === rootPo) continue;
      const n = order[k]!;
      let dom = UNDEF;
      for (let p = predStart[n]!; p < predStart[n + 1]!; p++) {
        const pp = post[preds[p]!]!;
        if (pp < 0 || idom[pp] === UNDEF) continue;
        if (dom === UNDEF) dom = pp;
        else {
          let a = pp;
          let b = dom;
          while (a !== b) {
            while (a < b) a = idom[a]!;
            while (b < a) b = idom[b]!;
          }
          dom = a;
        }
      }
      if (dom !== UNDEF && idom[k] !== dom) {
        idom[k] = dom;
        changed = true;
      }
    }
  }
  const retained = new Float64Array(count);
  for (let k = 0; k < count; k++) retained[k] = s.nodes[order[k]! * NF + nSize]!;
  for (let k = 0; k < count; k++) if (k !== rootPo) retained[idom[k]!]! += retained[k]!;
  const typeOf = (n: number) => s.nodeTypes[s.nodes[n * NF + nType]!]!;
  const nameOf = (n: number) => {
    const t = typeOf(n);
    const name = s.strings[s.nodes[n * NF + nName]!] ?? '?';
    if (t === 'string' || t === 'concatenated string' || t === 'sliced string') return '(string)';
    if (t === 'number') return '(number)';
    if (t === 'code' || t === 'hidden' || t === 'array' || t === 'object shape') return `(${t}) ${name.slice(0, 40)}`;
    if (t === 'closure') return `${name.slice(0, 60)}()`;
    return name.slice(0, 80);
  };
  // By constructor: count, shallow size, and retained size of the instances no other instance of it dominates.
  const byName = new Map<string, { count: number; shallow: number; retained: number }>();
  const nameOfPo = (k: number) => nameOf(order[k]!);
  for (let k = 0; k < count; k++) {
    const name = nameOfPo(k);
    const row = byName.get(name) ?? { count: 0, shallow: 0, retained: 0 };
    row.count++;
    row.shallow += s.nodes[order[k]! * NF + nSize]!;
    let outer = false;
    for (let d = idom[k]!; d !== rootPo; d = idom[d]!)
      if (nameOfPo(d) === name) {
        outer = true;
        break;
      } else if (d === idom[d]) break;
    if (!outer) row.retained += retained[k]!;
    byName.set(name, row);
  }
  const MiB = 1024 * 1024;
  const mib = (b: number) => (b / MiB).toFixed(1).padStart(7);
  const total = retained[rootPo]!;
  const lines = [`heap snapshot: ${count} reachable of ${N} nodes, ${mib(total)} MiB reachable`];
  lines.push('by constructor, retained (instances not inside another of their kind) / shallow MiB, count:');
  for (const [name, r] of [...byName.entries()].sort((a, b) => b[1].retained - a[1].retained).slice(0, top))
    lines.push(`  ${mib(r.retained)} ${mib(r.shallow)} ${String(r.count).padStart(9)}  ${name}`);
  lines.push('by constructor, shallow MiB, count:');
  for (const [name, r] of [...byName.entries()].sort((a, b) => b[1].shallow - a[1].shallow).slice(0, top))
    lines.push(`  ${mib(r.shallow)} ${String(r.count).padStart(9)}  ${name}`);
  // The biggest single retainers that are not just a step in a bigger one's chain (retained < 90% of its dominator's).
  lines.push('objects retaining most (retained MiB, what, then its dominators up to the root):');
  const candidates: number[] = [];
  for (let k = 0; k < count; k++) if (retained[k]! > MiB && k !== rootPo && retained[k]! < 0.9 * retained[idom[k]!]!) candidates.push(k);
  const edgeName = (from: number, to: number): string => {
    for (let e = firstEdge[from]!; e < firstEdge[from + 1]!; e += EF) {
      if (s.edges[e + eTo]! / NF !== to) continue;
      const t = s.edgeTypes[s.edges[e + eType]!];
      const v = s.edges[e + eName]!;
      return t === 'element' || t === 'hidden' ? `[${v}]` : `.${s.strings[v] ?? v}`;
    }
    return '~';
  };
  for (const k of candidates.sort((a, b) => retained[b]! - retained[a]!).slice(0, top)) {
    const chain: string[] = [];
    let at = k;
    for (let d = idom[k]!, steps = 0; d !== rootPo && steps < 8; d = idom[d]!, steps++) {
      chain.push(`${nameOfPo(d)}${edgeName(order[d]!, order[at]!)}`);
      at = d;
    }
    lines.push(`  ${mib(retained[k]!)}  ${nameOfPo(k)}  <- ${chain.join(' <- ')}`);
  }
  return lines.join('\n');
}
