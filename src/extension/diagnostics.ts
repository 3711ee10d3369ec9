import * as vscode from 'vscode';
import { isEnvFileName } from '../core/files/env-file-names';
import { decodeEnvBytes, EnvFileError, MAX_ENV_FILE_BYTES, tooLarge } from '../core/files/read';
import { isPlaintextSecretRule, ruleDoc, ruleHelpUri } from '../core/detection';
import type { Finding } from '../core/findings';
import type { DialectName } from '../core/dotenv';
import { analyzeEnvText, DocumentAnalyzer, type EnvAnalysis } from '../core/scan';
import type { EnvFileIndex } from './env-files';
import { describeFileContext, type FileContext } from './file-context';
import { messageOf, type Log } from './log';
import type { SecretTally } from './summaries';
import type { SeverityName, Settings } from './settings';

export const DIAGNOSTIC_SOURCE = 'EnvGuard';
/** The code of the one diagnostic on an env file that cannot be read (binary, encrypted, too large): not a secret. */
export const UNREADABLE_CODE = 'unreadable';

const SEVERITY: Record<SeverityName, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/**
 * Plaintext secrets as diagnostics: open env documents are re-checked as the user types
 * (debounced), the other env files of the workspace from disk when they change. Messages name the
 * key and the rule (core `Finding`), never the value.
 */
