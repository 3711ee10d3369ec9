/**
 * The fish completion script: `complete` lines generated from the command tables, each guarded by
 * `__envguard_at`, which reads the command line as the other shells' scripts do (the command, its
 * subcommand, how many arguments came before, and where a command given to `run` starts).
 */
import { HELP_SUMMARY, singleQuoted, type CompletionModel, type ValueCompletion } from './model';

export function fishScript(model: CompletionModel): string {
  const lines: string[] = [];
  const all = model.commands.map((c) => c.name).join(' ');
  for (const c of model.commands) lines.push(`complete -c envguard -n '__envguard_at ""' -a ${c.name} -d ${singleQuoted(c.summary)}`);
  lines.push(`complete -c envguard -n '__envguard_at ""' -a help -d ${singleQuoted(HELP_SUMMARY)}`);
  lines.push(`complete -c envguard -n '__envguard_at help _ 0' -a ${singleQuoted(all)}`);
  for (const c of model.commands) {
    for (const s of c.subcommands) {
      lines.push(`complete -c envguard -n ${singleQuoted(`__envguard_at help _ 1 ${c.name}`)} -a ${s.name} -d ${singleQuoted(s.summary)}`);
      lines.push(`complete -c envguard -n ${singleQuoted(`__envguard_at ${c.name} -`)} -a ${s.name} -d ${singleQuoted(s.summary)}`);
    }
  }
  for (const p of model.places) {
    const hasSubs = model.commands.find((c) => c.name === p.command)!.subcommands.length > 0;
    const where = `__envguard_at ${p.command} ${p.subcommand ?? (hasSubs ? '-' : '_')}`;
    for (const o of p.options) lines.push(`complete -c envguard -n ${singleQuoted(where)} -l ${o.long}${o.short ? ` -s ${o.short}` : ''}${o.value ? ` ${valueFlags(o.value)}` : ''} -d ${singleQuoted(o.help)}`);
    p.arguments.forEach((argument, i) => {
      const last = i === p.arguments.length - 1;
      lines.push(`complete -c envguard -n ${singleQuoted(`${where} ${i}${last ? '+' : ''}`)} ${valueFlags(argument)}`);
    });
  }
  const perCommand = model.commands.map((c) => `        case ${c.name}\n            set valued ${model.valued.get(c.name)!.join(' ')}\n            set subs ${c.subcommands.map((s) => s.name).join(' ')}\n            set pass ${c.passThrough ? 1 : 0}`);
  return `# fish completion for envguard, generated from its command tables by 'envguard completion fish'.
# Install: envguard completion fish > ~/.config/fish/completions/envguard.fish
complete -c envguard -e
complete -c envguard -f

# Prints the place of the word being completed: COMMAND SUB INDEX, SUB being "_" for a command
# without subcommands and "-" before the subcommand; "COMMAND run N" when N words of the command
# given to 'run' come before it; nothing for the command itself.
function __envguard_place
    set -l words (commandline -opc)
    set -e words[1]
    test (count $words) -eq 0; and return
    set -l command $words[1]
    set -e words[1]
    set -l valued
    set -l subs
    set -l pass 0
    switch $command
${perCommand.join('\n')}
    end
    set -l sub _
    test -n "$subs"; and set sub -
    set -l index 0
    set -l skip 0
    set -l i 0
    for w in $words
        set i (math $i + 1)
        if test $skip -eq 1
            set skip 0
            continue
        end
        if test "$w" = --
            test $pass -eq 1; and echo $command run (math (count $words) - $i); and return
            break
        end
        if string match -q -- '-?*' $w
            contains -- $w $valued; and set skip 1
            continue
        end
        test $pass -eq 1; and echo $command run (math (count $words) - $i + 1); and return
        if test "$sub" = -
            set sub $w
        else
            set index (math $index + 1)
        end
    end
    echo $command $sub $index
end

# __envguard_at "" | COMMAND [SUB [INDEX[+] [WORD]]]: whether the word being completed is there
# (WORD: the word after COMMAND, for 'help COMMAND SUB').
function __envguard_at
    set -l place (string split ' ' -- (__envguard_place))
    if test -z "$argv[1]"
        test -z "$place[1]"
        return
    end
    test "$place[1]" = "$argv[1]"; or return 1
    test (count $argv) -lt 2; and return 0
    test "$place[2]" = "$argv[2]"; or return 1
    test (count $argv) -lt 3; and return 0
    if string match -q -- '*+' $argv[3]
        test $place[3] -ge (string trim -r -c + -- $argv[3]); or return 1
    else
        test $place[3] -eq $argv[3]; or return 1
    end
    test (count $argv) -lt 4; and return 0
    set -l words (commandline -opc)
    test "$words[3]" = "$argv[4]"
end

# A comma-separated list: $argv[1] the choices, $argv[2] those valid only alone. After the last
# comma, the choices not given yet, each after what is typed up to that comma.
function __envguard_list
    # --tools=a,b: the ids come after the option's '='.
    set -l token (string replace -r -- '^-[^=]*=' '' (commandline -ct))
    set -l head (string match -r -- '^.*,' $token)
    set -l given
    test -n "$head"; and set given (string split , -- $head)
    for c in (string split ' ' -- $argv[1])
        test -n "$head"; and contains -- $c (string split ' ' -- $argv[2]); and continue
        contains -- $c $given; and continue
        echo "$head$c"
    end
end

# run: the command given to it, then that command's own words (files).
complete -c envguard -n '__envguard_at run run 0' -x -a '(__fish_complete_command)'
complete -c envguard -n '__envguard_at run run 1+' -F

${lines.join('\n')}
`;
}

function valueFlags(value: ValueCompletion): string {
  switch (value.kind) {
    case 'choices': return value.list
      ? `-x -a ${singleQuoted(`(__envguard_list "${value.choices.join(' ')}" "${value.list.alone.join(' ')}")`)}`
      : `-x -a ${singleQuoted(value.choices.join(' '))}`;
    case 'file': return '-r -F';
    case 'directory': return `-x -a '(__fish_complete_directories)'`;
    case 'command': return `-x -a '(__fish_complete_command)'`;
    case 'any': return '-x';
  }
}
