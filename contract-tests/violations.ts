/** Prism's `sl-violations` response header, read safely. */
export interface Violation {
  location: string[];
  severity: string;
  code?: string;
  message: string;
}

/** Prism truncates the header above ~8 KB ("Too many violations!"): treat that as violations too. */
export function parseViolations(header: string | null): Violation[] {
  if (!header) return [];
  try {
    return JSON.parse(header) as Violation[];
  } catch {
    return [{ location: ["response"], severity: "Error", message: header.slice(0, 200) }];
  }
}
