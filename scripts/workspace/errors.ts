// Expected failures of the workspace CLI: a message for the operator and an exit code.
// 2 = the command was refused (bad input, duplicate, guard); 1 = an operation failed part-way.
export class CliError extends Error {
  readonly exitCode: 1 | 2;
  constructor(message: string, exitCode: 1 | 2 = 2) {
    super(message);
    this.exitCode = exitCode;
  }
}
