/** Alibaba Cloud credentials: an AccessKey pair, or STS temporary credentials with a security token. */
import { ConfigurationError } from "../core/errors.ts";

export interface AlibabaCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS token for temporary credentials (`x-acs-security-token` in V3, `SecurityToken` in V1). */
  securityToken?: string | undefined;
}

export interface AlibabaSignOptions {
  /** Signing time. @default new Date() */
  now?: Date | undefined;
  /** The anti-replay nonce. @default 32 random hex characters */
  nonce?: string | undefined;
}

export function assertAlibabaCredentials(credentials: AlibabaCredentials | undefined, option = "credentials"): void {
  if (!credentials || typeof credentials !== "object") throw new ConfigurationError(option, "is required ({ accessKeyId, accessKeySecret })", { provider: "alibaba" });
  for (const key of ["accessKeyId", "accessKeySecret"] as const) {
    const value = credentials[key];
    if (typeof value !== "string" || value.trim() === "") throw new ConfigurationError(`${option}.${key}`, "is required and must be a non-empty string", { provider: "alibaba" });
    if (/[\r\n\0]/.test(value)) throw new ConfigurationError(`${option}.${key}`, "must not contain CR, LF or NUL characters", { provider: "alibaba" });
  }
  const token = credentials.securityToken;
  if (token !== undefined && (typeof token !== "string" || /[\r\n\0]/.test(token))) {
    throw new ConfigurationError(`${option}.securityToken`, "must be a string without CR, LF or NUL characters", { provider: "alibaba" });
  }
}

/** `2023-10-26T10:22:32Z`: ISO 8601 in UTC without milliseconds, as both signature versions want it. */
export function formatAcsDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