export class SecretDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('envguard');
  private readonly timers = new Map<string, { cancel(): void }>();
  /** Plaintext secrets per file, kept beside the collection so the count costs nothing to read. */
  private readonly secretCounts = new Map<string, number>();
  private readonly analyses = new Map<string, { version: number; analysis: EnvAnalysis }>();
  /** Per open document: a re-check after an edit re-parses around the edit and classifies only changed entries. */
  private readonly analyzers = new Map<string, { generation: number; analyzer: DocumentAnalyzer }>();
  private readonly counted = new vscode.EventEmitter<number>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Fires with the number of plaintext secrets in the workspace after each change. */
  readonly onDidChangeCount = this.counted.event;

  /** Per file: its project, environment and vault, for the related information (kept until the settings change). */
  private readonly contexts = new Map<string, { generation: number; context: Promise<FileContext | undefined> }>();
  /** Per file on disk: the number of its latest check (see checkUri). */
  private readonly diskChecks = new Map<string, number>();
  /** Per file: the diagnostics last published, by what they show (diagnosticIdentity), and what they were made with. */
  private readonly published = new Map<string, { context: FileContext | undefined; bom: number; diagnostics: Map<string, vscode.Diagnostic> }>();
  /** Checks of files on disk started by the index and not finished yet (see settled). */
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly files: EnvFileIndex, private readonly settings: Settings, private readonly log: Log,
    private readonly contextOf: (uri: vscode.Uri) => Promise<FileContext | undefined> = () => Promise.resolve(undefined),
    /** The programs that read a file (python-dotenv, dotenv, compose): it is checked as they read it. */
    private readonly loadersOf: (uri: vscode.Uri) => Promise<readonly DialectName[]> = () => Promise.resolve(['dotenv']),
  ) {
    this.disposables.push(
      this.collection,
      this.counted,
      vscode.workspace.onDidOpenTextDocument((doc) => void this.checkDocumentIfEnv(doc)),
      // Every keystroke in every document (and every line of every output channel) comes here.
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length > 0 && this.mayBeEnvFile(e.document)) this.schedule(e.document); }),
      // Unsaved edits are gone with the editor: show what the file on disk holds again.
      vscode.workspace.onDidCloseTextDocument((doc) => this.afterClose(doc)),
      files.onDidChange((uri) => this.track(uri)),
      files.onDidRemove((uri) => { this.clear(uri); this.analyzers.delete(uri.toString()); this.diskChecks.delete(uri.toString()); this.fireCount(); }),
    );
  }

  get count(): number {
    let total = 0;
    for (const n of this.secretCounts.values()) total += n;
    return total;
  }

  /** The plaintext secrets, the files that hold them and the files checked. */
  get tally(): SecretTally {
    let filesWithSecrets = 0;
    for (const n of this.secretCounts.values()) if (n > 0) filesWithSecrets++;
    return { secrets: this.count, filesWithSecrets, filesChecked: this.secretCounts.size };
  }

  /** Settles once every check the index has started is done (those started meanwhile too). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** A file the index reports new or changed: checked, and counted until done (settled). */
  private track(uri: vscode.Uri): void {
    const check: Promise<void> = this.checkUri(uri)
      .catch((error: unknown) => { this.log.error(`Checking ${vscode.workspace.asRelativePath(uri)} failed: ${messageOf(error)}`); })
      .finally(() => this.pending.delete(check));
    this.pending.add(check);
  }

  /** The analysis of an open document at its current version (for quick fixes and hovers). */
  async analysisOf(doc: vscode.TextDocument): Promise<EnvAnalysis> {
    const cached = this.analyses.get(doc.uri.toString());
    if (cached?.version === doc.version) return cached.analysis;
    const { detection } = await this.settings.forFolder(vscode.workspace.getWorkspaceFolder(doc.uri));
    return analyzeEnvText(doc.getText(), vscode.workspace.asRelativePath(doc.uri), detection, await this.loadersOf(doc.uri));
  }

  /** Re-checks every open env document now (after a settings change or a command). */
  async checkOpenDocuments(): Promise<void> {
    await Promise.all(vscode.workspace.textDocuments.map((doc) => this.checkDocumentIfEnv(doc)));
  }

  async checkDocumentIfEnv(doc: vscode.TextDocument): Promise<void> {
    if (doc.uri.scheme === 'git' || doc.uri.scheme === 'output') return;
    if (await this.files.isEnvDocument(doc)) {
      await this.checkDocument(doc);
    } else if (this.collection.has(doc.uri)) {
      this.clear(doc.uri); // excluded by a settings change while open
      this.fireCount();
    }
  }

  /** Checks an open document's current text. */
  async checkDocument(doc: vscode.TextDocument): Promise<void> {
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    // Taken before the settings are read: if they change meanwhile, this analyzer is not kept.
    const analyzer = this.analyzerFor(doc.uri);
    const { detection } = await this.settings.forFolder(folder);
    const loaders = await this.loadersOf(doc.uri);
    const version = doc.version;
    const analysis = analyzer.analyze(doc.getText(), vscode.workspace.asRelativePath(doc.uri), detection, loaders);
    if (doc.version !== version) return; // typed over while settings loaded: the next check follows
    this.analyses.set(doc.uri.toString(), { version, analysis });
    const context = analysis.findings.length > 0 ? await this.contextFor(doc.uri) : undefined;
    if (doc.version !== version) return;
    this.publish(doc.uri, analysis.findings, context);
  }

  /** Checks a file: its open document if there is one, else its content on disk. */
  async checkUri(uri: vscode.Uri): Promise<void> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return this.checkDocument(open);
    // Checks of one file overlap (a watcher fires twice, a rewrite follows a creation): only the
    // latest may publish, or an older read of the file would put back what it no longer holds.
    const key = uri.toString();
    const check = (this.diskChecks.get(key) ?? 0) + 1;
    this.diskChecks.set(key, check);
    const superseded = () => this.diskChecks.get(key) !== check;
    const label = vscode.workspace.asRelativePath(uri);
    let text: string;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_ENV_FILE_BYTES) throw tooLarge(uri.fsPath, label, stat.size);
      text = decodeEnvBytes(uri.fsPath, await vscode.workspace.fs.readFile(uri), label).text;
    } catch (error) {
      if (superseded()) return;
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
        this.clear(uri);
      } else {
        const message = error instanceof EnvFileError ? error.message : `${label} cannot be read`;
        this.log.warn(message);
        // An encrypted file is fine as it is; any other unreadable file was not checked.
        const encrypted = error instanceof EnvFileError && error.problem === 'encrypted';
        const severity = encrypted ? vscode.DiagnosticSeverity.Information : vscode.DiagnosticSeverity.Warning;
        const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), message, severity);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = UNREADABLE_CODE;
        this.collection.set(uri, [diagnostic]);
        this.secretCounts.delete(uri.toString());
      }
      this.fireCount();
      return;
    }
    const { detection } = await this.settings.forFolder(vscode.workspace.getWorkspaceFolder(uri));
    const { findings } = analyzeEnvText(text, label, detection, await this.loadersOf(uri));
    const context = findings.length > 0 ? await this.contextFor(uri) : undefined;
    if (superseded()) return;
    // The core counts a byte order mark as the first line's first column; the editor does not show it.
    this.publish(uri, findings, context, text.startsWith('\uFEFF') ? 1 : 0);
  }

  /** The file's project, environment and vault; a failure to tell (a broken `.envguard.json`) only leaves it out. */
  private contextFor(uri: vscode.Uri): Promise<FileContext | undefined> {
    const key = uri.toString();
    const generation = this.settings.generation;
    let entry = this.contexts.get(key);
    if (entry?.generation !== generation) {
      entry = { generation, context: this.contextOf(uri).catch(() => undefined) };
      this.contexts.set(key, entry);
    }
    return entry.context;
  }

  /** A cheap first test, by name, language or the index; checkDocumentIfEnv decides. */
  private mayBeEnvFile(doc: vscode.TextDocument): boolean {
    return doc.languageId === 'dotenv' || this.files.has(doc.uri) || isEnvFileName(doc.uri.path.slice(doc.uri.path.lastIndexOf('/') + 1));
  }

  private analyzerFor(uri: vscode.Uri): DocumentAnalyzer {
    const key = uri.toString();
    const generation = this.settings.generation;
    let entry = this.analyzers.get(key);
    if (entry?.generation !== generation) {
      entry = { generation, analyzer: new DocumentAnalyzer() };
      this.analyzers.set(key, entry);
    }
    return entry.analyzer;
  }

  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    this.timers.get(key)?.cancel();
    const check = (): void => {
      this.timers.delete(key);
      void this.checkDocumentIfEnv(doc);
    };
    // No delay set: check once the current burst of change events is handled, not a timer tick later.
    const delay = this.settings.delay();
    if (delay > 0) {
      const timer = setTimeout(check, delay);
      this.timers.set(key, { cancel: () => clearTimeout(timer) });
    } else {
      const immediate = setImmediate(check);
      this.timers.set(key, { cancel: () => clearImmediate(immediate) });
    }
  }

  private afterClose(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    this.analyses.delete(key);
    this.analyzers.delete(key);
    this.timers.get(key)?.cancel();
    this.timers.delete(key);
    if (this.files.has(doc.uri)) void this.checkUri(doc.uri);
    else { this.clear(doc.uri); this.fireCount(); }
  }

  /** `bom`: 1 when the analysed text starts with a byte order mark the editor does not count. */
  private publish(uri: vscode.Uri, findings: readonly Finding[], context?: FileContext, bom = 0): void {
    const base = this.settings.severity();
    // An edit changes a few findings of a big file: the diagnostics of the others are the ones published last time.
    const key = uri.toString();
    const last = this.published.get(key);
    const reusable = last !== undefined && last.context === context && last.bom === bom ? last.diagnostics : undefined;
    const diagnostics = new Map<string, vscode.Diagnostic>();
    this.collection.set(uri, findings.map((finding) => {
      const severity = diagnosticSeverity(base, finding);
      const identity = diagnosticIdentity(finding, severity);
      const diagnostic = reusable?.get(identity) ?? toDiagnostic(uri, finding, severity, context, bom);
      diagnostics.set(identity, diagnostic);
      return diagnostic;
    }));
    this.published.set(key, { context, bom, diagnostics });
    this.secretCounts.set(uri.toString(), findings.filter((f) => isPlaintextSecretRule(f.rule)).length);
    this.fireCount();
  }

  private clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.published.delete(uri.toString());
    this.secretCounts.delete(uri.toString());
  }

  private fireCount(): void {
    this.counted.fire(this.count);
  }

  dispose(): void {
    for (const timer of this.timers.values()) timer.cancel();
    for (const d of this.disposables) d.dispose();
  }
}

