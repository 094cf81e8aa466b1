/** An indenting writer for nginx configuration: lines, comments, blocks, no trailing blank lines. */
export interface Writer {
  line(text: string): void;
  comment(text: string): void;
  blank(): void;
  block(head: string, body: () => void): void;
  text(): string;
}

export function createWriter(): Writer {
  const lines: string[] = [];
  let depth = 0;
  const writer: Writer = {
    line: (text) => {
      lines.push(`${'    '.repeat(depth)}${text}`);
    },
    comment: (text) => writer.line(`# ${text}`),
    blank: () => {
      if (lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
    },
    block: (head, body) => {
      writer.line(`${head} {`);
      depth += 1;
      body();
      depth -= 1;
      while (lines[lines.length - 1] === '') lines.pop();
      writer.line('}');
    },
    text: () => `${lines.join('\n').replace(/\n+$/, '')}\n`,
  };
  return writer;
}
