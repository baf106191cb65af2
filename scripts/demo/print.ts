/** Numbered, indented steps for the demo's output. */
export function stepPrinter(title: string) {
  let step = 0;
  console.log(`\n== ${title}`);
  return (heading: string, lines: string[] = []): void => {
    step += 1;
    console.log(`\n${String(step).padStart(2)}. ${heading}`);
    for (const line of lines) console.log(`      ${line}`);
  };
}
