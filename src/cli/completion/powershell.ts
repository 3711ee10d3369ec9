/**
 * The PowerShell completion script: the command tables as a hashtable, read by one native argument
 * completer (Register-ArgumentCompleter -Native) that follows the same rules as the other shells.
 */
import { HELP_SUMMARY, type CompletionModel, type CompletionPlace, type ValueCompletion } from './model';

export function powerShellScript(model: CompletionModel): string {
  const commands = model.commands.map((c) => `    ${quoted(c.name)} = @{ Summary = ${quoted(c.summary)}; Pass = $${c.passThrough ? 'true' : 'false'}; Valued = @(${model.valued.get(c.name)!.map(quoted).join(', ')}); Subcommands = [ordered]@{ ${c.subcommands.map((s) => `${quoted(s.name)} = ${quoted(s.summary)}`).join('; ')} } }`);
  const places = model.places.map((p) => `    ${quoted(placeKey(p))} = @{ Options = @(${p.options.map((o) => `@{ Name = ${quoted(`--${o.long}`)}; Short = ${o.short ? quoted(`-${o.short}`) : '$null'}; Help = ${quoted(o.help)}; Value = ${value(o.value)} }`).join(', ')}); Arguments = @(${p.arguments.map(value).join(', ')}) }`);
  return `# PowerShell completion for envguard, generated from its command tables by 'envguard completion powershell'.
# This session: envguard completion powershell | Out-String | Invoke-Expression   Every session: add that line to $PROFILE.
$envguardCommands = [ordered]@{
${commands.join('\n')}
}
$envguardPlaces = @{
${places.join('\n')}
}

Register-ArgumentCompleter -Native -CommandName envguard -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $words = @($commandAst.CommandElements | Where-Object { $_.Extent.EndOffset -lt $cursorPosition -or ($_.Extent.EndOffset -eq $cursorPosition -and $wordToComplete -eq '') } | ForEach-Object { $_.Extent.Text })
    if ($wordToComplete -ne '' -and $words.Count -gt 0 -and $words[-1] -eq $wordToComplete) { $words = @($words | Select-Object -SkipLast 1) }
    $reply = {
        param([string[]] $names, [string[]] $helps)
        for ($i = 0; $i -lt $names.Count; $i++) {
            if ($names[$i] -like "$wordToComplete*") {
                $help = if ($helps -and $helps[$i]) { $helps[$i] } else { $names[$i] }
                [System.Management.Automation.CompletionResult]::new($names[$i], $names[$i], 'ParameterValue', $help)
            }
        }
    }
    $complete = {
        param($value)
        if ($null -eq $value) { return }
        switch ($value.Kind) {
            'choices' { & $reply $value.Choices $null }
            'file' { Get-ChildItem -Path "$wordToComplete*" -ErrorAction SilentlyContinue | ForEach-Object { [System.Management.Automation.CompletionResult]::new($_.Name, $_.Name, 'ProviderItem', $_.Name) } }
            'directory' { Get-ChildItem -Path "$wordToComplete*" -Directory -ErrorAction SilentlyContinue | ForEach-Object { [System.Management.Automation.CompletionResult]::new($_.Name, $_.Name, 'ProviderContainer', $_.Name) } }
            'command' { Get-Command -Name "$wordToComplete*" -CommandType Application -ErrorAction SilentlyContinue | ForEach-Object { [System.Management.Automation.CompletionResult]::new($_.Name, $_.Name, 'Command', $_.Name) } }
        }
    }
    if ($words.Count -le 1) {
        $names = @($envguardCommands.Keys) + 'help'
        & $reply $names (@($envguardCommands.Values | ForEach-Object { $_.Summary }) + ${quoted(HELP_SUMMARY)})
        return
    }
    $command = $words[1]
    if ($command -eq 'help') {
        if ($words.Count -eq 2) { & $reply @($envguardCommands.Keys) $null }
        elseif ($words.Count -eq 3 -and $envguardCommands.Contains($words[2])) { & $reply @($envguardCommands[$words[2]].Subcommands.Keys) @($envguardCommands[$words[2]].Subcommands.Values) }
        return
    }
    $table = $envguardCommands[$command]
    if ($null -eq $table) { return }
    $sub = $null; $index = 0; $skip = $false
    for ($i = 2; $i -lt $words.Count; $i++) {
        $w = $words[$i]
        if ($skip) { $skip = $false; continue }
        if ($w -eq '--') { if ($table.Pass) { if ($i -eq $words.Count - 1) { & $complete @{ Kind = 'command' } } else { & $complete @{ Kind = 'file' } } }; return }
        if ($w -like '-?*') { if ($table.Valued -contains $w) { $skip = $true }; continue }
        if ($table.Pass) { & $complete @{ Kind = 'file' }; return }
        if ($table.Subcommands.Count -gt 0 -and $null -eq $sub) { $sub = $w } else { $index++ }
    }
    $place = $envguardPlaces["$command $sub".Trim()]
    if ($null -eq $place) { $place = $envguardPlaces[$command] }
    $prev = $words[-1]
    foreach ($option in $envguardPlaces[$command].Options) {
        if ($skip -and ($option.Name -eq $prev -or $option.Short -eq $prev)) { & $complete $option.Value; return }
    }
    if ($wordToComplete -like '-*') {
        & $reply @($place.Options | ForEach-Object { $_.Name }) @($place.Options | ForEach-Object { $_.Help })
        return
    }
    if ($table.Subcommands.Count -gt 0 -and $null -eq $sub) {
        & $reply @($table.Subcommands.Keys) @($table.Subcommands.Values)
        return
    }
    if ($place.Arguments.Count -gt 0) { & $complete $place.Arguments[[Math]::Min($index, $place.Arguments.Count - 1)] }
}
`;
}

function placeKey(place: CompletionPlace): string {
  return place.subcommand !== undefined ? `${place.command} ${place.subcommand}` : place.command;
}

function value(completion: ValueCompletion | undefined): string {
  if (!completion) return '$null';
  if (completion.kind === 'choices') return `@{ Kind = 'choices'; Choices = @(${completion.choices.map(quoted).join(', ')}) }`;
  return `@{ Kind = ${quoted(completion.kind)} }`;
}

/** A PowerShell single-quoted string: a quote is doubled. */
function quoted(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
