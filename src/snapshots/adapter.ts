/** What the snapshot manager needs of one provider: its calls, its waiters and how its record reads. */
import type { Provider } from "../core/common/errors.ts";
import type { CallOptions } from "../core/operations/operation-types.ts";
import type { PaginateOptions } from "../core/operations/paginate.ts";
import type { Snapshot } from "./model.ts";

/** The manager's own create input, before the provider's extra parameters. */
export interface CreateInput {
  volumeId: string;
  name?: string | undefined;
  description?: string | undefined;
  tags?: Readonly<Record<string, string>> | undefined;
}

/** Methods, so that an adapter of one client type is an adapter (method parameters are bivariant). */
export interface Adapter<Client = unknown, Raw = unknown> {
  provider: Provider;
  /** Sends the create call and returns the new snapshot's record. */
  create(client: Client, input: CreateInput, extra: object, options: CallOptions): Promise<Raw>;
  /** The record of one snapshot (a not-found `ApiError` when there is none). */
  get(client: Client, id: string, options: CallOptions): Promise<Raw>;
  list(client: Client, volumeId: string | undefined, extra: object, options: PaginateOptions): AsyncIterable<Raw>;
  delete(client: Client, id: string, options: CallOptions): Promise<unknown>;
  /** The spec's waiters for ready, completed and deleted, and the parameters they poll one snapshot with. */
  waiters: readonly [ready: string, completed: string, deleted: string];
  waitParams(id: string): object;
  /** The snapshot's record in a polled body. */
  pick(body: unknown): Raw | undefined;
  normalise(raw: Raw): Snapshot<Raw>;
  /** The provider's parameter names (as its client's `InvalidParameterError` says them) -> the manager's. */
  fields: Readonly<Record<string, string>>;
}
