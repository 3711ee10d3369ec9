// The Python Debugger extension (ms-python.debugpy) starts `python -m debugpy.adapter` as the
// debug adapter for type `debugpy`; it is not on the npm registry, so the integration tests load
// this stand-in, which does only that, with Debian's python3-debugpy (installed by .ci/run).
// EnvGuard's own provider (for '*') is what is under test; the adapter, the launcher and the
// Python program are the real ones.
const vscode = require('vscode');

module.exports.activate = (context) => {
  const python = process.env.ENVGUARD_TEST_PYTHON || '/usr/bin/python3';
  context.subscriptions.push(vscode.debug.registerDebugAdapterDescriptorFactory('debugpy', {
    createDebugAdapterDescriptor: () => new vscode.DebugAdapterExecutable(python, ['-m', 'debugpy.adapter']),
  }));
};
