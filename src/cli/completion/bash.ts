/**
 * The bash completion script: one function, `_envguard`, whose case statements are generated from
 * the command tables (plain case statements and no associative arrays: macOS still ships bash 3.2).
 */
import { singleQuoted, type CompletionModel, type CompletionPlace, type ValueCompletion } from './model';

export function bashScript(model: CompletionModel): string {
  const names = model.commands.map((c) => c.name).join(' ');
  const perCommand = model.commands.map((c) => `    ${c.name}) valued=${singleQuoted(` ${model.valued.get(c.name)!.join(' ')} `)}; subs=${singleQuoted(c.subcommands.map((s) => s.name).join(' '))}; pass=${c.passThrough ? 1 : 0};;`);
  const helpSubs = model.commands.filter((c) => c.subcommands.length > 0).map((c) => `      ${c.name}) ${reply({ kind: 'choices', choices: c.subcommands.map((s) => s.name) })};;`);
  const values = model.places.filter((p) => p.subcommand === undefined).flatMap((p) => p.options.filter((o) => o.value).map((o) => {
    const patterns = [`--${o.long}`, ...(o.short ? [`-${o.short}`] : [])].map((flag) => singleQuoted(`${p.command}:${flag}`));
    return `    ${patterns.join('|')}) ${reply(o.value!)}; return 0;;`;
  }));
  // A subcommand's own options before its command's catch-all.
  const ordered = [...model.places.filter((p) => p.subcommand !== undefined), ...model.places.filter((p) => p.subcommand === undefined)];
  const options = ordered.map((p) => `    ${placePattern(p)}) w=${singleQuoted(p.options.flatMap((o) => [`--${o.long}`, ...(o.short ? [`-${o.short}`] : [])]).join(' '))};;`);
  const positionals = ordered.flatMap((p) => p.arguments.map((argument, i) => {
    const last = i === p.arguments.length - 1;
    return `    ${singleQuoted(`${p.command}:${p.subcommand ?? ''}:`)}${last ? '*' : i}) ${reply(argument)};;`;
  }));
  return `# bash completion for envguard, generated from its command tables by 'envguard completion bash'.
# This session: source <(envguard completion bash)   Every session: add that line to ~/.bashrc.
_envguard_files() {
  COMPREPLY=($(compgen -f -- "$cur"))
  compopt -o filenames 2>/dev/null || true
}

_envguard_directories() {
  COMPREPLY=($(compgen -d -- "$cur"))
  compopt -o filenames 2>/dev/null || true
}

# A comma-separated list: $1 the choices, $2 those valid only alone. After the last comma, the
# choices not given yet, each after what is typed up to that comma. compgen -W expands its words, so
# it gets the bare choices only: what the user typed is never expanded (a backquote there must not run).
_envguard_list() {
  local head= c i
  local -a rest=()
  [[ $cur == *,* ]] && head=\${cur%,*},
  for c in $1; do
    [[ -n $head && " $2 " == *" $c "* ]] && continue
    [[ ,$head == *",$c,"* ]] && continue
    rest+=("$c")
  done
  COMPREPLY=($(compgen -W "\${rest[*]}" -- "\${cur##*,}"))
  for i in "\${!COMPREPLY[@]}"; do COMPREPLY[i]=$head\${COMPREPLY[i]}; done
}

_envguard() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
  local command=\${COMP_WORDS[1]} sub= index=0 skip=0 cmdat= valued= subs= pass=0 i w
  COMPREPLY=()
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W ${singleQuoted(`${names} help --help --version`)} -- "$cur"))
    return 0
  fi
  if [[ $command == help ]]; then
    if [[ $COMP_CWORD -eq 2 ]]; then
      COMPREPLY=($(compgen -W ${singleQuoted(names)} -- "$cur"))
    elif [[ $COMP_CWORD -eq 3 ]]; then
      case \${COMP_WORDS[2]} in
${helpSubs.join('\n')}
      esac
    fi
    return 0
  fi
  case $command in
${perCommand.join('\n')}
    *) return 0;;
  esac
  # Which subcommand, and how many positional arguments come before the word completed.
  for ((i = 2; i < COMP_CWORD; i++)); do
    w=\${COMP_WORDS[i]}
    if [[ $skip -eq 1 ]]; then skip=0; continue; fi
    if [[ $w == -- ]]; then
      [[ $pass -eq 1 ]] && cmdat=$((i + 1))
      break
    fi
    if [[ $w == -?* ]]; then
      [[ $valued == *" $w "* ]] && skip=1
      continue
    fi
    if [[ $pass -eq 1 ]]; then cmdat=$i; break; fi
    if [[ -n $subs && -z $sub ]]; then sub=$w; else index=$((index + 1)); fi
  done
  # run: the words from the command on are that command's.
  if [[ -n $cmdat ]]; then
    if [[ $COMP_CWORD -eq $cmdat ]]; then COMPREPLY=($(compgen -c -- "$cur")); else _envguard_files; fi
    return 0
  fi
  case "$command:$prev" in
${values.join('\n')}
  esac
  if [[ $cur == -* ]]; then
    case "$command:$sub" in
${options.join('\n')}
    esac
    COMPREPLY=($(compgen -W "$w" -- "$cur"))
    return 0
  fi
  if [[ -n $subs && -z $sub ]]; then
    COMPREPLY=($(compgen -W "$subs" -- "$cur"))
    return 0
  fi
  case "$command:$sub:$index" in
${positionals.join('\n')}
  esac
  return 0
}

complete -F _envguard envguard
`;
}

function placePattern(place: CompletionPlace): string {
  return place.subcommand !== undefined ? singleQuoted(`${place.command}:${place.subcommand}`) : `${singleQuoted(`${place.command}:`)}*`;
}

/** The statement that completes a value or an argument. */
function reply(value: ValueCompletion): string {
  switch (value.kind) {
    case 'choices': return value.list
      ? `_envguard_list ${singleQuoted(value.choices.join(' '))} ${singleQuoted(value.list.alone.join(' '))}`
      : `COMPREPLY=($(compgen -W ${singleQuoted(value.choices.join(' '))} -- "$cur"))`;
    case 'file': return '_envguard_files';
    case 'directory': return '_envguard_directories';
    case 'command': return 'COMPREPLY=($(compgen -c -- "$cur"))';
    case 'any': return ':';
  }
}
