// Writing a value into generated SQL text (identifiers and values that come from the rule set or
// the export declarations, never from input files: those go through parameters or COPY).
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