/** One step down: error → warning → information → hint. */
const LOWER: Record<SeverityName, SeverityName> = { error: 'warning', warning: 'information', information: 'hint', hint: 'hint' };

/**
 * `envguard.diagnostics.severity` is the level of the rules whose severity is `error` (a vendor
 * format, a password in a URL); a `warning` rule (a keyed shape, a random-looking token) shows one
 * step lower, an `info` rule two.
 */
export function diagnosticSeverity(base: SeverityName, finding: Pick<Finding, 'rule' | 'severity'>): vscode.DiagnosticSeverity {
  const severity = finding.severity ?? ruleDoc(finding.rule).severity;
  const level = severity === 'error' ? base : severity === 'warning' ? LOWER[base] : LOWER[LOWER[base]];
  return SEVERITY[level];
}

/**
 * Underlines the value (not the key); 1-based core positions become 0-based editor positions. The
 * related information says which environment of which project the file feeds, and where its secrets go.
 */
function toDiagnostic(uri: vscode.Uri, finding: Finding, severity: vscode.DiagnosticSeverity, context: FileContext | undefined, bom = 0): vscode.Diagnostic {
  const column = (line: number, c: number): number => c - 1 - (line === 1 ? bom : 0);
  const range = new vscode.Range(finding.valueLine - 1, column(finding.valueLine, finding.valueColumn), finding.valueEndLine - 1, column(finding.valueEndLine, finding.valueEndColumn));
  const diagnostic = new vscode.Diagnostic(range, finding.message, severity);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  // The code links to the rule's entry on the rules page: what the credential is and how to revoke it.
  diagnostic.code = { value: finding.rule, target: helpTarget(finding.rule) };
  if (context) diagnostic.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, range), describeFileContext(context))];
  return diagnostic;
}

/** Everything a diagnostic shows of a finding (the message names the key, never the value). */
function diagnosticIdentity(finding: Finding, severity: vscode.DiagnosticSeverity): string {
  return `${finding.rule}\n${severity}\n${finding.valueLine}:${finding.valueColumn}-${finding.valueEndLine}:${finding.valueEndColumn}\n${finding.message}`;
}

/** The rules page entry of each rule, parsed once (a big file has hundreds of findings of a few rules). */
const helpTargets = new Map<string, vscode.Uri>();

function helpTarget(rule: string): vscode.Uri {
  let target = helpTargets.get(rule);
  if (target === undefined) {
    target = vscode.Uri.parse(ruleHelpUri(rule));
    helpTargets.set(rule, target);
  }
  return target;
}
