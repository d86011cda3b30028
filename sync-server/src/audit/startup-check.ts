import type { Logger } from '../logger';
import type { Storage } from '../storage/storage';
import type { AuditAnchors } from './anchor-lines';
import { describeAuditResult, verifyAuditChain, type AuditChainResult } from './verify-chain';

export type AuditChainState = 'checking' | 'intact' | 'broken' | 'failed';

/**
 * The start-up check of the actor register. The server keeps serving when a chain is broken
 * (refusing to start would stop the whole register over evidence that needs a person anyway), but
 * logs the first broken link at error level and reports the state in the health endpoint.
 */
export class AuditChainCheck {
  private state: AuditChainState = 'checking';
  private result: AuditChainResult | null = null;
  readonly done: Promise<void>;

  constructor(storage: Storage, log: Logger, anchors: AuditAnchors = { checkpoints: [], bridges: [] }) {
    this.done = verifyAuditChain(storage, anchors.checkpoints, anchors.bridges).then(
      (result) => {
        this.result = result;
        this.state = result.ok ? 'intact' : 'broken';
        if (result.ok) log.info(describeAuditResult(result), { entries: result.entries });
        else
          log.error(describeAuditResult(result), {
            registerId: result.registerId,
            position: result.position,
            entryId: result.entryId,
            reason: result.reason,
          });
      },
      (err: unknown) => {
        this.state = 'failed';
        log.error('actor register check failed', { err: String(err) });
      },
    );
  }

  /** For the public health endpoint: the state only; where it broke is in the server log. */
  health(): { status: 'ok' | 'degraded'; auditChain: AuditChainState } {
    return { status: this.state === 'broken' || this.state === 'failed' ? 'degraded' : 'ok', auditChain: this.state };
  }

  /** After the check: whether the chain was found intact (checkpoints are signed only then). */
  async settled(): Promise<boolean> {
    await this.done;
    return this.state === 'intact';
  }

  lastResult(): AuditChainResult | null {
    return this.result;
  }
}
