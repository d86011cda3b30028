import { ClassNode } from '../../../shared/src';
import type { Storage } from '../storage/storage';
import { parseStored } from './refusal';

/**
 * The classification plan per register, by code, kept for the server's life. Clients cannot write
 * the plan and the server writes it only when seeding, before it serves; whatever comes to edit a
 * running server's plan must also give this cache (and each search worker's) a way to let go.
 */
export class ClassificationCache {
  private readonly plans = new Map<string, Map<string, ClassNode>>();

  constructor(private readonly storage: Pick<Storage, 'pullPage'>) {}

  async plan(registerId: string): Promise<Map<string, ClassNode>> {
    let plan = this.plans.get(registerId);
    if (!plan) {
      plan = new Map();
      let after = 0;
      for (;;) {
        const page = await this.storage.pullPage('classes', after, 2000, [registerId]);
        for (const rec of page) {
          if (rec.deleted) continue;
          const node = parseStored(ClassNode, rec);
          plan.set(node.code, node);
        }
        if (page.length < 2000) break;
        after = page.at(-1)!.seq;
      }
      this.plans.set(registerId, plan);
    }
    return plan;
  }
}
