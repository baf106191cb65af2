/**
 * Type plumbing that turns openapi-typescript's `operations` interface into the
 * signatures of the by-name methods: one flat parameter object per call (path,
 * query, header and JSON-body fields together, as the spec places them), and the
 * success body as the result.
 */

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type Defined<T> = [T] extends [never] ? {} : [NonNullable<T>] extends [never] ? {} : NonNullable<T>;

type ParamsAt<Op, Location extends "path" | "query" | "header"> = Op extends { parameters: infer P }
  ? Location extends keyof P
    ? Defined<P[Location]>
    : {}
  : {};

type JsonBody<Op> = Op extends { requestBody: { content: { "application/json": infer B } } }
  ? B
  : Op extends { requestBody?: { content: { "application/json": infer B } } }
    ? Partial<B>
    : {};

type AllParams<Op> = ParamsAt<Op, "path"> & ParamsAt<Op, "query"> & ParamsAt<Op, "header"> & JsonBody<Op>;

/**
 * The parameters a caller passes to an operation: minus those the client always
 * fills in (`Fixed`, e.g. `project_id`), with those it fills in unless given made
 * optional (`Defaulted`, e.g. Alibaba's `RegionId`).
 */
export type OperationParams<Op, Fixed extends PropertyKey = never, Defaulted extends PropertyKey = never> = Simplify<
  Omit<AllParams<Op>, Fixed | Defaulted> & Partial<Pick<AllParams<Op>, Defaulted & keyof AllParams<Op>>>
>;

/** The 2xx, and the 3xx an operation may document as its answer (read, never followed: `answers3xx`). */
type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206 | 300 | 301 | 302 | 303 | 307 | 308;

/** The success body of an operation (`undefined` where the service answers with an empty body). */
export type OperationResult<Op> = Op extends { responses: infer R }
  ? {
      [S in keyof R & SuccessStatus]: R[S] extends { content: { "application/json": infer D } } ? D : undefined;
    }[keyof R & SuccessStatus]
  : never;

type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

/** Per-call options, the same for every operation. */
export interface CallOptions {
  /** Cancels the call (and any retry wait). */
  signal?: AbortSignal;
  /** Overrides the client's per-attempt timeout for this call. */
  timeoutMs?: number;
  /** Overrides the client's total deadline for this call (all attempts and retry waits). */
  deadlineMs?: number;
  /** Extra request headers (signed like the others). */
  headers?: Record<string, string>;
}

export type OperationArgs<Op, Fixed extends PropertyKey, Defaulted extends PropertyKey = never> = [
  RequiredKeys<OperationParams<Op, Fixed, Defaulted>>,
] extends [never]
  ? [params?: OperationParams<Op, Fixed, Defaulted>, options?: CallOptions]
  : [params: OperationParams<Op, Fixed, Defaulted>, options?: CallOptions];

/** What `invoke` returns: the body plus what a caller needs to report or debug a call. */
export interface ApiResult<Data> {
  data: Data;
  status: number;
  requestId: string | undefined;
  headers: Headers;
}

/** `CreateSnapshot` -> `createSnapshot` */
export type MethodName<Id extends string> = Uncapitalize<Id>;

export type OperationMethods<Ops, Fixed extends PropertyKey, Defaulted extends PropertyKey = never> = {
  [Id in keyof Ops & string as MethodName<Id>]: (...args: OperationArgs<Ops[Id], Fixed, Defaulted>) => Promise<OperationResult<Ops[Id]>>;
};

/**
 * What `invoke` and `paginate` know about an operation, read from the client's by-name
 * method (`Methods[lowerCamel(Id)]`), so the generic surfaces take and return exactly
 * what the method does: for UCloudStack the `RetCode: 0` member, for Alibaba actions
 * that take `DryRun` also `DryRunPassed`.
 */
type MethodOf<Methods, Id extends string> = Methods[MethodName<Id> & keyof Methods];

/** The arguments of the by-name method of `Id` (params, then per-call options). */
export type MethodArgs<Methods, Id extends string> = MethodOf<Methods, Id> extends (...args: infer Args) => unknown ? Args : never;

/** What the by-name method of `Id` resolves to. */
export type MethodResult<Methods, Id extends string> =
  MethodOf<Methods, Id> extends (...args: never) => Promise<infer Result> ? Result : never;

/** The parameter object of the by-name method of `Id`. */
export type MethodParams<Methods, Id extends string> = NonNullable<MethodArgs<Methods, Id>[0]>;

/** The same parameters with other options (`paginate`'s): optional when no parameter is required. */
export type ArgsWithOptions<Params, Options> = [RequiredKeys<Params>] extends [never]
  ? [params?: Params, options?: Options]
  : [params: Params, options?: Options];

/** `Data` at a dot path (`Snapshots.Snapshot`), over each member of a union; never where a step is missing. */
export type AtPath<Data, Path extends string> = Path extends `${infer Head}.${infer Rest}`
  ? AtPath<FieldOf<Data, Head>, Rest>
  : FieldOf<Data, Path>;
type FieldOf<Data, Key extends string> = Data extends { readonly [K in Key]?: infer Value } ? NonNullable<Value> : never;

/** The item type of a list at `ItemsPath` (an operation's `x-pagination.items`) of a result `Data`. */
export type PageItem<Data, ItemsPath extends string> =
  AtPath<Data, ItemsPath> extends infer Items ? (Items extends ReadonlyArray<infer Item> ? Item : never) : never;
