/**
 * The zsh completion script: a native `_envguard` (commands, subcommands and options with their
 * descriptions), generated from the command tables. It works installed in a folder of $fpath as
 * `_envguard` and sourced (`source <(envguard completion zsh)`, after compinit).
 */
import { singleQuoted, HELP_SUMMARY, type CompletionModel, type CompletionPlace, type ValueCompletion } from './model';

export function zshScript(model: CompletionModel): string {
  const commands = described([...model.commands.map((c) => [c.name, c.summary] as const), ['help', HELP_SUMMARY]]);
  const names = described(model.commands.map((c) => [c.name, c.summary] as const));
  const withSubs = model.commands.filter((c) => c.subcommands.length > 0);
  const subsOf = (c: (typeof withSubs)[number]) => described(c.subcommands.map((s) => [s.name, s.summary] as const));
  const helpSubs = withSubs.map((c) => `      ${c.name}) described=(${subsOf(c)}); _describe -t subcommands 'subcommand' described;;`);
  const perCommand = model.commands.map((c) => `    ${c.name}) valued=${singleQuoted(` ${model.valued.get(c.name)!.join(' ')} `)}; subs=${singleQuoted(c.subcommands.map((s) => s.name).join(' '))}; pass=${c.passThrough ? 1 : 0};;`);
  const values = model.places.filter((p) => p.subcommand === undefined).flatMap((p) => p.options.filter((o) => o.value).map((o) => {
    const patterns = [`--${o.long}`, ...(o.short ? [`-${o.short}`] : [])].map((flag) => singleQuoted(`${p.command}:${flag}`));
    return `    ${patterns.join('|')}) ${reply(o.value!)}; return;;`;
  }));
  const ordered = [...model.places.filter((p) => p.subcommand !== undefined), ...model.places.filter((p) => p.subcommand === undefined)];
  const options = ordered.map((p) => `    ${placePattern(p)}) described=(${described(p.options.flatMap((o) => [[`--${o.long}`, o.help] as const, ...(o.short ? [[`-${o.short}`, o.help] as const] : [])]))});;`);
  const subcommands = withSubs.map((c) => `      ${c.name}) described=(${subsOf(c)});;`);
  const positionals = ordered.flatMap((p) => p.arguments.map((argument, i) => {
    const last = i === p.arguments.length - 1;
    return `    ${singleQuoted(`${p.command}:${p.subcommand ?? ''}:`)}${last ? '*' : i}) ${reply(argument)};;`;
  }));
  return `#compdef envguard
# zsh completion for envguard, generated from its command tables by 'envguard completion zsh'.
# Install: envguard completion zsh > "\${fpath[1]}/_envguard", or in ~/.zshrc after compinit: source <(envguard completion zsh)
# A comma-separated list: $1 the choices, $2 those valid only alone. After the last comma, the
# choices not given yet, each after what is typed up to that comma.
_envguard_list() {
  local head= c
  local -a rest
  [[ $cur == *,* ]] && head=\${cur%,*},
  for c in \${=1}; do
    [[ -n $head && " $2 " == *" $c "* ]] && continue
    [[ ,$head == *",$c,"* ]] && continue
    rest+=("$head$c")
  done
  compadd -- "\${rest[@]}"
}

_envguard() {
  local cur=\${words[CURRENT]} prev=\${words[CURRENT-1]} command=\${words[2]} sub= index=0 skip=0 cmdat= valued= subs= pass=0 i w
  local -a described
  if (( CURRENT == 2 )); then
    described=(${commands})
    _describe -t commands 'envguard command' described
    return
  fi
  if [[ $command == help ]]; then
    if (( CURRENT == 3 )); then
      described=(${names})
      _describe -t commands 'command' described
    elif (( CURRENT == 4 )); then
      case \${words[3]} in
${helpSubs.join('\n')}
      esac
    fi
    return
  fi
  case $command in
${perCommand.join('\n')}
    *) return 1;;
  esac
  for (( i = 3; i < CURRENT; i++ )); do
    w=\${words[i]}
    if (( skip )); then skip=0; continue; fi
    if [[ $w == -- ]]; then
      (( pass )) && cmdat=$(( i + 1 ))
      break
    fi
    if [[ $w == -?* ]]; then
      [[ $valued == *" $w "* ]] && skip=1
      continue
    fi
    if (( pass )); then cmdat=$i; break; fi
    if [[ -n $subs && -z $sub ]]; then sub=$w; else index=$(( index + 1 )); fi
  done
  if [[ -n $cmdat ]]; then
    if (( CURRENT == cmdat )); then _command_names -e; else _files; fi
    return
  fi
  case "$command:$prev" in
${values.join('\n')}
  esac
  if [[ $cur == -* ]]; then
    case "$command:$sub" in
${options.join('\n')}
    esac
    _describe -t options 'option' described
    return
  fi
  if [[ -n $subs && -z $sub ]]; then
    case $command in
${subcommands.join('\n')}
    esac
    _describe -t subcommands 'subcommand' described
    return
  fi
  case "$command:$sub:$index" in
${positionals.join('\n')}
  esac
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _envguard "$@"
else
  compdef _envguard envguard
fi
`;
}

/** Entries of a _describe array: `name:description`, the name's colons escaped. */
function described(items: readonly (readonly [string, string])[]): string {
  return items.map(([name, summary]) => singleQuoted(`${name.replace(/:/g, '\\:')}:${summary}`)).join(' ');
}

function placePattern(place: CompletionPlace): string {
  return place.subcommand !== undefined ? singleQuoted(`${place.command}:${place.subcommand}`) : `${singleQuoted(`${place.command}:`)}*`;
}

function reply(value: ValueCompletion): string {
  switch (value.kind) {
    case 'choices': return value.list
      ? `_envguard_list ${singleQuoted(value.choices.join(' '))} ${singleQuoted(value.list.alone.join(' '))}`
      : `compadd -- ${value.choices.map(singleQuoted).join(' ')}`;
    case 'file': return '_files';
    case 'directory': return '_files -/';
    case 'command': return '_command_names -e';
    case 'any': return ':';
  }
}
