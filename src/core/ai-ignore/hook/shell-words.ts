/**
 * The simple commands of a shell command line, as words with quotes removed: enough to see which
 * programs run and what they are given, not a shell. Lists, pipelines, subshells and command
 * substitutions (`$(…)`, backquotes, also inside double quotes) are flattened into one list of
 * simple commands, since each of them runs. A here-document's body is kept with its command.
 * One pass over the text, each character looked at once: linear whatever the input.
 */

export interface SimpleCommand {
  /** The words, quotes and escapes removed; an input redirection's target is one of them (`< .env`). */
  readonly words: string[];
  /** Targets of output redirections (`> out.txt`, `>> .env`): written, not read. */
  readonly outputs: string[];
  /** Here-document bodies fed to the command's standard input. */
  readonly heredocs: string[];
  /**
   * True when the command goes on after a substitution (`"$(…)"ls .env`): its first word here is
   * not the program that runs, which only the substitution's output decides.
   */
  continued: boolean;
  /** True when a substitution interrupts the command: more arguments follow that are not in `words`. */
  interrupted: boolean;
}

interface Frame {
  readonly quoted: boolean;
  /** What ends a substitution frame: `)` or a backquote; undefined for the outermost frame. */
  readonly closer: ')' | '`' | undefined;
  depth: number;
}

interface PendingHeredoc {
  readonly delimiter: string;
  readonly stripTabs: boolean;
  readonly command: SimpleCommand;
}

const BLANK = new Set([' ', '\t', '\r']);
const SEPARATORS = new Set(['\n', ';', '&', '|']);

export function simpleCommands(text: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let command: SimpleCommand = { words: [], outputs: [], heredocs: [], continued: false, interrupted: false };
  let word = '';
  let inWord = false;
  let heredocNext: { stripTabs: boolean } | undefined;
  let outputNext = false;
  const pending: PendingHeredoc[] = [];
  const frames: Frame[] = [{ quoted: false, closer: undefined, depth: 0 }];

  const endWord = (): void => {
    if (!inWord) return;
    if (heredocNext) {
      pending.push({ delimiter: word, stripTabs: heredocNext.stripTabs, command });
      heredocNext = undefined;
    } else if (outputNext) {
      command.outputs.push(word);
    } else {
      command.words.push(word);
    }
    outputNext = false;
    word = '';
    inWord = false;
  };
  const endCommand = (): void => {
    endWord();
    if (command.words.length > 0 || command.heredocs.length > 0) commands.push(command);
    command = { words: [], outputs: [], heredocs: [], continued: false, interrupted: false };
  };
  /** Enters a substitution: the command it interrupts has arguments the substitution computes. */
  const openSubstitution = (closer: ')' | '`'): void => {
    endWord();
    if (command.words.length > 0) command.interrupted = true;
    endCommand();
    frames.push({ quoted: false, closer, depth: 0 });
  };
  /** Leaves a substitution: what follows belongs to the command the substitution was part of. */
  const closeSubstitution = (): void => {
    endCommand();
    frames.pop();
    command.continued = true;
    // Back inside double quotes: the word goes on.
    inWord = frames[frames.length - 1]!.quoted;
  };
  /** Reads the bodies of the here-documents started on the line that ends at `newline`; returns where lexing goes on. */
  const readHeredocs = (newline: number): number => {
    let position = newline + 1;
    for (const heredoc of pending.splice(0)) {
      const lines: string[] = [];
      while (position < text.length) {
        let end = text.indexOf('\n', position);
        if (end === -1) end = text.length;
        const line = text.slice(position, end).replace(/\r$/, '');
        position = end + 1;
        if ((heredoc.stripTabs ? line.replace(/^\t+/, '') : line) === heredoc.delimiter) break;
        lines.push(line);
      }
      heredoc.command.heredocs.push(lines.join('\n'));
    }
    return position;
  };

  let i = 0;
  while (i < text.length) {
    const frame = frames[frames.length - 1]!;
    const char = text[i]!;
    const next = text[i + 1];

    if (frame.quoted) {
      if (char === '"') {
        frames.pop();
        i++;
      } else if (char === '\\' && next !== undefined && '"\\$`\n'.includes(next)) {
        if (next !== '\n') word += next;
        inWord = true;
        i += 2;
      } else if ((char === '$' && next === '(') || char === '`') {
        openSubstitution(char === '`' ? '`' : ')');
        i += char === '`' ? 1 : 2;
      } else {
        word += char;
        inWord = true;
        i++;
      }
      continue;
    }

    if (BLANK.has(char)) {
      endWord();
      i++;
    } else if (char === '\\') {
      if (next === '\n') {
        i += 2;
      } else {
        if (next !== undefined) word += next;
        inWord = true;
        i += 2;
      }
    } else if (char === "'") {
      const close = text.indexOf("'", i + 1);
      const end = close === -1 ? text.length : close;
      word += text.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (char === '"') {
      frames.push({ quoted: true, closer: undefined, depth: 0 });
      inWord = true;
      i++;
    } else if (char === '#' && !inWord) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (char === '\n') {
      endCommand();
      i = pending.length > 0 ? readHeredocs(i) : i + 1;
    } else if (char === '&' && next === '>') {
      endWord();
      outputNext = true;
      i += text[i + 2] === '>' ? 3 : 2;
    } else if (SEPARATORS.has(char)) {
      endCommand();
      i++;
    } else if (char === '$' && next === '(') {
      openSubstitution(')');
      i += 2;
    } else if (char === '`') {
      if (frame.closer === '`') {
        closeSubstitution();
      } else {
        openSubstitution('`');
      }
      i++;
    } else if (char === '(') {
      endCommand();
      frame.depth++;
      i++;
    } else if (char === ')') {
      if (frame.depth === 0 && frame.closer === ')') {
        closeSubstitution();
      } else {
        endCommand();
        if (frame.depth > 0) frame.depth--;
      }
      i++;
    } else if (char === '<' || char === '>') {
      endWord();
      if (char === '<' && next === '<' && text[i + 2] !== '<') {
        const stripTabs = text[i + 2] === '-';
        heredocNext = { stripTabs };
        i += stripTabs ? 3 : 2;
      } else {
        // `<`, `<<<`, `<&`: the word that follows is read; `>`, `>>`, `>&`, `>|`: it is written.
        outputNext = char === '>';
        i++;
        while (i < text.length && '<>&|'.includes(text[i]!)) i++;
      }
    } else {
      word += char;
      inWord = true;
      i++;
    }
  }
  endCommand();
  for (const heredoc of pending) heredoc.command.heredocs.push('');
  return commands;
}
