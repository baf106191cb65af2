/**
 * The shape of the small operation tables that scripts/generate.ts writes next to
 * each spec's types (generated/<provider>/<service>.operations.ts). The spec is the
 * source of truth: method, path, where each parameter goes, retry safety and
 * pagination all come from it, so nothing in src/ restates them.
 */

import type { CheckRules } from "./param-check.ts";

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch";

/** From a list operation's `x-pagination` extension: a cursor that the service hands out... */
export interface CursorPaginationSpec {
  /**
   * `link`: the next-page announcement is a link (Cinder `*_links`, IMS `next`) and
   * the cursor is a query parameter inside it. `token`: the announcement is the cursor.
   */
  readonly style: "link" | "token";
  /** Response property holding the page's items; a dot path for nested lists (`Snapshots.Snapshot`). */
  readonly items: string;
  /** Response property announcing the next page. */
  readonly next: string;
  /** Request parameter that carries the cursor (`marker`, `NextToken`). */
  readonly cursor: string;
}

/** ...or an offset the client advances by the page's size until it reaches the total (UCloudStack). */
export interface OffsetPaginationSpec {
  readonly style: "offset";
  readonly items: string;
  /** Response property with the total number of items (`TotalCount`). */
  readonly total: string;
  /** Request parameters for the start and the page size (`Offset`, `Limit`). */
  readonly offset: string;
  readonly limit: string;
}

/**
 * ...or a 1-based page number the client advances by one until the pages hold the total
 * (Alibaba `PageNumber`/`PageSize`/`TotalCount`).
 */
export interface PageNumberPaginationSpec {
  readonly style: "page";
  readonly items: string;
  /** Response property with the total number of items (`TotalCount`). */
  readonly total: string;
  /** Request parameter with the page number, 1-based (`PageNumber`). */
  readonly page: string;
  /**
   * Request parameter with the page size (`PageSize`). The size a page was cut with is the
   * response's property of the same name where the service echoes it, else the request's.
   */
  readonly size: string;
}

export type PaginationSpec = CursorPaginationSpec | OffsetPaginationSpec | PageNumberPaginationSpec;

export interface OperationSpec {
  readonly method: HttpMethod;
  /** The spec's path template (`/v2/{project_id}/volumes/{volume_id}`). */
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly queryParams: readonly string[];
  readonly headerParams: readonly string[];
  /** Top-level properties of the JSON request body. */
  readonly bodyParams: readonly string[];
  /** Required path, query and header parameters. */
  readonly requiredParams: readonly string[];
  /** Whether the operation takes a JSON body. */
  readonly body: "none" | "required" | "optional";
  /** May be sent again after it might have reached the server (reads; writes guarded by a client token). */
  readonly retrySafe: boolean;
  readonly deprecated: boolean;
  readonly pagination?: PaginationSpec | undefined;
  /** RPC APIs: the action this pseudo-path stands for (`x-rpc-action`). */
  readonly rpcAction?: string | undefined;
  /** Flat-indexed list parameters (`Disk.1.DiskId`) and their index base (`x-rpc-style: flat-indexed`). */
  readonly flatIndexed?: Readonly<Record<string, 0 | 1>> | undefined;
  /** Idempotency parameter the client fills once per logical call (`x-client-token`). */
  readonly clientToken?: string | undefined;
  /** The flat parameters' schemas, compiled (param-check.ts): checked before anything is sent. Generated tables always have it. */
  readonly params?: CheckRules | undefined;
  /**
   * Set when every documented 2xx answer is a JSON object: the top-level properties it
   * must have; `"list"` when every one is a JSON array. An empty, `null`, other-kind or
   * incomplete 2xx body is then an error, not a success.
   */
  readonly returns?: readonly string[] | "list" | undefined;
  /**
   * The 3xx statuses the spec documents as this operation's answer (Huawei EVS `ListVersions`:
   * `GET /` answers 300 Multiple Choices with the versions). The transport reads such an answer
   * like a 2xx, never following it or reading its `Location`; every other 3xx stays a `RedirectError`.
   */
  readonly answers3xx?: readonly number[] | undefined;
}

export type OperationTable = Readonly<Record<string, OperationSpec>>;

/**
 * A row as scripts/generate.ts writes it: only what differs from the defaults (no
 * parameters, no body, not retry-safe, not deprecated), and nothing the other fields
 * already say: the tables grow with every operation the specs add, and each provider
 * entry ships them.
 * - `in` gives each name of `params.pr`, in its order, a letter for its place: `p` path,
 *   `q` query, `h` header, `b` JSON body; upper case when the parameter is required
 *   (`"Pqq"`: a required path parameter and two optional query parameters). That is
 *   where `pathParams`..`bodyParams` and `requiredParams` come from.
 * - An RPC row (`rpcAction`) leaves out `method` and `path` when they are `post` and
 *   `/<rpcAction>`, the pseudo-path every RPC spec uses, and then `rpcAction` too when it is
 *   the operationId: a row without a `path` is the RPC action of its own name.
 */
export interface GeneratedRow
  extends Partial<Omit<OperationSpec, "pathParams" | "queryParams" | "headerParams" | "bodyParams" | "requiredParams">> {
  readonly in?: string;
}

/** A generated row with the defaults filled in: an `OperationSpec` that keeps the row's literal types (`pagination`). */
export type ExpandedRow<Row extends GeneratedRow> = Omit<Row, "in"> & Omit<OperationSpec, keyof Row>;

/** Fills in what the generated rows leave out, once, when the table module loads. */
export function expandOperationTable<const Rows extends Readonly<Record<string, GeneratedRow>>>(
  rows: Rows,
): { readonly [Id in keyof Rows]: ExpandedRow<Rows[Id]> } {
  const table: Record<string, OperationSpec> = {};
  for (const [id, { in: places = "", ...row }] of Object.entries(rows)) {
    const names = Object.keys(row.params?.pr ?? {});
    const at = (letters: string) => names.filter((_, index) => letters.includes(places[index]!));
    const rpcAction = row.rpcAction ?? (row.path === undefined ? id : undefined);
    table[id] = {
      method: "post",
      path: `/${rpcAction}`,
      ...(rpcAction === undefined ? {} : { rpcAction }),
      body: "none",
      retrySafe: false,
      deprecated: false,
      ...row,
      pathParams: at("pP"),
      queryParams: at("qQ"),
      headerParams: at("hH"),
      bodyParams: at("bB"),
      requiredParams: at("PQH"),
    };
  }
  return table as unknown as { readonly [Id in keyof Rows]: ExpandedRow<Rows[Id]> };
}
