import { ClassNode } from '../../../shared/src';
import type { Storage } from '../storage/storage';
import { parseStored } from './refusal';

/**
 * The classification plan per register, by code. Clients cannot write the plan, so the cache
 * is dropped only when the server itself changes it (configuration, seeding).
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

  invalidate(): void {
    this.plans.clear();
  }
}
