import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { foldDeadlinesQuery } from './deadline-rollup.sql';

/** Keeps `deadline_rollup` up to date; run by the worker every minute (and by the benchmark after its seed). */
@Injectable()
export class DeadlineRollupService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Folds batches until nothing is left or `maxBatches` ran, each batch its own short transaction
   * so that a long backlog never holds many row locks at once.
   */
  async foldPending(batchSize: number, maxBatches: number): Promise<{ folded: number; batches: number }> {
    let folded = 0;
    let batches = 0;
    while (batches < maxBatches) {
      const q = foldDeadlinesQuery(batchSize);
      const [row]: { folded: number }[] = await this.dataSource.query(q.text, q.values);
      batches += 1;
      folded += row.folded;
      if (row.folded < batchSize) break;
    }
    return { folded, batches };
  }
}
