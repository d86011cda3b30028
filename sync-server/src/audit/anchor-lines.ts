import type { AuditBridge, AuditCheckpoint } from '../storage/storage';
import { AUDIT_BRIDGE_KIND, AuditBridgeLine } from './bridge';
import { AuditCheckpointLine } from './checkpoint';

export interface AuditAnchors {
  checkpoints: AuditCheckpoint[];
  bridges: AuditBridge[];
}

/**
 * Reads a checkpoints file (JSON lines): checkpoints, and the bridges a re-anchoring appended
 * (told apart by `kind`). Throws with the line number on a line that is neither.
 */
export function parseAnchorLines(text: string, source: string): AuditAnchors {
  const out: AuditAnchors = { checkpoints: [], bridges: [] };
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${source}:${i + 1}: not JSON`);
    }
    const bridge = (json as { kind?: unknown } | null)?.kind === AUDIT_BRIDGE_KIND;
    const parsed = (bridge ? AuditBridgeLine : AuditCheckpointLine).safeParse(json);
    if (!parsed.success)
      throw new Error(`${source}:${i + 1}: not a ${bridge ? 'bridge' : 'checkpoint'} (${parsed.error.issues[0]?.message ?? 'invalid'})`);
    if (bridge) out.bridges.push(parsed.data as AuditBridge);
    else out.checkpoints.push(parsed.data as AuditCheckpoint);
  });
  return out;
}
